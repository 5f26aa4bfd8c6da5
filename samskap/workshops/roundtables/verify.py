"""Check a plan against every rule and compute its score (used by the CLI, tests and benchmarks)."""

from __future__ import annotations

from collections import Counter, defaultdict

from samskap.workshops.roundtables.types import RoundPlan, TablesProblem


def score(problem: TablesProblem, rounds: list[RoundPlan]) -> int:
    return sum(problem.rating(i, t.presenter) for rp in rounds for t in rp.tables for i in t.listeners)


def violations(problem: TablesProblem, rounds: list[RoundPlan]) -> list[str]:
    st = problem.settings
    out = []
    people = set(problem.people)
    presenters = set(problem.presenters)
    shows: Counter[str] = Counter()
    visits: Counter[str] = Counter()
    heard: dict[str, set[str]] = defaultdict(set)
    if len(rounds) != st.rounds:
        out.append(f"{len(rounds)} rounds instead of {st.rounds}")
    for rp in rounds:
        if len(rp.tables) > st.tables:
            out.append(f"round {rp.round}: {len(rp.tables)} tables, more than {st.tables}")
        seen: set[str] = set()
        for t in rp.tables:
            if t.presenter not in presenters:
                out.append(f"round {rp.round}: {t.presenter} presents but has no presentation")
            shows[t.presenter] += 1
            if len(t.listeners) > st.seats - 1:
                out.append(f"round {rp.round} table {t.table}: {len(t.listeners)} listeners, more than "
                           f"{st.seats - 1}")
            for who in (t.presenter, *t.listeners):
                if who in seen:
                    out.append(f"round {rp.round}: {who} is in two places")
                seen.add(who)
                if who not in people:
                    out.append(f"round {rp.round}: unknown person {who}")
            for i in t.listeners:
                visits[i] += 1
                if t.presenter in heard[i]:
                    out.append(f"{i} hears {t.presenter} twice")
                heard[i].add(t.presenter)
    for p, n in shows.items():
        if n > st.max_presentations:
            out.append(f"{p} presents {n} times, more than {st.max_presentations}")
    for i in problem.people:
        if not st.min_visits <= visits[i] <= st.max_visits:
            out.append(f"{i} visits {visits[i]} tables, outside {st.min_visits}-{st.max_visits}")
    return out
