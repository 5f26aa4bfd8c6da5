"""Builders for opportunity tests (plain functions; invented people)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from samskap.core.actors import SYSTEM
from samskap.directory.models import Organisation
from samskap.opportunities import actions
from samskap.opportunities.models import Opportunity, today

THESIS = {
    "kind": "thesis", "level": "master", "direction": "offered", "partner_type": "student",
    "title": "Velferdsteknologi i hjemmetjenesten",
    "summary": "Hvordan tar eldre i Steinkjer i bruk digitalt tilsyn, og hva betyr det for hjemmetjenesten?",
    "problem": "Vi vil vite hvordan digitalt tilsyn og medisindispensere påvirker arbeidsdagen i hjemmetjenesten.",
    "relevance": "Kommunen skal rulle ut velferdsteknologi til alle soner innen 2028.",
    "data_and_method": "Intervjuer med ansatte og brukere; anonymiserte tall fra fagsystemet.",
    "ethics": "Intervjuer med brukere krever samtykke og melding til Sikt.",
    "field": "health", "sector": "health", "place": "Steinkjer", "provides_data": True,
    "provides_supervision": True, "keywords": "velferdsteknologi, hjemmetjenester, eldre",
}


def steinkjer_org() -> Organisation:
    return Organisation.objects.get(name="Steinkjer kommune")


def thesis(organisation: Organisation | None = None, actor: Any = SYSTEM, **overrides: Any) -> Opportunity:
    data = {**THESIS, "deadline": today() + dt.timedelta(days=30), **overrides}
    return actions.create_opportunity(organisation or steinkjer_org(), data, actor=actor)


def published(organisation: Organisation | None = None, **overrides: Any) -> Opportunity:
    opportunity = thesis(organisation, **overrides)
    actions.submit_opportunity(opportunity, actor=SYSTEM)
    actions.vet_opportunity(opportunity, "approve", actor=SYSTEM)
    return actions.publish_opportunity(opportunity, actor=SYSTEM)


def minimal_pdf() -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")
