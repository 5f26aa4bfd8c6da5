"""Rotating round tables ("kunnskapsbord"): who presents at which table in which round, and who
listens where, planned from participants' ratings -- pure Python + OR-Tools, no Django.

``plan_tables(problem)``:

1. :mod:`aggregate` -- a CP-SAT model without rounds: how often each presenter presents and which
   rated presentations each person hears. It is a relaxation of the whole problem, so its proven
   bound is an upper bound of every plan.
2. :mod:`greedy` -- round by round, stage 1's presentations (or the most rated presenters') and a
   min-cost flow that seats listeners; the better of the two starts.
3. Small events (``FULL_MODEL_CELLS``): the whole problem as one exact CP-SAT model, every
   listener-presenter pair in every round (:func:`lns.resolve_rounds` over all rounds). Larger
   events: :mod:`lns`, a large-neighbourhood search that frees one or two rounds at a time and
   re-solves them exactly, never accepting a worse schedule.
4. :mod:`seating` seats everyone at a table and improves greedily; :mod:`verify` checks every rule.

The reported bound is the tightest proven one (the whole model's when it ran, else stage 1's); the
plan is optimal when its score reaches it.
"""

from __future__ import annotations

import time

from samskap.workshops.roundtables.aggregate import solve_aggregate
from samskap.workshops.roundtables.check import check_problem, check_settings
from samskap.workshops.roundtables.greedy import greedy_schedule
from samskap.workshops.roundtables.lns import improve, resolve_rounds
from samskap.workshops.roundtables.ratings import read_ratings
from samskap.workshops.roundtables.schedule import Schedule
from samskap.workshops.roundtables.seating import seat
from samskap.workshops.roundtables.types import (
    RoundPlan,
    TablesError,
    TableSlot,
    TablesPlan,
    TablesProblem,
    TablesSettings,
    TablesStats,
)
from samskap.workshops.roundtables.verify import score, violations

__all__ = [
    "RoundPlan", "TableSlot", "TablesError", "TablesPlan", "TablesProblem", "TablesSettings", "TablesStats",
    "check_problem", "check_settings", "plan_tables", "read_ratings", "score", "violations",
]

# people x presenters x rounds up to which the whole problem is one exact model
FULL_MODEL_CELLS = 40_000


def plan_tables(problem: TablesProblem) -> TablesPlan:
    started = time.perf_counter()
    check_problem(problem)
    st = problem.settings
    deadline = started + st.time_limit
    agg = solve_aggregate(problem, time_limit=0.25 * st.time_limit)
    bound = agg.bound
    starts = []
    for shows in (agg.shows, None):
        try:
            starts.append(greedy_schedule(problem, shows))
        except TablesError:
            pass
    empty = Schedule({r: [] for r in range(st.rounds)}, {r: [] for r in range(st.rounds)},
                     {r: [] for r in range(st.rounds)}, 0, False)
    schedule = max(starts, key=lambda s: s.value) if starts else empty
    method = "greedy + round LNS (CP-SAT)"
    cells = len(problem.people) * len(problem.presenters) * st.rounds
    if cells <= FULL_MODEL_CELLS or not starts:
        left = max(1.0, deadline - time.perf_counter())
        full = resolve_rounds(problem, schedule, list(range(st.rounds)), left, every_pair=cells <= FULL_MODEL_CELLS)
        if full is None and not starts:
            raise TablesError([f"No plan was found within {st.time_limit:.0f} s; allow more time."])
        if full is not None:
            bound = min(bound, full.bound)
            if full.schedule.value >= schedule.value:
                schedule = full.schedule
            method = "exact CP-SAT" if cells <= FULL_MODEL_CELLS else "CP-SAT"
    if schedule.value < bound and time.perf_counter() < deadline:
        schedule = improve(problem, schedule, deadline, bound=bound)
    rounds = seat(problem, schedule)
    problems = violations(problem, rounds)
    if problems:  # the construction guarantees none; never return a plan that breaks a rule
        raise TablesError(["The planner could not complete a valid plan: " + "; ".join(problems[:5])])
    value = score(problem, rounds)
    bound = max(value, bound)
    return TablesPlan(rounds, TablesStats(
        score=value, bound=bound, seconds=round(time.perf_counter() - started, 2),
        status="optimal" if value >= bound else "feasible", method=method))
