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
    contact_municipality_codes,
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


#: A need a municipality has registered (not a draft, not closed) may be attached to a call as an answer.
ATTACHABLE_STATUSES = (NeedStatus.SUBMITTED, NeedStatus.BROKERING, NeedStatus.MATCHED, NeedStatus.PROJECT)


def attachable_needs(call: Call, *, actor: Actor) -> list[Need]:
    """The needs of ``actor``'s own municipalities (as FoUI contact) that could answer ``call``: registered,
    answering no call yet, from a municipality the call invites. Empty when the call is closed."""
    codes = contact_municipality_codes(actor)
    if not call.is_open or not codes:
        return []
    return list(Need.objects.filter(call__isnull=True, status__in=ATTACHABLE_STATUSES, municipality_id__in=codes,
                                    municipality__in=call.invited_municipalities())
                .select_related("municipality").order_by("municipality__name", "title"))


@transaction.atomic
def attach_needs_to_call(call: Call, needs: list[Need], *, actor: Actor) -> list[Need]:
    """Let needs a municipality already registered answer an open call (instead of registering them again).

    All or nothing: any need that may not be attached is named in the error and none is attached."""
    _check_call(call)
    if not needs:
        raise ValidationError(_("Choose at least one need."))
    locked = list(Need.objects.select_for_update(of=("self",)).select_related("municipality", "call")
                  .filter(pk__in=[n.pk for n in needs]).order_by("pk"))
    invited = set(call.invited_municipalities().filter(code__in={n.municipality_id for n in locked})
                  .values_list("code", flat=True))
    errors: list[str] = []
    for need in locked:
        require(can_edit_need(actor, need), _("You may only edit your own municipality's needs."))
        if need.call_id == call.pk:
            continue
        if need.call_id is not None:
            errors.append(_("«%(need)s» already answers the call «%(call)s».")
                          % {"need": need.title, "call": need.call.title})  # type: ignore[union-attr]
        elif need.status not in ATTACHABLE_STATUSES:
            errors.append(_("«%(need)s» is %(status)s: only registered needs can answer a call.")
                          % {"need": need.title, "status": need.get_status_display().lower()})
        elif need.municipality_id not in invited:
            errors.append(_("«%(need)s»: %(municipality)s is not invited to this call.")
                          % {"need": need.title, "municipality": need.municipality.name})
    if errors:
        raise ValidationError(errors)
    attached = [n for n in locked if n.call_id != call.pk]
    for need in attached:
        need.call = call
        need.save(update_fields=["call", "updated_at"])
    return attached


@transaction.atomic
def detach_need_from_call(need: Need, *, actor: Actor) -> Need:
    """The need no longer answers its call (while the call is open); the need itself is kept."""
    need = Need.objects.select_for_update(of=("self",)).select_related("call").get(pk=need.pk)
    require(can_edit_need(actor, need), _("You may only edit your own municipality's needs."))
    if need.call_id is None:
        return need
    _check_call(need.call)
    need.call = None
    need.save(update_fields=["call", "updated_at"])
    return need
