"""Workshop planner ("utviklingsverksted") -- pure Python, no Django.

Problem
-------
A workshop has one or more *sessions* (parallel rounds).  Each session offers
*themes*.  Every participant ranks up to a few themes per session (an empty
list means "not attending that session").  The planner decides

* which themes run (a theme with fewer than ``min_theme_size`` people is
  cancelled and its people go to their next choice),
* one theme per person and session, only among the person's choices (or a
  locked placement); people that cannot be placed are reported with a reason,
* for every running theme the fewest groups (``ceil(n / max_group_size)``) with
  sizes differing by at most one, and at most ``max_groups_per_session``
  groups (tables) per session,
* a host ("bordvert") and a note-taker ("referent") per group: volunteers
  among the members first, otherwise organisers' staff, otherwise ``None``.

Objective (minimised, all integer weights, see :class:`Weights`)::

    sum  rank_cost[rank]           over placed person-sessions
  + unassigned                     per attending person-session not placed
  + move_theme                     per person-session whose theme differs from
                                   the previous plan (re-planning)
  + move_group                     per person kept in the same theme but moved
                                   to another group than in the previous plan
  + lack_municipality              per running group without a municipality,
                                   if the theme has any municipality registrant
  + lack_research                  same for research/knowledge actors
  + same_org_pair                  per pair of members of one group from the
                                   same organisation

Decomposition (exact, see docs/benchmarks.md)
-------------------------------------------------------
Stage 1 (one CP-SAT model) chooses running themes, group counts ``k_t`` and
the theme of every person.  The group-level mix and organisation terms are
represented *exactly* at theme level by their best achievable value for the
theme's head-counts:

* groups lacking a municipality  >= max(0, k_t - m_t)
* same-organisation pairs of org o >= g(n_ot, k_t) where
  g(n, k) = sum of C(size, 2) over an even split of n people into k groups
          = max_j ( j*n - k*j*(j+1)/2 )         (linear in n and k!)

Stage 2 splits each running theme into its k_t groups.  Dealing members
round-robin in the order (actor type, organisation) attains all these lower
bounds at the same time (each organisation and each actor-type block is a
contiguous run, so it is spread as evenly as possible, and the dealing keeps
group sizes within one).  The planner checks the bound is attained for every
theme; when it is not (previous/locked groups, or unusual data) that theme is
split by a small CP-SAT model instead.  Because every stage-1 term is a lower
bound of the group-level term, the stage-1 bound is a valid lower bound for
the *whole* problem, and the reported gap is (final objective - stage-1
bound) / final objective.  Group moves (re-planning only) are in stage 1 too:
every group label has a size, q or q+1 when open and 0 when closed, summing to
the head-count, and the members whose previous group was g beyond its size
move (``add_group_moves``); minimised over the sizes that is the fewest moves
of any balanced split (:func:`min_group_moves`, locks ignored), so the
stage-1 bound still bounds the whole objective.  Stage 2 keeps previous groups
with the large sizes where they keep one more person (``deal_keeping``), which
attains that minimum when the locked groups are the previous ones.

Bounds and warm starts
----------------------
The reported bound is the largest of three valid lower bounds: CP-SAT's
stage-1 bound, the LP relaxation of stage 1 (GLOP, large models), and the
table-knapsack relaxation (:func:`knapsack_bound`, proof in its docstring),
a small MIP that keeps group counts integral and the per-session table limit
exact (the LP may shave fractions of tables; that is where its bound was
weak), with per-theme costs computed exactly by a greedy.  Stage 1 starts
from the cheapest of: a min-cost flow with tables by first-choice demand
(:func:`flow_start`), and a min-cost-flow local search over the group
counts started from the knapsack relaxation's counts (:func:`local_search_k`).
With a previous plan the knapsack relaxation and the local search also count
the members of previous groups numbered above a theme's group count (those
groups are gone, so they move), the knapsack keeps the fewest-groups rule by
counting the people who must join a theme, and after stage 1 a theme that a
few newcomers would push to one more group is trimmed back when that is
cheaper (:func:`~samskap.workshops.solver.headcount.trim_group_counts`).
"""

from __future__ import annotations

import time

