"""``{% load safe_links %}`` ... ``href="{{ value|safe_url }}"``: a stored address is rendered as a link
only if it is http(s) or a site path; anything else (``javascript:``, ``data:``) becomes ``#``."""

from __future__ import annotations

from django import template

from samskap.core.validators import is_http_url

register = template.Library()


@register.filter
def safe_url(value: object) -> str:
    text = str(value or "")
    return text if is_http_url(text) else "#"
