"""A constructive schedule that always respects every rule: round by round, the presenters with the
most presentations left and the most interest present; then a min-cost flow seats listeners, first
those who must sit now to reach ``min_visits``, then by rating. Used as the start of the search and as
the baseline ``greedy`` in the benchmark."""

from __future__ import annotations

from collections import Counter, defaultdict

from ortools.graph.python import min_cost_flow

from samskap.workshops.roundtables.schedule import Schedule
from samskap.workshops.roundtables.types import TablesError, TablesProblem


def _interest(problem: TablesProblem) -> Counter[str]:
    out: Counter[str] = Counter()
    for (_i, p), r in problem.ratings.items():
        out[p] += r
    return out


def greedy_schedule(problem: TablesProblem, shows: dict[str, int] | None = None) -> Schedule:
    st = problem.settings
    interest = _interest(problem)
    if shows is None:
        shows = {}
        budget = st.rounds * st.tables
        for p in sorted(problem.presenters, key=lambda p: -interest[p]):
            take = min(st.max_presentations, budget)
            shows[p] = take
            budget -= take
    left = dict(shows)
    visits: Counter[str] = Counter()
    heard: dict[str, set[str]] = defaultdict(set)
    presenting: dict[int, list[str]] = {}
    meetings: dict[int, list[tuple[str, str]]] = {}
    extra: dict[int, list[str]] = {}
    for r in range(st.rounds):
        rounds_left = st.rounds - r
        # presenters who would otherwise miss their budget first, then by interest
        cands = [p for p in problem.presenters if left.get(p, 0) > 0]
        cands.sort(key=lambda p: (-(left[p] >= rounds_left), -left[p], -interest[p]))
        chosen = cands[: st.tables]
        for p in chosen:
            left[p] -= 1
        presenting[r] = chosen
        busy = set(chosen)
        listeners = [i for i in problem.people if i not in busy and visits[i] < st.max_visits]
        seats = st.seats - 1
        flow = min_cost_flow.SimpleMinCostFlow()
        src, sink = 0, 1
        lid = {i: 2 + k for k, i in enumerate(listeners)}
        tid = {p: 2 + len(listeners) + k for k, p in enumerate(chosen)}
        must_weight = 1000
        for i in listeners:
            must = st.min_visits - visits[i] >= rounds_left - _future_presenting(left, i, rounds_left)
            flow.add_arc_with_capacity_and_unit_cost(src, lid[i], 1, 0)
            for p in chosen:
                if p == i or p in heard[i]:
                    continue
                rating = problem.rating(i, p)
                if rating == 0 and visits[i] >= st.min_visits:
                    continue
                gain = rating * 10 + (must_weight if must else 0) + (1 if visits[i] < st.min_visits else 0)
                flow.add_arc_with_capacity_and_unit_cost(lid[i], tid[p], 1, -gain)
        for p in chosen:
            flow.add_arc_with_capacity_and_unit_cost(tid[p], sink, seats, 0)
        flow.add_arc_with_capacity_and_unit_cost(src, sink, len(listeners), 0)
        flow.set_node_supply(src, len(listeners))
        flow.set_node_supply(sink, -len(listeners))
        meetings[r], extra[r] = [], []
        if listeners and chosen and flow.solve() == flow.OPTIMAL:
            rev_l = {v: k for k, v in lid.items()}
            rev_t = {v: k for k, v in tid.items()}
            for a in range(flow.num_arcs()):
                if flow.flow(a) and flow.tail(a) in rev_l and flow.head(a) in rev_t:
                    i, p = rev_l[flow.tail(a)], rev_t[flow.head(a)]
                    visits[i] += 1
                    heard[i].add(p)
                    if problem.rating(i, p) > 0:
                        meetings[r].append((i, p))
                    else:
                        extra[r].append(i)
    short = [i for i in problem.people if visits[i] < st.min_visits]
    if short:
        raise TablesError([f"The greedy start could not seat person {short[0]} at {st.min_visits} tables."])
    value = sum(problem.ratings[pair] for pairs in meetings.values() for pair in pairs)
    return Schedule(presenting, meetings, extra, value, False)


def _future_presenting(left: dict[str, int], person: str, rounds_left: int) -> int:
    return min(left.get(person, 0), rounds_left)
