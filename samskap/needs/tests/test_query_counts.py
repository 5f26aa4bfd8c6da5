"""The needs pages and API answer with a fixed number of queries, however many needs and calls there are."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from samskap.core.tests.querycount import assert_constant_queries
from samskap.directory.models import Municipality
from samskap.needs.models import Call, Need, NeedStatus

_seq = itertools.count()
CODES = ["5006", "5007", "1566", "5001", "5025"]


def add_needs(k: int, *, codes: list[str] | None = None) -> None:
    municipalities = list(Municipality.objects.filter(code__in=codes or CODES))
    for _ in range(k):
        n = next(_seq)
        Need.objects.create(municipality=municipalities[n % len(municipalities)], title=f"Behov {n}",
                            description="Eldre som bor hjemme trenger tilsyn.", sector="health",
                            status=[NeedStatus.SUBMITTED, NeedStatus.BROKERING, NeedStatus.MATCHED][n % 3])


def add_calls(k: int, coordinator) -> None:
    municipalities = list(Municipality.objects.filter(code__in=CODES))
    for _ in range(k):
        n = next(_seq)
        Call.objects.create(title=f"Innspill {n}", question="Hvilke tema?", opened_by=coordinator.user,
                            deadline=timezone.now() + dt.timedelta(days=3 + n % 3))
        call = Call.objects.latest("pk")
        Need.objects.create(municipality=municipalities[n % 2], call=call, title=f"Svar {n}",
                            description="Et svar.", sector="health")


@pytest.mark.parametrize("who", ["anonymous", "coordinator", "contact"])
def test_need_list(client, coordinator, contact_steinkjer, who):
    persona = {"coordinator": coordinator, "contact": contact_steinkjer}.get(who)
    if persona:
        client.force_login(persona.user)
    assert_constant_queries(client, "/behov/", add_needs)
    assert_constant_queries(client, "/behov/?q=eldre&sector=health&page=2", add_needs)


def test_need_detail(client, researcher):
    add_needs(1)
    need = Need.objects.first()
    client.force_login(researcher.user)
    assert_constant_queries(client, f"/behov/{need.pk}/", add_needs)


def test_front_page(client, db):
    assert_constant_queries(client, "/", add_needs)


@pytest.mark.parametrize("who", ["coordinator", "contact"])
def test_start_page(client, coordinator, contact_steinkjer, who):
    client.force_login({"coordinator": coordinator, "contact": contact_steinkjer}[who].user)
    assert_constant_queries(client, "/", lambda k: (add_needs(k, codes=["5006"]), add_calls(k, coordinator)))


def test_calls_and_call_detail(client, coordinator):
    client.force_login(coordinator.user)
    assert_constant_queries(client, "/behov/innspill/", lambda k: add_calls(k, coordinator))
    add_calls(1, coordinator)
    call = Call.objects.order_by("pk").first()

    def answers(k: int) -> None:
        municipalities = list(Municipality.objects.filter(code__in=CODES))
        for i in range(k):
            Need.objects.create(municipality=municipalities[i % len(municipalities)], call=call,
                                title=f"Svar {next(_seq)}", description="Et svar.", sector="health")
    assert_constant_queries(client, f"/behov/innspill/{call.pk}/", answers)


def test_municipality_page(client, db):
    assert_constant_queries(client, "/kommuner/5006/", lambda k: add_needs(k, codes=["5006"]))


def test_api_needs(client, db):
    assert_constant_queries(client, "/api/v1/needs", add_needs)
