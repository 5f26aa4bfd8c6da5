"""Consent withdrawal and deletion of a person: requests, the coordinator's decision and the anonymisation."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, SystemActor, user_of
from samskap.directory import actions as directory_actions
from samskap.directory.models import Person
from samskap.directory.permissions import can_edit_person, require, require_coordinator
from samskap.followup.actions._common import ROW_TEXT_FIELDS, _actor_name, _user
from samskap.followup.models import (
    Action,
    ActionChange,
    DeletionRequest,
    DeletionStatus,
    OrganisationContact,
    OutcomeChange,
    OutcomeRow,
    SentReminder,
)
from samskap.followup.privacy import verified_emails
from samskap.notifications.models import MailOptOut

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
    emails = verified_emails(person.user)  # never another person's records through a typed-in address

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
