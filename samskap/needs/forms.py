from __future__ import annotations

from typing import Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.core.widgets import LONG_LIST, make_searchable
from samskap.directory.grouping import municipality_group
from samskap.directory.models import County, Municipality
from samskap.needs.models import Call, Need, NeedStatus, Sector


class NeedForm(StyledModelForm):
    class Meta:
        model = Need
        fields = ["title", "description", "why_it_matters", "who_is_affected", "sector", "desired_outcome",
                  "language", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "why_it_matters": forms.Textarea(attrs={"rows": 3}),
            "who_is_affected": forms.Textarea(attrs={"rows": 2}),
            "desired_outcome": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, statuses: Any = None, **kwargs: Any) -> None:
        """``statuses``: the statuses the user may set (see ``needs.actions.settable_statuses``); only these
        are offered."""
        super().__init__(*args, **kwargs)
        if statuses is not None:
            status = cast(forms.ChoiceField, self.fields["status"])
            status.choices = [(s.value, s.label) for s in NeedStatus if s in statuses]


class NeedCreateForm(NeedForm):
    municipality = forms.ModelChoiceField(queryset=Municipality.objects.none(), label=_("Municipality"))

    class Meta(NeedForm.Meta):
        fields = ["municipality", *NeedForm.Meta.fields]

    def __init__(self, *args: Any, municipalities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = (municipalities.select_related("county").order_by("name")
                                 if municipalities is not None else Municipality.objects.none())
        if municipality.queryset.count() > LONG_LIST:  # a coordinator's: every municipality (issue 18)
            make_searchable(municipality, options_url=reverse("needs:create_options") + "?field=municipality",
                            group_of=municipality_group)
        status = cast(forms.ChoiceField, self.fields["status"])
        status.choices = [(s.value, s.label) for s in NeedStatus if s in (NeedStatus.DRAFT, NeedStatus.SUBMITTED)]
        self.fields["status"].initial = NeedStatus.SUBMITTED
        self.style_widgets()


class NeedFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    county = forms.ModelChoiceField(County.objects.filter(active=True), label=_("County"), required=False,
                                    empty_label=_("All counties"))
    sector = forms.ChoiceField(label=_("Sector"), required=False,
                               choices=[("", _("All sectors")), *Sector.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *NeedStatus.choices])


class CallForm(StyledModelForm):
    class Meta:
        model = Call
        fields = ["title", "question", "description", "deadline", "county"]
        widgets = {
            "question": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "deadline": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
