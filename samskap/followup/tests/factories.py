"""Workshop rows made directly with the ORM (the workshops app's own actions are written elsewhere)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from samskap.directory.models import Organisation, OrgType, Person
from samskap.directory.testing import PASSWORD
from samskap.workshops.models import (
    Assignment,
    Event,
    Group,
    Plan,
    PlanStatus,
    ProgrammeItem,
    Registration,
    Theme,
    WorkshopSession,
)


def organisation(name: str, org_type: str = OrgType.RESEARCH_INSTITUTE) -> Organisation:
    return Organisation.objects.get_or_create(name=name, defaults={"org_type": org_type})[0]


def person(name: str, org: Organisation | None = None, *, username: str | None = None, listed: bool = True,
           email: str | None = None) -> Person:
    user = None
    if username:
        user = get_user_model().objects.create_user(username=username, password=PASSWORD,
                                                    email=email or f"{username}@example.org")
    return Person.objects.create(user=user, name=name, organisation=org, listed_in_directory=listed,
                                 consent_at=timezone.now() if listed else None,
                                 email=email or (f"{username}@example.org" if username else ""))


@dataclass
class Workshop:
    event: Event
    session: WorkshopSession
    theme: Theme
    plan: Plan
    group: Group
    registrations: dict[str, Registration] = field(default_factory=dict)


def registration(event: Event, who: Person, **extra: Any) -> Registration:
    return Registration.objects.create(
        event=event, person=who, name=who.name, email=who.email or f"p{who.pk}@example.org",
        organisation_name=who.organisation.name if who.organisation else "Privat", organisation=who.organisation,
        accepted_terms=True, **extra)


def workshop(*, note_taker: Person | None = None, host: Person | None = None, participants: tuple[Person, ...] = (),
             slug: str = "testverksted", title: str = "Testverksted", date: dt.date | None = None,
             theme_title: str = "Samarbeid om kompetanse og FoU", group_number: int = 1) -> Workshop:
    event = Event.objects.create(
        title=title, slug=slug, date=date or timezone.localdate() - dt.timedelta(days=1), place="Steinkjer",
        registration_deadline=timezone.now() - dt.timedelta(days=10), capacity=40)
    ProgrammeItem.objects.create(event=event, start=dt.time(10, 0), end=dt.time(10, 30), title="Velkommen",
                                 speaker="Kari Koordinator")
    ProgrammeItem.objects.create(event=event, start=dt.time(12, 30), end=dt.time(13, 25),
                                 title="Verksted, økt 1")
    session = WorkshopSession.objects.create(event=event, number=1, start=dt.time(12, 30), end=dt.time(13, 25))
    theme = Theme.objects.create(session=session, title=theme_title, description="Hvordan bygge innovasjonskraft?")
    plan = Plan.objects.create(event=event, status=PlanStatus.DONE, published=True)
    regs: dict[str, Registration] = {}
    if note_taker is not None:
        regs["note_taker"] = registration(event, note_taker, volunteer_note_taker=True)
    if host is not None:
        regs["host"] = registration(event, host, volunteer_host=True)
    for i, who in enumerate(participants):
        regs[f"p{i}"] = registration(event, who)
    group = Group.objects.create(plan=plan, theme=theme, number=group_number, host=regs.get("host"),
                                 note_taker=regs.get("note_taker"))
    for reg in regs.values():
        Assignment.objects.create(plan=plan, registration=reg, session=session, group=group)
    return Workshop(event, session, theme, plan, group, regs)


def add_group(w: Workshop, *, theme_title: str, note_taker: Person | None = None, number: int = 1) -> Group:
    theme = Theme.objects.create(session=w.session, title=theme_title)
    reg = registration(w.event, note_taker, volunteer_note_taker=True) if note_taker else None
    group = Group.objects.create(plan=w.plan, theme=theme, number=number, note_taker=reg)
    if reg:
        Assignment.objects.create(plan=w.plan, registration=reg, session=w.session, group=group)
    return group
