"""Write use cases for follow-up. Each runs in one transaction, checks permissions and logs every change.

Outcome rows and actions use optimistic locking: the caller passes the version it read; a stale save raises
StaleVersionError (carrying the current object) and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, SystemActor, user_of
from samskap.directory import actions as directory_actions
from samskap.directory.models import Organisation, Person
from samskap.directory.permissions import can_edit_person, is_coordinator, require, require_coordinator
from samskap.followup import notices
from samskap.followup.models import (
    Action,
    ActionChange,
    ActionPhase,
    ActionStatus,
    ActorGroup,
    Application,
    ApplicationResult,
    Benefit,
    BenefitMeasurement,
    DeletionRequest,
    DeletionStatus,
    OrganisationContact,
    OutcomeChange,
    OutcomeRow,
    RoadmapPhase,
    SentDigest,
    SentReminder,
)
from samskap.followup.permissions import (
    GuestNoteTaker,
    can_create_action,
    can_edit_outcome,
    can_hand_over,
    can_manage_contacts,
    can_update_action,
    is_active_user,
    person_of,
    taking_part,
)
from samskap.notifications.models import MailOptOut

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


# --- Outcome rows ---------------------------------------------------------------------------------------------

def _row_snapshot(row: OutcomeRow, m2m: Mapping[str, list[Any]] | None = None) -> dict[str, str]:
    """Readable values of a row's fields; `m2m` overrides the stored many-to-many links."""
    snap = {f: getattr(row, f) or "" for f in ROW_TEXT_FIELDS}
    snap["actor_groups"] = ", ".join(row.actor_groups or [])
    for f in ROW_FK_FIELDS:
        snap[f] = _display(getattr(row, f))
    for f in ROW_M2M_FIELDS:
        if m2m is not None and f in m2m:
            snap[f] = _m2m_display(m2m[f])
        else:
            snap[f] = _m2m_display(getattr(row, f).all()) if row.pk else ""
    return snap


def _assign_row(row: OutcomeRow, data: Mapping[str, Any], actor: Any = None) -> dict[str, list[Any]]:
    _check_unknown(data, GUEST_ROW_FIELDS if isinstance(actor, GuestNoteTaker) else ROW_FIELDS)
    for key in ROW_TEXT_FIELDS:
        if key in data:
            setattr(row, key, (data[key] or "").strip())
    if "actor_groups" in data:
        groups = list(data["actor_groups"] or [])
        unknown = [g for g in groups if g not in ActorGroup.values]
        if unknown:
            raise ValidationError({"actor_groups": _("Unknown group of actors: %(groups)s.")
                                   % {"groups": ", ".join(map(str, unknown))}})
        row.actor_groups = [g for g in ActorGroup.values if g in groups]
    for key in ROW_FK_FIELDS:
        if key in data:
            setattr(row, key, data[key] or None)
    return {key: list(data[key] or []) for key in ROW_M2M_FIELDS if key in data}


