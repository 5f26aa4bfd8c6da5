"""The greedy first-come baseline and the greedy assignment used as a fallback start.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict

from samskap.workshops.solver.assemble import build_plan
from samskap.workshops.solver.costs import evaluate
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import (
    Plan,
    PlanningError,
    Problem,
    SolveStats,
    balanced_sizes,
    groups_needed,
)


def greedy_first_come(problem: Problem) -> Plan:
    """Baseline: first come, first served, then cancel small themes.

    People are processed in input order; each gets the best-ranked choice that
    still has a seat (a theme opens another table while the session has one
    left).  Afterwards themes below the minimum are cancelled and their people
    get one more first-come pass over the remaining seats.  Groups are
    consecutive chunks in registration order.
    """
    t0 = time.perf_counter()
    idx = ProblemIndex(problem)
    check_locks(idx)
    assign = greedy_assign(idx)
    groups: dict[tuple[str, str], list[list[str]]] = {}
    M = problem.settings.max_group_size
    running: set[tuple[str, str]] = set()
    for s in idx.sessions:
        members: dict[str, list[str]] = defaultdict(list)
        for pid in idx.attending[s]:
            t = assign.get((pid, s))
            if t is not None:
                members[t].append(pid)
        for t, mem in members.items():
            running.add((s, t))
            k = groups_needed(len(mem), M)
            chunks, pos = [], 0
            for size in balanced_sizes(len(mem), k):
                chunks.append(mem[pos : pos + size])
                pos += size
            groups[(s, t)] = chunks
    plan = build_plan(idx, assign, groups, running)
    ev = evaluate(problem, plan)
    plan.stats = SolveStats(
        status="GREEDY",
        objective=ev.objective,
        bound=float("nan"),
        gap=float("nan"),
        seconds=round(time.perf_counter() - t0, 3),
        breakdown=ev.breakdown,
        notes=ev.violations,
    )
    return plan

def check_locks(idx: ProblemIndex) -> None:
    M = idx.problem.settings.max_group_size
    per: dict[tuple[str, str], int] = Counter()
    for (_pid, s), pl in idx.problem.locked.items():
        per[(s, pl.theme)] += 1
    for s in idx.sessions:
        need = sum(groups_needed(c, M) for (s2, _), c in per.items() if s2 == s)
        if need > idx.tables(s):
            raise PlanningError(
                f"locked placements in session {s} need {need} tables but only "
                f"{idx.tables(s)} are available"
            )

def greedy_assign(idx: ProblemIndex) -> dict[tuple[str, str], str]:
    """First-come assignment (also the stage-1 warm start)."""
    st = idx.problem.settings
    M = st.max_group_size
    assign: dict[tuple[str, str], str] = {}
    order = idx.sessions
    labels_used: dict[str, set[str]] = defaultdict(set)

    def options(pid: str, s: str) -> list[str]:
        lock = idx.problem.locked.get((pid, s))
        if lock is not None:
            return [lock.theme]
        p = idx.people[pid]
        opts = list(p.choices.get(s) or [])
        if st.distinct_labels_across_sessions:
            opts = [t for t in opts if idx.label[(s, t)] not in labels_used[pid]]
        return opts

    def try_place(
        pid: str, s: str, allowed: set[str] | None, state: dict, count: Counter, groups: Counter
    ) -> bool:
        for t in options(pid, s):
            if allowed is not None and t not in allowed:
                continue
            if count[t] < M * groups[t]:
                count[t] += 1
                assign[(pid, s)] = t
                return True
            if state["used"] < state["tables"]:
                state["used"] += 1
                groups[t] += 1
                count[t] += 1
                assign[(pid, s)] = t
                return True
        return False

    for s in order:
        count: Counter = Counter()
        groups: Counter = Counter()
        state = {"used": 0, "tables": idx.tables(s)}
        # locked people first so their themes get tables
        locked_first = sorted(
            idx.attending[s], key=lambda pid: (pid, s) not in idx.problem.locked
        )

        for pid in locked_first:
            try_place(pid, s, None, state, count, groups)
        # cancel themes below the minimum (never themes holding a lock)
        locked_themes = {
            pl.theme for (pid, s2), pl in idx.problem.locked.items() if s2 == s
        }
        small = {
            t
            for t in count
            if count[t] < st.min_theme_size and t not in locked_themes
        }
        if small:
            moved = [pid for pid in locked_first if assign.get((pid, s)) in small]
            for t in small:
                state["used"] -= groups[t]
                groups[t] = 0
                count[t] = 0
            allowed = set(idx.themes[s]) - small
            for pid in moved:
                del assign[(pid, s)]
                try_place(pid, s, allowed, state, count, groups)
            # a theme may have dropped below the minimum again: cancel, unassign
            for t in list(count):
                if 0 < count[t] < st.min_theme_size and t not in locked_themes:
                    for pid in list(idx.attending[s]):
                        if assign.get((pid, s)) == t:
                            del assign[(pid, s)]
                    count[t] = 0
        for pid in idx.attending[s]:
            t = assign.get((pid, s))
            if t is not None:
                labels_used[pid].add(idx.label[(s, t)])
    return assign
