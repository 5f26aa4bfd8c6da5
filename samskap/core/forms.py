"""Shared form helpers: Designsystemet classes and ARIA wiring on every widget."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError


class StyledFormMixin:
    """Adds ds-input classes, aria-describedby and aria-invalid to widgets."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            widget = field.widget
            widget.attrs.setdefault("class", "ds-input")
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue  # a group: its fieldset carries the description
            bound = form[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}_help")
            errors = getattr(form, "_errors", None)  # do not trigger validation here
            if errors and name in errors:
                described.append(f"{bound.auto_id}_error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.style_widgets()


class StyledForm(StyledFormMixin, forms.Form):
    pass


class StyledModelForm(StyledFormMixin, forms.ModelForm):
    pass


class StyledAuthenticationForm(StyledFormMixin, AuthenticationForm):
    pass


def add_action_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Show an action's `ValidationError` on a form: errors of fields the form has on those fields, the rest
    (errors of other fields, or without a field) on the form as a whole. Never fails on an unknown field."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)
