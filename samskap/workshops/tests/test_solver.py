"""Planner tests; optimality is proven against brute-force enumeration."""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter

import pytest

from samskap.workshops.solver import (
    Participant,
    Placement,
    PlanningError,
    Problem,
    ProblemIndex,
    Session,
    Settings,
    StaffMember,
    Theme,
    ThemeTable,
    UnplacedReason,
    Weights,
    balanced_sizes,
    deal,
    evaluate,
    even_split_pairs,
    greedy_first_come,
    knapsack_bound,
    local_search_k,
    solve,
    theme_lower_bound,
)

ORGS = [
    ("Steinkjer kommune", "municipality"),
    ("Levanger kommune", "municipality"),
    ("NTNU", "research"),
    ("Nord universitet", "research"),
    ("KS", "funding"),
    ("Annet AS", "other"),
]


# ---------------------------------------------------------------------------
# Independent brute force (does not use the solver's cost code)
# ---------------------------------------------------------------------------


def _group_splits(members: list[str], k: int):
    """All assignments of members to k labelled groups with balanced sizes."""
    n = len(members)
    lo, hi = n // k, -(-n // k)
    for labels in itertools.product(range(k), repeat=n):
        sizes = Counter(labels)
        if all(lo <= sizes[g] <= hi for g in range(k)):
            groups = [[] for _ in range(k)]
            for p, g in zip(members, labels, strict=True):
                groups[g].append(p)
            yield groups


