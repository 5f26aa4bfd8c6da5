"""The search page's filter fields ("Finn kompetanse"), kept rendered across searches: each search shows its own
filters, an invalid filter shows its error (and is rendered, not kept: typed-in values would only fill the cache), and a changed county name shows at once.

Personas: Ola (Steinkjer's FoUI contact, signed in), an anonymous visitor.
Transactional: the content version is raised after commit, as in production.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskap.directory.models import County

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 60


def _selected_county(html: str) -> list[str]:
    select = re.search(r'<select name="county".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="(\d*)" selected>', select.group(0))


def _checked(html: str, name: str) -> bool:
    tag = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', html)
    assert tag is not None
    return " checked" in tag.group(0)


@pytest.mark.parametrize("signed_in", [True, False])
def test_each_search_shows_its_own_filters(contact_steinkjer: Any, signed_in: bool) -> None:
    client = Client()
    if signed_in:
        client.force_login(contact_steinkjer.user)
    filtered = {"q": "eldreomsorg", "county": "50", "kind": "instrument", "open_only": "on"}
    first = client.get("/megling/", filtered).content.decode()
    assert _selected_county(first) == ["50"] and _checked(first, "open_only")
    assert 'value="instrument" selected' in first

    plain = client.get("/megling/", {"q": "vannforsyning"}).content.decode()
    assert _selected_county(plain) == [""] and not _checked(plain, "open_only")
    assert 'value="instrument" selected' not in plain
    assert "vannforsyning</textarea>" in plain

    # Another text with the first filters: the same filters, this text, and the counties not read again.
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/megling/", {**filtered, "q": "demens og velferdsteknologi"}).content.decode()
    assert _selected_county(again) == ["50"] and _checked(again, "open_only")
    assert "demens og velferdsteknologi</textarea>" in again and "eldreomsorg</textarea>" not in again
    # (the chosen county is still looked up to validate it: one row, LIMIT 21)
    county_lists = [q["sql"] for q in queries.captured_queries
                    if '"directory_county"' in q["sql"] and "LIMIT" not in q["sql"]]
    assert county_lists == []


def test_an_invalid_filter_shows_its_error_and_the_next_valid_search_none(reference: None) -> None:
    client = Client()
    bad = client.get("/megling/", {"q": "eldreomsorg", "kind": "zzz"})
    assert bad.status_code == 200
    html = bad.content.decode()
    assert 'id="id_kind_error"' in html and 'aria-invalid="true"' in html

    # The same filters without the error: no error left over from the invalid one.
    good = client.get("/megling/", {"q": "eldreomsorg 2", "kind": ""}).content.decode()
    assert 'id="id_kind_error"' not in good
    again = client.get("/megling/", {"q": "eldreomsorg 3", "kind": "zzz"}).content.decode()
    assert 'id="id_kind_error"' in again


def test_a_renamed_county_shows_at_once(reference: None) -> None:
    client = Client()
    assert ">Trøndelag - Trööndelage<" in client.get("/megling/", {"q": "eldreomsorg"}).content.decode()
    County.objects.filter(code="50").update(name="Trøndelag (nytt navn)")
    html = client.get("/megling/", {"q": "eldreomsorg 2"}).content.decode()
    assert ">Trøndelag (nytt navn)<" in html and "Trööndelage" not in html
