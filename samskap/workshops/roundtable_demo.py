"""Demo round tables (kunnskapsbord) on the upcoming demo workshop: settings, three presenters from its
registrations and ratings from everyone, so that an organiser can press "Plan round tables" and see the plan.
Idempotent (settings by event, presenters by registration, ratings by registration and presenter). Called
from ``demo.load``."""

from __future__ import annotations

import random
from typing import Any

from samskap.workshops.models import Event, RegistrationStatus
from samskap.workshops.roundtable_models import Presenter, Rating, RoundTableSettings

TALKS = [
    ("Velferdsteknologi i hjemmetjenesten: hva sier forskningen?",
     "Erfaringer fra følgeforskning i fem kommuner, og hva som skal til for å ta løsningene i bruk."),
    ("Kommunalt behov: rekruttering av sykepleiere i distriktet",
     "En kommune forteller om utfordringen og hva den ønsker å samarbeide med forskere om."),
    ("Slik søker dere midler til kommunal FoU",
     "Virkemidlene for kommuner, frister og gode råd om søknader i partnerskap."),
]


def load(event: Event, stdout: Any) -> None:
    RoundTableSettings.objects.get_or_create(event=event, defaults={
        "enabled": True, "rounds": 3, "tables": 3, "seats": 5, "max_presentations": 3, "min_visits": 1,
        "max_visits": 3, "time_limit": 20})
    registrations = list(event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("pk"))
    if len(registrations) < len(TALKS):
        return
    presenters = []
    for registration, (title, abstract) in zip(registrations[::3], TALKS, strict=False):
        presenter, _created = Presenter.objects.get_or_create(event=event, registration=registration, defaults={
            "title": title, "abstract": abstract})
        presenters.append(presenter)
    rng = random.Random(15)
    for registration in registrations:
        for presenter in presenters:
            if presenter.registration_id != registration.pk and rng.random() < 0.8:
                Rating.objects.get_or_create(registration=registration, presenter=presenter,
                                             defaults={"value": rng.randint(1, 5)})
    stdout.write(f"Workshop '{event.title}': round tables with {len(presenters)} presenters and "
                 f"{Rating.objects.filter(presenter__event=event).count()} ratings.")
