"""Notifications of one-to-one meetings: a request (to its recipient), an acceptance (to the sender), a
meeting booked by an organiser (to both), a published agenda and a reminder to people with no meetings
booked. Registered from ``apps.ready``; emitted by the actions in ``actions.py``. Guests without an
account get them by e-mail to their registered address (``workshops.notices.recipient``)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.actors import Actor
from samskap.core.registry import registry
from samskap.notifications.actions import notify
from samskap.notifications.models import Delivery
from samskap.partnering.models import MeetingRequest, ScheduledMeeting
from samskap.workshops.models import Registration
from samskap.workshops.notices import recipient

REQUESTED = "partnering.requested"
ACCEPTED = "partnering.accepted"
BOOKED = "partnering.booked"
PUBLISHED = "partnering.published"
REMINDER = "partnering.reminder"
DECLINED = "partnering.declined"
CANCELLED = "partnering.cancelled"


def render_requested(params: dict[str, Any]) -> str:
    text = _("%(name)s (%(organisation)s) asks to meet you at «%(event)s».") % {
        "name": params.get("name", ""), "organisation": params.get("organisation", ""), "event": params.get("event", "")}
    if params.get("message"):
        text += "\n" + _("Message: %(message)s") % {"message": params["message"]}
    return text


def render_accepted(params: dict[str, Any]) -> str:
    return _("%(name)s accepted your meeting request at «%(event)s».") % {
        "name": params.get("name", ""), "event": params.get("event", "")}


def render_declined(params: dict[str, Any]) -> str:
    return _("%(name)s cannot meet you at «%(event)s». See whom else Samskap suggests you meet.") % {
        "name": params.get("name", ""), "event": params.get("event", "")}


def render_cancelled(params: dict[str, Any]) -> str:
    return _("%(name)s called off your meeting at «%(event)s»; its time slot is free again.") % {
        "name": params.get("name", ""), "event": params.get("event", "")}


def render_booked(params: dict[str, Any]) -> str:
    return _("The organisers have booked a meeting for you with %(name)s at «%(event)s».") % {
        "name": params.get("name", ""), "event": params.get("event", "")}


def render_published(params: dict[str, Any]) -> str:
    lines = [_("Your meeting agenda for «%(event)s» is ready:") % {"event": params.get("event", "")}]
    for row in params.get("meetings", []):
        lines.append(_("%(start)s–%(end)s at %(table)s: %(name)s (%(organisation)s)") % row)
    if not params.get("meetings"):
        lines.append(_("You have no meetings in the schedule."))
    return "\n".join(lines)


def render_reminder(params: dict[str, Any]) -> str:
    return _("You have no one-to-one meetings booked at «%(event)s» yet. See whom Samskap suggests you meet:") % {
        "event": params.get("event", "")}


def register() -> None:
    registry.add_notification_kind(REQUESTED, gettext_lazy("Someone asks to meet you at an event"),
                                   Delivery.IMMEDIATE, render_requested, order=50)
    registry.add_notification_kind(ACCEPTED, gettext_lazy("Your meeting request is accepted"),
                                   Delivery.IMMEDIATE, render_accepted, order=51)
    registry.add_notification_kind(BOOKED, gettext_lazy("The organisers booked a meeting for you"),
                                   Delivery.IMMEDIATE, render_booked, order=52)
    registry.add_notification_kind(PUBLISHED, gettext_lazy("Your meeting agenda is published"),
                                   Delivery.IMMEDIATE, render_published, order=53)
    registry.add_notification_kind(REMINDER, gettext_lazy("Reminder: no meetings booked yet"),
                                   Delivery.IMMEDIATE, render_reminder, order=54)
    registry.add_notification_kind(DECLINED, gettext_lazy("Your meeting request is declined"),
                                   Delivery.IMMEDIATE, render_declined, order=55)
    registry.add_notification_kind(CANCELLED, gettext_lazy("A meeting is called off"),
                                   Delivery.IMMEDIATE, render_cancelled, order=56)


def personal_url(registration: Registration) -> str:
    return reverse("partnering:mine", args=[registration.event.slug, registration.token])


def _about(registration: Registration) -> dict[str, Any]:
    return {"name": registration.name, "organisation": registration.organisation_name,
            "event": registration.event.title}


def requested(request: MeetingRequest, *, actor: Actor) -> None:
    notify([recipient(request.recipient)], REQUESTED, {**_about(request.sender), "message": request.message},
           personal_url(request.recipient), actor=actor)


def accepted(request: MeetingRequest, *, actor: Actor) -> None:
    notify([recipient(request.sender)], ACCEPTED, _about(request.recipient), personal_url(request.sender),
           actor=actor)


def declined(request: MeetingRequest, *, actor: Actor) -> None:
    notify([recipient(request.sender)], DECLINED, _about(request.recipient), personal_url(request.sender),
           actor=actor)


def cancelled(request: MeetingRequest, by: Registration | None, *, actor: Actor) -> None:
    """Tell the other person of the request, or both when an organiser called it off (``by`` is None)."""
    people = [r for r in (request.sender, request.recipient) if by is None or r.pk != by.pk]
    for me in people:
        notify([recipient(me)], CANCELLED, _about(request.other(me)), personal_url(me), actor=actor,
               key=f"cancelled:{request.pk}")


def booked(request: MeetingRequest, *, actor: Actor) -> None:
    for me, other in ((request.sender, request.recipient), (request.recipient, request.sender)):
        notify([recipient(me)], BOOKED, _about(other), personal_url(me), actor=actor, key=f"booked:{request.pk}")


def agenda_rows(registration: Registration, meetings: list[ScheduledMeeting]) -> list[dict[str, str]]:
    rows = []
    for m in meetings:
        other = m.request.other(registration)
        rows.append({"start": f"{m.slot.start:%H:%M}", "end": f"{m.slot.end:%H:%M}", "table": m.table.name,
                     "name": other.name, "organisation": other.organisation_name})
    return rows


def published(registration: Registration, meetings: list[ScheduledMeeting], *, actor: Actor, key: str,
              mailed: Collection[str] = ()) -> None:
    notify([recipient(registration)], PUBLISHED, {"event": registration.event.title,
                                                  "meetings": agenda_rows(registration, meetings)},
           personal_url(registration), actor=actor, key=key, mailed=mailed)


def reminder(registration: Registration, *, actor: Actor, key: str) -> None:
    notify([recipient(registration)], REMINDER, {"event": registration.event.title}, personal_url(registration),
           actor=actor, key=key)
