from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.needs.models import Call, Need
from samskap.workshops.models import (
    ActorType,
    Assignment,
    Event,
    Group,
    Plan,
    ProgrammeItem,
    StaffMember,
    Theme,
    WorkshopSession,
)

RANK_LABELS = {1: _("First choice"), 2: _("Second choice"), 3: _("Third choice")}
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class EventForm(StyledModelForm):
    class Meta:
        model = Event
        fields = ["title", "slug", "description", "date", "start_time", "end_time", "place",
                  "registration_deadline", "capacity", "min_theme_size", "max_group_size", "tables_per_session",
                  "call", "terms"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "terms": forms.Textarea(attrs={"rows": 3}),
            "date": DATE, "start_time": TIME, "end_time": TIME, "registration_deadline": DATETIME,
        }
        help_texts = {"slug": _("Used in the address, e.g. utviklingsverksted-2027.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["call"]).queryset = Call.objects.order_by("-deadline")
        self.style_widgets()


class EventCreateForm(EventForm):
    sessions = forms.IntegerField(label=_("Number of sessions"), min_value=0, max_value=6, initial=2,
                                  help_text=_("Rounds of parallel themes; you can add more later."))


class ProgrammeItemForm(StyledModelForm):
    class Meta:
        model = ProgrammeItem
        fields = ["start", "end", "title", "speaker"]
        widgets = {"start": TIME, "end": TIME}


class SessionForm(StyledModelForm):
    class Meta:
        model = WorkshopSession
        fields = ["number", "start", "end"]
        widgets = {"start": TIME, "end": TIME}


class ThemeForm(StyledModelForm):
    class Meta:
        model = Theme
        fields = ["session", "title", "description", "proposed_by_name", "needs"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "needs": forms.CheckboxSelectMultiple}
        help_texts = {"proposed_by_name": _("Who proposed the theme, e.g. a municipality or an organisation.")}

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        session_field = cast(forms.ModelChoiceField, self.fields["session"])
        session_field.queryset = event.sessions.all()
        session_field.empty_label = None
        needs = Need.objects.filter(call=event.call) if event.call_id else Need.objects.none()
        if self.instance.pk:
            needs = needs | self.instance.needs.all()
        needs_field = cast(forms.ModelMultipleChoiceField, self.fields["needs"])
        needs_field.queryset = needs.select_related("municipality").distinct().order_by("title")
        # per-instance override of a method (Django's documented pattern)
        cast(Any, needs_field).label_from_instance = lambda n: f"{n.title} ({n.municipality.name})"
        needs_field.required = False
        if not needs_field.queryset.exists():
            del self.fields["needs"]
        self.style_widgets()


class StaffForm(StyledModelForm):
    class Meta:
        model = StaffMember
        fields = ["name", "email"]


class ImportForm(StyledForm):
    file = forms.FileField(label=_("Registration file (CSV or Excel .xlsx)"),
                           help_text=_("Columns: Fornavn, Etternavn, Organisasjon, E-post and per session "
                                       "«Økt N valg 1», «Økt N valg 2», … (or «Verkstedtema økt N»); optional "
                                       "«Vil være bordvert» and «Vil være referent»."),
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}))

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 5 MB)."))
        return upload


class RegistrationForm(StyledForm):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    actor_type = forms.ChoiceField(label=_("Type of actor"), choices=ActorType.choices)
    volunteer_host = forms.BooleanField(label=_("I can host a table (bordvert)"), required=False)
    volunteer_note_taker = forms.BooleanField(label=_("I can take notes at a table (referent)"), required=False)
    accepted_terms = forms.BooleanField(label=_("I accept the terms"), required=True,
                                        error_messages={"required": _("You must accept the terms to register.")})

    PERSON_FIELDS = ("name", "email", "organisation_name", "actor_type")
    FINAL_FIELDS = ("volunteer_host", "volunteer_note_taker", "accepted_terms")

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        self.sessions = list(event.sessions.prefetch_related("themes"))
        finals = {name: self.fields.pop(name) for name in self.FINAL_FIELDS}
        for session in self.sessions:
            options = [("", _("No theme"))] + [(str(t.pk), t.title) for t in session.themes.all()]
            for rank, label in RANK_LABELS.items():
                self.fields[self.choice_name(session, rank)] = forms.ChoiceField(
                    label=label, choices=options, required=False)
        self.fields.update(finals)
        if event.terms:
            self.fields["accepted_terms"].help_text = event.terms
        self.style_widgets()

    @staticmethod
    def choice_name(session: WorkshopSession, rank: int) -> str:
        return f"session_{session.pk}_{rank}"

    def person_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PERSON_FIELDS]

    def final_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.FINAL_FIELDS]

    def session_fields(self) -> list[tuple[WorkshopSession, list[forms.BoundField]]]:
        return [(s, [self[self.choice_name(s, r)] for r in RANK_LABELS]) for s in self.sessions]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assert data is not None  # Form.clean() returns cleaned_data
        self.choices: dict[int, list[int]] = {}
        for session in self.sessions:
            picked: list[int] = []
            gap = False
            for rank in RANK_LABELS:
                name = self.choice_name(session, rank)
                value = data.get(name)
                if not value:
                    gap = True
                    continue
                if gap:
                    self.add_error(name, _("Fill in the earlier choices first."))
                    continue
                if int(value) in picked:
                    self.add_error(name, _("You have already chosen this theme in this session."))
                    continue
                picked.append(int(value))
            self.choices[session.pk] = picked
        return data


class MoveForm(StyledForm):
    group = forms.ChoiceField(label=_("Move to group"))

    def __init__(self, *args: Any, plan: Plan, session: WorkshopSession, current: Group | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups = (plan.groups.filter(theme__session=session).select_related("theme")
                  .order_by("theme__title", "number"))
        options: dict[str, list[tuple[str, str]]] = {}
        self.groups = {}
        for g in groups:
            size = g.assignments.count()
            label = _("Group %(number)s (%(size)s people)") % {"number": g.number, "size": size}
            if current is not None and g.pk == current.pk:
                label = _("%(group)s – current") % {"group": label}
            options.setdefault(g.theme.title, []).append((str(g.pk), label))
            self.groups[str(g.pk)] = g
        cast(forms.ChoiceField, self.fields["group"]).choices = list(options.items())
        if current is not None:
            self.fields["group"].initial = str(current.pk)
        self.style_widgets()

    def clean_group(self) -> Group:
        return self.groups[self.cleaned_data["group"]]


class SwapForm(StyledForm):
    other = forms.ChoiceField(label=_("Swap with"))

    def __init__(self, *args: Any, plan: Plan, item: Assignment, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rows = (plan.assignments.filter(session=item.session).exclude(pk=item.pk)
                .select_related("registration", "group__theme")
                .order_by("group__theme__title", "group__number", "registration__name"))
        options: dict[str, list[tuple[str, str]]] = {}
        self.others: dict[str, Assignment] = {}
        for a in rows:
            if a.group_id is not None and a.group_id == item.group_id:
                continue
            if a.group is None:
                heading = str(_("Not placed"))
            else:
                heading = _("%(theme)s, group %(number)s") % {"theme": a.group.theme.title, "number": a.group.number}
            options.setdefault(heading, []).append((str(a.pk), a.registration.name))
            self.others[str(a.pk)] = a
        cast(forms.ChoiceField, self.fields["other"]).choices = list(options.items())
        self.style_widgets()

    def clean_other(self) -> Assignment:
        return self.others[self.cleaned_data["other"]]
