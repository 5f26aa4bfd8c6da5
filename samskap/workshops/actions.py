"""Write use cases for workshops. Views, the API, the demo and tests call these.

Every function runs in one transaction, takes the acting user first and checks permissions:
coordinators run workshops; anyone (also anonymous guests) may register while the coordinator has
registration open and the deadline has not passed; a
registration is cancelled with its token, by its own person or by a coordinator.
The planner itself runs in the background: ``start_plan`` enqueues ``tasks.plan_workshop`` (-> ``planning.run``)
when its transaction commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.directory.permissions import require_coordinator
from samskap.needs.models import Need
from samskap.workshops.action_common import _set, _user_or_none
from samskap.workshops.models import (
    Event,
    Group,
    ProgrammeItem,
    RegistrationState,
    StaffMember,
    Theme,
    WorkshopSession,
)
from samskap.workshops.plan_actions import (
    STALE_PLAN as STALE_PLAN,
)
from samskap.workshops.plan_actions import (
    _finite as _finite,
)
from samskap.workshops.plan_actions import (
    claim_plan as claim_plan,
)
from samskap.workshops.plan_actions import (
    fail_plan as fail_plan,
)
from samskap.workshops.plan_actions import (
    move_assignment as move_assignment,
)
from samskap.workshops.plan_actions import (
    publish_plan as publish_plan,
)
from samskap.workshops.plan_actions import (
    refresh_group as refresh_group,
)
from samskap.workshops.plan_actions import (  # plan actions, re-exported
    start_plan as start_plan,
)
from samskap.workshops.plan_actions import (
    store_plan as store_plan,
)
from samskap.workshops.plan_actions import (
    unlock_assignment as unlock_assignment,
)
from samskap.workshops.plan_actions import (
    unpublish_plan as unpublish_plan,
)
from samskap.workshops.plan_edit_actions import (
    reinstate_theme as reinstate_theme,
)
from samskap.workshops.plan_edit_actions import (
    swap_assignments as swap_assignments,
)
from samskap.workshops.registration_actions import (
    MAX_CHOICES as MAX_CHOICES,
)
from samskap.workshops.registration_actions import (
    REGISTRATION_FIELDS as REGISTRATION_FIELDS,
)
from samskap.workshops.registration_actions import (
    AlreadyRegistered as AlreadyRegistered,
)
from samskap.workshops.registration_actions import (
    ImportFailed as ImportFailed,
)
from samskap.workshops.registration_actions import (
    ImportPreview as ImportPreview,
)
from samskap.workshops.registration_actions import (
    ImportResult as ImportResult,
)
from samskap.workshops.registration_actions import (
    PreviewMerge as PreviewMerge,
)
from samskap.workshops.registration_actions import (
    PreviewTheme as PreviewTheme,
)
from samskap.workshops.registration_actions import (  # registration actions, re-exported
    _clean_choices as _clean_choices,
)
from samskap.workshops.registration_actions import (
    _email_taken as _email_taken,
)
from samskap.workshops.registration_actions import (
    _existing_matches as _existing_matches,
)
from samskap.workshops.registration_actions import (
    _has_room as _has_room,
)
from samskap.workshops.registration_actions import (
    _match_organisation as _match_organisation,
)
from samskap.workshops.registration_actions import (
    _parse_import as _parse_import,
)
from samskap.workshops.registration_actions import (
    _promote as _promote,
)
from samskap.workshops.registration_actions import (
    _register as _register,
)
from samskap.workshops.registration_actions import (
    _store_choices as _store_choices,
)
from samskap.workshops.registration_actions import (
    cancel_registration as cancel_registration,
)
from samskap.workshops.registration_actions import (
    import_registrations as import_registrations,
)
from samskap.workshops.registration_actions import (
    preview_import as preview_import,
)
from samskap.workshops.registration_actions import (
    register as register,
)
from samskap.workshops.registration_actions import (
    registration_refusal as registration_refusal,
)

EVENT_FIELDS = ("title", "slug", "description", "date", "start_time", "end_time", "place",
                "registration_deadline", "capacity", "min_theme_size", "max_group_size", "tables_per_session",
                "call", "terms")
PROGRAMME_FIELDS = ("start", "end", "title", "speaker")
SESSION_FIELDS = ("number", "start", "end")
THEME_FIELDS = ("title", "description", "proposed_by_name")
STAFF_FIELDS = ("name", "email")
RESERVED_SLUGS = {"ny"}
#: A queued or running plan older than this is taken as abandoned (a worker died) and no longer blocks.

# -- events -------------------------------------------------------------------------------------------


def _check_event(event: Event) -> None:
    errors: dict[str, str] = {}
    if event.slug in RESERVED_SLUGS:
        errors["slug"] = _("This short name is reserved; choose another.")
    if event.capacity is not None and event.capacity < 1:
        errors["capacity"] = _("At least one person must be able to take part.")
    if event.max_group_size is not None and event.max_group_size < 2:
        errors["max_group_size"] = _("A group has at least two people.")
    if event.min_theme_size is not None and event.min_theme_size < 1:
        errors["min_theme_size"] = _("A theme needs at least one sign-up to run.")
    if event.tables_per_session is not None and event.tables_per_session < 1:
        errors["tables_per_session"] = _("There must be at least one table or room per session.")
    if event.start_time and event.end_time and event.end_time <= event.start_time:
        errors["end_time"] = _("The workshop must end after it starts.")
    if event.registration_deadline and event.date:
        deadline_day = timezone.localtime(event.registration_deadline).date()
        if deadline_day > event.date:
            errors["registration_deadline"] = _("The registration deadline must be on or before the workshop day.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_event(data: Mapping[str, Any], *, actor: Actor, sessions: int = 0) -> Event:
    """A new workshop, optionally with ``sessions`` empty sessions (økter) numbered 1..n."""
    require_coordinator(actor)
    event = Event(created_by=_user_or_none(actor))
    _set(event, data, EVENT_FIELDS)
    event.full_clean()
    _check_event(event)
    event.save()
    for number in range(1, sessions + 1):
        WorkshopSession.objects.create(event=event, number=number)
    return event


@transaction.atomic
def update_event(event: Event, data: Mapping[str, Any], *, actor: Actor) -> Event:
    require_coordinator(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    _set(event, data, EVENT_FIELDS)
    event.full_clean()
    _check_event(event)
    event.save()
    _promote(event)  # a higher capacity frees places for the waiting list
    return event


@transaction.atomic
def open_registration(event: Event, *, actor: Actor) -> Event:
    """Open registration (again): people can register until the deadline."""
    require_coordinator(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if timezone.now() >= event.registration_deadline:
        raise ValidationError({"registration_deadline": _(
            "The registration deadline has passed. Move the deadline before you open registration.")})
    if event.registration_status != RegistrationState.OPEN:
        event.registration_status = RegistrationState.OPEN
        event.save(update_fields=["registration_status"])
    return event


@transaction.atomic
def close_registration(event: Event, *, actor: Actor) -> Event:
    """Close registration before the deadline; coordinators can still add people."""
    require_coordinator(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.registration_status != RegistrationState.CLOSED:
        event.registration_status = RegistrationState.CLOSED
        event.save(update_fields=["registration_status"])
    return event


# -- programme, sessions, themes, staff -----------------------------------------------------------------


def _check_times(start: dt.time | None, end: dt.time | None) -> None:
    if start and end and end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})


@transaction.atomic
def add_programme_item(event: Event, data: Mapping[str, Any], *, actor: Actor) -> ProgrammeItem:
    require_coordinator(actor)
    item = ProgrammeItem(event=event)
    _set(item, data, PROGRAMME_FIELDS)
    item.full_clean()
    _check_times(item.start, item.end)
    item.save()
    return item


@transaction.atomic
def update_programme_item(item: ProgrammeItem, data: Mapping[str, Any], *, actor: Actor) -> ProgrammeItem:
    require_coordinator(actor)
    _set(item, data, PROGRAMME_FIELDS)
    item.full_clean()
    _check_times(item.start, item.end)
    item.save()
    return item


@transaction.atomic
def delete_programme_item(item: ProgrammeItem, *, actor: Actor) -> None:
    require_coordinator(actor)
    item.delete()


def _check_session_number(session: WorkshopSession) -> None:
    clash = WorkshopSession.objects.filter(event_id=session.event_id, number=session.number).exclude(pk=session.pk)
    if clash.exists():
        raise ValidationError({"number": _("The workshop already has a session with this number.")})


@transaction.atomic
def add_session(event: Event, data: Mapping[str, Any] | None = None, *, actor: Actor) -> WorkshopSession:
    """A new session (økt); without a number it gets the next free one."""
    require_coordinator(actor)
    data = dict(data or {})
    if not data.get("number"):
        last = event.sessions.order_by("-number").first()
        data["number"] = (last.number + 1) if last else 1
    session = WorkshopSession(event=event)
    _set(session, data, SESSION_FIELDS)
    _check_session_number(session)
    session.full_clean(validate_constraints=False)
    _check_times(session.start, session.end)
    session.save()
    return session


@transaction.atomic
def update_session(session: WorkshopSession, data: Mapping[str, Any], *, actor: Actor) -> WorkshopSession:
    require_coordinator(actor)
    _set(session, data, SESSION_FIELDS)
    _check_session_number(session)
    session.full_clean(validate_constraints=False)
    _check_times(session.start, session.end)
    session.save()
    return session


@transaction.atomic
def delete_session(session: WorkshopSession, *, actor: Actor) -> None:
    """Delete a session with its themes and the choices people made in it."""
    require_coordinator(actor)
    _refuse_if_outcomes(Group.objects.filter(theme__session=session))
    session.delete()


def _check_theme_title(theme: Theme) -> None:
    clash = Theme.objects.filter(session_id=theme.session_id, title__iexact=theme.title.strip()).exclude(pk=theme.pk)
    if clash.exists():
        raise ValidationError({"title": _("This session already has a theme with this title.")})


def _check_needs(event: Event, needs: Sequence[Need]) -> None:
    if event.call_id is None:
        return
    foreign = [n for n in needs if n.call_id not in (None, event.call_id)]
    if foreign:
        raise ValidationError(_("The needs must be answers to the workshop's call for topics."))


@transaction.atomic
def create_theme(session: WorkshopSession, data: Mapping[str, Any], *,
                 actor: Actor, needs: Sequence[Need] = (), proposed_by: Any = None) -> Theme:
    """A theme in a session. ``proposed_by`` defaults to the coordinator who creates it."""
    require_coordinator(actor)
    theme = Theme(session=session)
    _set(theme, data, THEME_FIELDS)
    theme.title = " ".join((theme.title or "").split())
    theme.proposed_by = proposed_by if proposed_by is not None else _user_or_none(actor)
    if not theme.proposed_by_name and theme.proposed_by is not None:
        person = getattr(theme.proposed_by, "person", None)
        theme.proposed_by_name = person.name if person else theme.proposed_by.get_username()
    theme.full_clean()
    _check_theme_title(theme)
    _check_needs(session.event, needs)
    theme.save()
    if needs:
        theme.needs.set(needs)
    return theme


@transaction.atomic
def update_theme(theme: Theme, data: Mapping[str, Any], *, actor: Actor, needs: Sequence[Need] | None = None) -> Theme:
    require_coordinator(actor)
    _set(theme, data, (*THEME_FIELDS, "session"))
    theme.title = " ".join((theme.title or "").split())
    theme.full_clean()
    _check_theme_title(theme)
    if needs is not None:
        _check_needs(theme.session.event, needs)
        theme.needs.set(needs)
    theme.save()
    return theme


@transaction.atomic
def delete_theme(theme: Theme, *, actor: Actor) -> None:
    require_coordinator(actor)
    _refuse_if_outcomes(Group.objects.filter(theme=theme))
    theme.delete()


def _refuse_if_outcomes(groups: Any) -> None:
    """Recorded outcomes are kept: a theme or session whose groups have outcome rows cannot be deleted."""
    if groups.filter(outcome_rows__isnull=False).exists():
        raise ValidationError(_("Outcomes have been recorded for this theme; it cannot be deleted."))


@transaction.atomic
def theme_from_need(session: WorkshopSession, need: Need, *, actor: Actor) -> Theme:
    """A theme proposed by a municipality's need (e.g. an answer to the call for topics)."""
    require_coordinator(actor)
    return create_theme(session, {
        "title": need.title[:200], "description": need.description,
        "proposed_by_name": need.municipality.name,
    }, needs=[need], proposed_by=need.created_by, actor=actor)


