"""{% outlook_panel municipality as panel %}: the short outlook shown on the directory's municipality page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

from samskap.outlook.queries import MAIN, TREND_YEAR, municipality_outlook

register = template.Library()


@register.simple_tag
def outlook_panel(municipality: Any) -> dict[str, Any] | None:
    """Population now, the change in people 80+ and the old-age ratio to 2040; None when nothing is held."""
    if municipality is None or not getattr(municipality, "pk", None):
        return None
    outlook = municipality_outlook(municipality, compare=False, similar=False)
    if not outlook.held:
        return None
    later = TREND_YEAR if TREND_YEAR in outlook.milestones else (outlook.milestones[-1] if outlook.milestones
                                                                 else None)
    panel: dict[str, Any] = {
        "now_year": outlook.now_year, "illustrative": outlook.illustrative,
        "now_total": outlook.now_total if outlook.now_year is not None else None,
        "observed": sorted(outlook.observed_totals.items())[-1:] if outlook.observed_totals else [],
        "later_year": later, "old_change": None, "ratio_now": None, "ratio_later": None,
    }
    if later is not None and outlook.base_year is not None and later != outlook.base_year:
        panel["old_change"] = outlook.change_pct("80+", later)
        panel["ratio_now"] = outlook.ratio(outlook.mine, outlook.base_year)
        panel["ratio_later"] = outlook.ratio(outlook.mine, later, MAIN)
    return panel


@register.filter
def signed_pct(value: float | None) -> str:
    if value is None:
        return "–"
    rounded = round(value)
    return (f"+{rounded}" if rounded > 0 else f"−{abs(rounded)}" if rounded < 0 else "0") + " %"


@register.filter
def ratio(value: float | None) -> str:
    return "–" if value is None else number_format(value, 2)

