"""Demo follow-up for the finished demo workshop «utviklingsverksted-2026»: outcome rows in its groups,
actions with owner organisations and due dates (some overdue, some due soon, one granted application).

The content is inspired by chapter 3 of seed 004, in our own words. Idempotent: rows are keyed by group and
idea, actions by row and title, applications by action and instrument. Runs after the workshops demo; due
dates are relative to the day it runs.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from samskap.core.actors import SystemActor
from samskap.directory.models import Organisation, OrgType
from samskap.followup import actions, queries
from samskap.followup.models import (
    Action,
    ActionChange,
    ActionStatus,
    ActorGroup,
    Application,
    ApplicationResult,
    BenefitType,
    OrganisationContact,
    OutcomeChange,
    OutcomeRow,
    RoadmapPhase,
)
from samskap.needs.models import Need
from samskap.workshops.models import Event, Group

SLUG = "utviklingsverksted-2026"
SYSTEM = SystemActor("follow-up demo")

KOMPETANSE = "Samarbeid om kompetanse og FoU"
NAERING = "Kommunen som næringsutvikler"
BIO = "Strategi for bioøkonomi"
AKUTT = "Kommunale tjenester ved akutt sykdom"
FOLKEHELSE = "Laboratorium for folkehelse"
RESPONS = "Responssenter for helse- og omsorgstjenester"
SKOLE = "Samarbeid på tvers av grunnskole og videregående skole"

ALL, MUNICIPALITIES, EDUCATION = ActorGroup.ALL, ActorGroup.MUNICIPALITIES, ActorGroup.EDUCATION
RESEARCH, HEALTH, FUNDING = ActorGroup.RESEARCH, ActorGroup.HEALTH, ActorGroup.FUNDING
TFK = "Trøndelag fylkeskommune"

ROWS: list[dict[str, Any]] = [
    {"theme": KOMPETANSE, "group": 0, "key": "nettverk",
     "need_titles": ["Forskingssamarbeid på tvers av fylkesgrensa"],
     "idea": "Lage en utvidet deltakerliste fra verkstedet som start på et nettverk",
     "needs": "Deltakerne vet lite om hvem de andre er, hva de jobber med og hvem de kan ringe når de vil i gang "
              "med et prosjekt.",
     "follow_up": "Nettverkskatalogen i Samskap deles med alle deltakerne: stilling, fagfelt og kontaktinformasjon "
                  "for dem som har sagt ja til å stå der.",
     "actors": [TFK, "KS Trøndelag"], "groups": [ALL], "carried_by": TFK, "owner": TFK,
     "actors_text": "Arrangørene av verkstedet"},
    {"theme": KOMPETANSE, "group": 0, "key": "delte-stillinger",
     "need_titles": ["Korleis kan ein liten kommune drive med forsking og utvikling?"],
     "idea": "Delte stillinger og offentlig ph.d. mellom kommuner og forskningsmiljø",
     "needs": "Likeverdig samarbeid krever FoU-kompetanse i kommunen. Broen må bygges fra begge sider, og "
              "forskerne må forstå hverdagen i driften.",
     "follow_up": "Kartlegge interessen for delte stillinger og offentlig ph.d. i tre kommuner, og lage et "
                  "forslag til avtale.",
     "actors": ["Nord universitet", "NTNU", "Steinkjer kommune"], "groups": [MUNICIPALITIES, EDUCATION],
     "owner": "Steinkjer kommune", "carried_by": "Nord universitet"},
    {"theme": KOMPETANSE, "group": 1, "key": "fagdag",
     "idea": "En innovasjonsfaglig dag som oppfølging av verkstedet",
     "needs": "Én dag er for lite til å finne sammen i konkrete prosjekter. Både kommuner og forskere må delta.",
     "follow_up": "KS utvikler dagen innenfor sitt eksisterende kommunenettverk, med bedre tid til prosjektpraten.",
     "actors": ["KS Trøndelag"], "groups": [ALL], "carried_by": "KS Trøndelag"},
    {"theme": KOMPETANSE, "group": 1, "key": "studentoppgaver",
     "idea": "Studentoppgaver i kommunalt utviklingsarbeid",
     "needs": "Kommunene mangler kapasitet, studentene mangler problemstillinger fra praksis. Oppgaver kan også "
              "gi rekruttering.",
     "follow_up": "Opprette en enkel oppgavebank der kommunene melder inn problemstillinger til bachelor- og "
                  "masteroppgaver.",
     "actors": ["Nord universitet", "NTNU"], "groups": [EDUCATION], "carried_by": "Nord universitet"},
    {"theme": AKUTT, "group": 0, "key": "akutt",
     "need_titles": ["Tidlig oppdagelse av sepsis i hjemmetjenesten", "Trygg akutthjelp når sjukehuset er langt unna"],
     "idea": "Felles system for tidlig oppdagelse av akutt sykdom i hjemmetjenesten",
     "needs": "Kunnskap må deles mellom sykehus og kommune. Hjemmesykepleien trenger beslutningsstøtte, og data "
              "fra de kommunale systemene er vanskelige å hente ut.",
     "follow_up": "Opprette et læringsnettverk der ansatte fra sykehuset og kommunene møtes jevnlig.",
     "actors": ["Helse Nord-Trøndelag", "Steinkjer kommune"], "groups": [MUNICIPALITIES, HEALTH],
     "owner": "Helse Nord-Trøndelag", "carried_by": "Helse Nord-Trøndelag",
     "actors_text": "Interkommunal legevakt og hjemmesykepleien"},
    {"theme": FOLKEHELSE, "group": 0, "key": "folkehelse",
     "need_titles": ["Laboratorium for folkehelse"],
     "idea": "Samfunnsmedisinske ventelister – hva kan kommunene gjøre?",
     "needs": "Det er vanskelig å omsette kunnskap til handling, og samhandlingen på tvers av sektorer er den "
              "største utfordringen. Lokale helsedata kan motivere.",
     "follow_up": "Utvikle et konkret prosjekt med HUNT-data som grunnlag. Fylkeskommunen søker, universitetet "
                  "og HUNT er med, KS sprer kunnskapen.",
     "actors": ["HUNT forskningssenter (NTNU)", TFK, "Nord universitet", "KS Trøndelag"],
     "groups": [MUNICIPALITIES, RESEARCH], "owner": "Levanger kommune", "carried_by": TFK},
    {"theme": NAERING, "group": 0, "key": "naering",
     "need_titles": ["Kommunen som næringsutvikler", "Lokalmat, reiseliv og grønn omsorg"],
     "idea": "Samordne næringsutviklerne på tvers av kommunene",
     "needs": "Kommunene mangler strategier og en ressurs som drar ideene videre. Mange små næringsaktører er "
              "vanskelige å nå.",
     "follow_up": "Videreutvikle forumet for næringsutviklere og se på regionale virkemidler for "
                  "kommunesamarbeid.",
     "actors": ["Namsos kommune", TFK, "Innovasjon Norge Trøndelag"], "groups": [MUNICIPALITIES, FUNDING],
     "carried_by": TFK},
    {"theme": SKOLE, "group": 0, "key": "skole",
     "need_titles": ["Bedre overgang fra ungdomsskole til videregående", "Høyt skolefravær og elever som blir hjemme"],
     "idea": "Kommunedialog om overgangen fra grunnskole til videregående",
     "needs": "Skolene trenger å kjenne elevenes bakgrunn for å forebygge frafall; kommunene vil vite hvordan "
              "det går med elevene sine.",
     "follow_up": "Fylkeskommunen planlegger et dialogprogram med følgeforskning fra et regionalt FoU-miljø.",
     "actors": [TFK, "Trøndelag Forskning og Utvikling"], "groups": [MUNICIPALITIES], "owner": TFK,
     "carried_by": TFK},
    {"theme": RESPONS, "group": 0, "key": "respons",
     "need_titles": ["Interkommunalt responssenter for trygghetsalarmer"],
     "idea": "Læringsnettverk for responssentertjenester",
     "needs": "De tekniske systemene snakker ikke sammen, og vi vet for lite om hvilke behov et responssenter "
              "skal dekke.",
     "follow_up": "Kartlegge behov og muligheter, og prøve ut en løsning i liten skala.",
     "actors": ["Statsforvalteren i Trøndelag", "Midt-Norsk Velferdsteknologi AS", "Helse Nord-Trøndelag"],
     "groups": [MUNICIPALITIES, HEALTH], "owner": "Stjørdal kommune"},
    {"theme": BIO, "group": 0, "key": "bio",
     "need_titles": ["Felles strategi for bioøkonomi i Namdalen"],
     "idea": "Namdal som pilot for en regional strategi for bioøkonomi",
     "needs": "Regionen må bli mer enn en råvareleverandør. Det mangler oversikt over ressursene og kompetanse "
              "om arealbruk.",
     "follow_up": "Søke midler til en statuskartlegging av ressurstilgangen, sammen med forskningsmiljøene.",
     "actors": ["Namsos kommune", "Nord universitet", "Trøndelag Forskning og Utvikling"],
     "groups": [RESEARCH], "owner": "Namsos kommune", "carried_by": "Namsos kommune"},
]

# (row key, title, owner, due in days from today, status, notes, applications [(instrument, result, amount)])
ACTIONS: list[tuple[str, str, str, int, str, str, list[tuple[str, str, int | None]]]] = [
    ("nettverk", "Dele nettverkskatalogen med deltakerne", TFK, -20, ActionStatus.DONE,
     "Katalogen ble sendt ut en uke etter verkstedet.", []),
    ("delte-stillinger", "Kartlegge interessen for delte stillinger", "Nord universitet", -12,
     ActionStatus.IN_PROGRESS, "To av tre kommuner har svart.", [("Offentlig sektor-ph.d.", "applied", None)]),
    ("fagdag", "Planlegge en innovasjonsfaglig dag", "KS Trøndelag", 5, ActionStatus.PLANNED, "", []),
    ("akutt", "Starte læringsnettverket for akutt sykdom", "Helse Nord-Trøndelag", 60, ActionStatus.IN_PROGRESS,
     "Første samling er avtalt.", [("Kompetanse- og innovasjonstilskuddet (Helsedirektoratet)", "applied", None)]),
    ("folkehelse", "Forprosjekt om samfunnsmedisinske ventelister", TFK, 30, ActionStatus.IN_PROGRESS,
     "Søknaden ble innvilget; oppstartsmøte med HUNT og Nord universitet.",
     [("Kvalifiseringsprosjekt for offentlig sektor (Trøndelag)", "granted", 500_000)]),
    ("naering", "Invitere til forum for næringsutviklere", "Namsos kommune", -3, ActionStatus.PLANNED, "", []),
    ("bio", "Søke om midler til statuskartlegging", "Namsos kommune", 3, ActionStatus.PLANNED, "",
     [("Interreg Sverige-Norge", "rejected", None)]),
]

CONTACTS = [(TFK, "Oppfølging FoUI", "foui-oppfolging@trondelag.example.no"),
            ("KS Trøndelag", "KS Trøndelag", "trondelag@ks.example.no")]


def _org(name: str) -> Organisation | None:
    """An organisation by name; «X kommune» also finds municipalities with a bilingual name («X - Y kommune»)."""
    org = Organisation.objects.filter(name=name).first()
    if org is None and name.endswith(" kommune"):
        org = (Organisation.objects.filter(org_type=OrgType.MUNICIPALITY,
                                           municipality__name__startswith=name.removesuffix(" kommune") + " - ")
               .first())
    return org


def _groups_by_theme(event: Event) -> dict[str, list[Group]]:
    out: dict[str, list[Group]] = {}
    for group in queries.plan_groups(queries.current_plan(event)):
        out.setdefault(group.theme.title, []).append(group)
    return out


@transaction.atomic
def load(stdout: Any) -> None:
    event = Event.objects.filter(slug=SLUG).first()
    if event is None:
        stdout.write(f"Follow-up: the demo workshop '{SLUG}' does not exist; load the workshops demo first.")
        return
    by_theme = _groups_by_theme(event)
    if not by_theme:
        stdout.write(f"Follow-up: the demo workshop '{SLUG}' has no groups; no outcome rows were added.")
        return
    all_groups = [g for groups in by_theme.values() for g in groups]
    rows: dict[str, OutcomeRow] = {}
    for i, spec in enumerate(ROWS):
        groups = by_theme.get(spec["theme"]) or [all_groups[i % len(all_groups)]]
        group = groups[spec["group"] % len(groups)]
        user = group.note_taker.person.user if group.note_taker and group.note_taker.person else None
        row, created = OutcomeRow.objects.update_or_create(group=group, idea=spec["idea"], defaults={
            "needs_and_challenges": spec["needs"], "follow_up": spec["follow_up"],
            "actors_text": spec.get("actors_text", ""), "actor_groups": [str(g) for g in spec["groups"]],
            "idea_owner_organisation": _org(spec["owner"]) if spec.get("owner") else None,
            "carried_by": _org(spec["carried_by"]) if spec.get("carried_by") else None,
            "position": i + 1, "created_by": user, "updated_by": user})
        row.actor_organisations.set([o for o in (_org(n) for n in spec["actors"]) if o is not None])
        row.needs.set(Need.objects.filter(title__in=spec.get("need_titles", [])))
        if created:
            OutcomeChange.objects.create(group=group, row=row, field="created", new=str(row), by=user)
        rows[spec["key"]] = row

    today = timezone.localdate()
    n_actions = 0
    for key, title, owner_name, days, status, notes, applications in ACTIONS:
        owner = _org(owner_name)
        if owner is None or key not in rows:
            continue
        person = owner.people.filter(listed_in_directory=True).order_by("name").first()
        action, created = Action.objects.update_or_create(outcome_row=rows[key], title=title, defaults={
            "owner_organisation": owner, "owner_person": person, "due_date": today + dt.timedelta(days=days),
            "status": status, "progress_notes": notes})
        if created:
            ActionChange.objects.create(action=action, field="created", new=title, by_name="Demo")
        for instrument_name, result, amount in applications:
            from samskap.funding.models import Instrument

            instrument = Instrument.objects.filter(name=instrument_name).first()
            Application.objects.update_or_create(
                action=action, instrument=instrument, instrument_name="" if instrument else instrument_name,
                defaults={"result": ApplicationResult(result), "amount": amount,
                          "applied_on": event.date + dt.timedelta(days=10)})
        n_actions += 1
    for org_name, name, email in CONTACTS:
        org = _org(org_name)
        if org is not None:
            OrganisationContact.objects.get_or_create(organisation=org, email=email, defaults={"name": name})
    benefit_note = _benefit_plan(today)
    stdout.write(f"Follow-up: {len(rows)} outcome rows and {n_actions} actions for '{event.title}'{benefit_note}.")


BENEFIT_ACTION = "Forprosjekt om samfunnsmedisinske ventelister"
BENEFIT = {
    "title": "Kortere ventetid på samfunnsmedisinsk vurdering", "kind": BenefitType.SAVED_TIME,
    "beneficiaries": "Innbyggere som venter på vurdering, og fastlegene som henviser",
    "indicator": "Median ventetid fra henvisning til vurdering", "unit": "dager",
    "baseline_value": Decimal("42"), "target_value": Decimal("21"),
    "assumptions": "Forutsetter at de tre kommunene deler samme venteliste. Usikkert: tallene for de første "
                   "månedene bygger på manuell opptelling.",
}
# (days before today, value, source, comment)
MEASUREMENTS = [(240, "38", "Journalsystemet, uttrekk", "Første måling etter felles venteliste"),
                (180, "33", "Journalsystemet, uttrekk", ""),
                (120, "27", "Journalsystemet, uttrekk", "Ny rutine for prioritering"),
                (60, "24", "Journalsystemet, uttrekk", "")]
PHASES = [(RoadmapPhase.ANCHORING, 330, "Forankret i helse- og omsorgsutvalget"),
          (RoadmapPhase.INSIGHT, 300, "Intervjuer med fastleger og innbyggere"),
          (RoadmapPhase.IDEA, 270, "Felles venteliste for tre kommuner"),
          (RoadmapPhase.TEST, 240, "Utprøving i seks måneder"),
          (RoadmapPhase.IMPLEMENT, 60, "Ny rutine tatt i bruk")]


def _benefit_plan(today: dt.date) -> str:
    """The demo project with a benefit plan, four measurements and its roadmap phases (through the actions)."""
    action = Action.objects.filter(title=BENEFIT_ACTION).first()
    if action is None:
        return ""
    benefit = action.benefits.filter(title=BENEFIT["title"]).first()
    if benefit is None:
        benefit = actions.add_benefit(action, {
            **BENEFIT, "baseline_date": today - dt.timedelta(days=300), "target_date": today + dt.timedelta(days=120),
            "owner_organisation": action.owner_organisation, "owner_person": action.owner_person}, actor=SYSTEM)
    for days, value, source, comment in MEASUREMENTS:
        if not benefit.measurements.filter(source=source, value=Decimal(value)).exists():
            actions.add_measurement(benefit, {"measured_on": today - dt.timedelta(days=days), "value": Decimal(value),
                                              "source": source, "comment": comment}, actor=SYSTEM)
    for phase, days, note in PHASES:
        if not action.phases.filter(phase=phase).exists():
            actions.set_phase(action, {"phase": phase, "started_on": today - dt.timedelta(days=days), "note": note},
                              actor=SYSTEM)
    return f", a benefit plan with {benefit.measurements.count()} measurements"
