"""Demo data for the case library and the innovation barometer. Idempotent; everything goes through the actions."""

from __future__ import annotations

import random
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from samskap.directory.models import Municipality, Role, RoleKind
from samskap.knowledge import actions
from samskap.knowledge.demo_data import CASES
from samskap.knowledge.item_bank import load_item_bank
from samskap.knowledge.models import BarometerItem, Case, CaseStatus, ItemKind, Survey, SurveyStatus

DEMO_COORDINATOR = "demo.koordinator"

SURVEY_TITLE = "Innovasjonsbarometer for kommunene i Trøndelag og på Nordmøre"
SURVEY_INTRO = ("Vi vil vite hvordan enhetene jobber med nye løsninger, og hva som hjelper og hindrer. "
                "Det tar om lag fem minutter.")
# (unit, municipality, sector, respondents in 2025, respondents in 2026, tendency on the 1–4 scale)
UNITS = [
    ("Hjemmetjenesten nord", "5006", "health", 7, 7, 2.9),
    ("Egge barneskole", "5006", "education", 6, 6, 2.6),
    ("Tildelingskontoret", "5007", "health", 6, 5, 2.7),
    ("Kulturskolen", "5007", "culture", 5, 6, 3.0),
    ("Surnadal sjukeheim", "1566", "health", 6, 6, 2.5),
    ("Teknisk drift", "1566", "technical", 4, 3, 2.3),  # under the anonymity threshold: hidden
]
# Topics that improve between the rounds (the follow-up measures the effect of a leadership programme).
IMPROVED = {"leadership", "mistakes", "employees"}


def _coordinator() -> Any:
    """An existing coordinator, else a demo coordinator account (no password: it cannot log in)."""
    role = Role.objects.filter(kind=RoleKind.COORDINATOR, user__is_active=True).select_related("user").first()
    if role is not None:
        return role.user
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=DEMO_COORDINATOR,
                                                     defaults={"email": "koordinator@example.org"})
    if created:
        user.set_unusable_password()
        user.save()
    Role.objects.get_or_create(user=user, kind=RoleKind.COORDINATOR, municipality=None)
    return user


def load_cases(actor: Any) -> int:
    loaded = 0
    municipalities = {m.code: m for m in Municipality.objects.all()}
    for row in CASES:
        data = {k: v for k, v in row.items() if k != "municipalities"}
        chosen = [municipalities[str(code)] for code in row["municipalities"]]  # type: ignore[attr-defined]
        with transaction.atomic():
            case = Case.objects.filter(title=row["title"]).first()
            if case is None:
                case = actions.create_case(data, chosen, actor=actor)
            else:
                case = actions.update_case(case, data, chosen, actor=actor)
            if case.status in (CaseStatus.DRAFT, CaseStatus.RETURNED):
                case = actions.submit_case(case, actor=actor)
            if case.status == CaseStatus.SUBMITTED:
                actions.publish_case(case, actor=actor)
        loaded += 1
    return loaded


def _value(rng: random.Random, tendency: float, scale: int) -> int | None:
    if rng.random() < 0.04:
        return None  # "do not know"
    return max(1, min(scale, round(rng.gauss(tendency, 0.7))))


def _answer_round(actor: Any, survey: Survey, year: int, rng: random.Random) -> None:
    items = list(survey.items.all())
    rows = []
    counts = {}
    for unit, code, sector, n_2025, n_2026, _tendency in UNITS:
        n = n_2025 if year == 2025 else n_2026
        counts[(unit, code)] = n
        for i in range(1, n + 1):
            slug = unit.lower().replace(" ", "-")
            rows.append({"unit_name": unit, "municipality": code, "sector": sector,
                         "email": f"{slug}-{code}-{i}@example.org"})
    recipients = actions.add_recipients(survey, rows, actor=actor)
    actions.send_survey(survey, send_email=False, actor=actor)
    tendencies = {(u[0], u[1]): u[5] for u in UNITS}
    for recipient in recipients:
        token = actions.issue_link(recipient, actor=actor)
        base = tendencies[(recipient.unit_name, recipient.municipality_id)]
        values = {}
        for item in items:
            tendency = base + (0.5 if year == 2026 and item.category in IMPROVED else 0.0)
            if item.kind == ItemKind.BARRIER:
                tendency = survey.scale + 1 - tendency
            values[item.pk] = _value(rng, tendency, survey.scale)
        actions.submit_answers(token, values)


def load_barometer(actor: Any) -> str:
    load_item_bank()
    items = list(BarometerItem.objects.filter(active=True))
    first = Survey.objects.filter(title=SURVEY_TITLE, year=2025).first()
    if first is None:
        with transaction.atomic():
            first = actions.create_survey({"title": SURVEY_TITLE, "introduction": SURVEY_INTRO,
                                                  "year": 2025, "scale": 4}, items, actor=actor)
            _answer_round(actor, first, 2025, random.Random(2025))
            actions.close_survey(first, actor=actor)
    second = Survey.objects.filter(title=SURVEY_TITLE, year=2026).first()
    if second is None:
        with transaction.atomic():
            second = actions.create_survey({"title": SURVEY_TITLE, "introduction": SURVEY_INTRO,
                                                   "year": 2026, "scale": 4, "previous_round": first}, items, actor=actor)
            _answer_round(actor, second, 2026, random.Random(2026))
    if second.status == SurveyStatus.DRAFT:
        actions.send_survey(second, send_email=False, actor=actor)
    return f"{first.responses.count()} + {second.responses.count()} answers"


def load(stdout: Any) -> None:
    actor = _coordinator()
    cases = load_cases(actor)
    answers = load_barometer(actor)
    stdout.write(f"Knowledge: {cases} published cases; innovation barometer 2025 and 2026 ({answers}).")
