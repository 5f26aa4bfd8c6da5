"""The workshop summary report, in the form of seed 004's appendix.

    list_events() -> list[tuple[str, str]]          # (slug, one-line description), newest first
    build_report(event, fmt) -> bytes               # fmt: "docx" | "pdf" | "md"; event: Event or slug

The report holds the programme; the themes with each group's host, note-taker and participants (names only
of people who consented to be listed, the others counted); each group's outcome table with the four columns
Idé | Behov og utfordringer | Oppfølging | Aktører; and the signals to each actor (seed 004 § 4.2.1).
It is built from the database into a small document model (`document.py`) and rendered by python-docx,
the built-in PDF writer (`pdfwriter.py`, no external programs) or as Markdown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskap.followup import queries
from samskap.followup.document import (
    Bullets,
    Document,
    Heading,
    Paragraph,
    Table,
    render_docx,
    render_markdown,
)
from samskap.followup.models import OutcomeRow
from samskap.followup.pdfwriter import render_pdf
from samskap.followup.signals import action_text, event_signals, person_label, row_queryset
from samskap.workshops.models import Event, Group

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "pdf": ("application/pdf", "pdf"),
    "md": ("text/markdown; charset=utf-8", "md"),
}
OUTCOME_WIDTHS = [3.0, 3.2, 2.8, 2.2]


class ReportError(ValueError):
    """An unknown event or format; the message says which."""


def list_events() -> list[tuple[str, str]]:
    """Every workshop as (slug, one-line description), newest first."""
    out = []
    for event in Event.objects.order_by("-date", "slug"):
        rows = OutcomeRow.objects.filter(group__plan__event=event).count()
        out.append((event.slug, f"{event.date.isoformat()} · {event.title} · {event.place} · "
                                f"{rows} outcome row{'s' if rows != 1 else ''}"))
    return out


def _event(event: Event | str) -> Event:
    if isinstance(event, Event):
        return event
    try:
        return Event.objects.get(slug=event)
    except Event.DoesNotExist:
        raise ReportError(f"Unknown workshop: {event!r}. `samskap workshop list` shows the workshops.") from None


def content_type(fmt: str) -> str:
    return FORMATS[fmt][0]


def filename(event: Event, fmt: str) -> str:
    return f"{event.slug}-oppsummering.{FORMATS[fmt][1]}"


def build_report(event: Event | str, fmt: str = "docx", *, language: str = "nb") -> bytes:
    """The workshop summary as DOCX, PDF or Markdown bytes."""
    if fmt not in FORMATS:
        raise ReportError(f"Unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}.")
    event = _event(event)
    with translation.override(language):
        doc = build_document(event, language=language)
        if fmt == "docx":
            return render_docx(doc)
        if fmt == "md":
            return render_markdown(doc).encode("utf-8")
        return render_pdf(doc, footer=lambda page, pages: _("Page %(page)s of %(pages)s") % {
            "page": page, "pages": pages})


# --- The document ----------------------------------------------------------------------------------------------

def _time_span(start: dt.time | None, end: dt.time | None) -> str:
    if start is None:
        return ""
    return f"{start:%H.%M}–{end:%H.%M}" if end else f"{start:%H.%M}"


def registration_label(registration: Any) -> str:
    if registration is None:
        return ""
    person = registration.person
    if person is not None and person.listed_in_directory:
        org = registration.organisation_name or (person.organisation.name if person.organisation else "")
        return f"{person.name} ({org})" if org else person.name
    return _("(participant without consent)")


def _host(group: Group) -> str:
    if group.host_id:
        return registration_label(group.host)
    return group.host_staff.name if group.host_staff_id and group.host_staff else "–"


def _note_taker(group: Group) -> str:
    if group.note_taker_id:
        return registration_label(group.note_taker)
    return group.note_taker_staff.name if group.note_taker_staff_id and group.note_taker_staff else "–"


def _participants(group: Group) -> str:
    members = queries.group_members(group)
    named = [registration_label(r) for r in members if r.person is not None and r.person.listed_in_directory]
    hidden = len(members) - len(named)
    parts = list(named)
    if hidden:
        parts.append(ngettext("%(count)s participant without consent to be named",
                              "%(count)s participants without consent to be named", hidden) % {"count": hidden})
    return "\n".join(parts) if parts else "–"


def _idea_cell(row: OutcomeRow) -> str:
    lines = [row.idea] if row.idea else []
    owner = [o for o in (row.idea_owner_organisation.name if row.idea_owner_organisation else "",
                         person_label(row.idea_owner_person), row.idea_owner_text) if o]
    if owner:
        lines.append(_("Idea owner: %(owner)s") % {"owner": ", ".join(owner)})
    return "\n".join(lines)


def _needs_cell(row: OutcomeRow) -> str:
    lines = [row.needs_and_challenges] if row.needs_and_challenges else []
    needs = [f"{n.title} ({n.municipality.name})" for n in row.needs.all()]
    if needs:
        lines.append(_("From the needs: %(needs)s") % {"needs": "; ".join(needs)})
    return "\n".join(lines)


def _follow_up_cell(row: OutcomeRow) -> str:
    lines = [row.follow_up] if row.follow_up else []
    if row.carried_by:
        lines.append(_("Carries it on: %(organisation)s") % {"organisation": row.carried_by.name})
    for action in row.actions.all():
        owner = action.owner_organisation.name
        if action.owner_person is not None:
            owner += f", {person_label(action.owner_person)}"
        lines.append(f"{action_text(action)} – {owner}")
    return "\n".join(lines)


def _actors_cell(row: OutcomeRow) -> str:
    parts = [o.name for o in row.actor_organisations.all()]
    parts += [person_label(p) for p in row.actor_people.all()]
    lines = ["; ".join(parts)] if parts else []
    if row.actors_text:
        lines.append(row.actors_text)
    if row.actor_groups:
        lines.append(_("To: %(groups)s") % {"groups": ", ".join(row.actor_group_labels())})
    return "\n".join(lines)


def outcome_headers() -> list[str]:
    return [_("Idea"), _("Needs and challenges"), _("Follow-up"), _("Actors")]


def outcome_table(rows: Iterable[OutcomeRow], caption: str = "") -> Table:
    return Table(outcome_headers(),
                 [[_idea_cell(r), _needs_cell(r), _follow_up_cell(r), _actors_cell(r)] for r in rows],
                 caption=caption, widths=OUTCOME_WIDTHS)


def build_document(event: Event, *, language: str = "nb") -> Document:
    date = formats.date_format(event.date, "DATE_FORMAT")
    doc = Document(title=_("Summary of the workshop: %(title)s") % {"title": event.title}, language=language,
                   subtitle=" · ".join(p for p in (date, event.place) if p))
    if event.description:
        doc.add(Paragraph(event.description))

    doc.add(Heading(_("Programme"), 1))
    items = []
    for item in event.programme.all():
        text = f"{_time_span(item.start, item.end)}: {item.title}"
        if item.speaker:
            text += ("" if text.endswith((".", "?", "!")) else ".") + f" {_('By')} {item.speaker}"
        items.append(text)
    doc.add(Bullets(items) if items else Paragraph(_("No programme was recorded."), subtle=True))

    groups = queries.event_groups(event)
    rows_by_group: dict[int, list[OutcomeRow]] = {}
    all_rows = list(row_queryset().filter(group__in=groups).order_by("group", "position", "pk"))
    for row in all_rows:
        rows_by_group.setdefault(row.group_id, []).append(row)

    doc.add(Heading(_("Themes and groups"), 1))
    doc.add(Paragraph(_("Names are shown only of participants who consented to be listed in the network "
                        "directory."), subtle=True))
    if not groups:
        doc.add(Paragraph(_("No groups have been planned."), subtle=True))
    by_theme: dict[int, list[Group]] = {}
    for group in groups:
        by_theme.setdefault(group.theme_id, []).append(group)
    session_seen = set()
    for theme_groups in by_theme.values():
        theme = theme_groups[0].theme
        session = theme.session
        if session.pk not in session_seen:
            session_seen.add(session.pk)
            span = _time_span(session.start, session.end)
            doc.add(Heading(_("Session %(number)s") % {"number": session.number} + (f" ({span})" if span else ""), 2))
        doc.add(Heading(theme.title, 3))
        if theme.description:
            doc.add(Paragraph(theme.description))
        doc.add(Table([_("Group"), _("Host"), _("Note-taker"), _("Participants")],
                      [[str(g.number), _host(g), _note_taker(g), _participants(g)] for g in theme_groups],
                      widths=[1.2, 2.4, 2.4, 5.0]))

    doc.add(Heading(_("Outcomes"), 1))
    session_seen = set()
    for group in groups:
        session = group.theme.session
        if session.pk not in session_seen:
            session_seen.add(session.pk)
            doc.add(Heading(_("Session %(number)s") % {"number": session.number}, 2))
        title = _("%(theme)s. Group %(number)s") % {"theme": group.theme.title, "number": group.number}
        doc.add(Heading(title, 3))
        rows = rows_by_group.get(group.pk, [])
        if rows:
            doc.add(outcome_table(rows))
        else:
            doc.add(Paragraph(_("No outcome was recorded."), subtle=True))

    doc.add(Heading(_("Signals to the actors"), 1))
    signal_groups = event_signals(all_rows)
    if not signal_groups:
        doc.add(Paragraph(_("No follow-up names an actor yet."), subtle=True))
    for signal_group in signal_groups:
        doc.add(Heading(signal_group.label, 3))
        doc.add(Bullets([item.display() for item in signal_group.items]))
    return doc
