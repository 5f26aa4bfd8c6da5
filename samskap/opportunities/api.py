"""API for cooperation opportunities: list (filters), one, create and update -- with the same rules as the
pages (`queries.visible_opportunities`, the actions' permission checks)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from samskap.api.auth import WRITE_AUTH
from samskap.core.pagination import BoundedLimitOffsetPagination
from samskap.directory.models import Municipality, Organisation, Person
from samskap.needs.models import Need
from samskap.opportunities import actions, queries
from samskap.opportunities.models import Opportunity

router = Router()


class OpportunityOut(Schema):
    id: int
    kind: str
    level: str
    kind_label: str
    direction: str
    partner_type: str
    title: str
    summary: str
    problem: str
    relevance: str
    data_and_method: str
    ethics: str
    requirements: str
    field: str
    sector: str
    organisation_id: int
    organisation: str
    need_id: int | None
    municipality_id: str | None
    place: str
    period_start: dt.date | None
    period_end: dt.date | None
    provides_data: bool
    provides_supervision: bool
    provides_office: bool
    stipend_amount: int | None
    stipend_deadline: dt.date | None
    deadline: dt.date | None
    language: str
    keywords: list[str]
    expires_on: dt.date
    status: str
    is_open: bool
    taken_by: str
    result_url: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_organisation(obj: Opportunity) -> str:
        return obj.organisation.name

    @staticmethod
    def resolve_keywords(obj: Opportunity) -> list[str]:
        return obj.keyword_list


class OpportunityPatch(Schema):
    kind: str | None = None
    level: str | None = None
    direction: str | None = None
    partner_type: str | None = None
    title: str | None = None
    summary: str | None = None
    problem: str | None = None
    relevance: str | None = None
    data_and_method: str | None = None
    ethics: str | None = None
    requirements: str | None = None
    field: str | None = None
    sector: str | None = None
    contact: int | None = None
    need: int | None = None
    municipality: str | None = None
    place: str | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    provides_data: bool | None = None
    provides_supervision: bool | None = None
    provides_office: bool | None = None
    stipend_amount: int | None = None
    stipend_deadline: dt.date | None = None
    deadline: dt.date | None = None
    language: str | None = None
    keywords: str | None = None
    expires_on: dt.date | None = None
    vetting_institution: int | None = None


class OpportunityIn(OpportunityPatch):
    organisation: int
    kind: str
    title: str
    summary: str
    problem: str
    field: str
    sector: str


RELATED: dict[str, Any] = {"contact": Person, "need": Need, "municipality": Municipality,
                           "vetting_institution": Organisation}


def _resolve(data: dict[str, Any]) -> dict[str, Any]:
    """Ids of related objects to the objects (404 for an unknown id)."""
    for key, model in RELATED.items():
        if data.get(key) is not None:
            data[key] = get_object_or_404(model, pk=data[key])
    return data


@router.get("", response=list[OpportunityOut], summary="List cooperation opportunities")
@paginate(BoundedLimitOffsetPagination)
def list_opportunities(request: HttpRequest, q: str = "", kind: str = "", level: str = "", field: str = "",
                       sector: str = "", county: str = "", direction: str = "",
                       open_only: bool = False) -> QuerySet[Opportunity]:
    """What the user may see (everyone: the public catalogue), filtered like the catalogue page."""
    qs = queries.filter_opportunities(queries.visible_opportunities(request.user), q=q, kind=kind, level=level,
                                      field=field, sector=sector, county=county, direction=direction,
                                      open_only=open_only)
    return qs.order_by("-created_at")


@router.get("/{int:opportunity_id}", response=OpportunityOut, summary="One cooperation opportunity")
def get_opportunity(request: HttpRequest, opportunity_id: int) -> Opportunity:
    return get_object_or_404(queries.visible_opportunities(request.user), pk=opportunity_id)


@router.post("", response={201: OpportunityOut}, auth=WRITE_AUTH, summary="Register an opportunity (a draft)")
def create_opportunity(request: HttpRequest, payload: OpportunityIn) -> Status[Opportunity]:
    data = payload.dict(exclude_unset=True)
    organisation = get_object_or_404(Organisation, pk=data.pop("organisation"))
    return Status(201, actions.create_opportunity(organisation, _resolve(data), actor=request.user))


@router.patch("/{int:opportunity_id}", response=OpportunityOut, auth=WRITE_AUTH, summary="Change an opportunity")
def patch_opportunity(request: HttpRequest, opportunity_id: int, payload: OpportunityPatch) -> Opportunity:
    opportunity = get_object_or_404(queries.visible_opportunities(request.user), pk=opportunity_id)
    return actions.update_opportunity(opportunity, _resolve(payload.dict(exclude_unset=True)), actor=request.user)
