from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from samskap.api.auth import WRITE_AUTH
from samskap.core.pagination import BoundedLimitOffsetPagination
from samskap.directory.models import Municipality
from samskap.needs import actions
from samskap.needs.models import Call, Need, NeedStatus
from samskap.needs.queries import visible_needs

router = Router()


class NeedOut(Schema):
    id: int
    municipality: str
    municipality_name: str
    title: str
    description: str
    why_it_matters: str
    who_is_affected: str
    sector: str
    desired_outcome: str
    status: str
    language: str
    call: int | None
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_municipality(obj: Need) -> str:
        return obj.municipality_id

    @staticmethod
    def resolve_municipality_name(obj: Need) -> str:
        return obj.municipality.name

    @staticmethod
    def resolve_call(obj: Need) -> int | None:
        return obj.call_id


class NeedIn(Schema):
    municipality: str
    title: str
    description: str
    sector: str
    why_it_matters: str = ""
    who_is_affected: str = ""
    desired_outcome: str = ""
    status: str = NeedStatus.SUBMITTED
    language: str = ""
    call: int | None = None


class NeedPatch(Schema):
    title: str | None = None
    description: str | None = None
    sector: str | None = None
    why_it_matters: str | None = None
    who_is_affected: str | None = None
    desired_outcome: str | None = None
    status: str | None = None
    language: str | None = None


@router.get("", response=list[NeedOut], summary="List needs")
@paginate(BoundedLimitOffsetPagination)
def list_needs(request: HttpRequest, municipality: str | None = None, county: str | None = None,
               sector: str | None = None, status: str | None = None, q: str | None = None) -> QuerySet[Need]:
    qs = visible_needs(request.user).order_by("-created_at")
    if municipality:
        qs = qs.filter(municipality_id=municipality)
    if county:
        qs = qs.filter(municipality__county_id=county)
    if sector:
        qs = qs.filter(sector=sector)
    if status:
        qs = qs.filter(status=status)
    if q:
        for word in q.split():
            qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return qs


@router.get("/{int:need_id}", response=NeedOut, summary="One need")
def get_need(request: HttpRequest, need_id: int) -> Need:
    return get_object_or_404(visible_needs(request.user), pk=need_id)


@router.post("", response={201: NeedOut}, auth=WRITE_AUTH, summary="Register a need")
def create_need(request: HttpRequest, payload: NeedIn) -> Status[Need]:
    data = payload.dict()
    municipality = get_object_or_404(Municipality, code=data.pop("municipality"))
    call_id = data.pop("call")
    call = get_object_or_404(Call, pk=call_id) if call_id else None
    need = actions.submit_need(municipality, data, call=call, actor=request.user)
    return Status(201, need)


@router.patch("/{int:need_id}", response=NeedOut, auth=WRITE_AUTH, summary="Change a need")
def patch_need(request: HttpRequest, need_id: int, payload: NeedPatch) -> Need:
    need = get_object_or_404(Need, pk=need_id)
    return actions.update_need(need, payload.dict(exclude_unset=True), actor=request.user)

