"""Case library API: list (with the same facets as the web) and detail. Published cases for the public."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from samskap.core.pagination import BoundedLimitOffsetPagination
from samskap.knowledge import search
from samskap.knowledge.models import Case
from samskap.knowledge.permissions import can_view_case

router = Router()


class CaseMunicipalityOut(Schema):
    code: str
    name: str
    county: str


class CaseOut(Schema):
    id: int
    title: str
    municipalities: list[CaseMunicipalityOut]
    year: int
    sector: str
    innovation_type: str
    category: str
    stage: str
    summary: str
    novelty: str
    results: str
    benefit_evidence: str
    partners: str
    contact: str
    links: list[str]
    language: str
    status: str
    published_at: dt.datetime | None
    updated_at: dt.datetime

    @staticmethod
    def resolve_municipalities(obj: Case) -> list[dict[str, str]]:
        return [{"code": m.code, "name": m.name, "county": m.county_id} for m in obj.municipalities.all()]

    @staticmethod
    def resolve_links(obj: Case) -> list[str]:
        return obj.link_list


class CaseFilters(Schema):
    sector: str | None = None
    innovation_type: str | None = None
    category: str | None = None
    county: str | None = None
    year: int | None = None
    municipality: str | None = None
    language: str | None = None
    q: str | None = None


class FacetValue(Schema):
    value: str
    label: str
    count: int
    active: bool


def _filtered(request: HttpRequest, filters: CaseFilters) -> tuple[QuerySet[Case], dict[str, str], list[int] | None]:
    """Published cases for everyone (the API lists only published cases, like the web library)."""
    qs: QuerySet[Case] = Case.objects.published()
    qs, ranked = search.search_cases(qs, filters.q or "")
    params = search.clean_filters(filters.dict(exclude_none=True))
    return qs, params, ranked


@router.get("/cases", response=list[CaseOut], summary="List published cases (filter by the facets)")
@paginate(BoundedLimitOffsetPagination)
def list_cases(request: HttpRequest, filters: Query[CaseFilters]) -> list[Case] | QuerySet[Case]:
    qs, params, ranked = _filtered(request, filters)
    qs = search.apply_filters(qs, params).prefetch_related("municipalities")
    if ranked is not None:
        return search.in_rank_order(qs, ranked)
    return qs.order_by("-year", "title")


@router.get("/cases/facets", response=dict[str, list[FacetValue]], summary="Facet counts for a search")
def case_facets(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, list[dict[str, Any]]]:
    qs, params, _ranked = _filtered(request, filters)
    return search.facet_counts(qs, params)


@router.get("/cases/{int:case_id}", response=CaseOut, summary="One case")
def get_case(request: HttpRequest, case_id: int) -> Case:
    """Published cases for everyone; drafts and cases under review only for their owners and coordinators."""
    case = get_object_or_404(Case.objects.prefetch_related("municipalities"), pk=case_id)
    if not can_view_case(request.user, case):
        raise Http404
    return case
