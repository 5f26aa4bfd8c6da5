"""Demo one-to-one meetings (møtebørs) on the upcoming demo workshop: eight 20-minute slots with a lunch
break, four tables, published profiles for most participants (what they offer and seek, by kind of actor)
and a handful of requests, some accepted, so that an organiser can press "Plan meetings" and see a schedule,
and a participant's personal page shows requests to answer. Idempotent (slots and tables by time and name,
profiles by registration, requests by pair). Runs after the workshops demo (order 65)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from samskap.partnering.models import MeetingProfile, MeetingRequest, MeetingTable, RequestStatus, TimeSlot
from samskap.workshops.demo import UPCOMING_SLUG
from samskap.workshops.models import ActorType, Event, RegistrationStatus

SLOTS = [("14:00", "14:20"), ("14:20", "14:40"), ("14:40", "15:00"), ("15:00", "15:20"),
         ("15:20", "15:40", True), ("15:40", "16:00"), ("16:00", "16:20"), ("16:20", "16:40")]

PROFILES = {
    ActorType.MUNICIPALITY: [
        ("Et konkret behov innen helse og omsorg, og ansatte som vil prøve ut nye løsninger.",
         "Forskere som kan følge en utprøving, og råd om å søke midler sammen.", "helse, velferdsteknologi"),
        ("Erfaring fra samarbeid på tvers av skole og barnevern.",
         "Forskningsmiljø som kan hjelpe oss å måle effekten av tiltak for unge.", "oppvekst, utenforskap"),
        ("Data og erfaringer fra arbeid med klimatilpasning og overvann.",
         "Partnere til et prosjekt om klimatilpasning og andre kommuner med samme utfordring.", "klima, beredskap"),
    ],
    ActorType.RESEARCH: [
        ("Følgeforskning og evaluering av tjenesteinnovasjon i kommuner.",
         "Kommuner med et konkret behov som ønsker et forskningsprosjekt.", "evaluering, tjenesteinnovasjon"),
        ("Studenter som kan skrive masteroppgave om en kommunal problemstilling.",
         "Kommuner som vil ta imot studenter i praksis eller oppgaveskriving.", "studenter, masteroppgave"),
    ],
    ActorType.FUNDING: [
        ("Veiledning om virkemidler for kommunal FoU og innovasjon, og om søknadsfrister.",
         "Kommuner og forskere som planlegger en søknad.", "finansiering, søknad"),
    ],
    ActorType.OTHER: [
        ("Løsninger og erfaring fra innovative anskaffelser.",
         "Kommuner som vil prøve ut nye løsninger gjennom en innovasjonspartnerskap.", "anskaffelser, næringsliv"),
    ],
}

MESSAGES = ["Skal vi snakke om et mulig prosjekt?", "Vi har et behov som kan passe for dere.",
            "Kunne vi ta en prat om en felles søknad?", ""]


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def load(stdout: Any) -> None:
    event = Event.objects.filter(slug=UPCOMING_SLUG).first()
    if event is None:
        return
    for spec in SLOTS:
        TimeSlot.objects.get_or_create(event=event, start=_time(spec[0]), end=_time(spec[1]),
                                       defaults={"is_break": len(spec) > 2})
    for number in range(1, 5):
        MeetingTable.objects.get_or_create(event=event, name=f"Bord {number}")
    registrations = list(event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("pk"))
    rng = random.Random(2027)
    published = []
    for i, registration in enumerate(registrations):
        if i % 5 == 4:  # some people have not written a profile yet
            continue
        choices = PROFILES.get(ActorType(registration.actor_type), PROFILES[ActorType.OTHER])
        offer, seek, tags = choices[i % len(choices)]
        MeetingProfile.objects.get_or_create(registration=registration, defaults={
            "offer": offer, "seek": seek, "tags": tags, "published": True, "person": registration.person})
        published.append(registration)
    # Draw every random choice before looking at the database, so that a second run makes the same plan
    # and finds every pair already there.
    plan = []
    for sender in published[::2]:
        for recipient in rng.sample(published, k=min(2, len(published))):
            accepted = rng.random() < 0.6
            plan.append((sender, recipient, accepted, rng.choice(MESSAGES), rng.randint(1, 3)))
    for sender, recipient, accepted, message, priority in plan:
        if recipient.pk == sender.pk or MeetingRequest.objects.filter(
                event=event, sender__in=[sender, recipient], recipient__in=[sender, recipient]).exists():
            continue
        status = RequestStatus.ACCEPTED if accepted else RequestStatus.REQUESTED
        MeetingRequest.objects.create(event=event, sender=sender, recipient=recipient, status=status,
                                      message=message, priority=priority,
                                      decided_at=timezone.now() if accepted else None)
    stdout.write(f"Workshop '{event.title}': one-to-one meetings with {len(SLOTS)} slots, "
                 f"{len(published)} profiles and {MeetingRequest.objects.filter(event=event).count()} requests.")
