"""Stage 1: who hears whom and how often each presenter presents, rounds left out.

Every plan induces a solution of this model (``shows[p]`` = rounds p presents, ``hears`` = the rated
pairs heard, ``extra[i]`` = unrated presentations i sits in), so its optimum -- and CP-SAT's bound on
it -- is an upper bound of the full problem. Stage 2 (:mod:`schedule`) then tries to place exactly
this choice into rounds; when it succeeds the plan is optimal.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from samskap.workshops.roundtables.types import TablesError, TablesProblem


@dataclass(frozen=True)
class Aggregate:
    shows: dict[str, int]               # presenter -> number of presentations
    hears: frozenset[tuple[str, str]]   # (listener, presenter), rated pairs only
    extra: dict[str, int]               # listener -> unrated presentations to sit in
    value: int
    bound: int
    optimal: bool


def rated_pairs(problem: TablesProblem) -> list[tuple[str, str]]:
    return sorted((i, p) for (i, p), r in problem.ratings.items() if r > 0 and i != p)


def solve_aggregate(problem: TablesProblem, time_limit: float) -> Aggregate:
    st = problem.settings
    m = cp_model.CpModel()
    seats = st.seats - 1
    presenters = list(problem.presenters)
    pairs = rated_pairs(problem)
    shows = {p: m.new_int_var(0, min(st.max_presentations, st.rounds), f"c{p}") for p in presenters}
    hear = {pair: m.new_bool_var(f"z{pair[0]}_{pair[1]}") for pair in pairs}
    raters: dict[str, int] = {p: 0 for p in presenters}
    rated_by: dict[str, int] = {i: 0 for i in problem.people}
    for i, p in pairs:
        raters[p] += 1
        rated_by[i] += 1
    pres_set = set(presenters)
    extra = {}
    for i in problem.people:
        room = len(presenters) - (1 if i in pres_set else 0) - rated_by[i]
        extra[i] = m.new_int_var(0, max(0, min(room, st.max_visits)), f"u{i}")
    # unrated listeners seated at each presenter's table
    unrated_at = {}
    for p in presenters:
        room = len(problem.people) - 1 - raters[p]
        unrated_at[p] = m.new_int_var(0, max(0, room) * 1, f"w{p}")
    m.add(sum(shows.values()) <= st.rounds * st.tables)
    by_presenter: dict[str, list[cp_model.IntVar]] = {p: [] for p in presenters}
    by_listener: dict[str, list[cp_model.IntVar]] = {i: [] for i in problem.people}
    for (i, p), var in hear.items():
        by_presenter[p].append(var)
        by_listener[i].append(var)
    for p in presenters:
        m.add(sum(by_presenter[p]) + unrated_at[p] <= seats * shows[p])
    m.add(sum(unrated_at.values()) == sum(extra.values()))
    for i in problem.people:
        visits = sum(by_listener[i]) + extra[i]
        m.add(visits >= st.min_visits)
        m.add(visits <= st.max_visits)
        if i in shows:
            m.add(visits + shows[i] <= st.rounds)
        else:
            m.add(visits <= st.rounds)
    m.maximize(sum(problem.ratings[pair] * var for pair, var in hear.items()))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, time_limit)
    solver.parameters.num_workers = problem.settings.num_workers
    solver.parameters.random_seed = problem.settings.seed
    status = solver.solve(m)
    if status == cp_model.INFEASIBLE:
        raise TablesError(["No plan meets these settings (seats, presentations and visits cannot all be "
                           "satisfied); allow more presentations, tables or seats, or fewer minimum visits."])
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise TablesError([f"No plan was found within {time_limit:.0f} s; allow more time."])
    chosen = frozenset(pair for pair, var in hear.items() if solver.value(var))
    return Aggregate(
        shows={p: int(solver.value(v)) for p, v in shows.items()},
        hears=chosen,
        extra={i: int(solver.value(v)) for i, v in extra.items()},
        value=int(round(solver.objective_value)),
        bound=int(solver.best_objective_bound + 1e-6),
        optimal=status == cp_model.OPTIMAL,
    )
