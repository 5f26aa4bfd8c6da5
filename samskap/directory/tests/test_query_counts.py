"""The municipality list and page, and the municipalities API, answer with a fixed number of queries."""

from __future__ import annotations

import itertools

from samskap.core.tests.querycount import assert_constant_queries
from samskap.directory.models import Municipality, RoleKind
from samskap.directory.testing import make_persona

_seq = itertools.count()


def add_contacts(k: int) -> None:
    for _ in range(k):
        n = next(_seq)
        make_persona(f"kontakt.{n}", f"Kontakt {n}", RoleKind.FOUI_CONTACT, "5006", listed=n % 2 == 0)


def add_municipalities(k: int) -> None:
    for _ in range(k):
        n = next(_seq)
        Municipality.objects.create(code=f"9{n:03d}", name=f"Testkommune {n}", county_id="50")


def test_municipality_list(client, db):
    assert_constant_queries(client, "/kommuner/", add_municipalities)
    assert_constant_queries(client, "/kommuner/?q=test&county=50", add_municipalities)


def test_municipality_page(client, db):
    assert_constant_queries(client, "/kommuner/5006/", add_contacts)


def test_api_municipalities(client, db):
    assert_constant_queries(client, "/api/v1/municipalities", add_municipalities)
