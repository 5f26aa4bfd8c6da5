"""Read API for workshops: the list of events and one event with its programme, themes and published plan.

Member names of the published groups are shown to coordinators only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Router, Schema

from samskap.directory.permissions import is_coordinator
from samskap.workshops import queries, reports
from samskap.workshops.models import Event, Plan, RegistrationStatus

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

router = Router()


class EventOut(Schema):
    slug: str
    title: str
    date: dt.date
    place: str
    registration_deadline: dt.datetime
    registration_open: bool
    registration_status: str  # not_open (the coordinator has not opened it yet), open or closed
    capacity: int
    confirmed: int
    waitlisted: int
    url: str


class ProgrammeItemOut(Schema):
    start: dt.time
    end: dt.time | None
    title: str
    speaker: str


class ThemeOut(Schema):
    id: int
    title: str
    description: str
    proposed_by: str
    needs: list[int]


class SessionOut(Schema):
    number: int
    start: dt.time | None
    end: dt.time | None
    themes: list[ThemeOut]


class MemberOut(Schema):
    name: str
    organisation: str
    actor_type: str


class GroupOut(Schema):
    number: int
    table: int
    size: int
    host: str | None
    note_taker: str | None
    mix: dict[str, int]
    members: list[MemberOut] | None = None


class PlanThemeOut(Schema):
    theme: int
    title: str
    running: bool
    registrants: int
    groups: list[GroupOut]


class PlanSessionOut(Schema):
    number: int
    themes: list[PlanThemeOut]
    unassigned: int


class PlanOut(Schema):
    id: int
    created_at: dt.datetime
    objective: float | None
    bound: float | None
    gap: float | None
    sessions: list[PlanSessionOut]


class EventDetailOut(EventOut):
    description: str
    start_time: dt.time | None
    end_time: dt.time | None
    min_theme_size: int
    max_group_size: int
    tables_per_session: int
    call: int | None
    programme: list[ProgrammeItemOut]
    sessions: list[SessionOut]
    published_plan: PlanOut | None


class _Counts(TypedDict):
    confirmed: int
    waitlisted: int


def _events() -> QuerySet[WithAnnotations[Event, _Counts]]:
    return Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)),
        waitlisted=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED)),
    )


def _summary(event: WithAnnotations[Event, _Counts]) -> dict[str, Any]:
    return {"slug": event.slug, "title": event.title, "date": event.date, "place": event.place,
            "registration_deadline": event.registration_deadline, "registration_open": event.registration_open,
            "registration_status": event.registration_state,
            "capacity": event.capacity, "confirmed": event.confirmed, "waitlisted": event.waitlisted,
            "url": reverse("workshops:detail", args=[event.slug])}


def _plan(plan: Plan | None, with_members: bool) -> dict[str, Any] | None:
    """The published plan; names of members, hosts and note-takers only for coordinators, as on the pages
    (guests and staff who are not in the directory gave no consent to be listed)."""
    if plan is None:
        return None
    sessions = []
    for view in reports.plan_structure(plan):
        themes = []
        for tv in [*view.themes, *view.cancelled]:
            groups = []
            for gv in tv.groups:
                g = gv.group
                groups.append({
                    "number": g.number, "table": gv.table, "size": gv.size, "host": g.host_name if with_members else None,
                    "note_taker": g.note_taker_name if with_members else None, "mix": {k: int(v) for k, v in (g.mix or {}).items()},
                    "members": [{"name": a.registration.name, "organisation": a.registration.organisation_name,
                                 "actor_type": a.registration.actor_type} for a in gv.members]
                    if with_members else None,
                })
            themes.append({"theme": tv.theme.pk, "title": tv.theme.title, "running": tv.run.running,
                           "registrants": tv.run.registrants, "groups": groups})
        sessions.append({"number": view.session.number, "themes": themes, "unassigned": len(view.unassigned)})
    return {"id": plan.pk, "created_at": plan.created_at, "objective": plan.objective, "bound": plan.bound,
            "gap": plan.gap, "sessions": sessions}


@router.get("", response=list[EventOut], summary="List workshops")
def list_events(request: HttpRequest, upcoming: bool = False) -> list[dict[str, Any]]:
    qs = _events().order_by("-date")
    if upcoming:
        qs = qs.filter(date__gte=timezone.localdate()).order_by("date")
    return [_summary(e) for e in qs]


@router.get("/{slug}", response=EventDetailOut, summary="One workshop with its programme, themes and published plan")
def get_event(request: HttpRequest, slug: str) -> dict[str, Any]:
    event = get_object_or_404(_events(), slug=slug)
    sessions = [{
        "number": s.number, "start": s.start, "end": s.end,
        "themes": [{"id": t.pk, "title": t.title, "description": t.description, "proposed_by": t.proposed_by_name,
                    "needs": [n.pk for n in t.needs.all()]} for t in s.themes.all()],
    } for s in event.sessions.prefetch_related("themes__needs")]
    return {
        **_summary(event), "description": event.description, "start_time": event.start_time,
        "end_time": event.end_time, "min_theme_size": event.min_theme_size, "max_group_size": event.max_group_size,
        "tables_per_session": event.tables_per_session, "call": event.call_id,
        "programme": list(event.programme.all()), "sessions": sessions,
        "published_plan": _plan(queries.published_plan(event), is_coordinator(request.user)),
    }
