from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.core.forms import StyledForm, StyledModelForm
from samskap.core.widgets import make_searchable
from samskap.directory.grouping import municipality_group
from samskap.directory.models import Municipality
from samskap.knowledge.models import BarometerItem, Case, Survey

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CaseForm(StyledModelForm):
    municipalities = forms.ModelMultipleChoiceField(
        queryset=Municipality.objects.active().order_by("name"), label=_("Municipalities"),
        help_text=_("Choose one or more."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Case
        fields = ["title", "municipalities", "year", "sector", "innovation_type", "category", "stage", "summary",
                  "novelty", "results", "benefit_evidence", "partners", "contact", "links", "language"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "novelty": forms.Textarea(attrs={"rows": 4}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "contact": forms.Textarea(attrs={"rows": 2}),
            "links": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("municipalities", list(self.instance.municipalities.all()))
        # A searchable select (issue 18); the <select> with Ctrl-click stays for browsers without JavaScript.
        field = cast(forms.ModelMultipleChoiceField, self.fields["municipalities"])
        options_url = (reverse("knowledge:case_edit_options", args=[self.instance.pk]) if self.instance.pk
                       else reverse("knowledge:case_options"))
        make_searchable(field, options_url=f"{options_url}?field=municipalities", group_of=municipality_group)
        field.queryset = Municipality.objects.active().select_related("county").order_by("name")
        self.style_widgets()


class ReviewForm(StyledForm):
    comment = forms.CharField(label=_("Comment to the owner"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Required when you return the case."))


class CaseSearchForm(StyledForm):
    q = forms.CharField(label=_("Search in cases"), required=False)


class SurveyForm(StyledModelForm):
    items = forms.ModelMultipleChoiceField(
        queryset=BarometerItem.objects.filter(active=True), label=_("Items"),
        widget=forms.CheckboxSelectMultiple, help_text=_("Choose the statements the units will answer."),
    )

    class Meta:
        model = Survey
        fields = ["title", "introduction", "year", "scale", "previous_round", "items"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rounds = Survey.objects.all()
        if self.instance.pk:
            rounds = rounds.exclude(pk=self.instance.pk)
            self.initial.setdefault("items", list(self.instance.items.all()))
        else:
            self.initial.setdefault("items", list(BarometerItem.objects.filter(active=True)))
        cast(forms.ModelChoiceField, self.fields["previous_round"]).queryset = rounds

    def items_by_category(self) -> list[tuple[str, list[Any]]]:
        """The item checkboxes grouped under their category, for fieldsets."""
        queryset = cast(forms.ModelMultipleChoiceField, self.fields["items"]).queryset
        assert queryset is not None
        categories = {item.pk: item.get_category_display() for item in queryset}
        groups: dict[str, list[Any]] = {}
        for checkbox in self["items"]:
            groups.setdefault(str(categories.get(checkbox.data["value"].value, "")), []).append(checkbox)
        return list(groups.items())


class RecipientsForm(StyledForm):
    rows = forms.CharField(
        label=_("Recipients"), widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: unit; municipality number; sector; e-mail. "
                    "Sectors: health, education, social, technical, culture, business, admin."),
    )


DONT_KNOW = "0"


class AnswerForm(forms.Form):
    """One required choice per item: 1..scale or "do not know"."""

    def __init__(self, *args: Any, items: list[BarometerItem], scale: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        self.scale = scale
        ends = {1: _("strongly disagree"), scale: _("strongly agree")}
        choices: list[tuple[str, StrOrPromise]] = [(str(v), f"{v} – {ends[v]}" if v in ends else str(v)) for v in range(1, scale + 1)]
        choices.append((DONT_KNOW, _("Do not know")))
        for item in items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.text, choices=choices, widget=forms.RadioSelect,
                error_messages={"required": _("Choose an answer, or “Do not know”.")})

    def questions(self) -> list[dict[str, Any]]:
        """Per item: the bound field and its category, for rendering fieldsets."""
        return [{"item": item, "field": self[f"item_{item.pk}"]} for item in self.items]

    def values(self) -> dict[int, int | None]:
        out: dict[int, int | None] = {}
        for item in self.items:
            raw = self.cleaned_data.get(f"item_{item.pk}")
            out[item.pk] = None if raw in (None, "", DONT_KNOW) else int(raw)
        return out
