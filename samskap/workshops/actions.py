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
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, user_of
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.models import Organisation
from samskap.directory.permissions import is_coordinator, require, require_coordinator
from samskap.needs.models import Need
from samskap.workshops import notices, planning, regimport, solver, tasks
from samskap.workshops.models import (
    ActorType,
    Assignment,
    Choice,
    Event,
    Group,
    Plan,
    PlanStatus,
    ProgrammeItem,
    Registration,
    RegistrationState,
    RegistrationStatus,
    StaffMember,
    Theme,
    ThemeRun,
    WorkshopSession,
)
from samskap.workshops.permissions import can_cancel
from samskap.workshops.queries import latest_done_plan, published_plan
from samskap.workshops.solver import ACTOR_TYPES

MAX_CHOICES = 3
EVENT_FIELDS = ("title", "slug", "description", "date", "start_time", "end_time", "place",
                "registration_deadline", "capacity", "min_theme_size", "max_group_size", "tables_per_session",
                "call", "terms")
PROGRAMME_FIELDS = ("start", "end", "title", "speaker")
SESSION_FIELDS = ("number", "start", "end")
THEME_FIELDS = ("title", "description", "proposed_by_name")
STAFF_FIELDS = ("name", "email")
REGISTRATION_FIELDS = ("name", "email", "organisation_name", "actor_type", "volunteer_host",
                       "volunteer_note_taker", "accepted_terms")
RESERVED_SLUGS = {"ny"}
#: A queued or running plan older than this is taken as abandoned (a worker died) and no longer blocks.
STALE_PLAN = dt.timedelta(minutes=15)

