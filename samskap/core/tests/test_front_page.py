"""The front page shows everyone the living picture of the region (issue 18): what Samskap holds, and one
clear way in for each kind of user. Built from the apps' front panels; a GET that writes nothing."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskap.conftest import assert_no_axe_violations, login
from samskap.core.tests.querycount import assert_constant_queries
from samskap.core.tests.test_get_is_read_only import writes
from samskap.directory import testing
from samskap.directory.models import Municipality
from samskap.funding import actions as funding_actions
from samskap.matching import services
from samskap.needs import actions as need_actions
from samskap.workshops.tests.factories import make_event

_counter = itertools.count(1)


def _figures(body: str) -> dict[str, int]:
    """{label: value} of the figures list."""
    found = re.findall(r'<span class="figure-value">([\d\s\xa0\u202f,]+)</span> <span class="figure-label">([^<]+)',
                       body)
    return {label: int(re.sub(r"\D", "", value)) for value, label in found}


@pytest.fixture
def region(coordinator: testing.Persona, contact_steinkjer: testing.Persona,
           contact_surnadal: testing.Persona) -> dict[str, Any]:
    now = timezone.now()
    call = need_actions.open_call(actor=coordinator.user, title="Eldreomsorg 2030", question="Hva trenger dere?",
                                  deadline=now + dt.timedelta(days=14))
    a = need_actions.submit_need(Municipality.objects.get(code="5006"), {
        "title": "Rekruttering av sykepleiere", "sector": "health",
        "description": "Vi får ikke tak i sykepleiere til hjemmetjenesten."}, actor=contact_steinkjer.user)
    b = need_actions.submit_need(Municipality.objects.get(code="1566"), {
        "title": "Rekruttering av sjukepleiarar", "sector": "health", "language": "nn",
        "description": "Vi får ikkje tak i sjukepleiarar til heimetenesta."}, actor=contact_surnadal.user)
    draft = need_actions.submit_need(Municipality.objects.get(code="5006"), {
        "title": "Hemmelig utkast om skolebruk", "description": "Ikke ferdig.", "status": "draft",
        "sector": "education"},
        actor=contact_steinkjer.user)
    event = make_event(coordinator.user, slug="varverksted")
    today = timezone.localdate()
    funding_actions.create_instrument({
        "name": "Innovasjonsprosjekt i offentlig sektor", "summary": "Støtte til kommunene.",
        "owner_name": "Forskningsrådet",
        "applicants": ["municipality"], "deadlines": [{"date": today + dt.timedelta(days=30), "label": "Skisse"},
                                                      {"date": today + dt.timedelta(days=300), "label": "Langt fram"}],
    }, actor=coordinator.user)
    services.reset_cache()
    services.sync_kind("need")
    services.embed_pending()
    services.compute_challenges()
    return {"call": call, "needs": (a, b), "draft": draft, "event": event}


def test_guest_sees_the_region_and_a_way_in_for_each_kind_of_user(client: Client, region: dict[str, Any]) -> None:
    with CaptureQueriesContext(connection) as captured:
        body = client.get("/").content.decode()
    assert writes(captured.captured_queries) == []
    for heading in ("For kommuner", "For forskere og studenter", "For finansiører og koordinatorer"):
        assert heading in body
    assert 'href="/konto/signup/"' in body and 'href="/logg-inn/"' in body
    figures = _figures(body)
    assert figures["registrerte behov"] == 2  # the draft is not counted
    assert figures["kommuner med behov"] == 2
    assert figures["åpne innspillsrunder"] == 1
    assert figures["kommende verksteder"] == 1
    assert figures["åpne virkemidler"] == 1
    assert figures["felles utfordringer"] == 1
    assert "Eldreomsorg 2030" in body
    assert "Rekruttering av sjukepleiarar" in body and "Hemmelig utkast" not in body
    assert f'href="/verksted/{region["event"].slug}/"' in body and "Påmeldingen er åpen." in body
    assert "Skisse" in body and "Langt fram" not in body  # only the coming four months
    assert "2 behov fra Steinkjer, Surnadal" in body
    assert "/megling/felles-utfordringer/" not in body  # the page is for coordinators


def test_signed_in_people_see_their_own_panels_and_the_region(region: dict[str, Any],
                                                              contact_steinkjer: testing.Persona,
                                                              coordinator: testing.Persona) -> None:
    client = Client()
    client.force_login(contact_steinkjer.user)
    body = client.get("/").content.decode()
    assert "Mitt Samskap" in body and "I Samskap" in body
    assert "For kommuner" not in body  # the ways in are for guests
    assert _figures(body)["registrerte behov"] == 2
    client.force_login(coordinator.user)
    assert "/megling/felles-utfordringer/" in client.get("/").content.decode()


def test_front_page_queries_do_not_grow_with_the_region(client: Client, coordinator: testing.Persona,
                                                        contact_steinkjer: testing.Persona) -> None:
    municipality = Municipality.objects.get(code="5006")

    def grow(k: int) -> None:
        for _ in range(k):
            n = next(_counter)
            need_actions.submit_need(municipality, {"title": f"Behov nummer {n}", "description": "Tekst.", "sector": "health"},
                                     actor=contact_steinkjer.user)
            need_actions.open_call(actor=coordinator.user, title=f"Runde {n}", question="Hva?",
                                   deadline=timezone.now() + dt.timedelta(days=n))
            make_event(coordinator.user, slug=f"verksted-{n}")

    assert_constant_queries(client, "/", grow)


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1280, 900), (390, 844)])
def test_front_page_in_the_browser(page: Any, region: dict[str, Any], width: int, height: int) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto("/")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.locator(".figure").count() >= 5
    Path("var/screenshots").mkdir(parents=True, exist_ok=True)  # kept for a person to look at
    page.screenshot(path=f"var/screenshots/front-guest-{width}.png", full_page=True)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Opprett konto").click()
    page.wait_for_url("**/konto/signup/")
    login(page, "ola.steinkjer")
    page.goto("/")
    assert page.locator(".start-panels").count() == 1 and page.locator(".front-panels .front-panel").count() >= 3
    assert_no_axe_violations(page)


def test_the_front_page_never_clusters_needs_itself(client: Client, region: dict[str, Any]) -> None:
    """Shared challenges on the front page come from what the worker stored; until then, none are shown
    (clustering thousands of needs on every front-page request would be the page's whole cost)."""
    from samskap.matching.models import StoredChallenges

    assert "felles utfordringer" in _figures(client.get("/").content.decode())
    StoredChallenges.objects.all().delete()
    body = client.get("/").content.decode()
    assert "felles utfordringer" not in _figures(body) and 'id="front-challenges-heading"' not in body
    assert services.shared_challenges(limit=1, stored_only=True) == []
    assert len(services.shared_challenges(limit=1)) == 1  # the page of its own still clusters a small catalogue
