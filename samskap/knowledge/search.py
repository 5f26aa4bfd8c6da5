"""Browsing the case library: who sees what, facets with counts, full-text search and similar cases.

Search and similarity first try brokering's semantic engine (`samskap.matching.services.search(text,
kinds=["case"], top=N)`, built in samskap/matching). While that module or function is missing, if it
fails, or if it finds nothing (e.g. its index is not built yet), a simple database search is used instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet

from samskap.directory.models import County, Municipality
from samskap.directory.permissions import contact_municipality_codes, is_coordinator
from samskap.knowledge import similarity
from samskap.knowledge.models import Case, CaseStatus, InnovationCategory, InnovationType
from samskap.needs.models import Sector

logger = logging.getLogger(__name__)

FACETS = ("sector", "innovation_type", "category", "county", "year")
FILTERS = (*FACETS, "municipality", "language")
SEMANTIC_TOP = 200


# --- visibility --------------------------------------------------------------------------------------

def owned_q(user: Any) -> Q:
    """Cases the user owns: created them, or is FoUI contact of one of their municipalities."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    codes = contact_municipality_codes(user)
    by_municipality = Case.objects.filter(municipalities__code__in=codes).values("pk")
    return Q(created_by=user) | Q(pk__in=by_municipality)


def visible_cases(user: Any) -> QuerySet[Case]:
    """Published cases for everyone; drafts and reviews only for their owners and coordinators."""
    qs = Case.objects.all()
    if is_coordinator(user):
        return qs
    return qs.filter(Q(status=CaseStatus.PUBLISHED) | owned_q(user))


# --- filters and facets ------------------------------------------------------------------------------

def clean_filters(params: Any) -> dict[str, str]:
    """Known, non-empty filter values from a QueryDict or dict."""
    filters: dict[str, str] = {}
    for name in FILTERS:
        value = params.get(name)
        if value is None:
            continue
        value = str(value).strip()
        if not value:
            continue
        if name == "year" and not value.isdigit():
            continue
        filters[name] = value
    return filters


def apply_filters(qs: QuerySet[Case], filters: dict[str, str], *, skip: str | None = None) -> QuerySet[Case]:
    for name, value in filters.items():
        if name == skip:
            continue
        if name in ("sector", "innovation_type", "category", "language"):
            qs = qs.filter(**{name: value})
        elif name == "year":
            qs = qs.filter(year=int(value))
        elif name == "county":
            qs = qs.filter(pk__in=Case.objects.filter(municipalities__county_id=value).values("pk"))
        elif name == "municipality":
            qs = qs.filter(pk__in=Case.objects.filter(municipalities__code=value).values("pk"))
    return qs


