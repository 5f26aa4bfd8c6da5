"""Application deadlines as iCalendar (RFC 5545): one all-day VEVENT per deadline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from samskap.funding.models import Deadline

UID_DOMAIN = "samskap.funding"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def _event(deadline: Deadline, stamp: dt.datetime) -> Event:
    instrument = deadline.instrument
    detail = settings.SITE_URL + reverse("funding:detail", args=[instrument.pk])
    summary = _("Deadline: %(name)s") % {"name": instrument.name}
    if deadline.label:
        summary = f"{summary} ({deadline.label})"
    lines = [instrument.summary]
    if deadline.time:
        lines.append(_("Deadline at %(time)s.") % {"time": deadline.time.strftime("%H:%M")})
    if instrument.owner_display:
        lines.append(_("Funding body: %(owner)s") % {"owner": instrument.owner_display})
    lines.append(_("Read more: %(url)s") % {"url": detail})
    if instrument.url:
        lines.append(_("The funding body's page: %(url)s") % {"url": instrument.url})
    event = Event()
    event.add("uid", f"deadline-{deadline.pk}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.date)
    event.add("dtend", deadline.date + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("description", "\n".join(lines))
    event.add("url", detail)
    event.add("transp", "TRANSPARENT")
    return event


def calendar_bytes(deadlines: Iterable[Deadline], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Samskap//Funding deadlines//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for deadline in deadlines:
        calendar.add_component(_event(deadline, stamp))
    return bytes(calendar.to_ical())


def calendar_response(deadlines: Iterable[Deadline], name: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_bytes(deadlines, name), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{slugify(filename) or "frister"}.ics"'
    return response
