from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from samskap.core import ratelimit
from samskap.core.forms import StyledForm
from samskap.core.http import HtmxHttpRequest, safe_next
from samskap.core.pagecache import public_page
from samskap.core.registry import registry
from samskap.directory.models import County, Person
from samskap.directory.permissions import (
    can_edit_need,
    contact_municipality_codes,
    is_researcher,
    require_coordinator,
)
from samskap.matching import actions, engine, services
from samskap.matching.models import CatalogItem, Kind, Suggestion
from samskap.matching.next_steps import next_step
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


#: the search form's fields besides the text (core/form_field.html renders each)
SEARCH_FILTERS = ("kind", "county", "municipality_can_apply", "open_only")


@public_page
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    results = None
    error = ""
    if form.is_valid():
        wait = ratelimit.hit(request, "search")
        if wait is not None:
            return ratelimit.too_many(request, wait)
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
    labels = dict(kind_choices())
    rows = [(r, labels.get(r.item.kind) or r.item.kind) for r in results or ()]
    # the filter fields are kept rendered unless one of them is invalid (a typed-in value: not worth keeping)
    keep_filters = not any(name in form.errors for name in SEARCH_FILTERS)
    return render(request, "matching/search.html", {"form": form, "results": results, "rows": rows, "error": error,
                                                    "keep_filters": keep_filters})


def _panel_context(request: HttpRequest, need: Need) -> dict:
    grouped = services.matches_for_need(need)
    decisions = {s.item_id: s.decision for s in Suggestion.objects.filter(need=need)}
    # an accepted suggestion offers the next step (get in touch, plan the application, answer a call)
    groups = [{"kind": kind, "heading": kind_heading(kind),
               "results": [(r, decisions.get(r.item.pk),
                            next_step(r.item, need) if decisions.get(r.item.pk) == "accepted" else None)
                           for r in results]}
              for kind, results in grouped.items()]
    return {"need": need, "groups": groups, "can_decide": can_edit_need(request.user, need)}


@public_page
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
        # The panel, plus out of band what the decision changed elsewhere on the page: the need's status
        # (accepting a suggestion can move it on) and the messages region, which takes the message above.
        need.refresh_from_db()
        panel = render_to_string("matching/need_panel.html", _panel_context(request, need), request=request)
        status = render_to_string("needs/_status.html", {"need": need, "oob": True}, request=request)
        return HttpResponse(panel + status + render_to_string("core/_messages.html", {"oob": True},
                                                                      request=request))
    return redirect("needs:detail", pk=need.pk)


@login_required
def shared_challenges(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    county = request.GET.get("county") or None
    counties = County.objects.filter(active=True)
    challenges = services.shared_challenges(county=county)
    # Higher apps add a form under each challenge (workshops: "make it a workshop theme") through the
    # registry: ``challenge_actions`` are callables giving ``{"template": ..., ...}`` or None per challenge.
    context = registry.page_context("matching:shared_challenges", request, {
        "challenges": challenges, "counties": counties, "county": county})
    makers = context.get("challenge_actions", [])
    context["rows"] = [{"challenge": c, "actions": [a for a in (make(c) for make in makers) if a]}
                       for c in challenges]
    return render(request, "matching/shared_challenges.html", context)


def similar_needs(request: HttpRequest) -> HttpResponse:
    text = " ".join(request.GET.get(k, "") for k in ("title", "description")).strip()
    results: list[Any] = []
    if len(text) >= 12:
        wait = ratelimit.hit(request, "similar")
        if wait is not None:
            return ratelimit.too_many(request, wait)
        exclude = request.GET.get("need", "")
        own: set[str] = set()
        if exclude.isdigit():
            need = visible_needs(request.user).filter(pk=int(exclude)).first()
            if need is not None:
                own.add(need.municipality_id)
        chosen = request.GET.get("municipality", "")
        if chosen.isdigit() and len(chosen) == 4:  # a municipality number
            own.add(chosen)
        try:
            results = services.similar_needs(text, top=5, exclude_id=f"need:{exclude}" if exclude else None,
                                             municipality_ids=own)
        except services.QueryError:
            results = []
    return render(request, "matching/similar_needs.html", {"results": results, "text": text})


@require_POST
@login_required
def interested(request: HttpRequest, pk: int) -> HttpResponse:
    """"I'm interested": a researcher tells a need's municipality."""
    need = get_object_or_404(visible_needs(request.user), pk=pk)
    try:
        actions.express_interest(need, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The municipality has been told that you are interested."))
    return redirect(safe_next(request, request.POST.get("next"), reverse("needs:detail", args=[need.pk])))


def fitting_needs(person: Any, user: Any, top: int = 5) -> list[dict[str, Any]]:
    """Open needs that fit a researcher's profile, best first, with the reason: the brokering search run the
    other way round (the profile as the query, the needs as the catalogue). Reads only: the profile's stored
    vector is the query vector (no embedding on a page); without one the search is lexical."""
    item = CatalogItem.objects.filter(external_id=f"person:{person.pk}").first()
    text = "\n".join(x for x in (person.research_fields, person.methods, person.projects, person.position,
                                 ", ".join(person.interests or [])) if x) if person else ""
    if item is None and not text.strip():
        return []
    query_vector = None
    if item is not None:
        query_vector = services.stored_query_vector(item.external_id)
        if query_vector is None and item.vector is not None:
            query_vector = engine.vector_from_bytes(bytes(item.vector))
        text = services.need_query_text(item) if not text.strip() else text
    try:
        results = services.search(text, kinds=["need"], top=top * 2, query_vector=query_vector,
                                  mode="hybrid" if query_vector is not None else "bm25")
    except ValueError:
        return []
    pks = [r.source_pk for r in results if r.source_pk]
    needs = {n.pk: n for n in visible_needs(user).filter(pk__in=pks, status__in=actions.OPEN_NEED_STATUSES)}
    out = []
    for result in results:
        need = needs.get(result.source_pk or 0)
        if need is None:
            continue
        out.append({"need": need, "why": result.why, "score": result.score,
                    "can_say": actions.can_express_interest(user, need),
                    "already": actions.already_interested(need, person)})
        if len(out) >= top:
            break
    return out


def start_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The signed-in person's front page: for a researcher, needs that fit their profile (with reasons) and the
    needs they were suggested for; for a FoUI contact, the suggestions accepted for their municipality's needs."""
    user = request.user
    panel: dict[str, Any] = {"template": "matching/panels/start.html"}
    person = Person.objects.filter(user=user).select_related("organisation").first() if user.is_authenticated else None
    if is_researcher(user) and person is not None:
        panel["fitting"] = fitting_needs(person, user)
        panel["suggested"] = list(Suggestion.objects.filter(item__external_id=f"person:{person.pk}")
                                  .exclude(decision="rejected").select_related("need__municipality")
                                  .order_by("-decided_at")[:10])
        panel["is_researcher"] = True
    codes = contact_municipality_codes(user)
    if codes:
        panel["accepted"] = list(Suggestion.objects.filter(need__municipality_id__in=codes, decision="accepted")
                                 .select_related("need", "item").order_by("-decided_at")[:10])
        panel["is_contact"] = True
    return panel if len(panel) > 1 else None


def need_detail_context(request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    """A need's page (needs:detail): a researcher's "I'm interested" button, or that they already said so."""
    need = context["need"]
    user = request.user
    if not is_researcher(user):
        return {}
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    if person is None:
        return {}
    return {"interest": {"can_say": actions.can_express_interest(user, need),
                         "already": actions.already_interested(need, person),
                         "label": _("I'm interested"), "already_label": _("You said you are interested")}}