def _choice_labels(choices: Iterable[tuple[str, Any]]) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def facet_counts(base: QuerySet[Case], filters: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """For each facet: its values with the number of cases, counted with every *other* filter applied.

    A value with no cases is left out unless it is the active filter.
    """
    labels = {
        "sector": _choice_labels(Sector.choices),
        "innovation_type": _choice_labels(InnovationType.choices),
        "category": _choice_labels(InnovationCategory.choices),
    }
    result: dict[str, list[dict[str, Any]]] = {}
    for facet in FACETS:
        qs = apply_filters(base, filters, skip=facet)
        counts: dict[str, int]
        if facet == "county":
            rows = (Case.objects.filter(pk__in=qs.values("pk")).values("municipalities__county_id")
                    .annotate(n=Count("pk", distinct=True)).order_by())
            counts = {r["municipalities__county_id"]: r["n"] for r in rows if r["municipalities__county_id"]}
            names = dict(County.objects.filter(code__in=[*counts, filters.get("county", "")])
                         .values_list("code", "name"))
            order = sorted(names, key=lambda code: names[code])
            facet_labels = names
        else:
            rows = qs.values(facet).annotate(n=Count("pk")).order_by()
            counts = {str(r[facet]): r["n"] for r in rows}
            if facet == "year":
                order = sorted({*counts, *([filters["year"]] if "year" in filters else [])}, reverse=True)
                facet_labels = {y: y for y in order}
            else:
                facet_labels = labels[facet]
                order = list(facet_labels)
        active = filters.get(facet)
        result[facet] = [
            {"value": value, "label": facet_labels.get(value, value), "count": counts.get(value, 0),
             "active": value == active}
            for value in order if counts.get(value) or value == active
        ]
    return result


# --- the hook into brokering -------------------------------------------------------------------------

def _semantic_search() -> Callable[..., Any] | None:
    """Brokering's search (tests replace it with None to use the keyword fallback)."""
    from samskap.matching.services import search

    return search


def _hit_pk(hit: Any) -> int | None:
    """A case pk from a hit: "case:12", 12, {"id": "case:12"}, {"pk": 12}, (id, score) or obj.id."""
    if isinstance(hit, tuple | list) and hit:
        hit = hit[0]
    if isinstance(hit, dict):
        hit = hit.get("id", hit.get("pk"))
    elif not isinstance(hit, str | int):
        hit = getattr(hit, "id", getattr(hit, "pk", None))
    if isinstance(hit, int):
        return hit
    if isinstance(hit, str):
        kind, _sep, pk = hit.rpartition(":")
        if kind in ("", "case") and pk.isdigit():
            return int(pk)
    return None


def semantic_case_ids(text: str, top: int, *, query_vector: Any = None) -> list[int] | None:
    """Case pks ranked by brokering's engine, or None when it is not available (use the fallback)."""
    search = _semantic_search()
    if search is None:
        return None
    try:
        extra = {"query_vector": query_vector} if query_vector is not None else {}
        hits = search(text, kinds=["case"], top=top, **extra)
    except Exception:  # the engine is optional here: never break browsing because of it
        logger.exception("Semantic case search failed; falling back to database search")
        return None
    ids: list[int] = []
    for hit in hits or []:
        pk = _hit_pk(hit)
        if pk is not None and pk not in ids:
            ids.append(pk)
    return ids


SEARCH_FIELDS = ("title", "summary", "novelty", "results", "partners", "municipalities__name")


def db_search(qs: QuerySet[Case], text: str) -> QuerySet[Case]:
    """Every word must occur in one of the text fields or a municipality's name (case-insensitive)."""
    for word in text.split()[:12]:
        match = Q()
        for name in SEARCH_FIELDS:
            match |= Q(**{f"{name}__icontains": word})
        qs = qs.filter(pk__in=Case.objects.filter(match).values("pk"))
    return qs


def search_cases(qs: QuerySet[Case], text: str) -> tuple[QuerySet[Case], list[int] | None]:
    """Filter by the search text. Returns the queryset and, when the semantic engine answered, the ranking.

    Semantic hits come first; cases that match every word in the database but are not (yet) in the
    engine's index follow, so that a case published a moment ago is found at once.
    """
    text = (text or "").strip()
    if not text:
        return qs, None
    exact = db_search(qs, text)
    ranked = semantic_case_ids(text, SEMANTIC_TOP)
    if not ranked:
        return exact, None
    extra = [pk for pk in exact.order_by("-year", "title").values_list("pk", flat=True) if pk not in ranked]
    ranked = ranked + extra
    return qs.filter(pk__in=ranked), ranked


def in_rank_order(qs: QuerySet[Case], ranked: list[int] | None) -> list[Case] | QuerySet[Case]:
    if ranked is None:
        return qs
    position = {pk: i for i, pk in enumerate(ranked)}
    return sorted(qs, key=lambda case: position.get(case.pk, len(position)))


# --- similar cases -----------------------------------------------------------------------------------

def similar_cases(case: Case, top: int = 5) -> list[Case]:
    """Published cases like this one: by brokering's engine if present, then sector/type and shared words."""
    published = Case.objects.published().exclude(pk=case.pk).prefetch_related("municipalities")
    found: list[Case] = []
    # The case's query vector stored by the index: a page never embeds (not indexed yet: the fallback).
    from samskap.matching.services import stored_query_vector

    query_vector = stored_query_vector(f"case:{case.pk}")
    ranked = semantic_case_ids(case.full_text(), top + 1, query_vector=query_vector) \
        if query_vector is not None else None
    if ranked:
        by_pk = {c.pk: c for c in published.filter(pk__in=ranked)}
        found = [by_pk[pk] for pk in ranked if pk in by_pk][:top]
    if len(found) < top:
        candidates = published.filter(Q(sector=case.sector) | Q(innovation_type=case.innovation_type)) \
            .exclude(pk__in=[c.pk for c in found])
        infos = {c.pk: c for c in candidates}
        target = similarity.CaseInfo(case.pk, case.sector, case.innovation_type, case.full_text())
        scored = similarity.similar(
            target, (similarity.CaseInfo(c.pk, c.sector, c.innovation_type, c.full_text()) for c in infos.values()),
            top=top - len(found))
        found += [infos[pk] for pk, _score in scored]
    return found


def municipalities_with_cases() -> QuerySet[Municipality]:
    return (Municipality.objects.filter(cases__status=CaseStatus.PUBLISHED)
            .annotate(case_count=Count("cases", filter=Q(cases__status=CaseStatus.PUBLISHED), distinct=True))
            .select_related("county").order_by("county__name", "name"))