def _set(obj: Any, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for key in fields:
        if key in data:
            setattr(obj, key, data[key])


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


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


def registration_refusal(event: Event) -> str:
    """Why nobody can register now (for a workshop whose registration is not open)."""
    if event.registration_state == RegistrationState.NOT_OPEN:
        return _("Registration for this workshop has not opened yet.")
    return _("Registration for this workshop has closed.")


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


# -- registration -------------------------------------------------------------------------------------


def _clean_choices(event: Event, choices: Mapping[Any, Sequence[Any]]) -> dict[WorkshopSession, list[Theme]]:
    """Ranked theme choices per session, checked against the event's sessions and themes."""
    sessions = {s.pk: s for s in event.sessions.all()}
    themes = {t.pk: t for t in Theme.objects.filter(session__event=event)}
    out: dict[WorkshopSession, list[Theme]] = {}
    for key, picked in choices.items():
        session = sessions.get(getattr(key, "pk", key))
        if session is None:
            raise ValidationError(_("Unknown session."))
        ranked: list[Theme] = []
        for item in picked:
            if item in (None, ""):
                continue
            try:
                theme = themes.get(item.pk if isinstance(item, Theme) else int(item))
            except (TypeError, ValueError):
                theme = None
            if theme is None or theme.session_id != session.pk:
                raise ValidationError(_("Unknown theme in %(session)s.") % {"session": session})
            if theme in ranked:
                raise ValidationError(_("Each theme can be chosen only once in %(session)s.") % {"session": session})
            ranked.append(theme)
        if len(ranked) > MAX_CHOICES:
            raise ValidationError(_("Choose at most %(n)s themes in %(session)s.") % {"n": MAX_CHOICES,
                                                                                   "session": session})
        out[session] = ranked
    return out


def _store_choices(registration: Registration, choices: Mapping[WorkshopSession, Sequence[Theme]]) -> None:
    Choice.objects.bulk_create([
        Choice(registration=registration, session=session, theme=theme, rank=rank)
        for session, themes in choices.items() for rank, theme in enumerate(themes, start=1)
    ])


def _email_taken(event: Event, email: str, exclude_pk: int | None = None) -> bool:
    qs = Registration.objects.filter(event=event, email__iexact=email).exclude(status=RegistrationStatus.CANCELLED)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return bool(email) and qs.exists()


def _match_organisation(name: str) -> Organisation | None:
    return Organisation.objects.filter(name__iexact=name.strip()).first() if name.strip() else None


def _has_room(event: Event) -> bool:
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return confirmed < event.capacity


class AlreadyRegistered(ValidationError):
    """The e-mail address already has a registration for this workshop.

    Callers answer exactly as for a new registration, so that nobody learns which addresses are
    registered: ``status`` is what a new registration would have got. The owner of the address gets an
    e-mail with the personal link instead (queued by ``register``).
    """

    def __init__(self, status: str) -> None:
        self.status = status
        super().__init__({"email": _("This e-mail address is already registered for this workshop.")})


def register(event: Event, data: Mapping[str, Any], choices: Mapping[Any, Sequence[Any]], *,
             actor: Actor, notify: bool = True) -> Registration:
    """Register a person (logged in or a guest) with ranked theme choices per session.

    An empty session means the person does not attend it. When the workshop is full the registration
    goes on the waiting list. A confirmation e-mail with the cancel link is queued after commit.
    An address that is already registered raises ``AlreadyRegistered`` (after every other check, so the
    answer does not depend on it) and its owner is told by e-mail.
    """
    try:
        return _register(actor, event, data, choices, notify=notify)
    except AlreadyRegistered:
        if notify:
            event_pk, email = event.pk, (data.get("email") or "").strip()
            transaction.on_commit(lambda: tasks.send_already_registered.enqueue(event_pk, email))
        raise


@transaction.atomic
def _register(actor: Any, event: Event, data: Mapping[str, Any], choices: Mapping[Any, Sequence[Any]], *,
              notify: bool) -> Registration:
    # Serialise the capacity count: the event row is locked on PostgreSQL; on SQLite the IMMEDIATE
    # transaction (settings.py) already holds the write lock from its first statement.
    event = Event.objects.select_for_update().get(pk=event.pk)
    coordinator = is_coordinator(actor)
    if not event.registration_open and not coordinator:
        raise ValidationError(registration_refusal(event))
    if not data.get("accepted_terms"):
        raise ValidationError({"accepted_terms": _("You must accept the terms to register.")})
    email = (data.get("email") or "").strip()
    if not email:
        raise ValidationError({"email": _("Give an e-mail address.")})
    cleaned = _clean_choices(event, choices)
    registration = Registration(event=event)
    _set(registration, data, REGISTRATION_FIELDS)
    registration.email = email
    registration.language = data.get("language") or translation.get_language() or ""
    person = getattr(_user_or_none(actor), "person", None)
    if person is not None and email.casefold() in {(person.email or "").casefold(),
                                                   (actor.email or "").casefold()}:
        registration.person = person
        if person.organisation and person.organisation.name.casefold() == registration.organisation_name.casefold():
            registration.organisation = person.organisation
    if registration.organisation is None:
        registration.organisation = _match_organisation(registration.organisation_name)
    registration.status = RegistrationStatus.CONFIRMED if _has_room(event) else RegistrationStatus.WAITLISTED
    registration.full_clean(exclude=["token", "event", "person", "organisation"], validate_constraints=False)
    if _email_taken(event, email):
        raise AlreadyRegistered(registration.status)
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise AlreadyRegistered(registration.status) from None
    _store_choices(registration, cleaned)
    if notify:
        pk = registration.pk
        transaction.on_commit(lambda: tasks.send_confirmation.enqueue(pk))
    return registration


def _promote(event: Event, *, notify: bool = True) -> list[Registration]:
    """Move the oldest people on the waiting list up while there are free places."""
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    free = max(0, event.capacity - confirmed)
    if not free:
        return []
    promoted = list(event.registrations.filter(status=RegistrationStatus.WAITLISTED)
                    .order_by("created_at", "pk")[:free])
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "updated_at"])
        if notify:
            pk = registration.pk

            def send_promotion(pk: int = pk) -> None:
                tasks.send_promotion.enqueue(pk)

            transaction.on_commit(send_promotion)
    return promoted


