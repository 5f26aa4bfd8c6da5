"""The network directory answers with a fixed number of queries, however many people are listed."""

from __future__ import annotations

import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext

from samskap.core.tests.querycount import assert_constant_queries
from samskap.directory.models import Municipality, OrgType
from samskap.followup.tests import factories

_seq = itertools.count()


def add_people(k: int) -> None:
    steinkjer = Municipality.objects.get(code="5006")
    for _ in range(k):
        n = next(_seq)
        org = factories.organisation(f"Organisasjon {n % 3}", OrgType.UNIVERSITY if n % 2 else OrgType.MUNICIPALITY)
        if n % 2 == 0 and org.municipality_id is None:
            org.municipality = steinkjer
            org.save()
        factories.person(f"Person {n}", org, username=f"person.{n}")


def test_network_directory(client, researcher):
    client.force_login(researcher.user)
    assert_constant_queries(client, "/oppfolging/nettverk/", add_people)


def test_network_csv_export(client, researcher):
    client.force_login(researcher.user)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/oppfolging/nettverk/nettverk.csv")
            b"".join(response.streaming_content)
        return len(ctx.captured_queries)
    add_people(2)
    count()
    before = count()
    add_people(6)
    assert count() == before
