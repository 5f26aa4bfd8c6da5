from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samskap.core.forms import StyledForm
from samskap.core.http import HtmxHttpRequest
from samskap.core.registry import registry
from samskap.directory.models import County
from samskap.directory.permissions import can_edit_need, require_coordinator
from samskap.matching import actions, services
from samskap.matching.models import CatalogItem, Kind, Suggestion
from samskap.matching.sources import kinds as registered_kinds
from samskap.needs.models import Need
from samskap.needs.queries import visible_needs

KIND_HEADINGS = {
    "person": gettext_lazy("Experts"), "group": gettext_lazy("Research groups"),
    "instrument": gettext_lazy("Funding instruments"), "case": gettext_lazy("Innovation cases"),
    "need": gettext_lazy("Similar needs in other municipalities"),
}


def kind_heading(kind: str) -> Any:
    """The heading of a kind's results: brokering's own, else the label its source registered."""
    if kind in KIND_HEADINGS:
        return KIND_HEADINGS[kind]
    source = registry.catalogue_source(kind)
    return (source.label if source is not None else "") or kind


def kind_choices() -> list[tuple[str, Any]]:
    labels = dict(Kind.choices)
    return [(kind, labels.get(kind) or kind_heading(kind)) for kind in registered_kinds()]


class SearchForm(StyledForm):
    q = forms.CharField(label=gettext_lazy("Describe the need or topic"), max_length=4000,
                        widget=forms.Textarea(attrs={"rows": 3}))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False,
                             choices=lambda: [("", gettext_lazy("All kinds")), *kind_choices()])
    county = forms.ModelChoiceField(County.objects.filter(active=True), label=gettext_lazy("County"), required=False,
                                    empty_label=gettext_lazy("All counties"))
    municipality_can_apply = forms.BooleanField(label=gettext_lazy("Funding a municipality can apply for"),
                                                required=False)
    open_only = forms.BooleanField(label=gettext_lazy("Only instruments with an open deadline"), required=False)


def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            results = services.search(data["q"], kinds=[data["kind"]] if data["kind"] else None, top=20,
                                      county=data["county"].code if data["county"] else None,
                                      applicant="municipality" if data["municipality_can_apply"] else None,
                                      open_only=data["open_only"])
        except services.QueryError as exc:
            error = str(exc)
        else:
            if results.truncated:
                messages.warning(request, _("Your text was long; only its first part was used."))
    return render(request, "matching/search.html", {"form": form, "results": results, "error": error,
                                                    "kind_labels": dict(kind_choices())})


def _panel_context(request: HttpRequest, need: Need) -> dict:
    grouped = services.matches_for_need(need)
    decisions = {s.item_id: s.decision for s in Suggestion.objects.filter(need=need)}
    groups = [{"kind": kind, "heading": kind_heading(kind),
               "results": [(r, decisions.get(r.item.pk)) for r in results]}
              for kind, results in grouped.items()]
    return {"need": need, "groups": groups, "can_decide": can_edit_need(request.user, need)}


def need_suggestions(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(visible_needs(request.user), pk=pk)
    context = _panel_context(request, need)
    template = "matching/need_panel.html" if request.htmx else "matching/need_suggestions.html"
    return render(request, template, context)


@require_POST
@login_required
def decide(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need, pk=pk)
    item = get_object_or_404(CatalogItem, external_id=request.POST.get("item", ""))
    try:
        actions.decide_suggestion(need, item, request.POST.get("decision", ""),
                                  why=request.POST.get("why", "")[:2000], actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your decision was saved."))
    if request.htmx:
        return render(request, "matching/need_panel.html", _panel_context(request, need))
    return redirect("needs:detail", pk=need.pk)


@login_required
def shared_challenges(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    county = request.GET.get("county") or None
    counties = County.objects.filter(active=True)
    challenges = services.shared_challenges(county=county)
    return render(request, "matching/shared_challenges.html", {
        "challenges": challenges, "counties": counties, "county": county})


def similar_needs(request: HttpRequest) -> HttpResponse:
    text = " ".join(request.GET.get(k, "") for k in ("title", "description")).strip()
    results: list[Any] = []
    if len(text) >= 12:
        exclude = request.GET.get("need")
        try:
            results = services.similar_needs(text, top=5, exclude_id=f"need:{exclude}" if exclude else None)
        except services.QueryError:
            results = []
    return render(request, "matching/similar_needs.html", {"results": results, "text": text})
