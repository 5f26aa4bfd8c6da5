from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.core.widgets import make_searchable
from samskap.directory.grouping import organisation_group, person_group
from samskap.directory.models import County, Organisation, OrgType, Person
from samskap.followup.models import (
    Action,
    ActionPhase,
    ActionStatus,
    ActorGroup,
    Application,
    Benefit,
    BenefitMeasurement,
    OrganisationContact,
    OutcomeRow,
)
from samskap.needs.models import Need, NeedStatus


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} ({obj.organisation.name})" if obj.organisation is not None else obj.name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} ({obj.organisation.name})" if obj.organisation is not None else obj.name


# Searchable selects (issue 18): people are found by their own or their organisation's name.
PEOPLE_SEARCH = ("name", "organisation__name")


def searchable_organisations_and_people(form: forms.BaseForm, base_url: str, organisations: tuple[str, ...],
                                        people: tuple[str, ...]) -> None:
    """Make the form's organisation and people fields searchable selects fetching from ``base_url``."""
    for name in organisations:
        make_searchable(form.fields[name], options_url=f"{base_url}?field={name}", group_of=organisation_group)
    for name in people:
        make_searchable(form.fields[name], options_url=f"{base_url}?field={name}", group_of=person_group,
                        search_fields=PEOPLE_SEARCH)


class NeedChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Need) -> str:
        return f"{obj.title} ({obj.municipality.name})"


def group_choices(group: Any, row: OutcomeRow | None = None) -> dict[str, QuerySet[Any]]:
    """Choices for a group's outcome form: relevant organisations, the workshop's people, the theme's needs.

    Municipalities appear when they take part, own a need of the theme or are already linked; every other
    organisation always appears. Anything else can be written as free text.
    """
    event = group.theme.session.event
    regs = event.registrations.all()
    org_q = ~Q(org_type=OrgType.MUNICIPALITY) | Q(workshop_registrations__event=event) | Q(
        people__registrations__event=event) | Q(municipality__needs__workshop_themes=group.theme)
    people_q = Q(registrations__in=regs)
    need_q = Q(workshop_themes=group.theme)
    if event.call_id:
        need_q |= Q(call_id=event.call_id) & ~Q(status=NeedStatus.DRAFT)
    if row is not None and row.pk:
        org_q |= Q(outcome_rows_as_actor=row) | Q(ideas_owned=row) | Q(ideas_carried=row)
        people_q |= Q(outcome_rows_as_actor=row) | Q(ideas_owned=row)
        need_q |= Q(outcome_rows=row)
    return {
        "organisations": Organisation.objects.filter(org_q).distinct().order_by("name"),
        "people": Person.objects.filter(people_q).select_related("organisation").distinct().order_by("name"),
        "needs": Need.objects.filter(need_q).select_related("municipality").distinct().order_by("title"),
    }


