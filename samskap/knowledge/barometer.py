"""Aggregation of innovation-barometer answers (pure: no Django).

Every result states its scale (1–4 or 1–6). Any group with fewer than THRESHOLD responses is hidden:
its means are not computed and its exact count is not shown. So that a hidden group cannot be worked
out by subtraction from a published total, siblings are hidden as well (see `suppressed_keys`). Within a shown group, an item that fewer
than THRESHOLD people answered (others said "do not know") is hidden too.

Item means are raw. Topic (category) means and the overall mean reverse the `reversed_items` (barrier
statements: value -> scale + 1 - value), so that a higher topic mean is always the better one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

THRESHOLD = 5
GROUPINGS = ("unit", "municipality", "sector", "all")


@dataclass(frozen=True)
class Record:
    """One response: where it came from and its answers (item code -> value, None = do not know)."""

    unit: str
    municipality: str
    sector: str
    answers: Mapping[str, int | None]


@dataclass(frozen=True)
class GroupResult:
    key: str
    hidden: bool
    n: int | None                       # responses; None when hidden
    means: dict[str, float | None] = field(default_factory=dict)         # item -> mean
    agree_share: dict[str, float | None] = field(default_factory=dict)   # item -> share in upper half
    category_means: dict[str, float | None] = field(default_factory=dict)
    overall: float | None = None


@dataclass(frozen=True)
class Result:
    by: str
    scale: int
    threshold: int
    items: list[str]
    groups: list[GroupResult]
    categories: list[str] = field(default_factory=list)

    @property
    def scale_label(self) -> str:
        return f"1–{self.scale}"

    @property
    def visible(self) -> list[GroupResult]:
        return [g for g in self.groups if not g.hidden]

    @property
    def hidden(self) -> list[GroupResult]:
        return [g for g in self.groups if g.hidden]


def group_key(record: Record, by: str) -> str:
    if by == "unit":
        return f"{record.unit}, {record.municipality}"
    if by == "municipality":
        return record.municipality
    if by == "sector":
        return record.sector
    if by == "all":
        return ""
    raise ValueError(f"unknown grouping {by!r}; use one of {GROUPINGS}")


# A group is nested in these coarser groupings, whose totals are published too.
PARENTS = {"unit": ("municipality", "sector", "all"), "municipality": ("all",), "sector": ("all",), "all": ()}


def suppressed_keys(grouped: Mapping[str, Sequence[Record]], by: str, threshold: int) -> set[str]:
    """Primary and secondary suppression.

    Primary: groups under the threshold. Secondary: a hidden group could be worked out by subtracting
    the visible siblings from a published parent total (a municipality, a sector, everyone). Within every
    parent, the hidden children must together hold at least `threshold` responses (or be all of the
    parent's children); otherwise the smallest visible sibling is hidden too, until that holds.
    """
    hidden = {key for key, members in grouped.items() if len(members) < threshold}
    changed = True
    while changed:
        changed = False
        for parent in PARENTS[by]:
            families: dict[str, list[str]] = defaultdict(list)
            for key, members in grouped.items():
                families[group_key(members[0], parent)].append(key)
            for keys in families.values():
                hidden_n = sum(len(grouped[k]) for k in keys if k in hidden)
                visible = sorted((k for k in keys if k not in hidden), key=lambda k: (len(grouped[k]), k))
                if 0 < hidden_n < threshold and visible:
                    hidden.add(visible[0])
                    changed = True
    return hidden


def _mean(values: Sequence[int]) -> float:
    return sum(values) / len(values)


def aggregate(records: Iterable[Record], *, by: str, scale: int, items: Sequence[str],
              categories: Mapping[str, str] | None = None, reversed_items: Collection[str] = (),
              threshold: int = THRESHOLD) -> Result:
    """Means per group and item on the given scale; groups under the threshold are hidden."""
    if scale < 2:
        raise ValueError("a scale has at least two steps")
    if threshold < 1:
        raise ValueError("the threshold is at least 1")
    categories = dict(categories or {})
    category_order = list(dict.fromkeys(categories[i] for i in items if i in categories))
    grouped: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        for item, value in record.answers.items():
            if value is not None and not 1 <= value <= scale:
                raise ValueError(f"answer {value} to {item!r} is outside the scale 1–{scale}")
        grouped[group_key(record, by)].append(record)
    upper = scale / 2  # values above the middle count as agreeing (3–4 on 1–4, 4–6 on 1–6)
    groups = []
    hidden_keys = suppressed_keys(grouped, by, threshold)
    for key in sorted(grouped):
        members = grouped[key]
        if key in hidden_keys:
            groups.append(GroupResult(key=key, hidden=True, n=None))
            continue
        means: dict[str, float | None] = {}
        agree: dict[str, float | None] = {}
        pooled: dict[str, list[int]] = defaultdict(list)
        everything: list[int] = []
        for item in items:
            values = [v for r in members if (v := r.answers.get(item)) is not None]
            if len(values) < threshold:
                means[item] = agree[item] = None
                continue
            means[item] = _mean(values)
            agree[item] = sum(1 for v in values if v > upper) / len(values)
            scored = [scale + 1 - v for v in values] if item in reversed_items else values
            everything.extend(scored)
            if item in categories:
                pooled[categories[item]].extend(scored)
        groups.append(GroupResult(
            key=key, hidden=False, n=len(members), means=means, agree_share=agree,
            category_means={c: (_mean(pooled[c]) if pooled.get(c) else None) for c in category_order},
            overall=_mean(everything) if everything else None,
        ))
    return Result(by=by, scale=scale, threshold=threshold, items=list(items), groups=groups,
                  categories=category_order)


@dataclass(frozen=True)
class RoundResult:
    label: str
    result: Result


def compare_rounds(rounds: Sequence[tuple[str, Iterable[Record]]], *, by: str, scale: int, items: Sequence[str],
                   categories: Mapping[str, str] | None = None, reversed_items: Collection[str] = (),
                   threshold: int = THRESHOLD) -> list[RoundResult]:
    """The same aggregation for each round (oldest first) so that groups can be compared over time."""
    return [RoundResult(label, aggregate(records, by=by, scale=scale, items=items, categories=categories,
                                         reversed_items=reversed_items, threshold=threshold))
            for label, records in rounds]


def change(before: GroupResult, after: GroupResult) -> float | None:
    """Change in the overall mean between two rounds of one group; None unless both are shown."""
    if before.hidden or after.hidden or before.overall is None or after.overall is None:
        return None
    return after.overall - before.overall
