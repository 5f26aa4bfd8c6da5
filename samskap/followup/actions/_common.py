"""Shared helpers of the follow-up actions: the stale-version error, display values and field checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from samskap.followup.permissions import (
    is_active_user,
    person_of,
)

ROW_TEXT_FIELDS = ("idea", "needs_and_challenges", "follow_up", "actors_text", "idea_owner_text")
ROW_FK_FIELDS = ("idea_owner_organisation", "idea_owner_person", "carried_by")
ROW_M2M_FIELDS = ("actor_organisations", "actor_people", "needs")
ROW_FIELDS = (*ROW_TEXT_FIELDS, "actor_groups", *ROW_FK_FIELDS, *ROW_M2M_FIELDS)
#: What a guest note-taker (no account, see permissions.GuestNoteTaker) may write: the texts, not links to
#: the directory's people and organisations.
GUEST_ROW_FIELDS = (*ROW_TEXT_FIELDS, "actor_groups")

ACTION_FIELDS = ("title", "description", "owner_organisation", "owner_person", "due_date", "status",
                 "progress_notes")
APPLICATION_FIELDS = ("instrument", "instrument_name", "result", "applied_on", "amount")


class StaleVersionError(ValidationError):
    """Someone else saved the object after the caller read it. `current` is the object as it is now."""

    def __init__(self, current: Any, message: str | None = None) -> None:
        self.current = current
        super().__init__(message or _("Someone else saved this after you opened it. Your changes were not saved; "
                                      "the current text is shown."), code="stale")


def _user(actor: Any) -> Any:
    return actor if is_active_user(actor) else None


def _actor_name(actor: Any) -> str:
    person = person_of(actor)
    if person is not None:
        return person.name
    return actor.get_username() if is_active_user(actor) else ""


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)


def _m2m_display(items: Iterable[Any]) -> str:
    return "; ".join(sorted(str(o) for o in items))


def _check_unknown(data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