@transaction.atomic
def theme_from_challenge(session: WorkshopSession, title: str, needs: Sequence[Need], *, actor: Actor) -> Theme:
    """A theme for a shared challenge: several municipalities' needs on the same topic."""
    require_coordinator(actor)
    if not needs:
        raise ValidationError(_("A shared challenge needs at least one need."))
    municipalities = sorted({n.municipality.name for n in needs})
    return create_theme(session, {
        "title": title[:200],
        "description": "\n".join(f"– {n.title} ({n.municipality.name})" for n in needs),
        "proposed_by_name": ", ".join(municipalities)[:200],
    }, needs=list(needs), proposed_by=None if len(needs) > 1 else needs[0].created_by, actor=actor)


@transaction.atomic
def add_staff(event: Event, data: Mapping[str, Any], *, actor: Actor) -> StaffMember:
    require_coordinator(actor)
    staff = StaffMember(event=event)
    _set(staff, data, STAFF_FIELDS)
    staff.full_clean()
    staff.save()
    return staff


@transaction.atomic
def update_staff(staff: StaffMember, data: Mapping[str, Any], *, actor: Actor) -> StaffMember:
    require_coordinator(actor)
    _set(staff, data, STAFF_FIELDS)
    staff.full_clean()
    staff.save()
    return staff


@transaction.atomic
def delete_staff(staff: StaffMember, *, actor: Actor) -> None:
    require_coordinator(actor)
    staff.delete()
