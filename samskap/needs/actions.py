"""Write use cases for needs and calls for topics. Views, the API, commands and tests call these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, user_of
from samskap.directory.models import County, Municipality
from samskap.directory.permissions import (
    can_edit_municipality,
    can_edit_need,
    is_coordinator,
    require,
    require_coordinator,
)
from samskap.needs import notices
from samskap.needs.models import Call, Need, NeedStatus

NEED_FIELDS = ("title", "description", "why_it_matters", "who_is_affected", "sector", "desired_outcome",
               "language", "status")
# The statuses a municipality's FoUI contact may set; the others (in brokering, matched, in project) record
# the coordinators' brokering work and only coordinators set them. A contact may keep a need's current status.
CONTACT_STATUSES = {NeedStatus.DRAFT, NeedStatus.SUBMITTED, NeedStatus.CLOSED}


def settable_statuses(current: str | None = None, *, actor: Actor) -> list[str]:
    """The statuses ``actor`` may give a need whose status is ``current`` (None: a new need), in order."""
    if is_coordinator(actor):
        return list(NeedStatus.values)
    return [s for s in NeedStatus.values if s in CONTACT_STATUSES or s == current]


def _check_status(actor: Any, status: str | None, current: str | None = None) -> None:
    if status is None:
        return
    if status not in NeedStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status not in settable_statuses(current, actor=actor):
        raise PermissionDenied(_("Only coordinators may set the status “%(status)s”.")
                               % {"status": NeedStatus(status).label})


def _check_call(call: Call | None) -> None:
    if call is not None and not call.is_open:
        raise ValidationError(_("The call for topics is closed; its answers are read-only."))


@transaction.atomic
def submit_need(municipality: Municipality, data: dict[str, Any], *, actor: Actor, call: Call | None = None) -> Need:
    """Register a need for a municipality (optionally as an answer to an open call)."""
    require(can_edit_municipality(actor, municipality), _("You may only register needs for your own municipality."))
    _check_call(call)
    _check_status(actor, data.get("status"))
    need = Need(municipality=municipality, call=call, created_by=user_of(actor))
    for key in NEED_FIELDS:
        if key in data and data[key] is not None:
            setattr(need, key, data[key])
    if not data.get("language"):
        need.language = municipality.ui_language
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def update_need(need: Need, data: dict[str, Any], *, actor: Actor) -> Need:
    need = Need.objects.select_for_update(of=("self",)).select_related("call").get(pk=need.pk)
    require(can_edit_need(actor, need), _("You may only edit your own municipality's needs."))
    if need.is_locked:
        raise ValidationError(_("The call for topics is closed; its answers are read-only."))
    _check_status(actor, data.get("status"), need.status)
    for key in NEED_FIELDS:
        if key in data and data[key] is not None:
            setattr(need, key, data[key])
    need.full_clean()
    need.save()
    return need


@transaction.atomic
def set_need_status(need: Need, status: str, *, actor: Actor) -> Need:
    require(can_edit_need(actor, need), _("You may only edit your own municipality's needs."))
    _check_status(actor, status, need.status)
    need.status = status
    need.save(update_fields=["status", "updated_at"])
    return need


@transaction.atomic
def delete_need(need: Need, *, actor: Actor) -> None:
    require(can_edit_need(actor, need), _("You may only edit your own municipality's needs."))
    if need.is_locked:
        raise ValidationError(_("The call for topics is closed; its answers are read-only."))
    need.delete()


@transaction.atomic
def open_call(*, actor: Actor, title: str, question: str, deadline: dt.datetime, description: str = "",
              county: County | None = None) -> Call:
    require_coordinator(actor)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    call = Call(title=title, question=question, deadline=deadline, description=description, county=county,
                opened_by=user_of(actor))
    call.full_clean()
    call.save()
    notices.call_opened(call, actor=actor)
    return call


@transaction.atomic
def close_call(call: Call, *, actor: Actor) -> Call:
    require_coordinator(actor)
    call.closed_at = timezone.now()
    call.save(update_fields=["closed_at"])
    return call