@transaction.atomic
def cancel_registration(registration: Registration, *, actor: Actor, token: str | None = None,
                        notify: bool = True) -> list[Registration]:
    """Cancel a registration (with its token, as its own person, or as a coordinator).

    Returns the people promoted from the waiting list (each gets an e-mail after commit).
    """
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = (Registration.objects.select_for_update(of=("self",)).select_related("person")
                    .get(pk=registration.pk))
    require(can_cancel(actor, registration, token), _("You may only cancel your own registration."))
    if registration.status == RegistrationStatus.CANCELLED:
        raise ValidationError(_("This registration is already cancelled."))
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    return _promote(event, notify=notify)


# -- import -------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    waitlisted: int = 0
    sessions_created: list[int] = field(default_factory=list)
    themes_created: list[str] = field(default_factory=list)
    themes_matched: list[str] = field(default_factory=list)
    merged_labels: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class ImportFailed(ValidationError):
    """The file has errors; ``errors`` lists them all (by row) and nothing was imported."""

    def __init__(self, errors: Sequence[str]):
        self.errors = list(errors)
        super().__init__(self.errors)


def _parse_import(event: Event, data: bytes, filename: str, split: Collection[str]) -> regimport.Registration:
    """Parse and check a registration file against the event; raise ImportFailed listing every problem."""
    try:
        parsed = regimport.parse_registrations(data, filename, split=split)
    except regimport.RegistrationImportError as exc:
        raise ImportFailed([regimport.render(e, gettext) for e in exc.errors]) from None
    errors: list[str] = []
    seen: dict[str, int] = {}
    for person in parsed.participants:
        email = person.email.strip()
        if email:
            try:
                validate_email(email)
                if len(email) > 254:  # the column's length; the validator allows up to 320
                    raise ValidationError("too long")
            except ValidationError:
                errors.append(_("row %(row)s: %(email)s is not a valid e-mail address") % {
                    "row": person.row, "email": email})
            key = email.casefold()
            if key in seen:
                errors.append(_("rows %(first)s and %(row)s: the e-mail address %(email)s appears twice") % {
                    "first": seen[key], "row": person.row, "email": email})
            seen.setdefault(key, person.row)
            if _email_taken(event, email):
                errors.append(_("row %(row)s: %(email)s is already registered for this workshop") % {
                    "row": person.row, "email": email})
        for session_label, labels in person.choices.items():
            if len(labels) > MAX_CHOICES:
                errors.append(_("row %(row)s: %(n)s choices in session %(session)s; at most %(max)s are allowed") % {
                    "row": person.row, "n": len(labels), "session": session_label, "max": MAX_CHOICES})
        if len(person.name) > 200 or len(person.organisation) > 200:
            errors.append(_("row %(row)s: the name or organisation is longer than 200 characters") % {
                "row": person.row})
    if errors:
        raise ImportFailed(errors)
    return parsed


def _existing_matches(event: Event, parsed: regimport.Registration) -> dict[str, tuple[WorkshopSession | None,
                                                                                       dict[str, Theme]]]:
    """Per session label of the file: the event's session (None: it will be created) and the file's themes
    that are the same as an existing theme of that session (canonical label -> theme). Reads only."""
    out: dict[str, tuple[WorkshopSession | None, dict[str, Theme]]] = {}
    for label in parsed.sessions:
        session = WorkshopSession.objects.filter(event=event, number=int(label)).first()
        matched: dict[str, Theme] = {}
        if session is not None:
            existing = {t.title: t for t in session.themes.all()}
            # one to one: two themes of the file never become one existing theme
            mapping, _unknown = regimport.canonical_labels(parsed.themes[label], list(existing), one_to_one=True)
            matched = {canonical: existing[title] for canonical, title in mapping.items()}
        out[label] = (session, matched)
    return out


@dataclass
class PreviewTheme:
    label: str
    existing: Theme | None  # the event's theme it will be read as; None: a new theme


@dataclass
class PreviewMerge:
    canonical: str
    variants: list[tuple[str, bool, bool]]  # (spelling in the file, may be split, kept separate)


