"""Notifications of the follow-up: someone becomes responsible for an action; an action is due soon or
overdue (the reminders of ``mail.py``, which also show in Samskap and follow each person's choice of
delivery). Registered from ``apps.ready``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.actors import SYSTEM, Actor
from samskap.core.registry import registry
from samskap.followup.models import Action, ReminderKind
from samskap.notifications.actions import notify
from samskap.notifications.models import Delivery
from samskap.notifications.queries import users_with_email

OWNER = "followup.action_owner"
DUE_SOON = "followup.action_due_soon"
OVERDUE = "followup.action_overdue"
REMINDER_KINDS: dict[str, str] = {ReminderKind.DUE_SOON: DUE_SOON, ReminderKind.OVERDUE: OVERDUE}


def _day(value: str) -> str:
    try:
        return formats.date_format(dt.date.fromisoformat(value))
    except (TypeError, ValueError):
        return str(value)


def render_owner(params: dict[str, Any]) -> str:
    return _("You are now responsible for the follow-up action «%(title)s», due %(due)s.") % {
        "title": params.get("title", ""), "due": _day(params.get("due", ""))}


def render_due_soon(params: dict[str, Any]) -> str:
    return _("The follow-up action «%(title)s» is due on %(due)s.") % {
        "title": params.get("title", ""), "due": _day(params.get("due", ""))}


def render_overdue(params: dict[str, Any]) -> str:
    return _("The follow-up action «%(title)s» is overdue: it was due on %(due)s.") % {
        "title": params.get("title", ""), "due": _day(params.get("due", ""))}


def register() -> None:
    registry.add_notification_kind(OWNER, gettext_lazy("You become responsible for an action"), Delivery.IMMEDIATE,
                                   render_owner, order=40)
    registry.add_notification_kind(DUE_SOON, gettext_lazy("An action you follow up is due soon"), Delivery.IMMEDIATE,
                                   render_due_soon, order=41)
    registry.add_notification_kind(OVERDUE, gettext_lazy("An action you follow up is overdue"), Delivery.IMMEDIATE,
                                   render_overdue, order=42)


def _params(action: Action) -> dict[str, Any]:
    return {"action": action.pk, "title": action.title, "due": action.due_date.isoformat()}


def owner_changed(action: Action, *, actor: Actor) -> None:
    person = action.owner_person
    user = getattr(person, "user", None) if person is not None else None
    if user is not None:
        notify([user], OWNER, _params(action), reverse("followup:action", args=[action.pk]), actor=actor)


def reminded(action: Action, kind: str, emails: list[str], *, mailed: bool) -> None:
    """System work (the reminder task): the accounts behind these addresses see the reminder in Samskap too;
    ``mailed``: the reminder e-mail already went to them (it is not sent again)."""
    users = list(users_with_email(emails).values())
    if users:
        notify(users, REMINDER_KINDS[kind], _params(action), reverse("followup:action", args=[action.pk]),
               actor=SYSTEM, mailed=emails if mailed else (), key=f"{action.pk}:{kind}:{action.due_date.isoformat()}")
