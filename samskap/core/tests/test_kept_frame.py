"""The page frame kept rendered (``{% kept %}`` in base.html): the header once per person, the footer and the
assets once for everyone, and never another person's name, a stale count, another page's path or a token
that is not the visitor's own.

Personas: Ola (Steinkjer's FoUI contact), Siri (Namsos's FoUI contact), an anonymous visitor.
Transactional tests: the content version is raised after commit, as in production.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from samskap.core.actors import SYSTEM
from samskap.core.pagecache import CSRF_PLACEHOLDER, PATH_PLACEHOLDER, _placeholder
from samskap.directory.models import Person
from samskap.directory.testing import PASSWORD
from samskap.needs.notices import CALL_OPENED
from samskap.notifications import actions as notifications

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARAMS = {"call": 1, "title": "Eldreomsorg 2030", "deadline": "2030-03-01T12:00:00+00:00"}


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 60


def _signed_in(persona: Any) -> Client:
    client = Client()
    assert client.login(username=persona.user.username, password=PASSWORD)
    return client


def _header(html: str) -> str:
    return html[html.index('<header class="site-header">'):html.index("</header>")]


def _next(html: str) -> str:
    match = re.search(r'<input name="next" type="hidden" value="([^"]*)">', html)
    assert match, "the language menu has no next field"
    return match.group(1)


def test_each_person_sees_their_own_name_in_the_header(contact_steinkjer: Any, contact_namsos: Any) -> None:
    ola, siri = _signed_in(contact_steinkjer), _signed_in(contact_namsos)
    for _round in range(2):  # the second round comes from the kept header
        ola_header = _header(ola.get("/behov/").content.decode())
        siri_header = _header(siri.get("/kommuner/").content.decode())
        assert "Ola Nordmo" in ola_header and "Siri Bakkan" not in ola_header
        assert "Siri Bakkan" in siri_header and "Ola Nordmo" not in siri_header
    anonymous = _header(Client().get("/behov/").content.decode())
    assert "Ola Nordmo" not in anonymous and "Siri Bakkan" not in anonymous and "/logg-inn/" in anonymous


def test_the_language_menu_returns_to_the_page_it_is_on(contact_steinkjer: Any) -> None:
    ola = _signed_in(contact_steinkjer)
    ola.get("/behov/")
    assert _next(ola.get("/kommuner/").content.decode()) == "/kommuner/"
    # a query string with characters that must be escaped, on the same kept header
    html = ola.get('/behov/?q=%22%3E%3Cscript%3E&sector=health').content.decode()
    assert _next(html) == "/behov/?q=%22%3E%3Cscript%3E&amp;sector=health"
    assert "<script>" not in html.split("<main", 1)[0]
    assert PATH_PLACEHOLDER not in html and CSRF_PLACEHOLDER not in html


def test_the_forms_in_the_kept_header_carry_the_visitors_own_token(contact_steinkjer: Any) -> None:
    first = Client(enforce_csrf_checks=True)
    assert first.login(username=contact_steinkjer.user.username, password=PASSWORD)
    first.get("/behov/")
    html = first.get("/behov/").content.decode()
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', _header(html)))
    assert len(tokens) == 1 and CSRF_PLACEHOLDER not in tokens
    # the logout form in the header works with the token it carries
    answer = first.post("/logg-ut/", {"csrfmiddlewaretoken": tokens.pop()})
    assert answer.status_code == 302
    assert "_auth_user_id" not in first.session


def test_a_new_notification_shows_in_the_header_at_once(contact_steinkjer: Any) -> None:
    ola = _signed_in(contact_steinkjer)
    ola.get("/behov/")
    assert 'data-color="danger"' not in _header(ola.get("/behov/").content.decode())
    notifications.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "/behov/innspill/1/", actor=SYSTEM)
    header = _header(ola.get("/behov/").content.decode())
    assert 'data-color="danger"' in header and ">1<" in header


def test_a_changed_name_shows_at_once(contact_steinkjer: Any) -> None:
    ola = _signed_in(contact_steinkjer)
    ola.get("/behov/")
    assert "Ola Nordmo" in _header(ola.get("/behov/").content.decode())
    Person.objects.filter(pk=contact_steinkjer.person.pk).update(name="Ola Nordmo-Berg")  # no signal
    assert "Ola Nordmo-Berg" in _header(ola.get("/behov/").content.decode())


def test_a_kept_header_costs_no_count_query(contact_steinkjer: Any) -> None:
    ola = _signed_in(contact_steinkjer)
    ola.get("/kommuner/")
    with CaptureQueriesContext(connection) as queries:
        assert ola.get("/kommuner/").status_code == 200
    tables = " ".join(q["sql"] for q in queries.captured_queries)
    assert "notifications_notification" not in tables


def test_with_the_cache_off_the_frame_is_rendered_as_it_is(settings: Any, contact_steinkjer: Any) -> None:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 0
    ola = _signed_in(contact_steinkjer)
    html = ola.get("/kommuner/?side=2").content.decode()
    assert "Ola Nordmo" in _header(html)
    assert _next(html) == "/kommuner/?side=2"
    assert PATH_PLACEHOLDER not in html and CSRF_PLACEHOLDER not in html


def test_placeholders_are_letters_and_follow_the_secret_key(settings: Any) -> None:
    # a visitor cannot write a placeholder into a page (a search, a query string) without the secret key
    assert CSRF_PLACEHOLDER.isalpha() and PATH_PLACEHOLDER.isalpha() and CSRF_PLACEHOLDER != PATH_PLACEHOLDER
    assert _placeholder("csrf") == CSRF_PLACEHOLDER
    settings.SECRET_KEY = "another-" + "k" * 50
    assert _placeholder("csrf") != CSRF_PLACEHOLDER