@dataclass
class ImportPreview:
    """What an import of the file would do; nothing has been written."""

    registrations: int
    waitlisted: int
    sessions: list[tuple[int, bool, list[PreviewTheme]]]  # (number, new session, themes found)
    merges: list[PreviewMerge]
    warnings: list[str]

    @property
    def theme_count(self) -> int:
        return sum(len(themes) for _n, _new, themes in self.sessions)


def preview_import(event: Event, data: bytes, filename: str = "", *,
                   actor: Actor, split: Collection[str] = ()) -> ImportPreview:
    """The themes found in a registration file and the spellings that would be merged, before anything is
    imported (reads only). ``split``: spellings the coordinator keeps as themes of their own. Raises
    ImportFailed like :func:`import_registrations`."""
    require_coordinator(actor)
    split = set(split)
    parsed = _parse_import(event, data, filename, split)
    proposed = regimport.parse_registrations(data, filename).merges if split else parsed.merges
    merges = [PreviewMerge(canonical, [(v, not regimport.spelled_alike(v, canonical), v in split)
                                       for v in variants])
              for canonical, variants in proposed.items()]
    sessions = []
    for label, (session, matched) in _existing_matches(event, parsed).items():
        sessions.append((int(label), session is None,
                         [PreviewTheme(t, matched.get(t)) for t in parsed.themes[label]]))
    free = max(0, event.capacity - event.registrations.filter(status=RegistrationStatus.CONFIRMED).count())
    count = len(parsed.participants)
    return ImportPreview(count, max(0, count - free), sessions, merges,
                         [regimport.render(w, gettext) for w in parsed.warnings])


@transaction.atomic
def import_registrations(event: Event, data: bytes, filename: str = "", *,
                         actor: Actor, split: Collection[str] = ()) -> ImportResult:
    """Import registrations from a CSV or XLSX file (see ``regimport``) in one transaction.

    Themes are matched to the session's existing themes or created from the canonical labels; ``split``
    lists spellings that are not merged into another (see :func:`preview_import`). Every error is reported
    with its row number and nothing is imported when there is any.
    """
    require_coordinator(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)  # serialise imports and the capacity count
    parsed = _parse_import(event, data, filename, set(split))
    result = ImportResult(merged_labels=dict(parsed.merged_labels),
                          warnings=[regimport.render(w, gettext) for w in parsed.warnings])
    sessions: dict[str, WorkshopSession] = {}
    themes: dict[tuple[str, str], Theme] = {}
    for label, (found, matched) in _existing_matches(event, parsed).items():
        session = found or WorkshopSession.objects.create(event=event, number=int(label))
        if found is None:
            result.sessions_created.append(session.number)
        sessions[label] = session
        for canonical in parsed.themes[label]:
            if canonical in matched:
                themes[(label, canonical)] = matched[canonical]
                result.themes_matched.append(matched[canonical].title)
            else:
                theme = Theme.objects.create(session=session, title=canonical[:200], proposed_by=user_of(actor),
                                             proposed_by_name=_("Imported registrations"))
                themes[(label, canonical)] = theme
                result.themes_created.append(theme.title)
    confirmed = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    for person in parsed.participants:
        status = RegistrationStatus.CONFIRMED if confirmed < event.capacity else RegistrationStatus.WAITLISTED
        confirmed += status == RegistrationStatus.CONFIRMED
        registration = Registration.objects.create(
            event=event, name=person.name[:200], email=person.email.strip(),
            organisation_name=person.organisation[:200], organisation=_match_organisation(person.organisation),
            actor_type=person.actor_type if person.actor_type in ACTOR_TYPES else ActorType.OTHER,
            volunteer_host=person.volunteer_host, volunteer_note_taker=person.volunteer_note_taker,
            accepted_terms=False, status=status)
        _store_choices(registration, {sessions[s]: [themes[(s, lab)] for lab in labels]
                                      for s, labels in person.choices.items() if labels})
        result.created += 1
        result.waitlisted += status == RegistrationStatus.WAITLISTED
    return result


# -- planning -----------------------------------------------------------------------------------------


