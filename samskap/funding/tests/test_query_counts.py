"""The funding pages and API answer with a fixed number of queries, however many instruments there are."""

from __future__ import annotations

import itertools

from samskap.core.tests.querycount import assert_constant_queries
from samskap.funding.models import Deadline, Instrument
from samskap.funding.tests.factories import days

_seq = itertools.count()


def add_instruments(k: int) -> None:
    for _ in range(k):
        n = next(_seq)
        instrument = Instrument.objects.create(name=f"Ordning {n:03d}", owner_name="KS", summary="Penger til eldre.",
                                               applicants=["municipality"])
        Deadline.objects.create(instrument=instrument, date=days(10 + n))
        Deadline.objects.create(instrument=instrument, date=days(40 + n))


def test_instrument_list(client, db):
    assert_constant_queries(client, "/finansiering/", add_instruments)
    assert_constant_queries(client, "/finansiering/?q=eldre&applicant=municipality&open_only=on", add_instruments)


def test_instrument_list_coordinator(client, coordinator):
    client.force_login(coordinator.user)
    assert_constant_queries(client, "/finansiering/", add_instruments)


def test_municipality_page_funding(client, db):
    assert_constant_queries(client, "/kommuner/5006/", add_instruments)


def test_api_instruments(client, db):
    assert_constant_queries(client, "/api/v1/funding", add_instruments)
