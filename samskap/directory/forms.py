from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.directory.models import County, Municipality, Person


class ProfileForm(StyledModelForm):
    class Meta:
        model = Person
        fields = ["name", "position", "fields_of_interest", "research_fields", "methods", "projects",
                  "working_languages", "email", "phone", "preferred_language", "listed_in_directory"]
        widgets = {
            "research_fields": forms.Textarea(attrs={"rows": 3}),
            "methods": forms.Textarea(attrs={"rows": 2}),
            "projects": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "listed_in_directory": _("Show my name, organisation, position, fields and contact details in the "
                                     "network directory. You can withdraw this at any time."),
        }


class MunicipalityProfileForm(StyledModelForm):
    class Meta:
        model = Municipality
        fields = ["profile"]
        widgets = {"profile": forms.Textarea(attrs={"rows": 6})}


class MunicipalityFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    county = forms.ModelChoiceField(County.objects.filter(active=True), label=_("County"), required=False,
                                    empty_label=_("All counties"))
