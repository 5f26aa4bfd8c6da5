"""``{% load numbers %}`` ... ``{{ value|num }}``: a figure with the active language's thousands separator
("5 953" with a no-break space in nb/nn, "5,953" in en) without switching grouping on for years and codes."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def num(value: object, decimals: int | None = None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    return number_format(value, decimals, force_grouping=True)
