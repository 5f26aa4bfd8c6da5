"""Simulated-annealing baseline for the benchmark (not used by the planner).

Presenters per round are fixed by interest (the most rated presenters, each up to
``max_presentations`` times, spread round-robin); listeners start from a random feasible seating and
move by Metropolis acceptance: move a listener to another table, seat or unseat them (within their
visit bounds), or swap two listeners of a round. Temperature falls geometrically over the time limit.
"""

from __future__ import annotations

import math
import random
import time
from collections import Counter

from samskap.workshops.roundtables.types import RoundPlan, TablesError, TableSlot, TablesProblem


def anneal(problem: TablesProblem, time_limit: float, *, t0: float = 2.0, t1: float = 0.02) -> list[RoundPlan]:
    st = problem.settings
    rnd = random.Random(st.seed)
    interest: Counter[str] = Counter()
    for (_i, p), r in problem.ratings.items():
        interest[p] += r
    slots = []
    for p in sorted(problem.presenters, key=lambda p: -interest[p]):
        slots.extend([p] * st.max_presentations)
    slots = slots[: st.rounds * st.tables]
    rounds: list[list[str]] = [[] for _ in range(st.rounds)]
    k = 0
    for p in slots:  # round-robin so that a presenter's presentations fall in different rounds
        for _ in range(st.rounds):
            r = k % st.rounds
            k += 1
            if p not in rounds[r] and len(rounds[r]) < st.tables:
                rounds[r].append(p)
                break
    cap = st.seats - 1
    seat: dict[tuple[str, int], str | None] = {}
    count: Counter[tuple[str, int]] = Counter()
    heard: dict[str, set[str]] = {i: set() for i in problem.people}
    visits: Counter[str] = Counter()
    presenting = [set(rs) for rs in rounds]
    # random feasible start: everyone up to min_visits, in random order of rounds
    for i in problem.people:
        order = list(range(st.rounds))
        rnd.shuffle(order)
        for r in order:
            if visits[i] >= st.min_visits:
                break
            if i in presenting[r]:
                continue
            options = [p for p in rounds[r] if p != i and p not in heard[i] and count[(p, r)] < cap]
            if options:
                p = rnd.choice(options)
                seat[(i, r)] = p
                count[(p, r)] += 1
                heard[i].add(p)
                visits[i] += 1
        if visits[i] < st.min_visits:
            raise TablesError([f"The annealing start could not seat person {i} at {st.min_visits} tables."])
    people = list(problem.people)
    rating = problem.rating
    started = time.perf_counter()
    steps = 0
    temp = t0
    while True:
        if steps % 256 == 0:
            frac = (time.perf_counter() - started) / time_limit
            if frac >= 1:
                break
            temp = t0 * (t1 / t0) ** frac
        steps += 1
        i = rnd.choice(people)
        r = rnd.randrange(st.rounds)
        if i in presenting[r] or not rounds[r]:
            continue
        cur = seat.get((i, r))
        if rnd.random() < 0.3 and cur is not None:  # swap with another listener of the round
            other = rnd.choice(rounds[r])
            if other == cur or other == i or count[(other, r)] == 0:
                continue
            others = [j for j in people if seat.get((j, r)) == other]
            if not others:
                continue
            j = rnd.choice(others)
            if other in heard[i] or cur in heard[j] or cur == j:
                continue
            delta = rating(i, other) + rating(j, cur) - rating(i, cur) - rating(j, other)
            if delta >= 0 or rnd.random() < math.exp(delta / temp):
                heard[i].discard(cur)
                heard[j].discard(other)
                heard[i].add(other)
                heard[j].add(cur)
                seat[(i, r)], seat[(j, r)] = other, cur
            continue
        q: str | None = rnd.choice([*rounds[r], None])
        if q == cur or q == i or (q is not None and (q in heard[i] or count[(q, r)] >= cap)):
            continue
        if cur is None and visits[i] >= st.max_visits:
            continue
        if q is None and visits[i] <= st.min_visits:
            continue
        delta = (rating(i, q) if q else 0) - (rating(i, cur) if cur else 0)
        if delta >= 0 or rnd.random() < math.exp(delta / temp):
            if cur is not None:
                count[(cur, r)] -= 1
                heard[i].discard(cur)
                visits[i] -= 1
            if q is not None:
                count[(q, r)] += 1
                heard[i].add(q)
                visits[i] += 1
            seat[(i, r)] = q
    plans = []
    for r in range(st.rounds):
        tables = [TableSlot(table=k + 1, presenter=p,
                            listeners=[i for i in people if seat.get((i, r)) == p])
                  for k, p in enumerate(rounds[r])]
        plans.append(RoundPlan(round=r + 1, tables=tables))
    return plans
