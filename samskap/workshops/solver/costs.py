"""Costs of groups and themes, their lower bounds, and ``evaluate`` (the objective of any plan).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import Plan, Problem, even_split_pairs, groups_needed


@dataclass(frozen=True)
class GroupCost:
    """The group-level terms of one group and their weighted sum."""

    lack_municipality: int
    lack_research: int
    same_org_pairs: int
    group_moves: int
    cost: int


@dataclass(frozen=True)
class Metrics:
    attending: int
    placed: int
    placed_share: float
    first_choice_share: float
    same_org_pairs: int
    groups: int
    groups_lacking_municipality: int
    groups_lacking_research: int


@dataclass(frozen=True)
class Evaluation:
    """The objective of a plan, its terms (``breakdown``: weighted terms and ``n_*`` counts), quality
    figures and any broken rule."""

    objective: float
    breakdown: dict[str, float]
    metrics: Metrics
    violations: list[str]


def group_cost(idx: ProblemIndex, s: str, t: str, members: list[str], number: int) -> GroupCost:
    W = idx.problem.settings.weights
    types = Counter(idx.people[p].actor_type for p in members)
    orgs = Counter(idx.org[p] for p in members if idx.org[p])
    pairs = sum(c * (c - 1) // 2 for c in orgs.values())
    lack_m = int(idx.has_type[(s, t, "municipality")] and types["municipality"] == 0)
    lack_r = int(idx.has_type[(s, t, "research")] and types["research"] == 0)
    moves = 0
    for p in members:
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None and prev.group != number:
            moves += 1
    return GroupCost(
        lack_municipality=lack_m,
        lack_research=lack_r,
        same_org_pairs=pairs,
        group_moves=moves,
        cost=W.lack_municipality * lack_m + W.lack_research * lack_r + W.same_org_pair * pairs
        + W.move_group * moves,
    )

def theme_lower_bound(idx: ProblemIndex, s: str, t: str, members: list[str], k: int) -> int:
    """Best possible group-level cost of a theme for fixed members and k."""
    W = idx.problem.settings.weights
    types = Counter(idx.people[p].actor_type for p in members)
    orgs = Counter(idx.org[p] for p in members if idx.org[p])
    lb = W.same_org_pair * sum(even_split_pairs(c, k) for c in orgs.values())
    if idx.has_type[(s, t, "municipality")]:
        lb += W.lack_municipality * max(0, k - types["municipality"])
    if idx.has_type[(s, t, "research")]:
        lb += W.lack_research * max(0, k - types["research"])
    lb += W.move_group * min_group_moves(idx, s, t, members, k)
    return lb

def previous_group_counts(idx: ProblemIndex, s: str, t: str, members: list[str]) -> Counter:
    """Previous group number -> how many of ``members`` were in that group of theme t."""
    c: Counter = Counter()
    for p in members:
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None:
            c[prev.group] += 1
    return c

def min_group_moves(idx: ProblemIndex, s: str, t: str, members: list[str], k: int) -> int:
    """Fewest group moves of any balanced split of ``members`` into k groups (locks ignored, so a
    lower bound; exact when every locked group is the person's previous group).

    With n = q*k + r, a split has r groups of q + 1 and k - r of q (labels free).  Group g can
    keep min(c_g, size_g) of its c_g previous members, so the most kept is
    sum_g min(c_g, q) + min(r, #{g <= k: c_g > q}) (the r large sizes go to groups that can use
    them); everyone else with a previous group in t moves.
    """
    c = previous_group_counts(idx, s, t, members)
    if not c or k <= 0:
        return 0
    q, r = divmod(len(members), k)
    inside = [c[g] for g in range(1, k + 1)]
    kept = sum(min(x, q) for x in inside) + min(r, sum(1 for x in inside if x > q))
    return sum(c.values()) - kept

def evaluate(problem: Problem, plan: Plan) -> Evaluation:
    """Independent cost and quality figures of any plan (solver, baseline or changed by hand)."""
    idx = ProblemIndex(problem)
    st = problem.settings
    W = st.weights
    M = st.max_group_size
    violations: list[str] = []
    place = plan.placements()
    seen: Counter = Counter()
    for sp in plan.sessions:
        for tp in sp.themes:
            for g in tp.groups:
                for pid in g.members:
                    seen[(pid, sp.session)] += 1
    for key, c in seen.items():
        if c > 1:
            violations.append(f"{key} placed {c} times")
    ngroups = {
        (sp.session, tp.theme): len(tp.groups) for sp in plan.sessions for tp in sp.themes
    }
    br: dict[str, float] = defaultdict(float)
    attending = placed = first = 0
    for s in idx.sessions:
        for pid in idx.attending[s]:
            attending += 1
            pl = place.get((pid, s))
            lock = problem.locked.get((pid, s))
            if lock is not None and (pl is None or pl.theme != lock.theme or (
                # a locked group number beyond the theme's new group count
                # cannot be kept (fewest-groups rule); the theme still is
                lock.group is not None
                and pl.group != lock.group
                and lock.group <= ngroups.get((s, lock.theme), 0)
            )):
                violations.append(f"lock of {pid} in session {s} not respected")
            if pl is None:
                br["unassigned"] += W.unassigned
                br["n_unassigned"] += 1
            else:
                placed += 1
                if (pid, s, pl.theme) not in idx.rank:
                    violations.append(f"{pid} placed outside choices in session {s}")
                else:
                    r = idx.rank[(pid, s, pl.theme)]
                    br["rank"] += idx.rank_cost(pid, s, pl.theme)
                    if r == 0:
                        first += 1
                    if r >= 0:
                        br[f"n_rank{r + 1}"] += 1
            prev = problem.previous.get((pid, s))
            if prev is not None and (pl is None or pl.theme != prev.theme):
                br["move_theme"] += W.move_theme
                br["n_theme_moves"] += 1
        for pid in seen:
            if pid[1] == s and pid[0] not in idx.attending[s]:
                violations.append(f"{pid[0]} placed in session {s} without choosing")
    pairs = lack_m = lack_r = gmoves = 0
    for sp in plan.sessions:
        s = sp.session
        used = 0
        for tp in sp.themes:
            if tp.status != "running":
                if tp.groups:
                    violations.append(f"cancelled theme {tp.theme} has groups")
                continue
            n = sum(len(g.members) for g in tp.groups)
            k = len(tp.groups)
            used += k
            if n < st.min_theme_size:
                violations.append(f"theme {tp.theme} in session {s} runs with {n} < minimum")
            if k != groups_needed(n, M):
                violations.append(f"theme {tp.theme} in session {s}: {k} groups for {n} people")
            sizes = [len(g.members) for g in tp.groups]
            if sizes and (max(sizes) - min(sizes) > 1 or max(sizes) > M):
                violations.append(f"theme {tp.theme} in session {s}: unbalanced sizes {sizes}")
            for g in tp.groups:
                gc = group_cost(idx, s, tp.theme, g.members, g.number)
                pairs += gc.same_org_pairs
                lack_m += gc.lack_municipality
                lack_r += gc.lack_research
                gmoves += gc.group_moves
        if used > idx.tables(s):
            violations.append(f"session {s} uses {used} tables > {idx.tables(s)}")
    if st.distinct_labels_across_sessions:
        labels: dict[str, set[str | None]] = defaultdict(set)
        for (pid, s), pl in place.items():
            lab = idx.label.get((s, pl.theme))
            if lab in labels[pid] and not any(
                (pid, s2) in problem.locked for s2 in idx.sessions
            ):
                violations.append(f"{pid} placed twice in theme {lab!r}")
            labels[pid].add(lab)
    br["same_org_pairs"] = W.same_org_pair * pairs
    br["lack_municipality"] = W.lack_municipality * lack_m
    br["lack_research"] = W.lack_research * lack_r
    br["move_group"] = W.move_group * gmoves
    br["n_same_org_pairs"] = pairs
    br["n_groups_lacking_municipality"] = lack_m
    br["n_groups_lacking_research"] = lack_r
    br["n_group_moves"] = gmoves
    objective = (
        br["rank"]
        + br["unassigned"]
        + br["move_theme"]
        + br["move_group"]
        + br["lack_municipality"]
        + br["lack_research"]
        + br["same_org_pairs"]
    )
    groups = sum(len(tp.groups) for sp in plan.sessions for tp in sp.themes)
    metrics = Metrics(
        attending=attending,
        placed=placed,
        placed_share=placed / attending if attending else 1.0,
        first_choice_share=first / attending if attending else 1.0,
        same_org_pairs=pairs,
        groups=groups,
        groups_lacking_municipality=lack_m,
        groups_lacking_research=lack_r,
    )
    return Evaluation(float(objective), dict(br), metrics, violations)

def option_costs(idx: ProblemIndex, pid: str, s: str) -> tuple[dict[str, int], int | None]:
    """Stage-1 cost of every option of a person-session: theme -> cost, and
    the cost of leaving the person unplaced (None when locked)."""
    W = idx.problem.settings.weights
    prev = idx.problem.previous.get((pid, s))
    lock = idx.problem.locked.get((pid, s))
    mv = W.move_theme if prev is not None else 0
    themes = [lock.theme] if lock is not None else [
        t for t in idx.themes[s] if (pid, s, t) in idx.rank
    ]
    opts = {
        t: idx.rank_cost(pid, s, t) + (mv if prev is None or prev.theme != t else 0)
        for t in themes
    }
    return opts, (None if lock is not None else W.unassigned + mv)
