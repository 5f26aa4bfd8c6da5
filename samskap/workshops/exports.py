"""Exports: participant lists per group (Excel) and the programme as iCalendar."""

from __future__ import annotations

import datetime as dt
import re
from typing import cast
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as VEvent
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from samskap.core.exports import save_workbook
from samskap.workshops.models import ActorType, Event, Plan, RegistrationStatus
from samskap.workshops.reports import plan_structure

OSLO = ZoneInfo("Europe/Oslo")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICAL = "text/calendar; charset=utf-8"
UID_DOMAIN = "samskap.workshops"


def _sheet_title(text: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", text).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.casefold() in used:
        suffix = f" ({n})"
        title, n = base[:31 - len(suffix)] + suffix, n + 1
    used.add(title.casefold())
    return title


def _bold_header(ws: Worksheet) -> None:
    for cell in ws[1]:
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"


def _widths(ws: Worksheet) -> None:
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column)
        ws.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))


def groups_xlsx(plan: Plan) -> bytes:
    """One overview sheet, one sheet of participant lists per session, and the people not placed."""
    actor_labels = dict(ActorType.choices)
    wb = Workbook()
    overview = wb.active
    used: set[str] = set()
    overview.title = _sheet_title(_("Overview"), used)
    overview.append([_("Session"), _("Table"), _("Theme"), _("Group"), _("Members"), _("Host"), _("Note-taker"),
                     *[str(label) for label in actor_labels.values()]])
    structure = plan_structure(plan)
    for view in structure:
        for theme in view.themes:
            for gv in theme.groups:
                g = gv.group
                overview.append([str(view.session), gv.table, theme.theme.title, g.number, gv.size,
                                 g.host_name or "", g.note_taker_name or "",
                                 *[int((g.mix or {}).get(key, 0)) for key in actor_labels]])
        for theme in view.cancelled:
            overview.append([str(view.session), "", theme.theme.title, _("cancelled"), 0, "", ""])
    _bold_header(overview)
    _widths(overview)
    for view in structure:
        ws = wb.create_sheet(_sheet_title(str(view.session), used))
        ws.append([_("Theme"), _("Group"), _("Table"), _("Role"), _("Name"), _("Organisation"), _("Type of actor"),
                   _("E-mail"), _("Note")])
        for theme in view.themes:
            for gv in theme.groups:
                g = gv.group
                for a in gv.members:
                    r = a.registration
                    role = _("Host") if g.host_id == r.pk else (_("Note-taker") if g.note_taker_id == r.pk else "")
                    note = _("cancelled") if r.status == RegistrationStatus.CANCELLED else ""
                    ws.append([theme.theme.title, g.number, gv.table, role, r.name, r.organisation_name,
                               str(actor_labels.get(r.actor_type, r.actor_type)), r.email, note])
                for staff, role in ((g.host_staff, _("Host")), (g.note_taker_staff, _("Note-taker"))):
                    if staff is not None:
                        ws.append([theme.theme.title, g.number, gv.table, role, staff.name, _("Staff"), "",
                                   staff.email, ""])
        _bold_header(ws)
        _widths(ws)
    missing = wb.create_sheet(_sheet_title(_("Not placed"), used))
    missing.append([_("Session"), _("Name"), _("Organisation"), _("Reason")])
    for view in structure:
        for a in view.unassigned:
            missing.append([str(view.session), a.registration.name, a.registration.organisation_name,
                            str(a.get_reason_code_display() or a.unassigned_reason)])
    _bold_header(missing)
    _widths(missing)
    return save_workbook(wb)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=OSLO)


def programme_ical(event: Event) -> bytes:
    """The programme: one VEVENT per programme item and per session (økt) on the workshop day, Europe/Oslo."""
    calendar = Calendar()
    calendar.add("prodid", "-//Samskap//Workshop programme//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", event.title)
    calendar.add("x-wr-timezone", "Europe/Oslo")
    stamp = dt.datetime.now(dt.UTC).replace(microsecond=0)
    url = settings.SITE_URL + reverse("workshops:detail", args=[event.slug])
    items = list(event.programme.all())
    for i, item in enumerate(items):
        start = _at(event.date, item.start)
        if item.end:
            end = _at(event.date, item.end)
        elif i + 1 < len(items) and items[i + 1].start > item.start:
            end = _at(event.date, items[i + 1].start)
        else:
            end = start + dt.timedelta(minutes=30)
        vevent = VEvent()
        vevent.add("uid", f"programme-{item.pk}@{UID_DOMAIN}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", start)
        vevent.add("dtend", end)
        vevent.add("summary", item.title)
        lines = [event.title]
        if item.speaker:
            lines.append(_("Speaker: %(speaker)s") % {"speaker": item.speaker})
        lines.append(url)
        vevent.add("description", "\n".join(lines))
        vevent.add("location", event.place)
        vevent.add("url", url)
        calendar.add_component(vevent)
    for session in event.sessions.prefetch_related("themes"):
        if session.start is None:
            continue
        start = _at(event.date, session.start)
        end = _at(event.date, session.end) if session.end else start + dt.timedelta(hours=1)
        vevent = VEvent()
        vevent.add("uid", f"session-{session.pk}@{UID_DOMAIN}")
        vevent.add("dtstamp", stamp)
        vevent.add("dtstart", start)
        vevent.add("dtend", end)
        vevent.add("summary", f"{event.title}: {session}")
        themes = "\n".join(f"– {t.title}" for t in session.themes.all())
        vevent.add("description", _("Parallel themes:") + "\n" + themes + "\n" + url)
        vevent.add("location", event.place)
        vevent.add("url", url)
        calendar.add_component(vevent)
    calendar.add_missing_timezones()
    return cast(bytes, calendar.to_ical())
