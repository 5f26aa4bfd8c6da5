"""The cooperation opportunities list and API answer with a fixed number of queries, however many there are."""

from __future__ import annotations

import itertools

from samskap.core.tests.querycount import assert_constant_queries
from samskap.opportunities.tests import factories

_seq = itertools.count()


def add_opportunities(k: int) -> None:
    for _ in range(k):
        factories.published(title=f"Masteroppgave om tilsyn {next(_seq)}")


def test_opportunity_list(client, contact_steinkjer):
    assert_constant_queries(client, "/samarbeid/", add_opportunities)


def test_api_opportunities(client, contact_steinkjer):
    assert_constant_queries(client, "/api/v1/opportunities", add_opportunities)
