"""The barometer's item bank: statements in bokmål, modelled on the themes of the KS innovation barometer.

Loaded by migration 0002 and again (idempotently) by the demo, keyed by `code`.
"""

from __future__ import annotations

from typing import Any

# (code, category, kind, innovation type, text)
ITEMS = [
    ("aktivitet-tjeneste", "activity", "activity", "service",
     "Enheten har de siste to årene tatt i bruk nye eller klart endrede tjenester."),
    ("aktivitet-produkt", "activity", "activity", "product",
     "Enheten har de siste to årene tatt i bruk nye produkter, for eksempel utstyr eller digitale verktøy."),
    ("aktivitet-prosess", "activity", "activity", "process",
     "Enheten har de siste to årene endret måten arbeidsoppgavene blir løst på."),
    ("aktivitet-organisering", "activity", "activity", "organisation",
     "Enheten har de siste to årene organisert arbeidet på en ny måte."),
    ("aktivitet-kommunikasjon", "activity", "activity", "communication",
     "Enheten har de siste to årene funnet nye måter å snakke med innbyggere og partnere på."),
    ("ansatte-forslag", "employees", "driver", "",
     "Medarbeiderne kommer med forslag til nye løsninger."),
    ("ansatte-tid", "employees", "driver", "",
     "Medarbeiderne har tid til å prøve ut nye måter å jobbe på."),
    ("ledelse-stotte", "leadership", "driver", "",
     "Lederne spør etter nye ideer og gir støtte når vi prøver dem ut."),
    ("ledelse-plan", "leadership", "driver", "",
     "Kommunen har en tydelig plan for hvordan vi skal jobbe med innovasjon."),
    ("okonomi-hinder", "finances", "barrier", "",
     "Mangel på penger hindrer oss i å prøve nye løsninger."),
    ("okonomi-stotte", "finances", "driver", "",
     "Vi vet hvor vi kan søke om penger til utviklingsarbeid."),
    ("innbyggere-med", "citizens", "driver", "",
     "Innbyggere og brukere er med når vi utvikler tjenestene."),
    ("innbyggere-tilbakemelding", "citizens", "driver", "",
     "Vi bruker tilbakemeldinger fra brukerne til å gjøre tjenestene bedre."),
    ("teknologi-nytte", "technology", "driver", "",
     "Ny teknologi gjør det lettere for oss å løse oppgavene."),
    ("teknologi-hinder", "technology", "barrier", "",
     "IT-systemene våre gjør det vanskelig å ta i bruk nye løsninger."),
    ("feil-lov", "mistakes", "driver", "",
     "Det er lov å gjøre feil når vi prøver noe nytt."),
    ("feil-laering", "mistakes", "driver", "",
     "Vi snakker åpent om det som ikke virket, og lærer av det."),
    ("samarbeid-internt", "collaboration", "driver", "",
     "Vi samarbeider godt med andre enheter i kommunen."),
    ("samarbeid-eksternt", "collaboration", "driver", "",
     "Vi samarbeider med forskere, næringsliv eller frivillige om nye løsninger."),
]


def load_item_bank(model: Any = None) -> int:
    """Create the bank's missing items (existing ones, perhaps edited by a coordinator, are left alone).

    `model` is the (historical) BarometerItem model.
    """
    if model is None:
        from samskap.knowledge.models import BarometerItem as model
    for order, (code, category, kind, innovation_type, text) in enumerate(ITEMS, start=1):
        model.objects.get_or_create(code=code, defaults={
            "category": category, "kind": kind, "innovation_type": innovation_type, "text": text,
            "language": "nb", "order": order * 10, "active": True})
    return len(ITEMS)