class OutcomeRowForm(StyledModelForm):
    actor_groups = forms.MultipleChoiceField(label=_("Addressed to"), required=False, choices=ActorGroup.choices,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("Groups of actors the follow-up is addressed to."))
    actor_people = PeopleChoiceField(queryset=Person.objects.none(), required=False, label=_("People"))
    idea_owner_person = PersonChoiceField(queryset=Person.objects.none(), required=False,
                                          label=_("Idea owner (person)"))
    needs = NeedChoiceField(queryset=Need.objects.none(), required=False, label=_("Needs it came from"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = OutcomeRow
        fields = ["idea", "needs_and_challenges", "follow_up", "actors_text", "actor_organisations", "actor_people",
                  "actor_groups", "idea_owner_organisation", "idea_owner_person", "idea_owner_text", "carried_by",
                  "needs"]
        widgets = {
            "idea": forms.Textarea(attrs={"rows": 3}),
            "needs_and_challenges": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
            "actors_text": forms.Textarea(attrs={"rows": 2}),
            "actor_organisations": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args: Any, group: Any, choices: dict[str, QuerySet[Any]] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = choices or group_choices(group, self.instance)
        searchable_organisations_and_people(
            self, reverse("followup:row_options", args=[self.instance.pk]) if self.instance.pk
            else reverse("followup:group_options", args=[group.pk]),
            ("actor_organisations", "idea_owner_organisation", "carried_by"), ("actor_people", "idea_owner_person"))
        for name in ("actor_organisations", "idea_owner_organisation", "carried_by"):
            self.fields[name].queryset = choices["organisations"]  # type: ignore[attr-defined]
        for name in ("actor_people", "idea_owner_person"):
            self.fields[name].queryset = choices["people"]  # type: ignore[attr-defined]
        self.fields["actor_people"].widget.attrs["size"] = 5
        self.fields["needs"].queryset = choices["needs"]  # type: ignore[attr-defined]
        self.fields["needs"].widget.attrs["size"] = 4
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
            self.initial["actor_groups"] = list(self.instance.actor_groups or [])
        self.style_widgets()

    def data_for_action(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ActionForm(StyledModelForm):
    owner_person = PersonChoiceField(queryset=Person.objects.select_related("organisation").order_by("name"),
                                     required=False, label=_("Responsible person"),
                                     help_text=_("Optional. Must belong to the responsible organisation."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Action
        fields = ["title", "description", "owner_organisation", "owner_person", "due_date", "status",
                  "progress_notes"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress_notes": forms.Textarea(attrs={"rows": 4}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, organisations: Any = None, row: OutcomeRow | None = None, **kwargs: Any) -> None:
        """``organisations``: the organisations the user may make responsible (None: all). ``row``: the outcome
        row a new action is made from (an action being edited is the form's instance)."""
        super().__init__(*args, **kwargs)
        base_url = (reverse("followup:action_options", args=[self.instance.pk]) if self.instance.pk
                    else reverse("followup:action_create_options", args=[row.pk]) if row is not None else None)
        if base_url:
            searchable_organisations_and_people(self, base_url, ("owner_organisation",), ("owner_person",))
        self.fields["owner_organisation"].queryset = (  # type: ignore[attr-defined]
            organisations if organisations is not None else Organisation.objects.all()).order_by("name")
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
        self.style_widgets()

    def data_for_action(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


class ApplicationForm(StyledModelForm):
    class Meta:
        model = Application
        fields = ["instrument", "instrument_name", "result", "applied_on", "amount"]
        widgets = {"applied_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from samskap.funding.models import Instrument

        self.fields["instrument"].queryset = Instrument.objects.order_by("name")  # type: ignore[attr-defined]
        self.style_widgets()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("instrument") and not (data.get("instrument_name") or "").strip():
            self.add_error("instrument", _("Choose a funding instrument or write its name."))
        return data


class ContactForm(StyledModelForm):
    class Meta:
        model = OrganisationContact
        fields = ["name", "email"]


class DeletionRequestForm(StyledForm):
    reason = forms.CharField(label=_("Anything the coordinator should know (optional)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class RejectDeletionForm(StyledForm):
    decision_note = forms.CharField(label=_("Why is the request rejected?"), widget=forms.Textarea(attrs={"rows": 2}))


class NetworkFilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    county = forms.ModelChoiceField(County.objects.filter(active=True), label=_("County"), required=False,
                                    empty_label=_("All counties"))
    org_type = forms.ChoiceField(label=_("Type of organisation"), required=False,
                                 choices=[("", _("All types")), *OrgType.choices])
    field = forms.ChoiceField(label=_("Field"), required=False)

    def __init__(self, *args: Any, fields_of_interest: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["field"]).choices = [("", _("All fields")), *[(f, f) for f in fields_of_interest or []]]


class FunnelFilterForm(StyledForm):
    county = forms.ModelChoiceField(County.objects.filter(active=True), label=_("County"), required=False,
                                    empty_label=_("All counties"))
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end of the period must not be before its start."))
        return data


STATUS_CHOICES = [("", _("All statuses")), *ActionStatus.choices]


class ActionFilterForm(StyledForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Responsible organisation"),
                                          required=False, empty_label=_("All organisations"))
    status = forms.ChoiceField(label=_("Status"), required=False, choices=STATUS_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(followup_actions__isnull=False).distinct().order_by("name"))


class GuestOutcomeRowForm(StyledModelForm):
    """A row as a guest note-taker (no account) records it: the texts only; coordinators link the directory's
    organisations and people afterwards."""

    actor_groups = forms.MultipleChoiceField(label=_("Addressed to"), required=False, choices=ActorGroup.choices,
                                             widget=forms.CheckboxSelectMultiple,
                                             help_text=_("Groups of actors the follow-up is addressed to."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = OutcomeRow
        fields = ["idea", "needs_and_challenges", "follow_up", "actors_text", "actor_groups", "idea_owner_text"]
        widgets = {
            "idea": forms.Textarea(attrs={"rows": 3}),
            "needs_and_challenges": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
            "actors_text": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
            self.initial["actor_groups"] = list(self.instance.actor_groups or [])
        self.style_widgets()

    def data_for_action(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("version", None)
        return data


# --- Benefit realisation -----------------------------------------------------------------------------------

MAX_MEASUREMENT_FILE = 2 * 1024 * 1024


class BenefitForm(StyledModelForm):
    class Meta:
        model = Benefit
        fields = ["title", "kind", "beneficiaries", "indicator", "unit", "baseline_value", "baseline_date",
                  "target_value", "target_date", "owner_organisation", "owner_person", "assumptions"]
        widgets = {"baseline_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "assumptions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, action: Action | None = None, **kwargs: Any) -> None:
        """``action``: the action the benefit is planned for (its page fetches the owner options)."""
        super().__init__(*args, **kwargs)
        if action is not None:
            searchable_organisations_and_people(self, reverse("followup:benefit_options", args=[action.pk]),
                                                ("owner_organisation",), ("owner_person",))
        self.fields["owner_organisation"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["owner_person"].queryset = Person.objects.order_by("name")  # type: ignore[attr-defined]
        self.style_widgets()


class MeasurementForm(StyledModelForm):
    class Meta:
        model = BenefitMeasurement
        fields = ["measured_on", "value", "source", "comment"]
        widgets = {"measured_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class MeasurementImportForm(StyledForm):
    file = forms.FileField(label=_("CSV or XLSX file"),
                           help_text=_("Columns: benefit, date, value, and optionally source and comment. The "
                                       "header is row 1."))

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_MEASUREMENT_FILE:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        return upload


class PhaseForm(StyledModelForm):
    class Meta:
        model = ActionPhase
        fields = ["phase", "started_on", "note"]
        widgets = {"started_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class CaseFromActionForm(StyledForm):
    sector = forms.ChoiceField(label=_("Sector"))
    innovation_type = forms.ChoiceField(label=_("Type of innovation"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from samskap.knowledge.models import InnovationType
        from samskap.needs.models import Sector

        self.fields["sector"].choices = Sector.choices  # type: ignore[attr-defined]
        self.fields["innovation_type"].choices = InnovationType.choices  # type: ignore[attr-defined]
        self.style_widgets()