def brute_force(problem: Problem) -> float:
    st = problem.settings
    W = st.weights
    M = st.max_group_size
    people = {p.id: p for p in problem.participants}
    sessions = [s.id for s in problem.sessions]
    label = {(s.id, t.id): t.label for s in problem.sessions for t in s.themes}
    slots = []  # (pid, session, options)
    for p in problem.participants:
        for s in sessions:
            lock = problem.locked.get((p.id, s))
            if lock is not None:
                slots.append((p.id, s, [lock.theme]))
            elif p.choices.get(s):
                slots.append((p.id, s, list(p.choices[s]) + [None]))
    cand = Counter()
    has = {}
    for p in problem.participants:
        for s in sessions:
            opts = set(p.choices.get(s) or [])
            if (p.id, s) in problem.locked:
                opts.add(problem.locked[(p.id, s)].theme)
            for t in opts:
                cand[(s, t)] += 1
                has[(s, t, p.actor_type)] = True

    cache: dict = {}

    def theme_cost(s, t, members):
        key = (s, t, tuple(sorted(members)))
        if key in cache:
            return cache[key]
        k = math.ceil(len(members) / M)
        best = math.inf
        for groups in _group_splits(sorted(members), k):
            c = 0
            for gi, g in enumerate(groups, start=1):
                types = {people[p].actor_type for p in g}
                if has.get((s, t, "municipality")) and "municipality" not in types:
                    c += W.lack_municipality
                if has.get((s, t, "research")) and "research" not in types:
                    c += W.lack_research
                orgs = Counter(" ".join(people[p].organisation.casefold().split()) for p in g)
                c += W.same_org_pair * sum(v * (v - 1) // 2 for o, v in orgs.items() if o)
                for p in g:
                    prev = problem.previous.get((p, s))
                    if prev and prev.theme == t and prev.group is not None and prev.group != gi:
                        c += W.move_group
                    lock = problem.locked.get((p, s))
                    if lock and lock.group is not None and lock.group != gi:
                        c += math.inf
            best = min(best, c)
        cache[key] = best
        return best

    best = math.inf
    for combo in itertools.product(*[opts for _, _, opts in slots]):
        cost = 0
        members: dict = {}
        used_labels: dict = {}
        ok = True
        for (pid, s, _), t in zip(slots, combo, strict=True):
            prev = problem.previous.get((pid, s))
            if prev is not None and prev.theme != t:
                cost += W.move_theme
            if t is None:
                cost += W.unassigned
                continue
            ch = people[pid].choices.get(s) or []
            cost += W.rank[ch.index(t)] if t in ch else 0
            members.setdefault((s, t), []).append(pid)
            if st.distinct_labels_across_sessions and not any(
                (pid, s2) in problem.locked for s2 in sessions
            ):
                lab = label[(s, t)]
                if lab in used_labels.setdefault(pid, set()):
                    ok = False
                    break
                used_labels[pid].add(lab)
        if not ok or cost >= best:
            continue
        tables = Counter()
        for (s, _t), mem in members.items():
            if len(mem) < st.min_theme_size:
                ok = False
                break
            tables[s] += math.ceil(len(mem) / M)
        if not ok:
            continue
        T = st.max_groups_per_session
        if T is not None and any(v > T for v in tables.values()):
            continue
        for (s, t), mem in members.items():
            cost += theme_cost(s, t, mem)
            if cost >= best:
                break
        best = min(best, cost)
    return best


def random_problem(seed: int, n_people: int, n_sessions: int, n_choices: int, **settings):
    rnd = random.Random(seed)
    themes = ["A", "B", "C"]
    sessions = [Session(str(s + 1), [Theme(t, f"Tema {t}") for t in themes]) for s in range(n_sessions)]
    people = []
    for i in range(n_people):
        org, typ = rnd.choice(ORGS)
        choices = {}
        for s in sessions:
            if rnd.random() < 0.15:
                choices[s.id] = []
            else:
                choices[s.id] = rnd.sample(themes, n_choices)
        people.append(
            Participant(f"p{i}", f"Person {i}", org, typ, choices,
                        volunteer_host=rnd.random() < 0.3,
                        volunteer_note_taker=rnd.random() < 0.3)
        )
    st = Settings(time_limit=20, **settings)
    return Problem(sessions, people, [StaffMember("s1", "Staff One")], st)


CASES = [
    # seed, people, sessions, choices, settings
    (1, 8, 1, 3, dict(min_theme_size=2, max_group_size=3, max_groups_per_session=3)),
    (2, 8, 1, 3, dict(min_theme_size=3, max_group_size=2, max_groups_per_session=4)),
    (3, 7, 1, 2, dict(min_theme_size=3, max_group_size=3, max_groups_per_session=2)),
    (4, 8, 1, 3, dict(min_theme_size=2, max_group_size=4, max_groups_per_session=2)),
    (5, 6, 2, 2, dict(min_theme_size=2, max_group_size=3, max_groups_per_session=2)),
    (6, 6, 2, 2, dict(min_theme_size=2, max_group_size=2, max_groups_per_session=3)),
    (7, 5, 2, 3, dict(min_theme_size=2, max_group_size=3, max_groups_per_session=2)),
    (8, 8, 1, 3, dict(min_theme_size=4, max_group_size=3, max_groups_per_session=2)),
]


@pytest.mark.parametrize("seed,n,ns,nc,settings", CASES)
def test_optimal_against_brute_force(seed, n, ns, nc, settings):
    problem = random_problem(seed, n, ns, nc, **settings)
    expected = brute_force(problem)
    plan = solve(problem)
    ev = evaluate(problem, plan)
    assert ev.violations == []
    assert plan.stats.objective == ev.objective
    assert plan.stats.objective == pytest.approx(expected)
    assert plan.stats.status == "OPTIMAL"
    assert plan.stats.bound == pytest.approx(expected)
    assert plan.stats.gap == 0
    # the table-knapsack relaxation is a valid lower bound on its own
    kb = knapsack_bound(ProblemIndex(problem), 10.0)
    assert kb is not None and kb.bound <= expected + 1e-9


def test_optimal_with_heavier_mix_and_org_weights():
    # weights where mix/org terms trade against preferences
    for seed in (11, 12, 13):
        problem = random_problem(seed, 7, 1, 3, min_theme_size=2, max_group_size=3,
                                 max_groups_per_session=3)
        problem.settings.weights = Weights(rank=(0, 2, 5), lack_municipality=3,
                                           lack_research=3, same_org_pair=4)
        expected = brute_force(problem)
        assert solve(problem).stats.objective == pytest.approx(expected)
        assert knapsack_bound(ProblemIndex(problem), 10.0).bound <= expected + 1e-9


def test_replan_with_locks_and_previous_plan():
    problem = random_problem(21, 7, 1, 3, min_theme_size=2, max_group_size=3,
                             max_groups_per_session=3)
    first = solve(problem)
    prev = first.placements()
    # late change: one person changes choices, one lock
    p0 = problem.participants[0]
    p0.choices["1"] = list(reversed(p0.choices["1"])) if p0.choices["1"] else ["A"]
    locked_key = next(iter(sorted(prev)))
    problem.previous = prev
    problem.locked = {locked_key: prev[locked_key]}
    plan = solve(problem)
    ev = evaluate(problem, plan)
    assert ev.violations == []
    assert plan.placements()[locked_key] == prev[locked_key]
    expected = brute_force(problem)
    # the bound is valid and the plan is within the reported gap
    assert plan.stats.bound <= expected + 1e-9 <= plan.stats.objective + 1e-9
    assert knapsack_bound(ProblemIndex(problem), 10.0).bound <= expected + 1e-9
    # without group-move costs the decomposition is exact
    problem.settings.weights = Weights(move_group=0)
    plan0 = solve(problem)
    assert plan0.stats.objective == pytest.approx(brute_force(problem))
    # everyone else keeps their theme when nothing forces a move
    moved = [k for k, v in plan0.placements().items() if k in prev and prev[k].theme != v.theme]
    assert len(moved) <= 2


def test_replan_minimal_change_large_move_weight():
    problem = random_problem(31, 8, 1, 3, min_theme_size=2, max_group_size=3,
                             max_groups_per_session=3)
    prev = solve(problem).placements()
    problem.previous = prev
    plan = solve(problem)  # nothing changed: keep the published plan
    assert {k: v.theme for k, v in plan.placements().items()} == {k: v.theme for k, v in prev.items()}
    assert plan.stats.breakdown["n_group_moves"] == 0


def test_cancelled_theme_people_move_to_next_choice():
    sessions = [Session("1", [Theme("A", "A"), Theme("B", "B"), Theme("X", "X")])]
    people = [Participant(f"a{i}", f"A{i}", f"Org{i}", "municipality", {"1": ["A", "B"]})
              for i in range(4)]
    people += [Participant(f"x{i}", f"X{i}", f"XOrg{i}", "research", {"1": ["X", "B"]})
               for i in range(2)]
    problem = Problem(sessions, people, [], Settings(min_theme_size=3, max_group_size=4))
    plan = solve(problem)
    status = {tp.theme: tp.status for tp in plan.sessions[0].themes}
    assert status["X"] == "cancelled"
    pl = plan.placements()
    assert pl[("x0", "1")].theme in ("A", "B")
    assert plan.unassigned == []


def test_unassigned_reason_when_all_choices_cancelled():
    sessions = [Session("1", [Theme("A", "A"), Theme("X", "X")])]
    people = [Participant(f"a{i}", f"A{i}", "", "municipality", {"1": ["A"]}) for i in range(3)]
    people.append(Participant("lonely", "Lonely", "", "other", {"1": ["X"]}))
    people.append(Participant("absent", "Absent", "", "other", {"1": []}))
    plan = solve(Problem(sessions, people, [], Settings(min_theme_size=2, max_group_size=4)))
    assert [(u.participant, u.session) for u in plan.unassigned] == [("lonely", "1")]
    assert plan.unassigned[0].reason == UnplacedReason.CANCELLED and plan.unassigned[0].themes == ("X",)
    assert ("absent", "1") not in plan.placements()


def test_fewest_groups_balanced_and_table_limit():
    sessions = [Session("1", [Theme("A", "A"), Theme("B", "B")])]
    people = [Participant(f"p{i}", f"P{i}", f"O{i % 3}", "municipality", {"1": ["A", "B"]})
              for i in range(9)]
    people += [Participant(f"q{i}", f"Q{i}", f"R{i % 2}", "research", {"1": ["B", "A"]})
               for i in range(5)]
    st = Settings(min_theme_size=2, max_group_size=4, max_groups_per_session=4)
    plan = solve(Problem(sessions, people, [], st))
    ev = evaluate(Problem(sessions, people, [], st), plan)
    assert ev.violations == []
    total = 0
    for tp in plan.sessions[0].themes:
        n = sum(len(g.members) for g in tp.groups)
        assert len(tp.groups) == math.ceil(n / 4)
        sizes = [len(g.members) for g in tp.groups]
        assert max(sizes) - min(sizes) <= 1
        total += len(tp.groups)
    assert total <= 4
    assert plan.sessions[0].tables_used == total


def test_roles_volunteers_then_staff_then_none():
    sessions = [Session("1", [Theme("A", "A")])]
    people = [Participant(f"p{i}", f"P{i}", f"O{i}", "municipality", {"1": ["A"]},
                          volunteer_host=(i == 0), volunteer_note_taker=(i == 1))
              for i in range(6)]
    st = Settings(min_theme_size=2, max_group_size=2)
    plan = solve(Problem(sessions, people, [StaffMember("s1", "Staff")], st))
    groups = plan.sessions[0].themes[0].groups
    assert len(groups) == 3
    kinds = Counter((g.host_kind, g.note_taker_kind) for g in groups)
    hosts = [g.host for g in groups]
    assert "p0" in hosts and "s1" in hosts + [g.note_taker for g in groups]
    assert any(g.note_taker == "p1" for g in groups)
    # 3 groups need 6 roles: 2 volunteers + 1 staff, the rest stay empty
    filled = sum(g.host is not None for g in groups) + sum(g.note_taker is not None for g in groups)
    assert filled == 3 and kinds


def test_mix_and_org_spread_in_groups():
    sessions = [Session("1", [Theme("A", "A")])]
    people = [Participant(f"m{i}", f"M{i}", "Steinkjer kommune", "municipality", {"1": ["A"]})
              for i in range(6)]
    people += [Participant(f"r{i}", f"R{i}", "NTNU", "research", {"1": ["A"]}) for i in range(3)]
    st = Settings(min_theme_size=2, max_group_size=3)
    plan = solve(Problem(sessions, people, [], st))
    groups = plan.sessions[0].themes[0].groups
    assert len(groups) == 3
    for g in groups:
        assert g.mix["municipality"] == 2 and g.mix["research"] == 1
        assert g.same_org_pairs == 1


@pytest.mark.parametrize("seed", range(25))
def test_dealing_attains_group_lower_bound(seed):
    """Stage 2 round-robin dealing is optimal: it reaches the per-theme lower
    bound (checked against exhaustive splits for small themes)."""
    rnd = random.Random(seed)
    n = rnd.randint(2, 9)
    M = rnd.randint(2, 4)
    orgs = [("O1", "municipality"), ("O2", "municipality"), ("O3", "research"),
            ("O4", "research"), ("O5", "other")]
    people = []
    for i in range(n):
        org, typ = rnd.choice(orgs[: rnd.randint(1, 5)])
        people.append(Participant(f"p{i}", f"P{i}", org, typ, {"1": ["A"]}))
    problem = Problem([Session("1", [Theme("A", "A")])], people, [],
                      Settings(min_theme_size=1, max_group_size=M))
    idx = ProblemIndex(problem)
    k = math.ceil(n / M)
    members = [p.id for p in people]
    groups = deal(idx, members, k)
    assert sorted(len(g) for g in groups) == sorted(balanced_sizes(n, k))
    lb = theme_lower_bound(idx, "1", "A", members, k)
    problem_plan = solve(problem)
    assert problem_plan.stats.objective == lb
    # exhaustive check of the lower bound
    if n <= 8:
        W = problem.settings.weights
        best = math.inf
        for split in _group_splits(members, k):
            c = 0
            for g in split:
                types = {idx.people[p].actor_type for p in g}
                c += W.lack_municipality * (idx.has_type[("1", "A", "municipality")]
                                            and "municipality" not in types)
                c += W.lack_research * (idx.has_type[("1", "A", "research")]
                                        and "research" not in types)
                oc = Counter(idx.org[p] for p in g)
                c += sum(v * (v - 1) // 2 for v in oc.values())
            best = min(best, c)
        assert best == lb


def test_even_split_pairs_formula():
    for n in range(0, 30):
        for k in range(1, 8):
            sizes = balanced_sizes(n, k)
            assert even_split_pairs(n, k) == sum(s * (s - 1) // 2 for s in sizes)
            # max-of-lines form used in the stage-1 model
            lines = max([0] + [j * n - k * j * (j + 1) // 2 for j in range(1, n + 1)])
            assert lines == even_split_pairs(n, k)


def test_greedy_baseline_is_valid_and_not_better():
    for seed in range(5):
        problem = random_problem(seed + 40, 8, 2, 3, min_theme_size=2, max_group_size=3,
                                 max_groups_per_session=3)
        g = greedy_first_come(problem)
        ev = evaluate(problem, g)
        assert ev.violations == []
        assert solve(problem).stats.objective <= ev.objective


def test_invalid_settings_and_inputs():
    sessions = [Session("1", [Theme("A", "A")])]
    people = [Participant("p", "P", "", "other", {"1": ["A"]})]
    with pytest.raises(PlanningError, match="max_group_size"):
        solve(Problem(sessions, people, [], Settings(max_group_size=1)))
    with pytest.raises(PlanningError, match="unknown theme"):
        solve(Problem(sessions, [Participant("p", "P", "", "other", {"1": ["Z"]})]))
    with pytest.raises(PlanningError, match="actor type"):
        solve(Problem(sessions, [Participant("p", "P", "", "alien", {"1": ["A"]})]))
    locked = {(f"p{i}", "1"): Placement("A") for i in range(5)}
    many = [Participant(f"p{i}", "P", "", "other", {"1": ["A"]}) for i in range(5)]
    with pytest.raises(PlanningError, match="tables"):
        solve(Problem(sessions, many, [], Settings(max_group_size=2, max_groups_per_session=2,
                                                     min_theme_size=1), locked=locked))


def test_distinct_labels_across_sessions():
    sessions = [Session(s, [Theme("A", "Same"), Theme("B", "Other")]) for s in ("1", "2")]
    people = [Participant(f"p{i}", f"P{i}", f"O{i}", "other", {"1": ["A", "B"], "2": ["A", "B"]})
              for i in range(4)]
    plan = solve(Problem(sessions, people, [], Settings(min_theme_size=1, max_group_size=4)))
    pl = plan.placements()
    for i in range(4):
        assert {pl[(f"p{i}", "1")].theme, pl[(f"p{i}", "2")].theme} == {"A", "B"}


# ---------------------------------------------------------------------------
# Table-knapsack relaxation (second lower bound) and the flow local search
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_theme_table_matches_exhaustive_keep_sets(seed):
    """h(k, out, taken) = least displacement + even-split pair cost over all
    keep sets of at most M*k - taken members (forced members always kept)."""
    rnd = random.Random(seed)
    M = rnd.randint(2, 4)
    w = rnd.choice([1, 3, 7])
    members = []
    for _ in range(rnd.randint(0, 8)):
        org = rnd.choice(["", "A", "A", "B", "C"])
        forced = rnd.random() < 0.15
        members.append((org, 0 if forced else rnd.choice([1, 2, 10, 30]), forced))
    tab = ThemeTable(members, w, M)
    n = len(members)
    for k in range(0, 4):
        for taken in range(0, 3):
            for out in (frozenset(), frozenset(rnd.sample(range(n), min(n, 2)))):
                if any(members[i][2] for i in out):
                    continue
                best = math.inf
                for mask in range(1 << n):
                    kept = [i for i in range(n) if mask >> i & 1]
                    if any(i in out for i in kept):
                        continue
                    if any(members[i][2] and i not in kept for i in range(n)):
                        continue
                    if len(kept) > M * k - taken:
                        continue
                    cost = sum(members[i][1] for i in range(n) if i not in kept)
                    orgs = Counter(members[i][0] for i in kept if members[i][0])
                    cost += w * sum(even_split_pairs(c, k) for c in orgs.values())
                    best = min(best, cost)
                assert tab.h(k, out, taken) == best, (k, taken, out, members)
                if k > 0:
                    assert tab.h_taken(k, out, 2)[taken] == best


def test_knapsack_bound_exact_on_label_conflicts():
    """Everybody wants theme A in both sessions; A may be attended once, so
    half of the person-sessions take their second choice.  The relaxation
    sees exactly this (bound = optimum = 40)."""
    sessions = [Session(s, [Theme("A", "A"), Theme("B", "B")]) for s in ("1", "2")]
    people = [Participant(f"p{i}", f"P{i}", f"O{i}", "other", {"1": ["A", "B"], "2": ["A", "B"]})
              for i in range(4)]
    problem = Problem(sessions, people, [], Settings(min_theme_size=1, max_group_size=2,
                                                      max_groups_per_session=2))
    expected = brute_force(problem)
    assert expected == 40
    kb = knapsack_bound(ProblemIndex(problem), 10.0)
    assert kb.status == "OPTIMAL" and kb.bound == expected
    plan = solve(problem)
    assert plan.stats.objective == expected and plan.stats.bound == expected


@pytest.mark.parametrize("seed", range(3))
def test_knapsack_bound_valid_with_tight_tables(seed):
    """Tables bind and organisations repeat: bound <= brute-force optimum, and
    the local-search plan started from the relaxation's group counts is a
    valid plan no better than the optimum."""
    problem = random_problem(seed + 60, 6, 2, 2, min_theme_size=2, max_group_size=2,
                             max_groups_per_session=2)
    expected = brute_force(problem)
    idx = ProblemIndex(problem)
    kb = knapsack_bound(idx, 10.0)
    assert kb is not None and kb.bound <= expected + 1e-9
    ls = local_search_k(idx, kb.k, kb.out, kb.best, 5.0)
    if ls is not None:
        assign = ls.assign
        counts = Counter((s, t) for (_p, s), t in assign.items())
        tables = Counter()
        for (s, _t), n in counts.items():
            assert n >= problem.settings.min_theme_size
            tables[s] += math.ceil(n / problem.settings.max_group_size)
        assert all(v <= problem.settings.max_groups_per_session for v in tables.values())
    plan = solve(problem)
    assert evaluate(problem, plan).violations == []
    assert plan.stats.bound <= expected + 1e-9
    assert plan.stats.objective == pytest.approx(expected)


# ---------------------------------------------------------------------------
# Group moves against a previous plan (issue 15): exact fewest moves, a bound that sees them
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(40))
def test_min_group_moves_against_all_splits(seed):
    """min_group_moves is the fewest moves over every balanced labelled split (brute force)."""
    from samskap.workshops.solver.costs import min_group_moves

    rnd = random.Random(seed)
    n = rnd.randint(1, 8)
    M = rnd.randint(2, 4)
    k = math.ceil(n / M)
    people = [Participant(f"p{i}", f"P{i}", "", "other", {"1": ["A"]}) for i in range(n)]
    previous = {}
    for p in people:
        r = rnd.random()
        if r < 0.6:  # previous group, sometimes beyond today's group count
            previous[(p.id, "1")] = Placement("A", rnd.randint(1, k + 1))
        elif r < 0.75:
            previous[(p.id, "1")] = Placement("B")  # came from another theme: no group move
    problem = Problem([Session("1", [Theme("A", "A"), Theme("B", "B")])], people, [],
                      Settings(min_theme_size=1, max_group_size=M), previous=previous)
    members = [p.id for p in people]
    best = math.inf
    for split in _group_splits(members, k):
        moves = sum(
            1
            for gi, g in enumerate(split, start=1)
            for p in g
            if (pl := previous.get((p, "1"))) and pl.theme == "A" and pl.group != gi
        )
        best = min(best, moves)
    assert min_group_moves(ProblemIndex(problem), "1", "A", members, k) == best


def _replan_problem(seed: int):
    """A small problem with a scrambled previous plan (so group moves are forced) and locks."""
    rnd = random.Random(seed)
    problem = random_problem(seed, rnd.choice([6, 7]), 1, rnd.choice([2, 3]), min_theme_size=2,
                             max_group_size=rnd.choice([2, 3]), max_groups_per_session=4)
    previous = {}
    for p in problem.participants:
        ch = p.choices.get("1") or []
        if ch and rnd.random() < 0.85:
            t = ch[0] if rnd.random() < 0.7 else rnd.choice(["A", "B", "C"])
            previous[(p.id, "1")] = Placement(t, rnd.randint(1, 3))
    problem.previous = previous
    keys = sorted(previous)
    locked = {}
    for key in rnd.sample(keys, min(len(keys), rnd.randint(0, 2))):
        # group 1 exists whenever the theme runs (the brute force treats a locked group beyond
        # the group count as broken; the planner lets it go); often another group than before
        locked[key] = Placement(previous[key].theme, 1)
    problem.locked = locked
    return problem


@pytest.mark.parametrize("seed", range(12))
def test_replan_bound_with_group_moves_against_brute_force(seed):
    """With a previous plan and locks, the reported bound (which now counts group moves) never
    exceeds the brute-force optimum, and the plan's objective is at least that optimum."""
    problem = _replan_problem(seed)
    expected = brute_force(problem)
    if expected == math.inf:
        with pytest.raises(PlanningError):
            solve(problem)
        return
    plan = solve(problem)
    ev = evaluate(problem, plan)
    assert ev.violations == []
    assert plan.stats.objective == ev.objective
    assert plan.stats.bound <= expected + 1e-9 <= plan.stats.objective + 1e-9
    assert plan.stats.stage1_bound <= expected + 1e-9
    kb = knapsack_bound(ProblemIndex(problem), 10.0)
    assert kb is not None and kb.bound <= expected + 1e-9


def test_bound_sees_forced_group_moves():
    """Four people who can only join A, three previously in group 1 and one in group 2: with at
    most 3 per group the split is 2 + 2, so one person must move.  The old stage-1 bound had 0
    for moves; now the bound proves the move and the plan is optimal."""
    people = [Participant(f"p{i}", f"P{i}", f"Org{i}", "other", {"1": ["A"]}) for i in range(4)]
    previous = {("p0", "1"): Placement("A", 1), ("p1", "1"): Placement("A", 1),
                ("p2", "1"): Placement("A", 1), ("p3", "1"): Placement("A", 2)}
    problem = Problem([Session("1", [Theme("A", "A")])], people, [],
                      Settings(min_theme_size=1, max_group_size=3), previous=previous)
    plan = solve(problem)
    W = problem.settings.weights
    assert plan.stats.breakdown["n_group_moves"] == 1
    assert plan.stats.objective == W.move_group == brute_force(problem)
    assert plan.stats.bound == W.move_group
    assert plan.stats.status == "OPTIMAL"


def test_knapsack_bound_counts_moves_out_of_groups_that_no_longer_exist():
    """Six people who can only join A were in three groups of two; at most three per group now means two
    groups, so the two people of group 3 must move.  The table-knapsack bound proves it (it had 0 for
    group moves before)."""
    people = [Participant(f"p{i}", f"P{i}", f"Org{i}", "other", {"1": ["A", "B"]}) for i in range(6)]
    previous = {(f"p{i}", "1"): Placement("A", i // 2 + 1) for i in range(6)}
    problem = Problem([Session("1", [Theme("A", "A"), Theme("B", "B")])], people, [],
                      Settings(min_theme_size=1, max_group_size=3), previous=previous)
    expected = brute_force(problem)
    assert expected == 2 * problem.settings.weights.move_group
    kb = knapsack_bound(ProblemIndex(problem), 10.0)
    assert kb is not None and kb.bound == expected
    plan = solve(problem)
    assert plan.stats.objective == expected and plan.stats.status == "OPTIMAL"


def test_trim_group_counts_sends_the_newcomer_who_would_open_a_group_to_a_second_choice():
    """A ran with two groups of six; one newcomer makes 13 people, three groups of 5/4/4, so three previous
    members would move (15).  Sending the newcomer to a second choice with a free seat costs 10."""
    from samskap.workshops.solver.headcount import trim_group_counts

    people = [Participant(f"a{i}", f"A{i}", f"OrgA{i}", "other", {"1": ["A"]}) for i in range(12)]
    people += [Participant(f"b{i}", f"B{i}", f"OrgB{i}", "other", {"1": ["B"]}) for i in range(3)]
    people.append(Participant("new", "New", "OrgNew", "other", {"1": ["A", "B"]}))
    previous = {(f"a{i}", "1"): Placement("A", i // 6 + 1) for i in range(12)}
    previous.update({(f"b{i}", "1"): Placement("B", 1) for i in range(3)})
    problem = Problem([Session("1", [Theme("A", "A"), Theme("B", "B")])], people, [],
                      Settings(min_theme_size=2, max_group_size=6), previous=previous)
    idx = ProblemIndex(problem)
    assign = {(p.id, "1"): p.choices["1"][0] for p in people}
    assert trim_group_counts(idx, assign) == 15 - 10
    assert assign[("new", "1")] == "B"
    plan = solve(problem)
    assert plan.placements()[("new", "1")].theme == "B"
    assert plan.stats.objective == 10 and plan.stats.breakdown["n_group_moves"] == 0


def test_knapsack_bound_keeps_the_fewest_groups_rule_with_previous_groups():
    """Five people who can only join A were in three groups (one person of group 3 cancelled): the fewest
    groups rule allows two groups now, so the person left in group 3 moves (5).  Three groups would need
    two more people: the two who put A second behind B would pay 10 each to join.  The knapsack bound
    proves the move (without counting joiners it could keep three groups for free)."""
    people = [Participant(f"p{i}", f"P{i}", f"Org{i}", "other", {"1": ["A"]}) for i in range(5)]
    people += [Participant(f"q{i}", f"Q{i}", f"OrgQ{i}", "other", {"1": ["B", "A"]}) for i in range(2)]
    previous = {(f"p{i}", "1"): Placement("A", i // 2 + 1) for i in range(5)}
    problem = Problem([Session("1", [Theme("A", "A"), Theme("B", "B")])], people, [],
                      Settings(min_theme_size=1, max_group_size=3), previous=previous)
    expected = brute_force(problem)
    assert expected == problem.settings.weights.move_group
    kb = knapsack_bound(ProblemIndex(problem), 10.0)
    assert kb is not None and kb.bound == expected
