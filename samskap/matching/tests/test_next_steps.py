"""An accepted suggestion offers the next step (issue 13: suggestions a person can act on)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from samskap.conftest import assert_no_axe_violations, login
from samskap.directory import testing
from samskap.funding import actions as funding_actions
from samskap.matching import actions, services
from samskap.matching.models import CatalogItem
from samskap.matching.next_steps import next_step
from samskap.matching.testing import shared_needs
from samskap.needs import actions as need_actions
from samskap.needs.models import Need


@pytest.fixture
def two_needs(contact_steinkjer: testing.Persona, contact_surnadal: testing.Persona) -> tuple[Need, Need]:
    return shared_needs(contact_steinkjer, contact_surnadal)


def _item(external_id: str) -> CatalogItem:
    return CatalogItem.objects.get(external_id=external_id)


def test_similar_need_points_to_an_open_call_that_invites_the_municipality(
        two_needs: Any, coordinator: testing.Persona) -> None:
    mine, theirs = two_needs
    item = _item(f"need:{theirs.pk}")
    with translation.override("nb"):
        step = next_step(item, mine)
        assert step is not None and "Snakk med Surnadal".lower() in step.text.lower()
        assert step.url == "/kommuner/1566/"
        call = need_actions.open_call(actor=coordinator.user, title="Helse 2027", question="Hva?",
                                      deadline=timezone.now() + dt.timedelta(days=9))
        step = next_step(item, mine)
        assert step is not None and "«Helse 2027»" in step.text
        assert step.url == f"/behov/innspill/{call.pk}/#attach-needs"
        mine.call = call  # once the need answers a call, the step is to talk to the other municipality
        assert "Surnadal" in (next_step(item, mine) or step).text


def test_instrument_step_names_the_next_deadline_in_the_page_language(two_needs: Any,
                                                                      coordinator: testing.Persona) -> None:
    today = timezone.localdate()
    instrument = funding_actions.create_instrument({
        "name": "Kommunalt innovasjonsprosjekt", "summary": "Støtte.", "owner_name": "Forskningsrådet",
        "applicants": ["municipality"], "deadlines": [today - dt.timedelta(days=3), dt.date(today.year + 1, 3, 15)],
    }, actor=coordinator.user)
    services.sync_kind("instrument")
    item = _item(f"instrument:{instrument.pk}")
    with translation.override("nb"):
        step = next_step(item, two_needs[0])
        assert step is not None and step.text.endswith(f"Neste frist er 15. mars {today.year + 1}.")
    with translation.override("en"):
        step = next_step(item, two_needs[0])
        assert step is not None and "The next deadline is 15 March" in step.text


def test_the_panel_shows_the_step_only_for_accepted_suggestions(two_needs: Any,
                                                                contact_steinkjer: testing.Persona) -> None:
    mine, theirs = two_needs
    client = Client()
    client.force_login(contact_steinkjer.user)
    url = f"/megling/behov/{mine.pk}/forslag/"
    assert "Neste steg" not in client.get(url).content.decode()
    actions.decide_suggestion(mine, _item(f"need:{theirs.pk}"), "rejected", actor=contact_steinkjer.user)
    assert "Neste steg" not in client.get(url).content.decode()
    actions.decide_suggestion(mine, _item(f"need:{theirs.pk}"), "accepted", actor=contact_steinkjer.user)
    body = client.get(url).content.decode()
    assert "Neste steg: snakk med Surnadal om å jobbe med det sammen." in body
    assert 'href="/kommuner/1566/"' in body


@pytest.mark.browser
def test_accepting_in_the_browser_shows_the_next_step_at_once(page: Any, two_needs: Any) -> None:
    mine, _theirs = two_needs
    login(page, "ola.steinkjer")
    page.goto(f"/behov/{mine.pk}/")
    panel = page.locator("#suggestions")
    panel.wait_for()
    panel.locator("#kind-need + ol li").first.get_by_role("button", name="Godta").click()
    step = panel.locator(".next-step a").first
    step.wait_for()
    assert "Neste steg" in step.inner_text()
    assert_no_axe_violations(page)
    step.click()
    page.wait_for_url("**/kommuner/1566/")
