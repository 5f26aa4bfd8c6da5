from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.pagination import paginate

from samskap.core.pagination import BoundedLimitOffsetPagination
from samskap.directory.models import Municipality

router = Router()


class MunicipalityOut(Schema):
    code: str
    name: str
    county_code: str
    county_name: str
    language_form: str
    population: int | None
    admin_centre: str
    active: bool

    @staticmethod
    def resolve_county_code(obj: Municipality) -> str:
        return obj.county_id

    @staticmethod
    def resolve_county_name(obj: Municipality) -> str:
        return obj.county.name


@router.get("", response=list[MunicipalityOut], summary="List municipalities")
@paginate(BoundedLimitOffsetPagination)
def list_municipalities(request: HttpRequest, county: str | None = None,
                        include_inactive: bool = False) -> QuerySet[Municipality]:
    qs = Municipality.objects.select_related("county").order_by("code")
    if not include_inactive:
        qs = qs.filter(active=True)
    if county:
        qs = qs.filter(county_id=county)
    return qs


@router.get("/{code}", response=MunicipalityOut, summary="One municipality")
def get_municipality(request: HttpRequest, code: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("county"), code=code)