@transaction.atomic
def start_plan(event: Event, *, actor: Actor) -> Plan:
    """Queue a new plan. Locked placements of the latest plan are kept, and the published plan (if any) is
    changed as little as possible. The planner task is enqueued when the transaction commits."""
    require_coordinator(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    busy = event.plans.filter(status__in=[PlanStatus.QUEUED, PlanStatus.RUNNING],
                              created_at__gt=timezone.now() - STALE_PLAN)
    if busy.exists():
        raise ValidationError(_("A plan is already being made for this workshop."))
    if not Theme.objects.filter(session__event=event).exists():
        raise ValidationError(_("Add sessions and themes before planning."))
    if not Choice.objects.filter(registration__event=event,
                                 registration__status=RegistrationStatus.CONFIRMED).exists():
        raise ValidationError(_("Nobody has chosen a theme yet."))
    base = latest_done_plan(event)
    previous = published_plan(event)
    plan = Plan.objects.create(event=event, requested_by=_user_or_none(actor), status=PlanStatus.QUEUED, stats={
        "base_plan": base.pk if base else None, "previous_plan": previous.pk if previous else None})
    from samskap.workshops.tasks import plan_workshop  # tasks -> planning -> actions

    enqueue_on_commit(plan_workshop, plan.pk)
    return plan


@transaction.atomic
def publish_plan(plan: Plan, *, actor: Actor) -> Plan:
    """Publish a finished plan: participants see their groups. Any other plan of the event is unpublished."""
    require_coordinator(actor)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be published."))
    Plan.objects.filter(event_id=plan.event_id).exclude(pk=plan.pk).update(published=False)
    plan.published = True
    plan.save(update_fields=["published"])
    notices.plan_published(plan, actor=actor)
    return plan


@transaction.atomic
def unpublish_plan(plan: Plan, *, actor: Actor) -> Plan:
    require_coordinator(actor)
    plan.published = False
    plan.save(update_fields=["published"])
    return plan


# --- the planner's results: system actions called by the background task (``planning.run``) ----------

def _finite(value: float) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None


@transaction.atomic
def claim_plan(plan_id: int) -> bool:
    """System action (the planner task): take a queued plan (now running); False if it is not queued."""
    return bool(Plan.objects.filter(pk=plan_id, status=PlanStatus.QUEUED).update(status=PlanStatus.RUNNING))


@transaction.atomic
def store_plan(plan: Plan, problem: solver.Problem, ctx: planning.Context, result: solver.Plan) -> Plan:
    """System action (the planner task): save a solver result into ``plan`` (ThemeRun, Group, Assignment)
    and mark it done."""
    plan.theme_runs.all().delete()
    plan.assignments.all().delete()
    plan.groups.all().delete()

    def who(pid: str | None) -> tuple[Registration | None, StaffMember | None]:
        if pid is None:
            return None, None
        return ctx.registrations.get(pid), ctx.staff.get(pid)

    assignments: list[Assignment] = []
    for sp in result.sessions:
        session = ctx.sessions[sp.session]
        for tp in sp.themes:
            theme = ctx.themes[tp.theme]
            ThemeRun.objects.create(plan=plan, theme=theme, running=tp.status == "running",
                                    registrants=tp.registrants, first_choices=tp.first_choices,
                                    cancel_reason=str(tp.cancel_reason or ""))
            for g in tp.groups:
                host, host_staff = who(g.host)
                note, note_staff = who(g.note_taker)
                group = Group.objects.create(plan=plan, theme=theme, number=g.number, host=host,
                                             host_staff=host_staff, note_taker=note, note_taker_staff=note_staff,
                                             mix=dict(g.mix), same_org_pairs=g.same_org_pairs)
                for pid in g.members:
                    assignments.append(Assignment(plan=plan, registration=ctx.registrations[pid], session=session,
                                                  group=group, locked=(pid, sp.session) in problem.locked))
    for u in result.unassigned:
        assignments.append(Assignment(plan=plan, registration=ctx.registrations[u.participant],
                                      session=ctx.sessions[u.session], group=None, reason_code=str(u.reason)))
    Assignment.objects.bulk_create(assignments)
    st = result.stats
    breakdown = {k: (v if math.isfinite(v) else None) for k, v in st.breakdown.items()}
    placed = sum(1 for a in assignments if a.group is not None)
    plan.objective, plan.bound, plan.gap = (_finite(st.objective), _finite(st.bound),
                                           _finite(st.gap))
    plan.seconds = _finite(st.seconds)
    plan.solver_status = st.status[:20]
    plan.stats = {
        **(plan.stats or {}),
        "stage1_status": st.stage1_status,
        "breakdown": breakdown,
        "notes": list(st.notes),
        "participants": len(problem.participants),
        "placements": placed,
        "unassigned": len(result.unassigned),
        "groups": sum(len(tp.groups) for sp in result.sessions for tp in sp.themes),
        "locked": len(problem.locked),
        "theme_moves": int(breakdown.get("n_theme_moves") or 0),
        "group_moves": int(breakdown.get("n_group_moves") or 0),
        "time_limit": problem.settings.time_limit,
    }
    plan.status = PlanStatus.DONE
    plan.error = ""
    plan.finished_at = timezone.now()
    plan.save()
    return plan


@transaction.atomic
def fail_plan(plan_id: int, message: str) -> None:
    """System action (the planner task): the plan could not be made; ``message`` says why."""
    Plan.objects.filter(pk=plan_id).update(status=PlanStatus.FAILED, error=message[:2000],
                                           finished_at=timezone.now())


def refresh_group(group: Group) -> Group:
    """Recompute a group's mix, same-organisation pairs and volunteer roles after its members changed, with
    the solver's own group cost and volunteer rule (``solver.group_cost``, ``solver.pick_roles``)."""
    figures = planning.group_figures(group.plan, group.pk)
    ids = {planning.registration_pk(pid) for pid in figures.members}
    group.mix = figures.mix
    group.same_org_pairs = figures.cost.same_org_pairs
    if group.host_id and group.host_id not in ids:
        group.host = None
    if group.note_taker_id and group.note_taker_id not in ids:
        group.note_taker = None
    volunteer_host = planning.registration_pk(figures.roles.host) if figures.roles.host else None
    volunteer_note = planning.registration_pk(figures.roles.note_taker) if figures.roles.note_taker else None
    if group.host_id is None and group.host_staff_id is None and volunteer_host != group.note_taker_id:
        group.host_id = volunteer_host
    if group.note_taker_id is None and group.note_taker_staff_id is None and volunteer_note != group.host_id:
        group.note_taker_id = volunteer_note
    group.save(update_fields=["mix", "same_org_pairs", "host", "note_taker"])
    return group


@transaction.atomic
def move_assignment(assignment: Assignment, group: Group, *, actor: Actor) -> Assignment:
    """Move a person to another group (of any running theme) in the same session, by hand.

    The placement is locked: a later re-plan keeps it.
    """
    require_coordinator(actor)
    assignment = (Assignment.objects.select_for_update(of=("self",)).select_related("plan", "group")
                  .get(pk=assignment.pk))
    if group.plan_id != assignment.plan_id:
        raise ValidationError(_("The group belongs to another plan."))
    if group.theme.session_id != assignment.session_id:
        raise ValidationError(_("The group is in another session."))
    if assignment.plan.status != PlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be changed."))
    old = assignment.group
    assignment.group = group
    assignment.unassigned_reason = ""
    assignment.reason_code = ""
    assignment.locked = True
    assignment.save(update_fields=["group", "unassigned_reason", "reason_code", "locked"])
    if old is not None and old.pk != group.pk:
        refresh_group(old)
    refresh_group(group)
    if old is None or old.pk != group.pk:
        notices.moved(assignment, actor=actor)
    return assignment


@transaction.atomic
def unlock_assignment(assignment: Assignment, *, actor: Actor) -> Assignment:
    """Let the planner move this person again at the next re-plan."""
    require_coordinator(actor)
    assignment.locked = False
    assignment.save(update_fields=["locked"])
    return assignment
