"""Deadlines of open opportunities as iCalendar (RFC 5545): one all-day event per deadline (the deadline
for sketches and the stipend's deadline)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from samskap.opportunities.models import Opportunity, today

UID_DOMAIN = "samskap.opportunities"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def deadlines(opportunities: Iterable[Opportunity], day: dt.date | None = None) -> list[tuple[Opportunity, str, dt.date]]:
    """(opportunity, "sketch" | "stipend", date) for each upcoming deadline, soonest first."""
    day = day or today()
    out = []
    for opportunity in opportunities:
        if opportunity.deadline and opportunity.deadline >= day:
            out.append((opportunity, "sketch", opportunity.deadline))
        if opportunity.stipend_deadline and opportunity.stipend_deadline >= day:
            out.append((opportunity, "stipend", opportunity.stipend_deadline))
    return sorted(out, key=lambda row: (row[2], row[0].pk, row[1]))


def _event(opportunity: Opportunity, what: str, date: dt.date, stamp: dt.datetime) -> Event:
    detail = settings.SITE_URL + reverse("opportunities:detail", args=[opportunity.pk])
    if what == "stipend":
        summary = _("Stipend deadline: %(title)s") % {"title": opportunity.title}
    else:
        summary = _("Deadline for sketches: %(title)s") % {"title": opportunity.title}
    event = Event()
    event.add("uid", f"opportunity-{opportunity.pk}-{what}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", date)
    event.add("dtend", date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n".join([opportunity.summary, opportunity.organisation.name,
                                        _("Read more: %(url)s") % {"url": detail}]))
    event.add("url", detail)
    event.add("transp", "TRANSPARENT")
    return event


def calendar_bytes(opportunities: Iterable[Opportunity], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Samskap//Cooperation opportunities//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for opportunity, what, date in deadlines(opportunities):
        calendar.add_component(_event(opportunity, what, date, stamp))
    return bytes(calendar.to_ical())


def calendar_response(opportunities: Iterable[Opportunity], name: str) -> HttpResponse:
    response = HttpResponse(calendar_bytes(opportunities, name), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="samarbeidsfrister.ics"'
    return response
