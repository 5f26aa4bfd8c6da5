"""Demo workshops. Idempotent (events by slug, sessions by number, themes by title, registrations by e-mail).

* «Utviklingsverksted 2026» (finished, 4 November 2026, Steinkjer): modelled on the 2016 development
  workshop in Nord-Trøndelag: two sessions of parallel themes, about sixty people from municipalities,
  research and funding bodies, one theme cancelled for low sign-up and the most popular theme split into
  four groups. The real planner runs once and the plan is published.
* «Utviklingsverksted 2027» (upcoming, registration open): linked to the open call for topics, with themes
  proposed from its answers and a few registrations, so that the registration flow can be tried.

People are the invented demo people of the directory (their Person is linked) and a few invented guests.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction

from samskap.directory import demo_data as people
from samskap.directory.models import Municipality, Organisation, Person
from samskap.needs.demo_data import CALL
from samskap.needs.models import Call, Need, NeedStatus
from samskap.workshops import planning
from samskap.workshops.models import (
    ActorType,
    Choice,
    Event,
    Plan,
    PlanStatus,
    ProgrammeItem,
    Registration,
    RegistrationState,
    RegistrationStatus,
    StaffMember,
    Theme,
    WorkshopSession,
)

OSLO = ZoneInfo("Europe/Oslo")
PAST_SLUG = "utviklingsverksted-2026"
UPCOMING_SLUG = "utviklingsverksted-2027"
TERMS = ("Navn og organisasjon står på gruppelistene og deles med de andre deltakerne i gruppa. Referater fra "
         "gruppene publiseres uten navn.")

KOMPETANSE = "Samarbeid om kompetanse og FoU"
NAERING = "Kommunen som næringsutvikler"
BIO = "Strategi for bioøkonomi"
AKUTT = "Kommunale tjenester ved akutt sykdom"
FOLKEHELSE = "Laboratorium for folkehelse"
RESPONS = "Responssenter for helse- og omsorgstjenester"
SKOLE = "Samarbeid på tvers av grunnskole og videregående skole"
ANSKAFFELSER = "Innovative offentlige anskaffelser"

PROPOSED_BY = {
    KOMPETANSE: "Flere kommuner", NAERING: "Namsos kommune", BIO: "Steinkjer kommune",
    AKUTT: "Helse Nord-Trøndelag", FOLKEHELSE: "Levanger kommune", RESPONS: "Stjørdal kommune",
    SKOLE: "Trøndelag fylkeskommune", ANSKAFFELSER: "KS Trøndelag",
}
DESCRIPTIONS = {
    KOMPETANSE: "Hvordan kan kommunene jobbe mer strategisk og systematisk med forskning og innovasjon, og "
                "bygge innovasjonskraft sammen med forskningsmiljøene?",
    NAERING: "Kommunens rolle og arbeidsmetoder i næringsutvikling, på tvers av kommunegrenser.",
    BIO: "Hva kan en regional strategi for bioøkonomi bety for kommunene?",
    AKUTT: "Opplæring og beslutningsstøtte ved akutt sykdom i skjæringspunktet mellom kommune og sykehus.",
    FOLKEHELSE: "Systematisere kunnskap, dele erfaringer og dokumentere hva som virker i folkehelsearbeidet.",
    RESPONS: "Læringsnettverk og kartlegging av behov og muligheter innen responssentertjenester.",
    SKOLE: "Forebygge frafall og sikre gode overganger i utdanningsløpet.",
    ANSKAFFELSER: "Hvordan bruke anskaffelser til å få fram nye løsninger?",
}
SESSION_THEMES = {
    1: {KOMPETANSE: 10, NAERING: 4, AKUTT: 4, FOLKEHELSE: 4, SKOLE: 3, ANSKAFFELSER: 0},
    2: {KOMPETANSE: 5, BIO: 4, RESPONS: 5, FOLKEHELSE: 3, NAERING: 3, SKOLE: 3},
}
PAST_PROGRAMME = [
    ("09:30", "10:00", "Registrering og kaffe", ""),
    ("10:00", "10:10", "Hvorfor mer kommunal forskning, utvikling og innovasjon?", "Tor Einar Gjersvik, KS Trøndelag"),
    ("10:10", "10:50", "Strategisk innovasjonsarbeid og innovasjonskultur – erfaringer fra kommunene",
     "Kari Bjørgum Reitan, Steinkjer kommune"),
    ("10:50", "11:30", "Virkemidler for kommunal forskning og innovasjon", "Forskningsrådet og Interreg"),
    ("11:30", "12:20", "Lunsj", ""),
    ("12:20", "12:30", "Innledning til verkstedet", "Astrid Kvam Hoel, Trøndelag fylkeskommune"),
    ("12:30", "13:25", "Verksted, økt 1: parallelle grupper", ""),
    ("13:25", "13:40", "Kaffepause", ""),
    ("13:40", "14:35", "Verksted, økt 2: parallelle grupper", ""),
    ("14:35", "15:00", "Oppsummering og veien videre", "Astrid Kvam Hoel, Trøndelag fylkeskommune"),
]
GUESTS = [
    ("Ingrid Forsmo", "ingrid.forsmo@example.no", "Forskningsrådet", ActorType.FUNDING),
    ("Petter Brenne", "petter.brenne@example.no", "Innovasjon Norge Trøndelag", ActorType.FUNDING),
    ("Sigrid Nesset", "sigrid.nesset@example.no", "Statsforvalteren i Trøndelag", ActorType.FUNDING),
    ("Anders Lien", "anders.lien@example.no", "Levanger kommune", ActorType.MUNICIPALITY),
    ("Mari Hegge", "mari.hegge@example.no", "Verdal kommune", ActorType.MUNICIPALITY),
    ("Jon Ola Sandvik", "jon.ola.sandvik@example.no", "Inderøy kommune", ActorType.MUNICIPALITY),
]
STAFF = [("Marte Vollan", "marte.vollan@example.no"), ("Håkon Strand", "hakon.strand@example.no")]


def _time(text: str) -> dt.time:
    return dt.time.fromisoformat(text)


def _participants() -> list[dict[str, Any]]:
    """Demo people (directory) and guests, with organisation and actor type."""
    orgs = {o["name"]: o["org_type"] for o in people.ORGANISATIONS}
    persons = {p.user.username: p for p in Person.objects.select_related("user", "organisation")
               .filter(user__username__in=[s["username"] for s in
                                           (*people.CONTACTS, *people.RESEARCHERS, *people.COORDINATORS)])
               if p.user is not None}
    out: list[dict[str, Any]] = []
    for spec in people.CONTACTS:
        person = persons.get(spec["username"])
        if person and person.organisation:
            org = person.organisation.name
        else:
            municipality = Municipality.objects.filter(code=spec["municipality"]).first()
            org = f"{municipality.name} kommune" if municipality else "Kommune"
        out.append({"person": person, "name": spec["name"], "email": spec["email"], "org": org,
                    "actor_type": ActorType.MUNICIPALITY})
    for spec in people.RESEARCHERS:
        kind = ActorType.OTHER if orgs.get(spec["organisation"]) == "company" else ActorType.RESEARCH
        out.append({"person": persons.get(spec["username"]), "name": spec["name"], "email": spec["email"],
                    "org": spec["organisation"], "actor_type": kind})
    for spec in people.COORDINATORS:
        out.append({"person": persons.get(spec["username"]), "name": spec["name"], "email": spec["email"],
                    "org": spec["organisation"], "actor_type": ActorType.FUNDING})
    for name, email, org, kind in GUESTS:
        out.append({"person": None, "name": name, "email": email, "org": org, "actor_type": kind})
    return out


def _pick(rng: random.Random, weights: dict[str, int], n: int, exclude: set[str]) -> list[str]:
    pool = {t: w for t, w in weights.items() if w > 0 and t not in exclude}
    picked: list[str] = []
    while pool and len(picked) < n:
        theme = rng.choices(list(pool), weights=list(pool.values()))[0]
        picked.append(theme)
        del pool[theme]
    return picked


def _event(slug: str, defaults: dict[str, Any]) -> tuple[Event, bool]:
    return Event.objects.get_or_create(slug=slug, defaults=defaults)


def _sessions(event: Event, times: dict[int, tuple[str, str]]) -> dict[int, WorkshopSession]:
    out = {}
    for number, (start, end) in times.items():
        out[number], _created = WorkshopSession.objects.get_or_create(
            event=event, number=number, defaults={"start": _time(start), "end": _time(end)})
    return out


def _programme(event: Event, items: list[tuple[str, str, str, str]]) -> None:
    for start, end, title, speaker in items:
        ProgrammeItem.objects.get_or_create(event=event, title=title, defaults={
            "start": _time(start), "end": _time(end), "speaker": speaker})


def _registration(event: Event, spec: dict[str, Any], *, host: bool = False, note: bool = False,
                  created_at: dt.datetime | None = None) -> tuple[Registration, bool]:
    registration, created = Registration.objects.get_or_create(event=event, email=spec["email"], defaults={
        "person": spec["person"], "name": spec["name"], "organisation_name": spec["org"],
        "organisation": Organisation.objects.filter(name=spec["org"]).first(), "actor_type": spec["actor_type"],
        "volunteer_host": host, "volunteer_note_taker": note, "accepted_terms": True,
        "status": RegistrationStatus.CONFIRMED, "language": "nb"})
    if created and created_at is not None:
        Registration.objects.filter(pk=registration.pk).update(created_at=created_at)
    return registration, created


def _choose(registration: Registration, sessions: dict[int, WorkshopSession],
            themes: dict[tuple[int, str], Theme], choices: dict[int, list[str]]) -> None:
    for number, titles in choices.items():
        for rank, title in enumerate(titles, start=1):
            Choice.objects.get_or_create(registration=registration, session=sessions[number],
                                         theme=themes[(number, title)], defaults={"rank": rank})


def load_past(stdout: Any) -> Event:
    User = get_user_model()
    coordinator = User.objects.filter(username=people.COORDINATORS[0]["username"]).first()
    event, _created = _event(PAST_SLUG, {
        "title": "Utviklingsverksted 2026",
        "description": ("Utviklingsverksted for kommunal forskning, utvikling og innovasjon i Trøndelag. Etter felles "
                        "innlegg jobbet deltakerne i temagrupper på tvers av kommuner, forskningsmiljø og "
                        "virkemiddelaktører, med tema kommunene selv hadde meldt inn."),
        "date": dt.date(2026, 11, 4), "start_time": _time("09:30"), "end_time": _time("15:00"),
        "place": "Nord universitet, Steinkjer", "capacity": 70, "min_theme_size": 4, "max_group_size": 8,
        "tables_per_session": 10, "terms": TERMS, "created_by": coordinator,
        "registration_deadline": dt.datetime(2026, 10, 21, 12, 0, tzinfo=OSLO),
        "registration_status": RegistrationState.OPEN})
    _programme(event, PAST_PROGRAMME)
    sessions = _sessions(event, {1: ("12:30", "13:25"), 2: ("13:40", "14:35")})
    themes: dict[tuple[int, str], Theme] = {}
    for number, weights in SESSION_THEMES.items():
        for title in weights:
            themes[(number, title)], _c = Theme.objects.get_or_create(session=sessions[number], title=title, defaults={
                "description": DESCRIPTIONS[title], "proposed_by_name": PROPOSED_BY[title]})
    for name, email in STAFF:
        StaffMember.objects.get_or_create(event=event, name=name, defaults={"email": email})

    rng = random.Random(2016)
    everyone = _participants()
    start = dt.datetime(2026, 9, 28, 9, 0, tzinfo=OSLO)
    procurement = {0, 14, 40}  # three people want «Innovative offentlige anskaffelser»: too few, it is cancelled
    new = 0
    for i, spec in enumerate(everyone):
        host = spec["actor_type"] in (ActorType.MUNICIPALITY, ActorType.FUNDING) and rng.random() < 0.3
        note = spec["actor_type"] == ActorType.RESEARCH and rng.random() < 0.3
        registration, created = _registration(event, spec, host=host, note=note,
                                              created_at=start + dt.timedelta(hours=7 * i))
        if not created:
            continue
        new += 1
        first = _pick(rng, SESSION_THEMES[1], 3, set())
        if i in procurement:
            first = [ANSKAFFELSER, *first[:2]] if i != 40 else [first[0], ANSKAFFELSER, first[1]]
        choices = {1: first}
        if rng.random() < 0.9:  # some leave after the first session
            choices[2] = _pick(rng, SESSION_THEMES[2], 3, {KOMPETANSE} if first[0] == KOMPETANSE else set())
        _choose(registration, sessions, themes, choices)
    if not event.plans.filter(status=PlanStatus.DONE, published=True).exists():
        plan = Plan.objects.create(event=event, requested_by=coordinator, status=PlanStatus.QUEUED,
                                   stats={"base_plan": None, "previous_plan": None})
        planning.run(plan.pk, seconds=10)
        plan.refresh_from_db()
        if plan.status == PlanStatus.DONE:
            Plan.objects.filter(pk=plan.pk).update(published=True)
        stdout.write(f"Workshop '{event.title}': {new} new registrations; plan {plan.status} "
                     f"(objective {plan.objective}, gap {plan.gap}).")
    else:
        stdout.write(f"Workshop '{event.title}': {new} new registrations; the published plan is kept.")
    return event


def load_upcoming(stdout: Any) -> Event:
    User = get_user_model()
    coordinator = User.objects.filter(username=people.COORDINATORS[0]["username"]).first()
    call = Call.objects.filter(title=CALL["title"]).first()
    event, _created = _event(UPCOMING_SLUG, {
        "title": "Utviklingsverksted 2027",
        "description": ("Vårens utviklingsverksted samler kommuner, forskningsmiljøer og virkemiddelaktører i "
                        "parallelle grupper om temaene kommunene har meldt inn i innspillsrunden."),
        "date": dt.date(2027, 4, 14), "start_time": _time("09:30"), "end_time": _time("15:30"),
        "place": "Nord universitet, Levanger", "capacity": 60, "min_theme_size": 4, "max_group_size": 8,
        "tables_per_session": 8, "terms": TERMS, "created_by": coordinator, "call": call,
        "registration_deadline": dt.datetime(2027, 3, 31, 12, 0, tzinfo=OSLO),
        "registration_status": RegistrationState.OPEN})  # the demo's workshop takes registrations
    _programme(event, [
        ("09:30", "10:00", "Registrering og kaffe", ""),
        ("10:00", "10:30", "Velkommen: innspillene fra kommunene", "Astrid Kvam Hoel, Trøndelag fylkeskommune"),
        ("10:30", "11:30", "Verksted, økt 1: parallelle grupper", ""),
        ("11:30", "12:15", "Lunsj", ""),
        ("12:15", "13:15", "Verksted, økt 2: parallelle grupper", ""),
        ("13:15", "13:45", "Oppsummering og veien videre", "Tor Einar Gjersvik, KS Trøndelag"),
    ])
    sessions = _sessions(event, {1: ("10:30", "11:30"), 2: ("12:15", "13:15")})
    themes: dict[tuple[int, str], Theme] = {}
    needs = list(Need.objects.filter(call=call).exclude(status=NeedStatus.DRAFT).select_related("municipality")
                 .order_by("title")) if call else []
    for i, need in enumerate(needs[:4]):
        number = 1 if i % 2 == 0 else 2
        theme, created = Theme.objects.get_or_create(session=sessions[number], title=need.title[:200], defaults={
            "description": need.description, "proposed_by": need.created_by,
            "proposed_by_name": need.municipality.name})
        if created:
            theme.needs.add(need)
        themes[(number, theme.title)] = theme
    for number in (1, 2):
        theme, _c = Theme.objects.get_or_create(session=sessions[number], title=KOMPETANSE, defaults={
            "description": DESCRIPTIONS[KOMPETANSE], "proposed_by": coordinator,
            "proposed_by_name": "Trøndelag fylkeskommune"})
        themes[(number, KOMPETANSE)] = theme
    StaffMember.objects.get_or_create(event=event, name=STAFF[0][0], defaults={"email": STAFF[0][1]})
    rng = random.Random(2027)
    everyone = _participants()
    chosen = everyone[:5] + everyone[13:18]
    new = 0
    for spec in chosen:
        registration, created = _registration(event, spec, host=rng.random() < 0.3, note=rng.random() < 0.3)
        if not created:
            continue
        new += 1
        choices = {}
        for number in (1, 2):
            titles = [title for (n, title) in themes if n == number]
            rng.shuffle(titles)
            choices[number] = titles[:2]
        _choose(registration, sessions, themes, choices)
    stdout.write(f"Workshop '{event.title}': registration open until {event.registration_deadline:%Y-%m-%d}; "
                 f"{new} new registrations.")
    return event


def load(stdout: Any) -> None:
    with transaction.atomic():
        load_past(stdout)
    with transaction.atomic():
        upcoming = load_upcoming(stdout)
        from samskap.workshops import roundtable_demo  # round tables (kunnskapsbord) on the upcoming workshop

        roundtable_demo.load(upcoming, stdout)

