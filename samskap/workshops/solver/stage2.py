"""Stage 2: split each running theme into its groups (round-robin dealing, or a small CP-SAT model) and pick hosts and note-takers.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from samskap.workshops.solver.costs import group_cost, theme_lower_bound
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import TYPE_RANK, PlanningError, balanced_sizes, groups_needed


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
    """Feasible split that honours locked groups, keeps previous groups where
    there is room, and deals the rest round-robin (stage-2 warm start and
    fallback)."""
    sizes = balanced_sizes(len(members), k)
    groups: list[list[str]] = [[] for _ in range(k)]
    rest: list[str] = []
    for p in members:
        lock = idx.problem.locked.get((p, s))
        if lock is not None and lock.theme == t and lock.group is not None and lock.group <= k:
            groups[lock.group - 1].append(p)
        else:
            rest.append(p)
    # the largest sizes go to the groups holding most locked people
    order = sorted(range(k), key=lambda g: -len(groups[g]))
    cap = {g: sizes[i] for i, g in enumerate(order)}
    later: list[str] = []
    for p in rest:
        prev = idx.problem.previous.get((p, s))
        g = prev.group - 1 if prev and prev.theme == t and prev.group is not None else None
        if g is not None and g < k and len(groups[g]) < cap[g]:
            groups[g].append(p)
        else:
            later.append(p)
    for p in deal(idx, later, 1)[0]:
        g = min(range(k), key=lambda g: (len(groups[g]) - cap[g], g))
        groups[g].append(p)
    return groups

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
    hard: list[tuple[str, str]] = []
    for (s, t), mem in members.items():
        k = groups_needed(len(mem), M)
        if needs_cpsat(idx, s, t, mem):
            groups = deal_keeping(idx, s, t, mem, k)
        else:
            groups = deal(idx, mem, k)
        cost = sum(group_cost(idx, s, t, g, i + 1).cost for i, g in enumerate(groups))
        lb = theme_lower_bound(idx, s, t, mem, k)
        if cost > lb or needs_cpsat(idx, s, t, mem):
            hard.append((s, t))
        out[(s, t)] = groups
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
            groups, status = split_cpsat(idx, s, t, members[(s, t)], out[(s, t)], left)
            out[(s, t)] = groups
            if status != "OPTIMAL":
                notes.append(f"stage 2 split of {t!r} (session {s}) not proven optimal: {status}")
        if skipped:
            notes.append(
                f"stage 2: time limit reached, {skipped} theme(s) keep the dealt split "
                "(previous/locked groups kept where possible)"
            )
    for (s, t), groups in out.items():
        if (s, t) not in hard:
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
