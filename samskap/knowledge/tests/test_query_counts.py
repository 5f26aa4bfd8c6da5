"""The cases list and the cases API answer with a fixed number of queries, however many cases there are."""

from __future__ import annotations

import itertools

from samskap.core.tests.querycount import assert_constant_queries
from samskap.knowledge.tests.factories import published_case

_seq = itertools.count()


def add_cases(coordinator):
    def grow(k: int) -> None:
        for _ in range(k):
            n = next(_seq)
            published_case(coordinator.user, codes=("5006", "5007") if n % 2 else ("1566",),
                           title=f"Digitalt tilsyn {n}", year=2020 + n % 5)
    return grow


def test_case_list(client, coordinator):
    assert_constant_queries(client, "/kunnskap/", add_cases(coordinator))
    assert_constant_queries(client, "/kunnskap/?q=tilsyn&sector=health", add_cases(coordinator))


def test_api_cases(client, coordinator):
    assert_constant_queries(client, "/api/v1/knowledge/cases", add_cases(coordinator))
