"""Re-planning: trim a theme back to its previous group count when a few newcomers to it would open a group.
"""

from __future__ import annotations

from collections import defaultdict

from samskap.workshops.solver.costs import option_costs, theme_lower_bound
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import groups_needed

_MAX_EXTRA = 3  # people to take out of a theme to save one group


def trim_group_counts(idx: ProblemIndex, assign: dict[tuple[str, str], str]) -> int:
    """Move the few people whose arrival opens one more group in a theme with previous groups to another of
    their choices that has a free seat, when that is cheaper: an extra group must be filled by moving
    previous members into it (``min_group_moves``), which often costs more than a second choice for the
    newcomers.  Costs are the stage-1 ones (options, and per theme the even-split pairs, mix and fewest
    moves of :func:`theme_lower_bound`), so a change is kept only if it lowers stage 1's objective; the
    table count only goes down and no theme falls below its minimum.  Changes ``assign`` in place and
    returns the saving."""
    st = idx.problem.settings
    M = st.max_group_size
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (pid, s), t in assign.items():
        members[(s, t)].append(pid)
    saved = 0
    for (s, t) in sorted(members):
        mem = members[(s, t)]
        n = len(mem)
        k = groups_needed(n, M)
        extra = n - M * (k - 1)
        if k < 2 or extra > _MAX_EXTRA or M * (k - 1) < st.min_theme_size:
            continue
        if not any((prev := idx.problem.previous.get((p, s))) is not None and prev.theme == t
                   and prev.group is not None for p in mem):
            continue
        moves: list[tuple[int, str, str]] = []
        for p in mem:
            prev = idx.problem.previous.get((p, s))
            if (p, s) in idx.problem.locked or (prev is not None and prev.theme == t and prev.group is not None):
                continue
            opts, _ = option_costs(idx, p, s)
            taken = {idx.label[(s2, assign[(p, s2)])] for s2 in idx.sessions if s2 != s and (p, s2) in assign}
            for t2, c2 in opts.items():
                if t2 == t or (s, t2) not in members:
                    continue
                if st.distinct_labels_across_sessions and idx.label[(s, t2)] in taken:
                    continue
                moves.append((c2 - opts[t], p, t2))
        moves.sort()
        chosen: list[tuple[int, str, str]] = []
        room: dict[str, int] = {}
        for d, p, t2 in moves:
            if len(chosen) == extra:
                break
            if any(q == p for _, q, _ in chosen):
                continue
            n2 = len(members[(s, t2)])
            free = room.setdefault(t2, M * groups_needed(n2, M) - n2)
            if free <= 0:
                continue
            room[t2] = free - 1
            chosen.append((d, p, t2))
        if len(chosen) < extra:
            continue
        touched = {t} | {t2 for _, _, t2 in chosen}
        new = {t2: list(members[(s, t2)]) for t2 in touched}
        for _, p, t2 in chosen:
            new[t].remove(p)
            new[t2].append(p)
        old = {t2: members[(s, t2)] for t2 in touched}
        delta = sum(d for d, _, _ in chosen) + _level(idx, s, new) - _level(idx, s, old)
        if delta < 0:
            for t2 in touched:
                members[(s, t2)] = new[t2]
            for _, p, t2 in chosen:
                assign[(p, s)] = t2
            saved -= delta
    return saved


def _level(idx: ProblemIndex, s: str, groups: dict[str, list[str]]) -> int:
    """Stage-1 group-level cost of some themes of session s: even-split pairs, mix and fewest moves."""
    M = idx.problem.settings.max_group_size
    return sum(theme_lower_bound(idx, s, t, g, groups_needed(len(g), M)) for t, g in groups.items())
