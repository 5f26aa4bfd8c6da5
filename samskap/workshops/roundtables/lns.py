"""Stage 3: large-neighbourhood search over rounds.

Repeatedly frees a few rounds of the current schedule and re-solves them exactly with CP-SAT: who
presents in them (within each presenter's remaining presentations), which rated presentations each
person hears in them (any rated presenter not heard in the other rounds) and who sits in an unrated
one, keeping every person's visits within bounds given the fixed rounds. A neighbourhood is accepted
only when it does not lower the score, so the schedule never gets worse.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from samskap.workshops.roundtables.schedule import Schedule
from samskap.workshops.roundtables.types import TablesError, TablesProblem


def _value(problem: TablesProblem, schedule: Schedule) -> int:
    return sum(problem.rating(*pair) for pairs in schedule.meetings.values() for pair in pairs)


@dataclass(frozen=True)
class Resolved:
    schedule: Schedule
    optimal: bool
    bound: int  # an upper bound of the score over every schedule that keeps the other rounds


def resolve_rounds(problem: TablesProblem, schedule: Schedule, free: list[int], time_limit: float, *,
                   every_pair: bool = False) -> Resolved | None:
    """Re-solve the rounds ``free`` exactly, keeping the others. With ``every_pair`` unrated
    presentations are modelled pair by pair too (exact seating; for small events), otherwise as a
    count per listener and round that :mod:`seating` places."""
    st = problem.settings
    fixed = [r for r in schedule.presenting if r not in free]
    shows_out: Counter[str] = Counter(p for r in fixed for p in schedule.presenting[r])
    visits_out: Counter[str] = Counter()
    heard_out: dict[str, set[str]] = defaultdict(set)
    for r in fixed:
        for i, p in schedule.meetings[r]:
            visits_out[i] += 1
            heard_out[i].add(p)
        for i in schedule.extra[r]:
            visits_out[i] += 1
    m = cp_model.CpModel()
    presenters = [p for p in problem.presenters if shows_out[p] < st.max_presentations]
    present = {(p, r): m.new_bool_var("") for p in presenters for r in free}
    if every_pair:
        pairs = [(i, p) for i in problem.people for p in presenters if i != p and p not in heard_out[i]]
    else:
        pairs = [(i, p) for (i, p), v in problem.ratings.items()
                 if v > 0 and i != p and p not in heard_out[i] and shows_out[p] < st.max_presentations]
    meet = {(pair, r): m.new_bool_var("") for pair in pairs for r in free}
    extra = {} if every_pair else {(i, r): m.new_bool_var("") for i in problem.people for r in free}
    for p in presenters:
        m.add(sum(present[(p, r)] for r in free) <= st.max_presentations - shows_out[p])
    table: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    person: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    pair_vars: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    for (pair, r), var in meet.items():
        i, p = pair
        m.add_implication(var, present[(p, r)])
        table[(p, r)].append(var)
        person[(i, r)].append(var)
        pair_vars[pair].append(var)
    for vs in pair_vars.values():
        if len(vs) > 1:
            m.add(sum(vs) <= 1)
    for (p, r), vs in table.items():
        m.add(sum(vs) <= (st.seats - 1) * present[(p, r)])
    for r in free:
        m.add(sum(present[(p, r)] for p in presenters) <= st.tables)
        listeners = [v for (i, rr), vs in person.items() if rr == r for v in vs]
        if extra:
            listeners += [extra[(i, r)] for i in problem.people]
            m.add(sum(listeners) <= (st.seats - 1) * sum(present[(p, r)] for p in presenters))
    for i in problem.people:
        total = []
        for r in free:
            mine = person.get((i, r), []) + ([extra[(i, r)]] if extra else [])
            own = [present[(i, r)]] if (i, r) in present else []
            m.add(sum(mine) + sum(own) <= 1)
            total.extend(mine)
        m.add(sum(total) >= st.min_visits - visits_out[i])
        m.add(sum(total) <= st.max_visits - visits_out[i])
    m.maximize(sum(problem.rating(*pair) * var for (pair, _r), var in meet.items()))
    current = {(pair, r) for r in free for pair in schedule.meetings[r]}
    for key, var in meet.items():
        m.add_hint(var, 1 if key in current else 0)
    for (p, r), var in present.items():
        m.add_hint(var, 1 if p in schedule.presenting[r] else 0)
    for (i, r), var in extra.items():
        m.add_hint(var, 1 if i in schedule.extra[r] else 0)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = st.num_workers
    solver.parameters.random_seed = st.seed
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE and len(free) == len(schedule.presenting):
        raise TablesError(["No plan meets these settings (seats, presentations and visits cannot all be "
                           "satisfied); allow more presentations, tables or seats, or fewer minimum visits."])
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    presenting = dict(schedule.presenting)
    meetings = dict(schedule.meetings)
    extras = dict(schedule.extra)
    for r in free:
        presenting[r] = [p for p in presenters if solver.value(present[(p, r)])]
        chosen = [pair for pair in pairs if solver.value(meet[(pair, r)])]
        meetings[r] = [pair for pair in chosen if problem.rating(*pair) > 0]
        extras[r] = ([i for i in problem.people if solver.value(extra[(i, r)])] if extra else [])
        if every_pair:  # unrated pairs are seated exactly where the model put them
            fixed_extra = [pair for pair in chosen if problem.rating(*pair) == 0]
            meetings[r] += fixed_extra
    new = Schedule(presenting, meetings, extras, _value(problem, Schedule(presenting, meetings, extras, 0, False)),
                   False)
    fixed_value = sum(problem.rating(*pair) for r in fixed for pair in schedule.meetings[r])
    return Resolved(new, status == cp_model.OPTIMAL, fixed_value + int(solver.best_objective_bound + 1e-6))


def improve(problem: TablesProblem, schedule: Schedule, deadline: float, *, bound: int,
            step_limit: float = 1.5) -> Schedule:
    rnd = random.Random(problem.settings.seed)
    rounds = list(schedule.presenting)
    best = schedule
    while time.perf_counter() < deadline - 0.2 and best.value < bound:
        free = rnd.sample(rounds, min(len(rounds), rnd.choice((1, 2))))
        left = deadline - time.perf_counter()
        candidate = resolve_rounds(problem, best, free, min(step_limit, max(0.2, left)))
        if candidate is not None and candidate.schedule.value >= best.value:
            best = candidate.schedule
    return best
