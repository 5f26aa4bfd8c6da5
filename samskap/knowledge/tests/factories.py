"""Small builders for the knowledge tests."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from samskap.directory.models import Municipality, Role, RoleKind
from samskap.knowledge import actions
from samskap.knowledge.item_bank import load_item_bank
from samskap.knowledge.models import BarometerItem, Case, Survey

COMPLETE = {
    "title": "Digitalt tilsyn om natten",
    "year": 2023,
    "sector": "health",
    "innovation_type": "service",
    "category": "long_term",
    "stage": "implemented",
    "language": "nb",
    "summary": "Kommunen bruker sensorer for tilsyn om natten hos noen brukere. Brukeren velger selv. "
               "Nattevakten ser bare et bilde når en sensor varsler. Slik slipper mange å bli vekket av "
               "besøk om natten.",
    "novelty": "Før kjørte nattpatruljen hjem til alle brukere. Nå skjer besøk bare når det trengs.",
    "results": "Brukerne sover bedre. Nattpatruljen kjører færre mil. Tiden brukes på dem som trenger mest.",
    "partners": "Velferdsteknologisk knutepunkt, brukerrådet.",
    "contact": "Ola Nordmo, ola@example.no",
    "links": "https://www.steinkjer.kommune.no",
}


def municipalities(*codes: str) -> list[Municipality]:
    return list(Municipality.objects.filter(code__in=codes))


def system_coordinator() -> Any:
    user = get_user_model().objects.create_user(username="sys.koordinator", password="x-Unused-1")
    Role.objects.create(user=user, kind=RoleKind.COORDINATOR)
    return user


def published_case(coordinator: Any, codes: tuple[str, ...] = ("5006",), **overrides: Any) -> Case:
    data = {**COMPLETE, **overrides}
    case = actions.create_case(data, municipalities(*codes), actor=coordinator)
    actions.submit_case(case, actor=coordinator)
    return actions.publish_case(case, actor=coordinator)


def open_survey(coordinator: Any, *, scale: int = 4, title: str = "Barometer", year: int = 2025,
                previous: Survey | None = None, n_items: int = 3) -> Survey:
    load_item_bank()
    items = list(BarometerItem.objects.order_by("order")[:n_items])
    survey = actions.create_survey({"title": title, "year": year, "scale": scale,
                                                 "previous_round": previous}, items, actor=coordinator)
    return survey
