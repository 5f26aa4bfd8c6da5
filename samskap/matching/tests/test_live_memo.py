"""The live visibility filter's answers kept per process while nothing is written.

Personas: Ola searches the catalogue; the catalogue's editor removes an item, once through Samskap (this
process), once from another program that raises the content version as Samskap's processes do, and once
behind Samskap's back inside a transaction. Transactional tests: the version is raised after commit.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from samskap.matching import services
from samskap.matching.models import CatalogItem
from samskap.matching.tests.test_brokering import catalog  # noqa: F401 - fixture

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

QUERY = "digital heimeoppfølging av eldre"


def _ids() -> list[str]:
    return [r.id for r in services.search(QUERY, top=10)]


def _raw(sql: str, *params: Any) -> int:
    """A statement sent past Samskap's execute wrapper, as another program would send it."""
    placeholder = "%s" if connection.vendor == "postgresql" else "?"
    connection.ensure_connection()
    cursor = connection.connection.cursor()
    try:
        cursor.execute(sql.replace("?", placeholder), params)
        return int(cursor.rowcount)
    finally:
        cursor.close()


def test_a_repeated_search_asks_no_visibility_rule_and_an_own_removal_counts_at_once(catalog, settings):  # noqa: F811
    settings.SAMSKAP_PAGE_CACHE_CHECK_SECONDS = 30
    first = _ids()[0]
    with CaptureQueriesContext(connection) as queries:
        assert _ids()[0] == first
    assert not [q for q in queries.captured_queries if "matching_catalogitem" in q["sql"] and " IN (" in q["sql"]]
    CatalogItem.objects.filter(external_id=first).delete()  # through Samskap: the version moves
    assert first not in _ids()


def test_another_programs_removal_counts_once_the_version_is_read_again(catalog, settings):  # noqa: F811
    settings.SAMSKAP_PAGE_CACHE_CHECK_SECONDS = 30
    first = _ids()[0]
    assert _raw("DELETE FROM matching_catalogitem WHERE external_id = ?", first) == 1
    assert _raw("UPDATE core_contentversion SET value = value + 1 WHERE id = 1") == 1
    assert first in _ids()  # this process trusts its reading of the version for 30 s
    settings.SAMSKAP_PAGE_CACHE_CHECK_SECONDS = 0
    assert first not in _ids()


def test_inside_a_transaction_the_rules_are_asked_afresh(catalog, settings):  # noqa: F811
    settings.SAMSKAP_PAGE_CACHE_CHECK_SECONDS = 30
    first = _ids()[0]
    assert _raw("DELETE FROM matching_catalogitem WHERE external_id = ?", first) == 1  # the version stays
    with transaction.atomic():
        assert first not in _ids()
