"""Notifications about calls for topics: the kinds (registered from ``apps.ready``), their sentences and who
is told. The actions in ``actions.py`` and the periodic reminder in ``tasks.py`` emit them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.actors import SYSTEM, Actor
from samskap.core.registry import registry
from samskap.directory.models import RoleKind
from samskap.needs.models import Call
from samskap.notifications.actions import notify
from samskap.notifications.models import Delivery

CALL_OPENED = "needs.call_opened"
CALL_DEADLINE = "needs.call_deadline"
DEFAULT_REMINDER_DAYS = 3


def _day(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return formats.date_format(moment.date())


def render_call_opened(params: dict[str, Any]) -> str:
    return _("A call for topics has opened: «%(title)s». Your municipality is invited to answer by %(deadline)s.") % {
        "title": params.get("title", ""), "deadline": _day(params.get("deadline", ""))}


def render_call_deadline(params: dict[str, Any]) -> str:
    return _("The call for topics «%(title)s» closes on %(deadline)s, and your municipality has not answered yet.") % {
        "title": params.get("title", ""), "deadline": _day(params.get("deadline", ""))}


def register() -> None:
    registry.add_notification_kind(CALL_OPENED, gettext_lazy("A call for topics opens"), Delivery.IMMEDIATE,
                                   render_call_opened, order=10)
    registry.add_notification_kind(CALL_DEADLINE, gettext_lazy("A call's deadline approaches"), Delivery.IMMEDIATE,
                                   render_call_deadline, order=11)


def contacts_of(municipality_codes: Any) -> QuerySet[Any]:
    """The active FoUI contacts of these municipalities (codes or a queryset of municipalities)."""
    return (get_user_model().objects.filter(is_active=True, roles__kind=RoleKind.FOUI_CONTACT,
                                            roles__municipality__in=municipality_codes).distinct().order_by("pk"))


def _params(call: Call) -> dict[str, Any]:
    return {"call": call.pk, "title": call.title, "deadline": call.deadline.isoformat()}


def call_opened(call: Call, *, actor: Actor) -> None:
    notify(contacts_of(call.invited_municipalities()), CALL_OPENED, _params(call),
           reverse("needs:call_detail", args=[call.pk]), actor=actor, key=f"call:{call.pk}")


def remind_deadlines(now: dt.datetime | None = None, days: int = DEFAULT_REMINDER_DAYS) -> int:
    """System work (the periodic task): tell the contacts of every invited municipality that has not answered
    an open call closing within ``days`` days. Each contact is told once per call (however often this runs)."""
    now = now or timezone.now()
    told = 0
    calls = Call.objects.filter(closed_at__isnull=True, deadline__gt=now, deadline__lte=now + dt.timedelta(days=days))
    for call in calls.order_by("deadline", "pk"):
        created = notify(contacts_of(call.silent_municipalities()), CALL_DEADLINE, _params(call),
                         reverse("needs:call_detail", args=[call.pk]), actor=SYSTEM, key=f"call:{call.pk}")
        told += len(created)
    return told
