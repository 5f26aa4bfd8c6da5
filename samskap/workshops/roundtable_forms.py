"""Forms for round tables: the settings, a presenter, and a participant's ratings (one fieldset of radio
buttons per presentation, used in the registration form and on the participant's own page)."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.workshops.models import Event, Registration, RegistrationStatus
from samskap.workshops.roundtable_models import Presenter, RoundTableSettings

RATING_CHOICES = [("", _("No rating")), ("1", _("1 – little interest")), ("2", "2"), ("3", "3"), ("4", "4"),
                  ("5", _("5 – very interested"))]


class RoundTableSettingsForm(StyledModelForm):
    class Meta:
        model = RoundTableSettings
        fields = ["enabled", "rounds", "tables", "seats", "max_presentations", "min_visits", "max_visits",
                  "time_limit"]


class PresenterForm(StyledForm):
    registration = forms.ModelChoiceField(label=_("Presenter"), queryset=Registration.objects.none(),
                                          help_text=_("A registered participant who hosts a table."))
    title = forms.CharField(label=_("Title of the presentation"), max_length=200)
    abstract = forms.CharField(label=_("Abstract"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["registration"])
        field.queryset = (event.registrations.filter(status=RegistrationStatus.CONFIRMED)
                          .exclude(presentations__event=event).order_by("name"))
        self.style_widgets()


class RatingsForm(StyledForm):
    """A fieldset per presentation (legend = its title) with "no rating" and 1-5."""

    def __init__(self, *args: Any, presenters: list[Presenter], registration: Registration | None = None,
                 initial_ratings: dict[int, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.presenters = [p for p in presenters if registration is None or p.registration_id != registration.pk]
        given = initial_ratings or {}
        for p in self.presenters:
            self.fields[self.name_for(p)] = forms.ChoiceField(
                label=p.title, choices=RATING_CHOICES, required=False, widget=forms.RadioSelect,
                initial=str(given[p.pk]) if p.pk in given else "",
                help_text=_("%(name)s. %(abstract)s") % {"name": p.registration.name, "abstract": p.abstract}
                if p.abstract else p.registration.name)
        self.style_widgets()

    @staticmethod
    def name_for(presenter: Presenter) -> str:
        return f"rating_{presenter.pk}"

    def ratings(self) -> dict[int, int | None]:
        return {p.pk: (int(v) if (v := self.cleaned_data.get(self.name_for(p))) else None) for p in self.presenters}
