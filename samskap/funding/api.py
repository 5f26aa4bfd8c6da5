"""Read API for funding instruments: list (filters), one instrument, and deadlines as iCal."""

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.pagination import paginate

from samskap.core.pagination import BoundedLimitOffsetPagination
from samskap.funding.ical import calendar_response
from samskap.funding.models import ApplicantType, Deadline, Instrument, InstrumentQuerySet, today
from samskap.funding.views import filter_instruments

router = Router()


class DeadlineOut(Schema):
    date: dt.date
    time: dt.time | None
    label: str


class InstrumentOut(Schema):
    id: int
    name: str
    owner: str
    owner_id: int | None
    summary: str
    description: str
    applicants: list[str]
    lead_requirement: str
    research_partner_required: bool
    cofunding_required: bool
    cofunding_share: str
    requirements: str
    min_amount: int | None
    max_amount: int | None
    size: str
    rolling: bool
    url: str
    language: str
    keywords: list[str]
    active: bool
    deadlines: list[DeadlineOut]
    next_deadline: dt.date | None
    is_open: bool
    eligible: bool
    reason: str
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_owner(obj: Instrument) -> str:
        return obj.owner_display

    @staticmethod
    def resolve_size(obj: Instrument) -> str:
        return obj.size_display

    @staticmethod
    def resolve_keywords(obj: Instrument) -> list[str]:
        return obj.keyword_list

    @staticmethod
    def resolve_deadlines(obj: Instrument) -> list[Deadline]:
        return obj.upcoming_deadlines()

    @staticmethod
    def resolve_next_deadline(obj: Instrument) -> dt.date | None:
        deadline = obj.next_deadline()
        return deadline.date if deadline else None

    @staticmethod
    def resolve_is_open(obj: Instrument) -> bool:
        return obj.is_open()

    @staticmethod
    def resolve_eligible(obj: Instrument, context: dict[str, Any]) -> bool:
        return obj.is_eligible(_applicant(context["request"]))

    @staticmethod
    def resolve_reason(obj: Instrument, context: dict[str, Any]) -> str:
        return obj.reason_for(_applicant(context["request"]))


def _applicant(request: HttpRequest) -> str:
    """`eligible` and `reason` are for the `applicant` query parameter (a municipality by default)."""
    value = request.GET.get("applicant") or ApplicantType.MUNICIPALITY
    return value if value in ApplicantType.values else ApplicantType.MUNICIPALITY


def _instruments() -> InstrumentQuerySet:
    return Instrument.objects.active().select_related("owner").prefetch_related("deadlines")


@router.get("", response=list[InstrumentOut], summary="List funding instruments")
@paginate(BoundedLimitOffsetPagination)
def list_instruments(request: HttpRequest, applicant: ApplicantType | None = None, open_only: bool = False,
                     q: str | None = None) -> InstrumentQuerySet:
    """`applicant`: only instruments this kind of organisation may apply for; `open_only`: only instruments
    with a deadline from today on or rolling intake."""
    qs = filter_instruments(_instruments(), q=q or "", applicant=applicant or "", open_only=open_only)
    return qs.order_by("name")


@router.get("/ical", summary="Upcoming deadlines of all instruments (iCalendar)")
def all_deadlines_ical(request: HttpRequest, applicant: ApplicantType | None = None) -> HttpResponse:
    instruments = filter_instruments(Instrument.objects.active(), applicant=applicant or "")
    deadlines = (Deadline.objects.filter(date__gte=today(), instrument__in=instruments.values("pk"))
                 .select_related("instrument", "instrument__owner").order_by("date", "time"))
    return calendar_response(deadlines, _("Funding deadlines – Samskap"), "finansieringsfrister")


@router.get("/{int:instrument_id}", response=InstrumentOut, summary="One funding instrument")
def get_instrument(request: HttpRequest, instrument_id: int) -> Instrument:
    return get_object_or_404(_instruments(), pk=instrument_id)


@router.get("/{int:instrument_id}/ical", summary="Upcoming deadlines of one instrument (iCalendar)")
def instrument_deadlines_ical(request: HttpRequest, instrument_id: int) -> HttpResponse:
    instrument = get_object_or_404(_instruments(), pk=instrument_id)
    deadlines = (instrument.deadlines.filter(date__gte=today()).select_related("instrument", "instrument__owner")
                 .order_by("date", "time"))
    return calendar_response(deadlines, instrument.name, f"frister-{instrument.name}")
