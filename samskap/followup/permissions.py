"""Who may write what in follow-up. Builds on samskap.directory.permissions."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any, cast

from samskap.directory.models import Organisation, Person
from samskap.directory.permissions import is_coordinator


@dataclass(frozen=True)
class GuestNoteTaker:
    """An actor that is not a user: a note-taker registered without an account, acting through the personal
    link (token) of their workshop registration. It may record the outcome rows of the groups of the
    published plan where that registration is the note-taker, and nothing else; it is never a coordinator,
    and rows it writes have no ``created_by``/``updated_by`` user."""

    registration: Any  # workshops.Registration
    token: str
    is_authenticated = False
    is_active = False
    is_superuser = False


def is_guest_note_taker(actor: Any, group: Any) -> bool:
    """``actor`` is a GuestNoteTaker whose token is the registration's, the registration (confirmed, without
    an account) is the note-taker of ``group``, and the group belongs to the workshop's published plan."""
    from samskap.workshops.models import PlanStatus, Registration, RegistrationStatus

    if not isinstance(actor, GuestNoteTaker) or group is None or not group.note_taker_id:
        return False
    current = Registration.objects.select_related("person").filter(pk=actor.registration.pk).first()
    if current is None or not hmac.compare_digest(str(actor.token), current.token):
        return False
    if group.note_taker_id != current.pk or current.status != RegistrationStatus.CONFIRMED:
        return False
    if current.person is not None and current.person.user_id is not None:
        return False  # has an account: logs in instead
    plan = group.plan
    return bool(plan.published and plan.status == PlanStatus.DONE and plan.event_id == current.event_id)


def is_active_user(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False)) and bool(user.is_active)


def person_of(user: Any) -> Person | None:
    if not is_active_user(user):
        return None
    try:
        return cast("Person | None", user.person)
    except Person.DoesNotExist:
        return None


def is_note_taker(user: Any, group: Any) -> bool:
    """The group's note-taker: the registration's person is this user."""
    if not is_active_user(user) or not group.note_taker_id:
        return False
    person = group.note_taker.person
    return person is not None and person.user_id == user.pk


def can_edit_outcome(user: Any, group: Any) -> bool:
    """The group's note-taker (logged in, or a guest through their personal link) and coordinators (staff
    note-takers edit as coordinators)."""
    if isinstance(user, GuestNoteTaker):
        return is_guest_note_taker(user, group)
    return is_coordinator(user) or is_note_taker(user, group)


def can_create_action(user: Any, row: Any) -> bool:
    if isinstance(user, GuestNoteTaker):
        return False  # actions name a responsible organisation: for users of the directory
    return can_edit_outcome(user, row.group)


def belongs_to(user: Any, organisation: Organisation | int | None) -> bool:
    if organisation is None:
        return False
    person = person_of(user)
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return person is not None and person.organisation_id == org_id


def can_update_action(user: Any, action: Any) -> bool:
    """Coordinators, users of the owner organisation, and the owner person."""
    if is_coordinator(user):
        return True
    person = person_of(user)
    if person is None:
        return False
    return person.organisation_id == action.owner_organisation_id or (
        action.owner_person_id is not None and person.pk == action.owner_person_id)


def taking_part(action: Any) -> set[int]:
    """Organisations taking part in an action's outcome: the current owner, those named in its outcome row
    (actors, idea owner, carried by) and those registered for the row's workshop (the registration's
    organisation or the registered person's)."""
    from samskap.workshops.models import Registration

    row = action.outcome_row
    ids: set[int] = {action.owner_organisation_id} if action.owner_organisation_id else set()
    ids.update(row.actor_organisations.values_list("pk", flat=True))
    ids.update(i for i in (row.idea_owner_organisation_id, row.carried_by_id) if i)
    registrations = Registration.objects.filter(event_id=row.group.plan.event_id)
    ids.update(i for i in registrations.values_list("organisation_id", flat=True) if i)
    ids.update(i for i in registrations.values_list("person__organisation_id", flat=True) if i)
    return ids


def can_hand_over(user: Any, action: Any, organisation_id: int | None) -> bool:
    """May ``user`` make ``organisation_id`` responsible for ``action``? Coordinators: any organisation.
    Those who may update the action (see can_update_action): only an organisation taking part in the same
    outcome (see taking_part) -- so an action stays with the workshop's actors and cannot be pushed onto an
    unrelated organisation, which would give that organisation's users write access to it."""
    if is_coordinator(user):
        return True
    if organisation_id == action.owner_organisation_id:
        return True
    return can_update_action(user, action) and organisation_id in taking_part(action)


def can_manage_contacts(user: Any, organisation: Organisation) -> bool:
    return is_coordinator(user) or belongs_to(user, organisation)


def can_view(user: Any) -> bool:
    """Outcomes, actions, signals and the network directory are for logged-in users."""
    return is_active_user(user)
