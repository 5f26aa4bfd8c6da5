"""Seat a schedule at tables: the scheduled pairs at their presenter's table, then every other
listener of the round at a table with a free seat whose presenter they have not heard (the best
rated first), then a pass that moves listeners to better free seats and fills idle rounds up to
``max_visits`` where a rated, unheard presenter has room."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from ortools.graph.python import min_cost_flow

from samskap.workshops.roundtables.schedule import Schedule
from samskap.workshops.roundtables.types import RoundPlan, TableSlot, TablesProblem


def _assign_round(problem: TablesProblem, listeners: list[str], free: dict[str, int],
                  heard: dict[str, set[str]]) -> dict[str, str]:
    """Listener -> presenter for one round, each listener at most once, seats respected; as many
    listeners as possible, then the highest ratings (min-cost flow)."""
    tables = [p for p, n in free.items() if n > 0]
    if not listeners or not tables:
        return {}
    flow = min_cost_flow.SimpleMinCostFlow()
    src, sink = 0, 1
    lid = {i: 2 + k for k, i in enumerate(listeners)}
    tid = {p: 2 + len(listeners) + k for k, p in enumerate(tables)}
    big = 10 * (len(listeners) + 1)
    for i in listeners:
        flow.add_arc_with_capacity_and_unit_cost(src, lid[i], 1, 0)
        for p in tables:
            if p != i and p not in heard[i]:
                flow.add_arc_with_capacity_and_unit_cost(lid[i], tid[p], 1, -(big + problem.rating(i, p)))
    for p in tables:
        flow.add_arc_with_capacity_and_unit_cost(tid[p], sink, free[p], 0)
    flow.add_arc_with_capacity_and_unit_cost(src, sink, len(listeners), 0)
    flow.set_node_supply(src, len(listeners))
    flow.set_node_supply(sink, -len(listeners))
    if flow.solve() != flow.OPTIMAL:
        return {}
    out = {}
    rev_l = {v: k for k, v in lid.items()}
    rev_t = {v: k for k, v in tid.items()}
    for a in range(flow.num_arcs()):
        if flow.flow(a) and flow.tail(a) in rev_l and flow.head(a) in rev_t:
            out[rev_l[flow.tail(a)]] = rev_t[flow.head(a)]
    return out


def seat(problem: TablesProblem, schedule: Schedule) -> list[RoundPlan]:
    st = problem.settings
    R = range(st.rounds)
    heard: dict[str, set[str]] = defaultdict(set)
    at: dict[int, dict[str, list[str]]] = {r: {p: [] for p in schedule.presenting[r]} for r in R}
    for r in R:
        for i, p in schedule.meetings[r]:
            at[r][p].append(i)
            heard[i].add(p)
    for r in R:
        free = {p: st.seats - 1 - len(ls) for p, ls in at[r].items()}
        placed = _assign_round(problem, schedule.extra[r], free, heard)
        for i, p in placed.items():
            at[r][p].append(i)
            heard[i].add(p)
    _repair_minimum(problem, at, heard)
    _improve(problem, at, heard)
    plans = []
    for r in R:
        slots = [TableSlot(table=k + 1, presenter=p, listeners=sorted(at[r][p], key=_order(problem)))
                 for k, p in enumerate(sorted(at[r], key=_order(problem)))]
        plans.append(RoundPlan(round=r + 1, tables=slots))
    return plans


def _order(problem: TablesProblem) -> Callable[[str], int]:
    pos = {p: k for k, p in enumerate(problem.people)}
    return lambda p: pos[p]


def _busy(at: dict[int, dict[str, list[str]]], r: int) -> set[str]:
    out = set(at[r])
    for ls in at[r].values():
        out.update(ls)
    return out


def _visits(at: dict[int, dict[str, list[str]]]) -> dict[str, int]:
    n: dict[str, int] = defaultdict(int)
    for tables in at.values():
        for ls in tables.values():
            for i in ls:
                n[i] += 1
    return n


def _repair_minimum(problem: TablesProblem, at: dict[int, dict[str, list[str]]],
                    heard: dict[str, set[str]]) -> None:
    st = problem.settings
    visits = _visits(at)
    for i in problem.people:
        for r in at:
            if visits[i] >= st.min_visits:
                break
            if i in _busy(at, r):
                continue
            options = [p for p, ls in at[r].items()
                       if p != i and p not in heard[i] and len(ls) < st.seats - 1]
            if options:
                p = max(options, key=lambda p: problem.rating(i, p))
                at[r][p].append(i)
                heard[i].add(p)
                visits[i] += 1


def _improve(problem: TablesProblem, at: dict[int, dict[str, list[str]]], heard: dict[str, set[str]]) -> None:
    """Greedy moves that only raise the score: to a better free seat in the same round, or into an
    idle round (while under ``max_visits``) at a rated presenter not yet heard."""
    st = problem.settings
    visits = _visits(at)
    changed = True
    while changed:
        changed = False
        for r, tables in at.items():
            for p, ls in list(tables.items()):
                for i in list(ls):
                    here = problem.rating(i, p)
                    best, best_q = here, None
                    for q, qs in tables.items():
                        if q != p and q != i and q not in heard[i] and len(qs) < st.seats - 1:
                            if problem.rating(i, q) > best:
                                best, best_q = problem.rating(i, q), q
                    if best_q is not None:
                        ls.remove(i)
                        heard[i].discard(p)
                        tables[best_q].append(i)
                        heard[i].add(best_q)
                        changed = True
            busy = _busy(at, r)
            for i in problem.people:
                if i in busy or visits[i] >= st.max_visits:
                    continue
                options = [(problem.rating(i, q), q) for q, qs in tables.items()
                           if q != i and q not in heard[i] and len(qs) < st.seats - 1 and problem.rating(i, q) > 0]
                if options:
                    _v, q = max(options)
                    tables[q].append(i)
                    heard[i].add(q)
                    visits[i] += 1
                    busy.add(i)
                    changed = True
