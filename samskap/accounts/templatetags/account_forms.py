"""``{{ form|styled }}``: Designsystemet classes and ARIA on a form that is not a Samskap form (allauth's)."""

from __future__ import annotations

from typing import Any

from django import template

from samskap.core.forms import StyledFormMixin

register = template.Library()


@register.filter
def styled(form: Any) -> Any:
    if form is not None and hasattr(form, "fields"):
        StyledFormMixin.style_widgets(form)
    return form
