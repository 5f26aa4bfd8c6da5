from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.core.widgets import make_searchable
from samskap.directory.grouping import organisation_group, person_group
from samskap.directory.models import RESEARCH_ORG_TYPES, County, Organisation, Person
from samskap.directory.permissions import is_coordinator
from samskap.needs.models import Need, NeedStatus, Sector
from samskap.opportunities.actions import MAX_SKETCH_PDF
from samskap.opportunities.models import Direction, Field, Kind, Level, Opportunity
from samskap.opportunities.permissions import organisation_ids

DATE = {"type": "date"}


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs=DATE, format="%Y-%m-%d")


class OpportunityForm(StyledModelForm):
    class Meta:
        model = Opportunity
        fields = ["kind", "level", "direction", "partner_type", "title", "summary", "problem", "relevance",
                  "data_and_method", "ethics", "requirements", "field", "sector", "contact", "need",
                  "municipality", "place", "period_start", "period_end", "provides_data", "provides_supervision",
                  "provides_office", "stipend_amount", "stipend_deadline", "deadline", "language", "keywords",
                  "expires_on", "vetting_institution"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "problem": forms.Textarea(attrs={"rows": 4}),
            "relevance": forms.Textarea(attrs={"rows": 3}),
            "data_and_method": forms.Textarea(attrs={"rows": 3}),
            "ethics": forms.Textarea(attrs={"rows": 2}),
            "requirements": forms.Textarea(attrs={"rows": 2}),
            "period_start": _date_widget(), "period_end": _date_widget(), "stipend_deadline": _date_widget(),
            "deadline": _date_widget(), "expires_on": _date_widget(),
        }

    def __init__(self, *args: Any, user: Any = None, organisation: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expires_on"].required = False
        org = organisation or (self.instance.organisation if self.instance.organisation_id else None)
        contact: Any = self.fields["contact"]
        contact.queryset = Person.objects.filter(organisation=org) if org else Person.objects.none()
        need: Any = self.fields["need"]
        needs = Need.objects.exclude(status=NeedStatus.DRAFT).select_related("municipality")
        if org is not None and org.municipality_id and not is_coordinator(user):
            needs = needs.filter(municipality_id=org.municipality_id)
        need.queryset = needs.order_by("-created_at")
        vetting: Any = self.fields["vetting_institution"]
        vetting.queryset = Organisation.objects.filter(org_type__in=RESEARCH_ORG_TYPES)
        municipality: Any = self.fields["municipality"]
        municipality.queryset = municipality.queryset.filter(active=True)
        # Searchable selects (issue 18), fetching the options of this very form.
        self.options_url = (reverse("opportunities:edit_options", args=[self.instance.pk]) if self.instance.pk
                            else reverse("opportunities:create_options"))
        make_searchable(contact, options_url=f"{self.options_url}?field=contact", group_of=person_group,
                        search_fields=("name", "organisation__name"))
        make_searchable(vetting, options_url=f"{self.options_url}?field=vetting_institution",
                        group_of=organisation_group)
        self.style_widgets()


class CreateOpportunityForm(OpportunityForm):
    organisation = forms.ModelChoiceField(Organisation.objects.none(), label=_("Organisation"),
                                          help_text=_("The organisation that offers or seeks the cooperation."))

    class Meta(OpportunityForm.Meta):
        fields = ["organisation", *OpportunityForm.Meta.fields]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, user=user, **kwargs)
        choices = Organisation.objects.all() if is_coordinator(user) else \
            Organisation.objects.filter(pk__in=organisation_ids(user))
        organisation: Any = self.fields["organisation"]
        organisation.queryset = choices
        make_searchable(organisation, options_url=f"{self.options_url}?field=organisation", group_of=organisation_group)
        if choices.count() == 1 and not self.is_bound:
            self.initial["organisation"] = choices.first()
        # The contact list follows the chosen organisation (all people of the user's organisations here).
        contact: Any = self.fields["contact"]
        contact.queryset = Person.objects.filter(organisation__in=choices)
        self.order_fields(["organisation", *OpportunityForm.Meta.fields])
        self.style_widgets()


class VetForm(StyledForm):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect, choices=[
        ("approve", _("Approve")), ("changes", _("Ask for changes")), ("reject", _("Reject"))])
    note = forms.CharField(label=_("Reason or advice to the owner"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Required when you ask for changes or reject."))


class SketchForm(StyledForm):
    sender_name = forms.CharField(label=_("Your name"), max_length=200)
    institution = forms.CharField(label=_("Study place or institution"), max_length=200, required=False,
                                  help_text=_("For example “NTNU, master in public health”."))
    text = forms.CharField(label=_("Your sketch"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("A short project sketch: your question, how you would work, and when."))
    pdf = forms.FileField(label=_("Sketch as PDF (optional)"), required=False,
                          widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
                          help_text=_("At most %(size)s MB.") % {"size": MAX_SKETCH_PDF // (1024 * 1024)})

    def clean_pdf(self) -> Any:
        upload = self.cleaned_data.get("pdf")
        if upload and upload.size > MAX_SKETCH_PDF:
            raise forms.ValidationError(_("The file is too large: at most %(size)s MB."),
                                        params={"size": MAX_SKETCH_PDF // (1024 * 1024)}, code="size")
        return upload


class AcceptForm(StyledForm):
    message = forms.CharField(label=_("Message to the sender"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    parties = forms.CharField(label=_("Parties"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("One party a line. Empty: your organisation, the sender and their "
                                          "institution."))
    supervisor = forms.CharField(label=_("Supervisor"), max_length=200, required=False)
    start_date = forms.DateField(label=_("Start"), required=False, widget=_date_widget())
    end_date = forms.DateField(label=_("End"), required=False, widget=_date_widget())
    startup_meeting = forms.DateField(label=_("Start-up meeting"), required=False, widget=_date_widget())
    terms = forms.CharField(label=_("Other terms"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("For example access to data, confidentiality, presenting the results."))


class RejectForm(StyledForm):
    message = forms.CharField(label=_("Message to the sender"), widget=forms.Textarea(attrs={"rows": 3}))


class CompleteForm(StyledForm):
    result_url = forms.URLField(label=_("Link to the result"), required=False, assume_scheme="https",
                                help_text=_("The thesis, a report or a case in the library."))
    result_note = forms.CharField(label=_("About the result"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))


class RenewForm(StyledForm):
    expires_on = forms.DateField(label=_("New expiry date"), required=False, widget=_date_widget(),
                                 help_text=_("Empty: half a year from today."))


def _choices(choices: Any, everything: Any) -> list[tuple[str, Any]]:
    return [("", everything), *[(v, label) for v, label in choices if v]]


class FilterForm(StyledForm):
    q = forms.CharField(label=_("Search"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=_choices(Kind.choices, _("All kinds")))
    level = forms.ChoiceField(label=_("Level"), required=False, choices=_choices(Level.choices, _("All levels")))
    field = forms.ChoiceField(label=_("Field"), required=False, choices=_choices(Field.choices, _("All fields")))
    sector = forms.ChoiceField(label=_("Sector"), required=False, choices=_choices(Sector.choices, _("All sectors")))
    county = forms.ModelChoiceField(County.objects.filter(active=True), label=_("Place (county)"), required=False,
                                    empty_label=_("All counties"))
    direction = forms.ChoiceField(label=_("Offered or sought"), required=False,
                                  choices=_choices(Direction.choices, _("Both")))
    open_only = forms.BooleanField(label=_("Only open for sketches"), required=False)

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        county = data.pop("county")
        data["county"] = county.code if county else ""
        return data


