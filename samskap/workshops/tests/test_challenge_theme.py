"""A shared challenge on the brokering page becomes a theme of an upcoming workshop (issue 18)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from samskap.conftest import assert_no_axe_violations, login
from samskap.directory import testing
from samskap.matching.testing import shared_needs
from samskap.needs import actions as need_actions
from samskap.needs.models import Call, Need
from samskap.workshops.models import Theme
from samskap.workshops.tests.factories import make_event

PAGE = "/megling/felles-utfordringer/"
POST = "/verksted/tema-fra-felles-utfordring/"


def _needs(steinkjer: testing.Persona, surnadal: testing.Persona, call: Call | None = None) -> tuple[Need, Need]:
    return shared_needs(steinkjer, surnadal, call=call)


@pytest.fixture
def two_needs(contact_steinkjer: testing.Persona, contact_surnadal: testing.Persona) -> tuple[Need, Need]:
    return _needs(contact_steinkjer, contact_surnadal)


def _client(persona: testing.Persona) -> Client:
    client = Client()
    client.force_login(persona.user)
    return client


def test_coordinator_is_offered_the_sessions_of_upcoming_workshops(two_needs: Any, coordinator: testing.Persona) -> None:
    event = make_event(coordinator.user)
    make_event(coordinator.user, slug="i-fjor", days=-300)  # past: not offered
    body = _client(coordinator).get(PAGE).content.decode()
    assert "Gjør det til et verkstedtema" in body
    sessions = list(event.sessions.order_by("number"))
    for s in sessions:
        assert f'<option value="{s.pk}">' in body
    assert body.count("<optgroup") == body.count("Utviklingsverksted (") >= 1
    for need in two_needs:
        assert f'name="needs" value="{need.pk}"' in body


def test_posting_creates_a_theme_with_both_needs(two_needs: Any, coordinator: testing.Persona) -> None:
    event = make_event(coordinator.user)
    session = event.sessions.get(number=2)
    response = _client(coordinator).post(POST, {"session": session.pk, "title": "  Rekruttering  i helse ",
                                                "needs": [n.pk for n in two_needs]})
    assert response.status_code == 302 and response["Location"] == f"/verksted/{event.slug}/#themes"
    theme = Theme.objects.get(session=session, title="Rekruttering i helse")
    assert set(theme.needs.all()) == set(two_needs)
    assert "Steinkjer" in theme.proposed_by_name and "Surnadal" in theme.proposed_by_name


def test_a_workshop_tied_to_another_call_is_not_offered_and_refuses(
        coordinator: testing.Persona, contact_steinkjer: testing.Persona, contact_surnadal: testing.Persona) -> None:
    deadline = timezone.now() + dt.timedelta(days=5)
    answered = need_actions.open_call(actor=coordinator.user, title="Vår", question="Hva?", deadline=deadline)
    other = need_actions.open_call(actor=coordinator.user, title="Høst", question="Hva?", deadline=deadline)
    needs = _needs(contact_steinkjer, contact_surnadal, call=answered)
    event = make_event(coordinator.user, call=other)
    client = _client(coordinator)
    body = client.get(PAGE).content.decode()
    assert "Ingen kommende verksted kan ta denne utfordringen" in body
    assert 'name="session"' not in body
    session = event.sessions.first()
    assert session is not None
    response = client.post(POST, {"session": session.pk, "title": "Rekruttering",
                                  "needs": [n.pk for n in needs]}, follow=True)
    assert response.status_code == 200
    assert "svar på verkstedets innspillsrunde" in response.content.decode()
    assert not Theme.objects.filter(title="Rekruttering").exists()


def test_only_coordinators_may_post(two_needs: Any, coordinator: testing.Persona,
                                    contact_steinkjer: testing.Persona) -> None:
    event = make_event(coordinator.user)
    session = event.sessions.first()
    assert session is not None
    response = _client(contact_steinkjer).post(POST, {"session": session.pk, "title": "Rekruttering",
                                                      "needs": [n.pk for n in two_needs]})
    assert response.status_code == 403
    assert Client().post(POST, {"session": session.pk}).status_code == 302  # to the login page
    assert not Theme.objects.filter(title="Rekruttering").exists()


@pytest.mark.parametrize("data", [
    {"session": "abc"}, {"session": "99999"}, {"session": "1; DROP TABLE"}, {},
])
def test_hostile_sessions_are_404(coordinator: testing.Persona, data: dict[str, str]) -> None:
    make_event(coordinator.user)
    assert _client(coordinator).post(POST, {**data, "title": "X", "needs": ["1"]}).status_code == 404


def test_no_needs_or_no_title_says_so(coordinator: testing.Persona) -> None:
    event = make_event(coordinator.user)
    session = event.sessions.first()
    assert session is not None
    client = _client(coordinator)
    body = client.post(POST, {"session": session.pk, "title": "X", "needs": ["x", "-1", "999999"]},
                       follow=True).content.decode()
    assert "En felles utfordring trenger minst ett behov." in body
    body = client.post(POST, {"session": session.pk, "title": "   ", "needs": ["1"]}, follow=True).content.decode()
    assert "Gi temaet en tittel." in body
    assert Theme.objects.filter(session=session).count() == 3  # the factory's themes only


@pytest.mark.browser
def test_coordinator_makes_a_challenge_a_theme_in_the_browser(page: Any, two_needs: Any,
                                                              coordinator: testing.Persona) -> None:
    event = make_event(coordinator.user)
    login(page, "kari.koordinator")
    page.goto(PAGE)
    card = page.locator(".challenge").first
    card.locator("summary").click()
    assert_no_axe_violations(page)
    assert card.get_by_label("Tittel på temaet").input_value().startswith("Rekruttering av")
    card.get_by_label("Tittel på temaet").fill("Rekruttering av sykepleiere i distriktene")
    card.get_by_label("Verksted og økt").select_option(label="Utviklingsverksted: Økt 2")
    card.get_by_role("button", name="Lag tema").click()
    page.wait_for_url(f"**/verksted/{event.slug}/**")
    assert "Rekruttering av sykepleiere i distriktene" in page.locator("#messages").inner_text()
    assert Theme.objects.filter(session__number=2, title="Rekruttering av sykepleiere i distriktene").exists()
    assert_no_axe_violations(page)
