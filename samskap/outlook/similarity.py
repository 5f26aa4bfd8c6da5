"""Municipalities with a similar demographic profile. Pure: no Django imports.

A profile is the shares of the four age groups today plus the projected growth of the whole population and
of the group 80+ (in per cent to a target year). Each feature is standardised across all profiles (z-score),
so that a percentage point of growth and a percentage point of age share weigh alike after scaling, and the
nearest neighbours by Euclidean distance are "kommuner som ligner".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

GROUPS = ("0-19", "20-66", "67-79", "80+")


def profile(groups_now: Mapping[str, float], total_growth_pct: float | None = None,
            old_growth_pct: float | None = None) -> tuple[float, ...] | None:
    """(share 0-19, share 20-66, share 67-79, share 80+[, total growth %, 80+ growth %]) or None."""
    if any(group not in groups_now for group in GROUPS):
        return None
    total = sum(groups_now[group] for group in GROUPS)
    if total <= 0:
        return None
    shares = tuple(groups_now[group] / total * 100 for group in GROUPS)
    if total_growth_pct is None or old_growth_pct is None:
        return shares
    return (*shares, float(total_growth_pct), float(old_growth_pct))


def _standardise(profiles: Mapping[str, Sequence[float]]) -> dict[str, list[float]]:
    width = len(next(iter(profiles.values())))
    means, stds = [], []
    for i in range(width):
        column = [p[i] for p in profiles.values()]
        mean = sum(column) / len(column)
        variance = sum((x - mean) ** 2 for x in column) / len(column)
        means.append(mean)
        stds.append(math.sqrt(variance) or 1.0)
    return {code: [(p[i] - means[i]) / stds[i] for i in range(width)] for code, p in profiles.items()}


def nearest(target: str, profiles: Mapping[str, Sequence[float]], k: int = 5) -> list[tuple[str, float]]:
    """The k profiles closest to the target's, as (code, distance), closest first; ties by code.

    Only profiles with as many features as the target's take part.
    """
    if target not in profiles:
        return []
    width = len(profiles[target])
    comparable = {code: p for code, p in profiles.items() if len(p) == width}
    if len(comparable) < 2:
        return []
    scaled = _standardise(comparable)
    origin = scaled[target]
    distances = [(code, math.dist(origin, vector)) for code, vector in scaled.items() if code != target]
    distances.sort(key=lambda item: (item[1], item[0]))
    return distances[:k]
