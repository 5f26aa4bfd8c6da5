"""The personal meeting agenda as an iCalendar file (the icalendar package)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as IcsEvent

from samskap.partnering.models import ScheduledMeeting
from samskap.workshops.models import Registration


def agenda_ics(registration: Registration, meetings: Sequence[ScheduledMeeting]) -> bytes:
    event = registration.event
    tz = timezone.get_current_timezone()
    cal = Calendar()
    cal.add("prodid", "-//Samskap//møtebørs//NB")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Meetings at %(title)s") % {"title": event.title})
    host = settings.SITE_URL.split("://")[-1]
    for m in meetings:
        other = m.request.other(registration)
        item = IcsEvent()
        item.add("uid", f"partnering-{m.pk}-{registration.pk}@{host}")
        item.add("dtstamp", timezone.now())
        item.add("dtstart", dt.datetime.combine(event.date, m.slot.start, tzinfo=tz))
        item.add("dtend", dt.datetime.combine(event.date, m.slot.end, tzinfo=tz))
        item.add("summary", _("Meeting with %(name)s (%(organisation)s)") % {
            "name": other.name, "organisation": other.organisation_name})
        item.add("location", f"{event.place}, {m.table.name}")
        cal.add_component(item)
    return bytes(cal.to_ical())
