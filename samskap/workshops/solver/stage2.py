"""Stage 2: split each running theme into its groups (round-robin dealing, or a small CP-SAT model) and pick hosts and note-takers.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from samskap.workshops.solver.costs import group_cost, theme_lower_bound
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import TYPE_RANK, PlanningError, balanced_sizes, groups_needed

# person-group variables of a per-theme split model worth building per second of its time share (building
# one in Python takes about 1 s per 30,000; replan5000's largest theme has 127,000)
_CPSAT_VARS_PER_SECOND = 10_000


def deal(idx: ProblemIndex, members: list[str], k: int) -> list[list[str]]:
    """Round-robin dealing in (actor type, organisation) order.

    Every organisation and every actor-type block is a contiguous run of the
    dealing order, so each is spread as evenly as possible over the k groups
    while group sizes stay within one of each other.
    """
    org_size = Counter(idx.org[p] for p in members)
    order = sorted(
        members,
        key=lambda p: (
            TYPE_RANK[idx.people[p].actor_type],
            -org_size[idx.org[p]],
            idx.org[p],
        ),
    )
    groups: list[list[str]] = [[] for _ in range(k)]
    for i, p in enumerate(order):
        groups[i % k].append(p)
    return groups

def deal_keeping(idx: ProblemIndex, s: str, t: str, members: list[str], k: int) -> list[list[str]]:
    """Feasible split that honours locked groups and keeps the most people in their previous
    group (it attains :func:`min_group_moves` when every locked group is the previous one); the
    others are placed one by one where they add the least same-organisation/mix cost, then
    improved by swaps (stage-2 warm start and fallback)."""
    W = idx.problem.settings.weights
    n = len(members)
    q, r = divmod(n, k)
    locked: list[list[str]] = [[] for _ in range(k)]
    want: list[list[str]] = [[] for _ in range(k)]
    rest: list[str] = []
    for p in members:
        lock = idx.problem.locked.get((p, s))
        prev = idx.problem.previous.get((p, s))
        if lock is not None and lock.theme == t and lock.group is not None and lock.group <= k:
            locked[lock.group - 1].append(p)
        elif prev is not None and prev.theme == t and prev.group is not None and prev.group <= k:
            want[prev.group - 1].append(p)
        else:
            rest.append(p)
    # the r sizes of q + 1 go first to groups whose locks need them, then to groups that keep
    # one more previous member with them (as in min_group_moves)
    order = sorted(range(k), key=lambda g: (
        -(len(locked[g]) > q), -(len(locked[g]) + len(want[g]) > q), -len(locked[g]), g))
    cap = {g: q + (1 if i < r else 0) for i, g in enumerate(order)}
    groups: list[list[str]] = [list(locked[g]) for g in range(k)]
    for g in range(k):
        pool = list(want[g])
        while pool and len(groups[g]) < cap[g]:
            orgs = Counter(idx.org[p] for p in groups[g] if idx.org[p])
            p = min(pool, key=lambda p: orgs[idx.org[p]] if idx.org[p] else 0)
            pool.remove(p)
            groups[g].append(p)
        rest.extend(pool)
    org_size = Counter(idx.org[p] for p in members)
    rest.sort(key=lambda p: (-org_size[idx.org[p]], idx.org[p], TYPE_RANK[idx.people[p].actor_type]))
    mix = [(a, w) for a, w in (("municipality", W.lack_municipality), ("research", W.lack_research))
           if w and idx.has_type[(s, t, a)]]

    def marginal(p: str, g: int) -> int:
        grp = groups[g]
        c = W.same_org_pair * sum(1 for o in grp if idx.org[o] and idx.org[o] == idx.org[p])
        for a, w in mix:
            if idx.people[p].actor_type == a and not any(idx.people[o].actor_type == a for o in grp):
                c -= w
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None and prev.group != g + 1:
            c += W.move_group
        return c

    for p in rest:
        open_ = [g for g in range(k) if len(groups[g]) < cap[g]]
        if not open_:  # locks overfill the sizes: CP-SAT reports it
            open_ = list(range(k))
        g = min(open_, key=lambda g: (marginal(p, g), len(groups[g]) - cap[g], g))
        groups[g].append(p)
    improve_by_swaps(idx, s, t, groups)
    return groups

def improve_by_swaps(idx: ProblemIndex, s: str, t: str, groups: list[list[str]],
                     max_swaps: int = 200) -> None:
    """Swaps of two unlocked members of different groups (sizes unchanged) that lower the cost:
    tried where an organisation has two more members in one group than in another, or a group
    lacks a municipality/research actor another group has twice."""
    W = idx.problem.settings.weights
    k = len(groups)
    if k < 2:
        return
    mix = [a for a, w in (("municipality", W.lack_municipality), ("research", W.lack_research))
           if w and idx.has_type[(s, t, a)]]

    def free(p: str, g: int) -> bool:
        lock = idx.problem.locked.get((p, s))
        return not (lock is not None and lock.group is not None and lock.group == g + 1)

    cost = [group_cost(idx, s, t, grp, g + 1).cost for g, grp in enumerate(groups)]
    for _ in range(max_swaps):
        orgs = [Counter(idx.org[p] for p in grp if idx.org[p]) for grp in groups]
        types = [Counter(idx.people[p].actor_type for p in grp) for grp in groups]
        done = False
        for a in range(k):
            for b in range(k):
                if a == b:
                    continue
                xs = [x for x in groups[a] if free(x, a) and (
                    idx.org[x] and orgs[a][idx.org[x]] >= orgs[b][idx.org[x]] + 2
                    or any(types[a][m] == 0 and types[b][m] >= 2 for m in mix))]
                if not xs:
                    continue
                for x in xs:
                    for y in groups[b]:
                        if not free(y, b):
                            continue
                        i, j = groups[a].index(x), groups[b].index(y)
                        ga = groups[a][:i] + [y] + groups[a][i + 1:]
                        gb = groups[b][:j] + [x] + groups[b][j + 1:]
                        ca = group_cost(idx, s, t, ga, a + 1).cost
                        cb = group_cost(idx, s, t, gb, b + 1).cost
                        if ca + cb < cost[a] + cost[b]:
                            groups[a], groups[b] = ga, gb
                            cost[a], cost[b] = ca, cb
                            done = True
                            break
                    if done:
                        break
                if done:
                    break
            if done:
                break
        if not done:
            return

def needs_cpsat(idx: ProblemIndex, s: str, t: str, members: list[str]) -> bool:
    for p in members:
        lock = idx.problem.locked.get((p, s))
        if lock is not None and lock.group is not None:
            return True
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None:
            return True
    return False

@dataclass
class Stage2Result:
    groups: dict[tuple[str, str], list[list[str]]]  # (session, theme) -> member lists
    cpsat_themes: int  # themes split by the CP-SAT model (the others are dealt)
    notes: list[str]


def solve_stage2(idx: ProblemIndex, assign: dict[tuple[str, str], str], time_budget: float) -> Stage2Result:
    M = idx.problem.settings.max_group_size
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in idx.sessions:
        for pid in idx.attending[s]:
            t = assign.get((pid, s))
            if t is not None:
                members[(s, t)].append(pid)
    out: dict[tuple[str, str], list[list[str]]] = {}
    excess: dict[tuple[str, str], int] = {}
    for (s, t), mem in members.items():
        k = groups_needed(len(mem), M)
        if needs_cpsat(idx, s, t, mem):
            groups = deal_keeping(idx, s, t, mem, k)
        else:
            groups = deal(idx, mem, k)
        cost = sum(group_cost(idx, s, t, g, i + 1).cost for i, g in enumerate(groups))
        # the lower bound includes the fewest group moves, so a kept-groups split that
        # reaches it is optimal for the theme even with previous or locked groups
        lb = theme_lower_bound(idx, s, t, mem, k)
        if cost > lb:
            excess[(s, t)] = cost - lb
        out[(s, t)] = groups
    # the worst themes first, in case time runs out
    hard = sorted(excess, key=lambda key: -excess[key])
    notes: list[str] = []
    if hard:
        t_end = time.perf_counter() + time_budget
        skipped = 0
        for i, (s, t) in enumerate(hard):
            remaining = t_end - time.perf_counter()
            if remaining < 0.3:
                skipped += 1  # keep the feasible dealt / kept-groups split
                continue
            left = max(0.2, remaining / (len(hard) - i))
            if len(members[(s, t)]) * len(out[(s, t)]) > _CPSAT_VARS_PER_SECOND * left:
                skipped += 1  # building the model alone would take longer than its share of the time
                continue
            groups, status = split_cpsat(idx, s, t, members[(s, t)], out[(s, t)], left)
            before = sum(group_cost(idx, s, t, g, j + 1).cost for j, g in enumerate(out[(s, t)]))
            after = sum(group_cost(idx, s, t, g, j + 1).cost for j, g in enumerate(groups))
            if after <= before:
                out[(s, t)] = groups
                excess[(s, t)] -= before - after
            if status != "OPTIMAL":
                notes.append(f"stage 2 split of {t!r} (session {s}) not proven optimal: {status}")
        left_over = sum(excess.values())
        if left_over:
            notes.append(f"stage 2: {left_over} above the per-theme lower bounds (pairs, mix, moves)")
        if skipped:
            notes.append(
                f"stage 2: time limit reached, {skipped} theme(s) keep the dealt split "
                "(previous/locked groups kept where possible)"
            )
    for (s, t), groups in out.items():
        # the swaps keep pairs and mix but not previous/locked groups
        if (s, t) not in excess and not needs_cpsat(idx, s, t, members[(s, t)]):
            spread_volunteers(idx, groups)
    return Stage2Result(out, len(hard), notes)

def spread_volunteers(idx: ProblemIndex, groups: list[list[str]]) -> None:
    """Swap volunteers with same-(organisation, type) members of other groups.

    Such swaps leave every cost term unchanged but let more groups get a
    volunteer host / note-taker.
    """
    for flag in ("volunteer_host", "volunteer_note_taker"):
        def vols(g: list[str], flag: str = flag) -> list[str]:
            return [p for p in g if getattr(idx.people[p], flag)]

        lacking = [g for g in groups if not vols(g)]
        for g in lacking:
            done = False
            for donor in groups:
                dv = vols(donor)
                if len(dv) < 2 or done:
                    continue
                for v in dv:
                    other = (
                        "volunteer_note_taker" if flag == "volunteer_host" else "volunteer_host"
                    )
                    if getattr(idx.people[v], other) and len(vols(donor, other)) < 2:
                        continue  # the donor would lose its only other-role volunteer
                    cls = (idx.org[v], idx.people[v].actor_type)
                    for w in g:
                        if (idx.org[w], idx.people[w].actor_type) == cls and not (
                            idx.people[w].volunteer_host or idx.people[w].volunteer_note_taker
                        ):
                            donor[donor.index(v)] = w
                            g[g.index(w)] = v
                            done = True
                            break
                    if done:
                        break

def split_cpsat(
    idx: ProblemIndex,
    s: str,
    t: str,
    members: list[str],
    start: list[list[str]],
    time_limit: float,
) -> tuple[list[list[str]], str]:
    from ortools.sat.python import cp_model

    st = idx.problem.settings
    W = st.weights
    n = len(members)
    k = len(start)
    sizes = balanced_sizes(n, k)
    lo, hi = min(sizes), max(sizes)
    model = cp_model.CpModel()
    x = {(p, g): model.NewBoolVar("") for p in members for g in range(k)}
    terms: list = []
    coefs: list[int] = []
    const = 0
    for p in members:
        model.AddExactlyOne(x[(p, g)] for g in range(k))
        lock = idx.problem.locked.get((p, s))
        if lock is not None and lock.theme == t and lock.group is not None:
            if lock.group <= k:
                model.Add(x[(p, lock.group - 1)] == 1)
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None:
            const += W.move_group
            if prev.group <= k:
                terms.append(x[(p, prev.group - 1)])
                coefs.append(-W.move_group)
    for g in range(k):
        model.AddLinearConstraint(sum(x[(p, g)] for p in members), lo, hi)
    for a, w in (("municipality", W.lack_municipality), ("research", W.lack_research)):
        if not (w and idx.has_type[(s, t, a)]):
            continue
        typed = [p for p in members if idx.people[p].actor_type == a]
        for g in range(k):
            has = model.NewBoolVar("")
            if typed:
                model.Add(has <= sum(x[(p, g)] for p in typed))
            else:
                model.Add(has == 0)
            const += w
            terms.append(has)
            coefs.append(-w)
    if W.same_org_pair:
        by_org: dict[str, list[str]] = defaultdict(list)
        for p in members:
            if idx.org[p]:
                by_org[idx.org[p]].append(p)
        for ps in by_org.values():
            No = len(ps)
            if No < 2:
                continue
            for g in range(k):
                c = sum(x[(p, g)] for p in ps)
                pv = model.NewIntVar(0, No * (No - 1) // 2, "")
                for j in range(1, min(No, hi)):
                    model.Add(pv >= j * c - j * (j + 1) // 2)
                terms.append(pv)
                coefs.append(W.same_org_pair)
    model.Minimize(cp_model.LinearExpr.WeightedSum(terms, coefs) + const)
    # warm start: the dealt split, with groups relabelled to keep prior groups
    for g, grp in enumerate(start):
        for p in grp:
            model.AddHint(x[(p, g)], 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(st.num_workers)
    solver.parameters.random_seed = int(st.seed)
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.INFEASIBLE:
            raise PlanningError(
                f"locked groups in theme {t!r} (session {s}) cannot be balanced"
            )
        return start, solver.StatusName(status)
    groups: list[list[str]] = [[] for _ in range(k)]
    for p in members:
        for g in range(k):
            if solver.Value(x[(p, g)]):
                groups[g].append(p)
                break
    return groups, solver.StatusName(status)

@dataclass(frozen=True)
class Roles:
    host: str | None  # participant id of a host volunteer
    note_taker: str | None  # participant id of a note-taker volunteer (never the host)


def pick_roles(idx: ProblemIndex, members: list[str]) -> Roles:
    """Volunteers among the members: a host (preferring one who is not also a note-taker volunteer) and a
    note-taker other than the host."""
    people = [idx.people[p] for p in members]
    host = note = None
    # host: prefer a host volunteer who is not also the only note volunteer
    note_vols = [p.id for p in people if p.volunteer_note_taker]
    host_vols = [p.id for p in people if p.volunteer_host]
    for pid in sorted(host_vols, key=lambda q: (q in note_vols, members.index(q))):
        host = pid
        break
    for pid in note_vols:
        if pid != host:
            note = pid
            break
    return Roles(host, note)
