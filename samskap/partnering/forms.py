from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm
from samskap.core.widgets import make_searchable
from samskap.directory.grouping import person_group
from samskap.needs.models import Need
from samskap.workshops.models import Registration

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
PRIORITIES = [(1, _("Normal")), (2, _("Important")), (3, _("Most important"))]


class ProfileForm(StyledForm):
    offer = forms.CharField(label=_("What I offer"), required=False, max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text=_("Knowledge, experience, projects or data you can share."))
    seek = forms.CharField(label=_("What I am looking for"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Partners, knowledge or experience you would like to meet."))
    tags = forms.CharField(label=_("Tags"), required=False, max_length=300,
                           help_text=_("Separate tags with commas, e.g. health, schools."))
    needs = forms.ModelMultipleChoiceField(label=_("Link to my needs"), required=False,
                                           queryset=Need.objects.none(), widget=forms.CheckboxSelectMultiple)
    published = forms.BooleanField(label=_("Show my profile to the other participants"), required=False)

    def __init__(self, *args: Any, needs: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if needs is None or not needs.exists():
            del self.fields["needs"]
        else:
            cast(Any, self.fields["needs"]).queryset = needs


PARTICIPANT_SEARCH = ("name", "organisation_name")


class RequestForm(StyledForm):
    recipient = forms.ModelChoiceField(label=_("Whom do you want to meet?"), queryset=Registration.objects.none())
    message = forms.CharField(label=_("Message"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    priority = forms.TypedChoiceField(label=_("How important is it?"), choices=PRIORITIES, coerce=int, initial=1)

    def __init__(self, *args: Any, people: Any = None, options_url: str | None = None, **kwargs: Any) -> None:
        """``options_url``: where the searchable recipient select fetches its options (issue 18)."""
        super().__init__(*args, **kwargs)
        if options_url:
            make_searchable(self.fields["recipient"], options_url=f"{options_url}?field=recipient",
                            group_of=person_group, search_fields=PARTICIPANT_SEARCH)
        if people is not None:
            cast(Any, self.fields["recipient"]).queryset = people
        cast(Any, self.fields["recipient"]).label_from_instance = lambda r: f"{r.name} ({r.organisation_name})"
        self.style_widgets()


class BookForm(StyledForm):
    sender = forms.ModelChoiceField(label=_("Participant"), queryset=Registration.objects.none())
    recipient = forms.ModelChoiceField(label=_("Meets"), queryset=Registration.objects.none())
    priority = forms.TypedChoiceField(label=_("Priority"), choices=PRIORITIES, coerce=int, initial=2)

    def __init__(self, *args: Any, people: Any = None, options_url: str | None = None, **kwargs: Any) -> None:
        """``options_url``: where the searchable participant selects fetch their options (issue 18)."""
        super().__init__(*args, **kwargs)
        for name in ("sender", "recipient"):
            if options_url:
                make_searchable(self.fields[name], options_url=f"{options_url}?field={name}", group_of=person_group,
                                search_fields=PARTICIPANT_SEARCH)
            field = cast(Any, self.fields[name])
            field.queryset = people if people is not None else Registration.objects.none()
            field.label_from_instance = lambda r: f"{r.name} ({r.organisation_name})"
        self.auto_id = "book_%s"


class SlotsForm(StyledForm):
    first = forms.TimeField(label=_("First slot starts"), widget=TIME)
    minutes = forms.IntegerField(label=_("Minutes per slot"), min_value=5, max_value=240, initial=20)
    count = forms.IntegerField(label=_("Number of slots"), min_value=1, max_value=60, initial=12)
    break_after = forms.IntegerField(label=_("Break after slot number"), min_value=1, max_value=60, required=False,
                                     help_text=_("Leave empty for no break."))
    break_minutes = forms.IntegerField(label=_("Minutes of break"), min_value=5, max_value=240, initial=15)


class TablesForm(StyledForm):
    count = forms.IntegerField(label=_("Number of tables"), min_value=0, max_value=500)


class RunForm(StyledForm):
    time_limit = forms.IntegerField(label=_("Time limit (seconds)"), min_value=1, max_value=600, initial=20)