def _log_row(row: OutcomeRow, actor: Any, before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = [f for f in ROW_FIELDS if before.get(f, "") != after.get(f, "")]
    now = timezone.now()
    OutcomeChange.objects.bulk_create([
        OutcomeChange(group_id=row.group_id, row=row, field=f, old=before.get(f, ""), new=after.get(f, ""),
                      by=_user(actor), at=now) for f in changed])
    return changed


@transaction.atomic
def add_row(group: Any, data: Mapping[str, Any], *, actor: Actor | GuestNoteTaker) -> OutcomeRow:
    """Record one row of a group's outcome table. ``actor`` is a user or a
    :class:`~samskap.followup.permissions.GuestNoteTaker` (the group's note-taker without an account)."""
    require(can_edit_outcome(actor, group), _("Only the group's note-taker and coordinators may record its outcome."))
    row = OutcomeRow(group=group, created_by=_user(actor), updated_by=_user(actor))
    m2m = _assign_row(row, data, actor)
    row.full_clean(exclude=["group", "created_by", "updated_by"])
    row.position = (OutcomeRow.objects.filter(group=group).aggregate(m=Max("position"))["m"] or 0) + 1
    row.save()
    for key, items in m2m.items():
        getattr(row, key).set(items)
    OutcomeChange.objects.create(group_id=group.pk, row=row, field="created", new=str(row), by=_user(actor))
    _log_row(row, actor, {}, {k: v for k, v in _row_snapshot(row).items() if v})
    return row


@transaction.atomic
def update_row(row: OutcomeRow, data: Mapping[str, Any], *, actor: Actor | GuestNoteTaker, version: int) -> OutcomeRow:
    """Save a row if nobody else saved it since `version` was read; otherwise raise StaleVersionError."""
    current = OutcomeRow.objects.select_for_update(of=("self",)).select_related("group__note_taker__person").get(pk=row.pk)
    require(can_edit_outcome(actor, current.group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    if int(version) != current.version:
        raise StaleVersionError(current)
    before = _row_snapshot(current)
    m2m = _assign_row(current, data, actor)
    current.full_clean(exclude=["group", "created_by", "updated_by"])
    if _row_snapshot(current, m2m) == before:
        return current  # nothing changed: keep the version, so that others' open forms stay valid
    # Compare and swap: nothing is written unless the version is still the one the caller read.
    values = {f: getattr(current, f) for f in (*ROW_TEXT_FIELDS, "actor_groups", *ROW_FK_FIELDS)}
    updated = OutcomeRow.objects.filter(pk=current.pk, version=version).update(
        **values, version=version + 1, updated_by=_user(actor), updated_at=timezone.now())
    if updated != 1:
        raise StaleVersionError(OutcomeRow.objects.get(pk=current.pk))
    for key, items in m2m.items():
        getattr(current, key).set(items)
    current.refresh_from_db()
    _log_row(current, actor, before, _row_snapshot(current))
    return current


@transaction.atomic
def delete_row(row: OutcomeRow, *, actor: Actor | GuestNoteTaker, version: int) -> None:
    current = OutcomeRow.objects.select_for_update(of=("self",)).select_related("group__note_taker__person").get(pk=row.pk)
    require(can_edit_outcome(actor, current.group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    if int(version) != current.version:
        raise StaleVersionError(current)
    if current.actions.exists():
        raise ValidationError(_("This row has actions and cannot be deleted. Drop the actions instead."))
    OutcomeChange.objects.create(group_id=current.group_id, row=current, field="deleted",
                                 old="\n".join(f"{k}: {v}" for k, v in _row_snapshot(current).items() if v),
                                 by=_user(actor))
    current.delete()


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


# --- Contacts and subscriptions --------------------------------------------------------------------------------

@transaction.atomic
def add_contact(organisation: Organisation, email: str, name: str = "", *, actor: Actor) -> OrganisationContact:
    require(can_manage_contacts(actor, organisation),
            _("Only the organisation's own users and coordinators may change its contacts."))
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if OrganisationContact.objects.filter(organisation=organisation, email=email).exists():
        raise ValidationError({"email": _("This address is already a contact of the organisation.")})
    try:
        with transaction.atomic():
            return OrganisationContact.objects.create(organisation=organisation, email=email, name=name.strip())
    except IntegrityError:
        raise ValidationError({"email": _("This address is already a contact of the organisation.")}) from None


@transaction.atomic
def remove_contact(contact: OrganisationContact, *, actor: Actor) -> None:
    require(can_manage_contacts(actor, contact.organisation),
            _("Only the organisation's own users and coordinators may change its contacts."))
    contact.delete()


# --- Sent reminders and digests: system actions of the mail tasks (samskap/followup/mail.py) ------------------

@transaction.atomic
def claim_reminders(email: str, items: Iterable[tuple[Action, str]]) -> list[tuple[Action, str, SentReminder]]:
    """Record the reminders about to be e-mailed to `email`; those already sent (or being sent by another run)
    are left out. Release them with `release_reminders` if the message fails."""
    claimed = []
    for action, kind in items:
        try:
            with transaction.atomic():
                record = SentReminder.objects.create(action=action, kind=kind, due_date=action.due_date, email=email)
        except IntegrityError:
            continue
        claimed.append((action, kind, record))
    return claimed


@transaction.atomic
def release_reminders(records: Iterable[SentReminder]) -> None:
    """The message failed: the reminders go out on the next run."""
    SentReminder.objects.filter(pk__in=[r.pk for r in records]).delete()


@transaction.atomic
def claim_digest(organisation: Organisation, email: str, week: str) -> SentDigest | None:
    """Record the week's digest to `email` before it is sent; None when it was already sent."""
    try:
        with transaction.atomic():
            return SentDigest.objects.create(organisation=organisation, email=email, week=week)
    except IntegrityError:
        return None


@transaction.atomic
def release_digest(claim: SentDigest) -> None:
    SentDigest.objects.filter(pk=claim.pk).delete()


# --- Consent and deletion --------------------------------------------------------------------------------------

@transaction.atomic
def withdraw_consent(person: Person, *, actor: Actor) -> Person:
    """Leave the network directory at once: the page and every later export stop showing the person."""
    require(can_edit_person(actor, person), _("You may only change your own consent."))
    return directory_actions.set_directory_consent(person, False, actor=actor)


@transaction.atomic
def request_deletion(person: Person, reason: str = "", *, actor: Actor) -> DeletionRequest:
    require(can_edit_person(actor, person), _("You may only ask for deletion of your own data."))
    if DeletionRequest.objects.filter(person=person, status=DeletionStatus.PENDING).exists():
        raise ValidationError(_("A request to delete these data is already waiting for a coordinator."))
    return DeletionRequest.objects.create(person=person, person_name=person.name, requested_by=_user(actor),
                                          reason=(reason or "").strip())


@transaction.atomic
def reject_deletion(request: DeletionRequest, note: str = "", *, actor: Actor) -> DeletionRequest:
    require_coordinator(actor)
    current = DeletionRequest.objects.select_for_update().get(pk=request.pk)
    if current.status != DeletionStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not (note or "").strip():
        raise ValidationError({"decision_note": _("Explain why the request is rejected.")})
    current.status = DeletionStatus.REJECTED
    current.decided_by, current.decided_at, current.decision_note = user_of(actor), timezone.now(), note.strip()
    current.save()
    return current


def _anonymous_label() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _("(deleted person)")


def _scrub(text: str, pattern: re.Pattern[str] | None, label: str) -> str:
    if not text or pattern is None:
        return text
    return pattern.sub(label, text)


@transaction.atomic
def confirm_deletion(request: DeletionRequest, *, actor: Actor) -> DeletionRequest:
    """Delete a person: anonymise them in past outcomes, actions and logs, remove the person record and
    deactivate the user account. All or nothing."""
    require_coordinator(actor)
    current = DeletionRequest.objects.select_for_update().get(pk=request.pk)
    if current.status != DeletionStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    person = current.person
    if person is None:
        raise ValidationError(_("The person no longer exists."))
    label = _anonymous_label()
    name = person.name.strip()
    pattern = re.compile(re.escape(name), re.IGNORECASE) if len(name) >= 3 else None
    emails = {e.lower() for e in (person.email, getattr(person.user, "email", "")) if e}

    # Outcome rows: clear the links, replace the name in the text.
    linked = OutcomeRow.objects.filter(Q(actor_people=person) | Q(idea_owner_person=person)).distinct()
    for row in linked:
        row.actor_people.remove(person)
        OutcomeChange.objects.create(group_id=row.group_id, row=row, field="anonymised", old="", new=label,
                                     by=_user(actor))
    OutcomeRow.objects.filter(idea_owner_person=person).update(idea_owner_person=None)
    if pattern is not None:
        text_q = Q()
        for field in ROW_TEXT_FIELDS:
            text_q |= Q(**{f"{field}__icontains": name})
        for row in OutcomeRow.objects.filter(text_q):
            for field in ROW_TEXT_FIELDS:
                setattr(row, field, _scrub(getattr(row, field), pattern, label))
            row.version += 1
            row.save()
        for change in OutcomeChange.objects.filter(Q(old__icontains=name) | Q(new__icontains=name)):
            change.old, change.new = _scrub(change.old, pattern, label), _scrub(change.new, pattern, label)
            change.save(update_fields=["old", "new"])

    # Actions and their logs.
    for action in Action.objects.filter(owner_person=person):
        action.owner_person = None
        action.save(update_fields=["owner_person", "updated_at"])
        ActionChange.objects.create(action=action, field="owner_person", old=label, new="", by=_user(actor),
                                    by_name=_actor_name(actor))
    if pattern is not None:
        for action in Action.objects.filter(Q(title__icontains=name) | Q(description__icontains=name)
                                            | Q(progress_notes__icontains=name)):
            action.title = _scrub(action.title, pattern, label)[:200]
            action.description = _scrub(action.description, pattern, label)
            action.progress_notes = _scrub(action.progress_notes, pattern, label)
            action.save(update_fields=["title", "description", "progress_notes", "updated_at"])
        for action_change in ActionChange.objects.filter(Q(old__icontains=name) | Q(new__icontains=name)
                                                         | Q(by_name__iexact=name)):
            action_change.old = _scrub(action_change.old, pattern, label)
            action_change.new = _scrub(action_change.new, pattern, label)
            if action_change.by_name.strip().lower() == name.lower():
                action_change.by_name = label
            action_change.save(update_fields=["old", "new", "by_name"])

    # Workshop registrations keep the organisation (for counts) but not the name or address.
    from samskap.workshops.models import Registration

    Registration.objects.filter(person=person).update(person=None, name=label, email="")
    if emails:
        email_q = Q()
        for e in emails:
            email_q |= Q(email__iexact=e)
        Registration.objects.filter(email_q).update(name=label, email="")
        OrganisationContact.objects.filter(email_q).delete()
        MailOptOut.objects.filter(email_q).delete()
        SentReminder.objects.filter(email_q).update(email="")

    # Other pending requests' snapshots, the person record and the account.
    DeletionRequest.objects.filter(person=person).update(person_name=label)
    user = person.user
    person.delete()
    if user is not None:
        user.username = f"deleted-{user.pk}"
        user.email = ""
        user.first_name = user.last_name = ""
        user.is_active = False
        user.is_staff = user.is_superuser = False
        user.set_unusable_password()
        user.save()
        user.roles.all().delete()
        user.api_tokens.all().delete()

    current.refresh_from_db()
    current.status = DeletionStatus.CONFIRMED
    current.person_name = label
    current.decided_by, current.decided_at = user_of(actor), timezone.now()
    current.save()
    return current


# --- Benefit realisation (gevinstrealisering) ------------------------------------------------------------------

BENEFIT_FIELDS = ("title", "kind", "beneficiaries", "indicator", "unit", "baseline_value", "baseline_date",
                  "target_value", "target_date", "owner_organisation", "owner_person", "assumptions")
MEASUREMENT_FIELDS = ("measured_on", "value", "source", "comment")
PHASE_FIELDS = ("phase", "started_on", "note")


def _require_update(actor: Any, action: Action) -> None:
    require(can_update_action(actor, action),
            _("Only the responsible organisation and coordinators may update this action."))


def _assign(obj: models.Model, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    fields = tuple(fields)
    _check_unknown(data, fields)
    for key in fields:
        if key in data:
            value = data[key]
            setattr(obj, key, value.strip() if isinstance(value, str) else value)


def _benefit_display(benefit: Benefit) -> str:
    return (f"{benefit.title}: {benefit.indicator} ({benefit.unit}) {benefit.baseline_value} "
            f"({benefit.baseline_date}) -> {benefit.target_value} ({benefit.target_date})")


@transaction.atomic
def add_benefit(action: Action, data: Mapping[str, Any], *, actor: Actor) -> Benefit:
    """Add an expected benefit to the action's benefit plan."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    _require_update(actor, action)
    benefit = Benefit(action=action)
    _assign(benefit, data, BENEFIT_FIELDS)
    if benefit.owner_organisation_id is None:
        benefit.owner_organisation_id = action.owner_organisation_id
    benefit.full_clean(exclude=["action"])
    if Benefit.objects.filter(action=action, title__iexact=benefit.title).exists():
        raise ValidationError({"title": _("The plan already has a benefit with this name.")})
    benefit.save()
    _log_action(action, actor, "benefit", "", _benefit_display(benefit))
    return benefit


@transaction.atomic
def update_benefit(benefit: Benefit, data: Mapping[str, Any], *, actor: Actor) -> Benefit:
    current = Benefit.objects.select_for_update().select_related("action").get(pk=benefit.pk)
    _require_update(actor, current.action)
    before = _benefit_display(current)
    _assign(current, data, BENEFIT_FIELDS)
    current.full_clean(exclude=["action"])
    if Benefit.objects.filter(action=current.action, title__iexact=current.title).exclude(pk=current.pk).exists():
        raise ValidationError({"title": _("The plan already has a benefit with this name.")})
    current.save()
    if before != _benefit_display(current):
        _log_action(current.action, actor, "benefit", before, _benefit_display(current))
    return current


def _store_measurement(benefit: Benefit, data: Mapping[str, Any], actor: Any) -> BenefitMeasurement:
    measurement = BenefitMeasurement(benefit=benefit, created_by=user_of(actor))
    _assign(measurement, data, MEASUREMENT_FIELDS)
    measurement.full_clean(exclude=["benefit"], validate_unique=False)
    if measurement.measured_on < benefit.baseline_date:
        raise ValidationError({"measured_on": _("The measurement is dated before the baseline (%(date)s).")
                               % {"date": benefit.baseline_date.isoformat()}})
    if BenefitMeasurement.objects.filter(benefit=benefit, measured_on=measurement.measured_on).exists():
        raise ValidationError({"measured_on": _("“%(benefit)s” already has a measurement on %(date)s.")
                               % {"benefit": benefit.title, "date": measurement.measured_on.isoformat()}})
    measurement.save()
    return measurement


@transaction.atomic
def add_measurement(benefit: Benefit, data: Mapping[str, Any], *, actor: Actor) -> BenefitMeasurement:
    """Record a measurement of a benefit's indicator (value, date, source, comment)."""
    benefit = Benefit.objects.select_related("action").get(pk=benefit.pk)
    Action.objects.select_for_update().get(pk=benefit.action_id)
    _require_update(actor, benefit.action)
    measurement = _store_measurement(benefit, data, actor)
    _log_action(benefit.action, actor, "measurement", "",
                f"{benefit.title}: {measurement.value} {benefit.unit} ({measurement.measured_on})")
    return measurement


@transaction.atomic
def import_measurements(action: Action, data: bytes, filename: str, *, actor: Actor) -> list[BenefitMeasurement]:
    """Import measurements from a CSV or XLSX file (see measurements_file): all rows or none."""
    from samskap.followup import measurements_file

    action = Action.objects.select_for_update().get(pk=action.pk)
    _require_update(actor, action)
    try:
        rows = measurements_file.parse(data, filename)
    except measurements_file.MeasurementFileError as exc:
        raise ValidationError([p.render(_) for p in exc.problems]) from exc
    benefits = {b.title.lower(): b for b in action.benefits.all()}
    problems: list[str] = []
    stored: list[BenefitMeasurement] = []
    for row in rows:
        benefit = benefits.get(row.benefit.lower())
        if benefit is None:
            problems.append(_("Row %(row)d: the plan has no benefit “%(name)s”.") % {"row": row.row,
                                                                                      "name": row.benefit[:80]})
            continue
        try:
            with transaction.atomic():
                stored.append(_store_measurement(benefit, {"measured_on": row.measured_on, "value": row.value,
                                                           "source": row.source, "comment": row.comment}, actor))
        except ValidationError as exc:
            problems.extend(_("Row %(row)d: %(message)s") % {"row": row.row, "message": m} for m in exc.messages)
    if problems:
        transaction.set_rollback(True)
        raise ValidationError(problems)
    _log_action(action, actor, "measurement", "",
                _("%(count)d measurement(s) imported from %(file)s") % {"count": len(stored), "file": filename[:80]})
    return stored


@transaction.atomic
def set_phase(action: Action, data: Mapping[str, Any], *, actor: Actor) -> ActionPhase:
    """Record (or correct) when the project entered a phase of the roadmap."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    _require_update(actor, action)
    if data.get("phase") not in RoadmapPhase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    phase = ActionPhase.objects.filter(action=action, phase=data["phase"]).first() or ActionPhase(action=action)
    before = f"{phase.get_phase_display()} {phase.started_on}" if phase.pk else ""
    _assign(phase, data, PHASE_FIELDS)
    phase.full_clean(exclude=["action"], validate_unique=False)
    phase.save()
    _log_action(action, actor, "phase", before, f"{phase.get_phase_display()} {phase.started_on} {phase.note}".strip())
    return phase


def _plain(value: Any) -> str:
    """A Decimal without trailing zeros (40.00 -> 40, 39.50 -> 39.5)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figures_text(action: Action) -> str:
    lines = []
    for benefit in action.benefits.prefetch_related("measurements"):
        latest = benefit.latest
        measured = (_("measured %(value)s on %(date)s") % {"value": _plain(latest.value),
                                                            "date": latest.measured_on.isoformat()}
                    if latest else _("not measured yet"))
        state = _("target reached") if benefit.realised else _("target not reached yet")
        lines.append(_("%(title)s – %(indicator)s (%(unit)s): baseline %(baseline)s on %(baseline_date)s, %(measured)s, "
                       "target %(target)s by %(target_date)s; %(state)s. Benefits %(who)s.") % {
            "title": benefit.title, "indicator": benefit.indicator, "unit": benefit.unit,
            "baseline": _plain(benefit.baseline_value), "baseline_date": benefit.baseline_date.isoformat(),
            "measured": measured, "target": _plain(benefit.target_value),
            "target_date": benefit.target_date.isoformat(),
            "state": state, "who": benefit.beneficiaries})
    return "\n".join(lines)


@transaction.atomic
def make_case(action: Action, data: Mapping[str, Any], *, actor: Actor) -> Any:
    """Turn a finished project with realised benefits into a draft case in the case library, its figures filled in.

    The case is created through knowledge's case actions (who may register a case for which municipality, and
    the completeness checks when it is submitted, still apply). `data` gives the sector and the type of
    innovation; the municipalities are the responsible organisation's, else those of the row's needs.
    """
    from samskap.knowledge import actions as knowledge_actions
    from samskap.knowledge.models import BenefitEvidence, Stage

    action = Action.objects.select_for_update().select_related("owner_organisation", "owner_person").get(pk=action.pk)
    _require_update(actor, action)
    if action.case_id:
        raise ValidationError(_("The action has already become a case."))
    if action.status != ActionStatus.DONE:
        raise ValidationError(_("Only a finished action (status done) can become a case."))
    if not any(b.realised for b in action.benefits.prefetch_related("measurements")):
        raise ValidationError(_("At least one benefit must have reached its target before the action becomes a case."))
    municipality = action.owner_organisation.municipality
    municipalities = [municipality] if municipality else list(
        {n.municipality for n in action.outcome_row.needs.select_related("municipality") if n.municipality_id})
    if not municipalities:
        raise ValidationError(_("Neither the responsible organisation nor the row's needs belong to a municipality."))
    phases = set(action.phases.values_list("phase", flat=True))
    measured = [m.measured_on for b in action.benefits.all() for m in b.measurements.all()]
    partners = sorted({o.name for o in Organisation.objects.filter(pk__in=taking_part(action))
                       .exclude(pk=action.owner_organisation_id)})
    contact = ""
    if action.owner_person:
        contact = ", ".join(p for p in (action.owner_person.name, action.owner_person.email) if p)
    case_data = {
        "title": action.title[:200], "year": max(measured).year if measured else timezone.localdate().year,
        "sector": data.get("sector"), "innovation_type": data.get("innovation_type"),
        "stage": Stage.SPREAD if RoadmapPhase.SPREAD in phases else Stage.IMPLEMENTED,
        "summary": action.description, "results": _figures_text(action),
        "benefit_evidence": BenefitEvidence.MEASURED, "partners": ", ".join(partners), "contact": contact,
    }
    case = knowledge_actions.create_case(case_data, municipalities, actor=actor)
    action.case = case
    action.save(update_fields=["case", "updated_at"])
    _log_action(action, actor, "case", "", case.title)
    return case
@transaction.atomic
def erase_deleted_account(user: Any, person: Person | None, actor: Actor) -> None:
    """A person deletes their own account (``samskap.accounts``): the same anonymisation as a confirmed
    deletion request, recorded as a confirmed request."""
    require(user_of(actor) is not None and user_of(actor) == user, _("You may only delete your own account."))
    if person is None:
        return
    request = (DeletionRequest.objects.filter(person=person, status=DeletionStatus.PENDING).first()
               or DeletionRequest.objects.create(person=person, person_name=person.name, requested_by=user,
                                                 reason=_("The person deleted their account.")))
    confirm_deletion(request, actor=SystemActor("account deletion"))
