"""Registration actions: register, cancel and promote from the waiting list; import registration files."""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, user_of
from samskap.directory.models import Organisation
from samskap.directory.permissions import is_coordinator, require, require_coordinator
from samskap.workshops import regimport, tasks
from samskap.workshops.action_common import _set, _user_or_none
from samskap.workshops.models import (
    ActorType,
    Choice,
    Event,
    Registration,
    RegistrationState,
    RegistrationStatus,
    Theme,
    WorkshopSession,
)
from samskap.workshops.permissions import can_cancel
from samskap.workshops.solver import ACTOR_TYPES

MAX_CHOICES = 3
REGISTRATION_FIELDS = ("name", "email", "organisation_name", "actor_type", "volunteer_host",
                       "volunteer_note_taker", "accepted_terms")


def registration_refusal(event: Event) -> str:
    """Why nobody can register now (for a workshop whose registration is not open)."""
    if event.registration_state == RegistrationState.NOT_OPEN:
        return _("Registration for this workshop has not opened yet.")
    return _("Registration for this workshop has closed.")


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
