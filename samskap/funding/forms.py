from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.directory.models import Organisation, OrgType
from samskap.funding.models import ApplicantType, Instrument


def parse_deadlines(text: str) -> list[dict[str, Any]]:
    """One deadline a line: `YYYY-MM-DD [HH:MM] [label]`. Raises ValidationError naming the line."""
    items: list[dict[str, Any]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        parts = line.split(maxsplit=1)
        try:
            date = dt.date.fromisoformat(parts[0])
        except ValueError:
            raise forms.ValidationError(
                _("Line %(number)s: start with a date written as YYYY-MM-DD."), params={"number": number},
                code="date") from None
        rest = parts[1].strip() if len(parts) > 1 else ""
        time = None
        head = rest.split(maxsplit=1)
        if head and len(head[0]) == 5 and head[0][2] == ":":
            try:
                time = dt.time.fromisoformat(head[0])
            except ValueError:
                raise forms.ValidationError(
                    _("Line %(number)s: write the time as HH:MM."), params={"number": number},
                    code="time") from None
            rest = head[1].strip() if len(head) > 1 else ""
        items.append({"date": date, "time": time, "label": rest[:200]})
    return items


def format_deadlines(instrument: Instrument) -> str:
    lines = []
    for d in instrument.deadlines.all():
        parts = [d.date.isoformat()]
        if d.time:
            parts.append(d.time.strftime("%H:%M"))
        if d.label:
            parts.append(d.label)
        lines.append(" ".join(parts))
    return "\n".join(lines)


def _formfield(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class InstrumentForm(StyledModelForm):
    applicants = forms.MultipleChoiceField(
        label=_("Who may apply"), choices=ApplicantType.choices, widget=forms.CheckboxSelectMultiple,
        required=False, help_text=_("The kinds of organisation that may take part as applicants."))
    deadlines = forms.CharField(
        label=_("Deadlines"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: the date as YYYY-MM-DD, optionally a time HH:MM and a label. "
                    "Example: 2027-02-15 13:00 Main deadline"))

    class Meta:
        model = Instrument
        formfield_callback = _formfield
        fields = ["name", "owner", "owner_name", "summary", "description", "applicants", "lead_requirement",
                  "research_partner_required", "cofunding_required", "cofunding_share", "requirements",
                  "min_amount", "max_amount", "rolling", "url", "language", "keywords", "rcn_activity",
                  "rcn_application_type", "active"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 6}),
            "requirements": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Organisation.objects.filter(org_type=OrgType.FUNDING)  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["deadlines"] = format_deadlines(self.instance)
        self.style_widgets()

    def clean_deadlines(self) -> list[dict[str, Any]]:
        return parse_deadlines(self.cleaned_data.get("deadlines") or "")


class InstrumentFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    applicant = forms.ChoiceField(label=_("Who may apply"), required=False,
                                  choices=[("", _("Everyone")), *ApplicantType.choices])
    open_only = forms.BooleanField(label=_("Only with an open deadline or rolling intake"), required=False)
