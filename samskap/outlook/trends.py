"""Shared demographic trends of a group of municipalities, for brokering's shared-challenges page.

    from samskap.outlook.trends import shared_trend
    shared_trend(["5006", "5007", "5053", "5054"])
    # -> "Alle 4 kommunene venter flere over 80 år fram mot 2040 (+45–70 %)"

The sentence is in the active language (bokmål, nynorsk or English). It uses the main projection
alternative (MMMM) from its first year to the target year; None when fewer than two municipalities are
given, when one of them has no projection held, or when they share no trend.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.utils.translation import gettext as _

from samskap.outlook.indicators import change_pct
from samskap.outlook.models import Level, PopulationFigure, Series

THRESHOLD_PCT = 5.0  # a change smaller than this is no trend


def _range(values: list[float]) -> tuple[int, int]:
    low, high = round(min(values)), round(max(values))
    return low, high


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else f"−{abs(value)}" if value < 0 else "0"


def _span(values: list[float]) -> str:
    low, high = _range(values)
    if low == high:
        return _("%(value)s %%") % {"value": _signed(low)}
    if low < 0 and high < 0:
        return _("%(low)s to %(high)s %%") % {"low": _signed(low), "high": _signed(high)}
    return _("%(low)s–%(high)s %%") % {"low": _signed(low), "high": str(abs(high))}


def changes(codes: Iterable[str], year: int = 2040, series: str = Series.MAIN) -> dict[str, dict[str, float]] | None:
    """Per municipality: % change from the first projection year to `year` in total, 20-66 and 80+."""
    codes = list(dict.fromkeys(codes))
    rows = (PopulationFigure.objects
            .filter(level=Level.MUNICIPALITY, municipality_id__in=codes, series=series)
            .values_list("municipality_id", "year", "age_group", "value"))
    data: dict[str, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for code, y, group, value in rows:
        data[code][y][group] = value
    result = {}
    for code in codes:
        by_year = data.get(code)
        if not by_year or year not in by_year:
            return None
        base = by_year[min(by_year)]
        later = by_year[year]
        entry = {}
        for group in ("total", "20-66", "80+"):
            before: int | None
            after: int | None
            if group == "total" and "total" not in base and all(g in base for g in ("0-19", "20-66", "67-79", "80+")):
                before = sum(base[g] for g in ("0-19", "20-66", "67-79", "80+"))
                after = sum(later.get(g, 0) for g in ("0-19", "20-66", "67-79", "80+"))
            else:
                before, after = base.get(group), later.get(group)
            pct = change_pct(before, after)
            if pct is not None:
                entry[group] = pct
        result[code] = entry
    return result


def shared_trends(codes: list[str], year: int = 2040) -> list[str]:
    """Every trend all the municipalities share, most telling first."""
    codes = list(dict.fromkeys(codes))
    if len(codes) < 2:
        return []
    data = changes(codes, year)
    if data is None:
        return []
    count = len(codes)
    sentences = []

    def all_of(group: str, sign: int) -> list[float] | None:
        values = [entry.get(group) for entry in data.values()]
        if any(v is None for v in values):
            return None
        numbers = [float(v) for v in values if v is not None]
        if all(v * sign >= THRESHOLD_PCT for v in numbers):
            return numbers
        return None

    if (values := all_of("80+", +1)) is not None:
        template = (_("Both municipalities expect more people over 80 by %(year)d (%(span)s)") if count == 2 else
                    _("All %(count)d municipalities expect more people over 80 by %(year)d (%(span)s)"))
        sentences.append(template % {"count": count, "year": year, "span": _span(values)})
    if (values := all_of("20-66", -1)) is not None:
        template = (_("Both municipalities expect fewer people aged 20–66 by %(year)d (%(span)s)") if count == 2
                    else _("All %(count)d municipalities expect fewer people aged 20–66 by %(year)d (%(span)s)"))
        sentences.append(template % {"count": count, "year": year, "span": _span(values)})
    if (values := all_of("total", -1)) is not None:
        template = (_("Both municipalities expect a falling population by %(year)d (%(span)s)") if count == 2 else
                    _("All %(count)d municipalities expect a falling population by %(year)d (%(span)s)"))
        sentences.append(template % {"count": count, "year": year, "span": _span(values)})
    elif (values := all_of("total", +1)) is not None:
        template = (_("Both municipalities expect a growing population by %(year)d (%(span)s)") if count == 2 else
                    _("All %(count)d municipalities expect a growing population by %(year)d (%(span)s)"))
        sentences.append(template % {"count": count, "year": year, "span": _span(values)})
    return sentences


def shared_trend(codes: list[str]) -> str | None:
    """The most telling trend the municipalities share, as one sentence, or None."""
    trends = shared_trends(codes)
    return trends[0] if trends else None