from samskap.workshops.solver.assemble import build_plan
from samskap.workshops.solver.bounds import KnapsackBound, ThemeTable, knapsack_bound
from samskap.workshops.solver.costs import (
    Evaluation,
    GroupCost,
    Metrics,
    evaluate,
    group_cost,
    theme_lower_bound,
)
from samskap.workshops.solver.greedy import check_locks, greedy_assign, greedy_first_come
from samskap.workshops.solver.headcount import trim_group_counts
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.stage1 import solve_stage1
from samskap.workshops.solver.stage2 import Roles, deal, pick_roles, solve_stage2
from samskap.workshops.solver.types import (
    ACTOR_TYPES,
    CancelReason,
    Group,
    Participant,
    Placement,
    Plan,
    PlanningError,
    Problem,
    Session,
    SessionPlan,
    Settings,
    SolveStats,
    StaffMember,
    Theme,
    ThemePlan,
    Unassigned,
    UnplacedReason,
    Weights,
    balanced_sizes,
    even_split_pairs,
    groups_needed,
    org_key,
)
from samskap.workshops.solver.warmstart import LocalSearchResult, flow_start, local_search_k

__all__ = [
    "ACTOR_TYPES", "CancelReason", "Evaluation", "Group", "GroupCost", "KnapsackBound", "LocalSearchResult",
    "Metrics", "Roles", "UnplacedReason", "pick_roles", "Participant", "Placement", "Plan", "PlanningError", "Problem", "ProblemIndex",
    "Session", "SessionPlan", "Settings", "SolveStats", "StaffMember", "Theme", "ThemePlan", "ThemeTable",
    "Unassigned", "Weights", "balanced_sizes", "deal", "evaluate", "even_split_pairs", "greedy_first_come",
    "group_cost", "groups_needed", "knapsack_bound", "local_search_k", "org_key", "solve", "theme_lower_bound",
]


def solve(problem: Problem) -> Plan:
    """Plan the workshop with the two-stage CP-SAT decomposition."""
    t0 = time.perf_counter()
    idx = ProblemIndex(problem)
    st = problem.settings
    check_locks(idx)
    hints: list[dict[tuple[str, str], str]] = []
    notes: list[str] = []
    kb = None
    if st.knapsack_bound:
        kb = knapsack_bound(idx, max(0.5, 0.25 * st.time_limit))
        if kb is not None:
            notes.append(f"table-knapsack bound {kb.bound:.0f} ({kb.status})")
    if st.use_hint:
        hint = flow_start(idx)
        hints.append(hint if hint is not None else greedy_assign(idx))
        if kb is not None:
            budget = 0.4 * st.time_limit - (time.perf_counter() - t0)
            if budget > 0.1:
                ls = local_search_k(idx, kb.k, kb.out, kb.best, budget)
                if ls is not None:
                    hints.append(ls.assign)
    s1 = solve_stage1(idx, max(0.5, st.time_limit * 0.85 - (time.perf_counter() - t0)), hints)
    s1_bound = max(s1.bound, kb.bound) if kb is not None else s1.bound
    if problem.previous:
        saved = trim_group_counts(idx, s1.assign)
        if saved:
            notes.append(f"head-count trim saved {saved} (fewer groups to fill by moving people)")
    t1 = time.perf_counter()
    remaining = max(1.0, st.time_limit - (t1 - t0))
    s2 = solve_stage2(idx, s1.assign, remaining)
    t2 = time.perf_counter()
    plan = build_plan(idx, s1.assign, s2.groups, s1.running)
    ev = evaluate(problem, plan)
    objective = ev.objective
    bound = max(0.0, min(s1_bound, objective))  # every cost term is >= 0
    gap = 0.0 if objective <= bound else (objective - bound) / max(1.0, abs(objective))
    status = "OPTIMAL" if gap <= 1e-9 else "FEASIBLE"
    plan.stats = SolveStats(
        status=status,
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=round(t2 - t0, 3),
        stage1_status=s1.status,
        stage1_objective=s1.objective,
        stage1_bound=s1_bound,
        stage1_seconds=round(t1 - t0, 3),
        stage2_seconds=round(t2 - t1, 3),
        stage2_cpsat_themes=s2.cpsat_themes,
        breakdown=ev.breakdown,
        notes=notes + s1.notes + s2.notes,
    )
    if ev.violations:  # defensive: should never happen
        plan.stats.notes.append("VIOLATIONS: " + "; ".join(ev.violations))
    return plan
