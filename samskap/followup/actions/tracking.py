"""Follow-up actions (owner, deadline, status) made from outcome rows, and the funding applications they lead to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.directory.permissions import is_coordinator, require
from samskap.followup import notices
from samskap.followup.actions._common import (
    ACTION_FIELDS,
    APPLICATION_FIELDS,
    StaleVersionError,
    _actor_name,
    _check_unknown,
    _display,
    _user,
)
from samskap.followup.models import (
    Action,
    ActionChange,
    ActionStatus,
    Application,
    ApplicationResult,
    OutcomeRow,
)
from samskap.followup.permissions import (
    can_create_action,
    can_hand_over,
    can_update_action,
)

# --- Actions ---------------------------------------------------------------------------------------------------

def _assign_action(action: Action, data: Mapping[str, Any]) -> None:
    _check_unknown(data, ACTION_FIELDS)
    for key in ACTION_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if key in ("title", "description", "progress_notes"):
            value = (value or "").strip()
        elif key == "owner_person":
            value = value or None
        elif key == "status" and value not in ActionStatus.values:
            raise ValidationError({"status": _("Unknown status.")})
        setattr(action, key, value)


def _check_action(action: Action) -> None:
    errors: dict[str, Any] = {}
    if not action.owner_organisation_id:
        errors["owner_organisation"] = _("Choose the responsible organisation.")
    elif action.owner_person is not None and action.owner_person.organisation_id not in (
            None, action.owner_organisation_id):
        errors["owner_person"] = _("The responsible person must belong to the responsible organisation.")
    if not isinstance(action.due_date, dt.date):
        errors["due_date"] = _("Give a due date.")
    if errors:
        raise ValidationError(errors)
    action.full_clean(exclude=["outcome_row", "created_by"])


def _check_handover(actor: Any, action: Action, owner_before: int | None, person_before: int | None) -> None:
    """Raise PermissionDenied when ``actor`` may not hand ``action`` (already assigned) to its new owner."""
    if is_coordinator(actor):
        return
    if action.owner_organisation_id != owner_before:
        stored = Action.objects.select_related("outcome_row__group__plan").get(pk=action.pk)  # not saved yet
        require(can_hand_over(actor, stored, action.owner_organisation_id),
                _("You may hand the action only to an organisation taking part in the same workshop outcome. "
                  "Ask a coordinator to hand it to another organisation."))
    person = action.owner_person
    if person is not None and action.owner_person_id != person_before:
        require(person.organisation_id is not None and person.organisation_id == action.owner_organisation_id,
                _("The responsible person must belong to the responsible organisation."))


def _action_snapshot(action: Action) -> dict[str, str]:
    return {f: _display(getattr(action, f)) for f in ACTION_FIELDS}


def _log_action(action: Action, actor: Any, field: str, old: str, new: str) -> ActionChange:
    return ActionChange.objects.create(action=action, field=field, old=old, new=new, by=_user(actor),
                                       by_name=_actor_name(actor))


@transaction.atomic
def create_action(row: OutcomeRow, data: Mapping[str, Any], *, actor: Actor) -> Action:
    """Turn a follow-up into an action with a responsible organisation and a due date."""
    row = OutcomeRow.objects.select_related("group__note_taker__person").get(pk=row.pk)
    require(can_create_action(actor, row),
            _("Only the group's note-taker and coordinators may turn its follow-ups into actions."))
    action = Action(outcome_row=row, created_by=_user(actor))
    _assign_action(action, data)
    if not action.title:
        action.title = row.short_title[:200]
    _check_action(action)
    if action.due_date < timezone.localdate():
        raise ValidationError({"due_date": _("The due date has passed. Choose today or a later date.")})
    action.save()
    _log_action(action, actor, "created", "", action.title)
    for field, value in _action_snapshot(action).items():
        if value and field != "title":
            _log_action(action, actor, field, "", value)
    if action.owner_person_id:
        notices.owner_changed(action, actor=actor)
    return action


@transaction.atomic
def update_action(action: Action, data: Mapping[str, Any], *, actor: Actor, version: int) -> Action:
    """Save an action if nobody else saved it since ``version`` was read.

    Handing over: coordinators may make any organisation responsible. Members of the responsible
    organisation and the responsible person may hand the action only to an organisation taking part in the
    same outcome (named in the outcome row or registered for its workshop; see
    ``permissions.can_hand_over``), and may name as responsible person only someone of the responsible
    organisation (or keep the person, or name none).
    """
    current = Action.objects.select_for_update().get(pk=action.pk)
    require(can_update_action(actor, current),
            _("Only the responsible organisation and coordinators may update this action."))
    if int(version) != current.version:
        raise StaleVersionError(current)
    before = _action_snapshot(current)
    owner_before, person_before = current.owner_organisation_id, current.owner_person_id
    _assign_action(current, data)
    _check_action(current)
    _check_handover(actor, current, owner_before, person_before)
    after = _action_snapshot(current)
    changed = [f for f in ACTION_FIELDS if before[f] != after[f]]
    if not changed:
        return current
    values = {f: getattr(current, f) for f in ACTION_FIELDS}
    updated = Action.objects.filter(pk=current.pk, version=version).update(
        **values, version=version + 1, updated_at=timezone.now())
    if updated != 1:
        raise StaleVersionError(Action.objects.get(pk=current.pk))
    for field in changed:
        _log_action(current, actor, field, before[field], after[field])
    current.refresh_from_db()
    if "owner_person" in changed and current.owner_person_id:
        notices.owner_changed(current, actor=actor)
    return current


def _application_display(application: Application) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        result = str(application.get_result_display())
    parts = [application.instrument_display, result]
    if application.applied_on:
        parts.append(application.applied_on.isoformat())
    if application.amount is not None:
        parts.append(f"{application.amount} NOK")
    return " · ".join(parts)


def _assign_application(application: Application, data: Mapping[str, Any]) -> None:
    _check_unknown(data, APPLICATION_FIELDS)
    for key in APPLICATION_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if key == "instrument_name":
            value = (value or "").strip()
        elif key == "result" and value not in ApplicationResult.values:
            raise ValidationError({"result": _("Unknown result.")})
        setattr(application, key, value)
    application.full_clean(exclude=["action"])


@transaction.atomic
def add_application(action: Action, data: Mapping[str, Any], *, actor: Actor) -> Application:
    """Link a funding application (instrument and result) to an action."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    require(can_update_action(actor, action),
            _("Only the responsible organisation and coordinators may update this action."))
    application = Application(action=action)
    _assign_application(application, data)
    application.save()
    _log_action(action, actor, "application", "", _application_display(application))
    return application


@transaction.atomic
def update_application(application: Application, data: Mapping[str, Any], *, actor: Actor) -> Application:
    current = Application.objects.select_for_update(of=("self",)).select_related("action", "instrument").get(pk=application.pk)
    require(can_update_action(actor, current.action),
            _("Only the responsible organisation and coordinators may update this action."))
    before = _application_display(current)
    _assign_application(current, data)
    current.save()
    after = _application_display(current)
    if before != after:
        _log_action(current.action, actor, "application", before, after)
    return current
