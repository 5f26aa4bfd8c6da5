"""Notifications of workshops: a published plan tells each participant their groups (theme, group number,
host and note-taker) with their personal link; a participant moved by hand is told where to. Participants
with an account get them in Samskap too (and by e-mail as they chose); the others by e-mail to the address
they registered with. Registered from ``apps.ready``; emitted by ``actions.publish_plan`` and
``actions.move_assignment``."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.actors import Actor
from samskap.core.registry import registry
from samskap.notifications.actions import Address, notify
from samskap.notifications.models import Delivery
from samskap.workshops.models import Assignment, Group, Plan, Registration, RegistrationStatus

PLAN_PUBLISHED = "workshops.plan_published"
MOVED = "workshops.moved"


def _group_line(row: dict[str, Any]) -> str:
    if not row.get("group"):
        return _("Session %(number)s: you have no group in this session.") % {"number": row.get("number", "")}
    line = _("Session %(number)s: group %(group)s, «%(theme)s». Host: %(host)s. Note-taker: %(note_taker)s.") % {
        "number": row.get("number", ""), "group": row["group"], "theme": row.get("theme", ""),
        "host": row.get("host") or _("not chosen yet"), "note_taker": row.get("note_taker") or _("not chosen yet")}
    if row.get("you_host"):
        line += " " + _("You host this group.")
    if row.get("you_note"):
        line += " " + _("You take the notes in this group.")
    return line


def render_plan_published(params: dict[str, Any]) -> str:
    lines = [_("The groups for the workshop «%(event)s» are ready. Your groups:") % {"event": params.get("event", "")}]
    lines += [_group_line(row) for row in params.get("sessions", [])]
    lines.append(_("Your personal page shows your groups and lets you cancel:"))
    return "\n".join(lines)


def render_moved(params: dict[str, Any]) -> str:
    return (_("You have been moved in the workshop «%(event)s».") % {"event": params.get("event", "")}
            + "\n" + _group_line(params.get("session", {})))


def register() -> None:
    registry.add_notification_kind(PLAN_PUBLISHED, gettext_lazy("A workshop's groups are published"),
                                   Delivery.IMMEDIATE, render_plan_published, order=30)
    registry.add_notification_kind(MOVED, gettext_lazy("You are moved to another workshop group"),
                                   Delivery.IMMEDIATE, render_moved, order=31)


def recipient(registration: Registration) -> Any:
    """The participant's account when they have one, else their registered address."""
    person = registration.person
    user = getattr(person, "user", None) if person is not None else None
    if user is not None and user.is_active:
        return user
    return Address(registration.email, registration.name, registration.language)


def _row(assignment: Assignment) -> dict[str, Any]:
    group: Group | None = assignment.group
    row: dict[str, Any] = {"number": assignment.session.number}
    if group is not None:
        row.update({"group": group.number, "theme": group.theme.title, "host": group.host_name or "",
                    "note_taker": group.note_taker_name or "",
                    "you_host": group.host_id == assignment.registration_id,
                    "you_note": group.note_taker_id == assignment.registration_id})
    return row


def _assignments(plan: Plan) -> Any:
    return (plan.assignments.filter(registration__status=RegistrationStatus.CONFIRMED)
            .select_related("registration__person__user", "registration__event", "session", "group__theme",
                            "group__host", "group__host_staff", "group__note_taker", "group__note_taker_staff")
            .order_by("registration_id", "session__number"))


def personal_url(registration: Registration) -> str:
    return reverse("workshops:mine", args=[registration.event.slug, registration.token])


def plan_published(plan: Plan, *, actor: Actor) -> None:
    """Tell every confirmed participant of the plan their groups (once per plan, however often it is
    published)."""
    by_registration: dict[int, list[Assignment]] = defaultdict(list)
    for assignment in _assignments(plan):
        by_registration[assignment.registration_id].append(assignment)
    for assignments in by_registration.values():
        registration = assignments[0].registration
        params = {"event": registration.event.title, "event_slug": registration.event.slug,
                  "name": registration.name, "sessions": [_row(a) for a in assignments]}
        notify([recipient(registration)], PLAN_PUBLISHED, params, personal_url(registration), actor=actor,
               key=f"plan:{plan.pk}")


def moved(assignment: Assignment, *, actor: Actor) -> None:
    """Tell the participant where they were moved (only when they can see the plan: it is published)."""
    assignment = (Assignment.objects.select_related(
        "registration__person__user", "registration__event", "session", "group__theme", "group__host",
        "group__host_staff", "group__note_taker", "group__note_taker_staff", "plan").get(pk=assignment.pk))
    if not assignment.plan.published or assignment.registration.status != RegistrationStatus.CONFIRMED:
        return
    registration = assignment.registration
    notify([recipient(registration)], MOVED, {"event": registration.event.title, "name": registration.name,
                                              "session": _row(assignment)},
           personal_url(registration), actor=actor)
