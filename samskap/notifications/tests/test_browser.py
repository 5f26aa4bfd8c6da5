"""Real headless Chromium against the live server, with axe on the notifications page, the preferences page
and the start page of each persona; a published plan e-mails each participant their group."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from samskap.conftest import assert_no_axe_violations, login
from samskap.followup.tests.factories import organisation, person, workshop
from samskap.matching import actions as matching_actions
from samskap.matching.models import CatalogItem
from samskap.needs import actions as need_actions
from samskap.notifications.models import Notification
from samskap.notifications.tests.factories import body, messages_to
from samskap.workshops.models import Plan, ThemeRun

pytestmark = pytest.mark.browser


@pytest.fixture
def accepted(coordinator, contact_steinkjer, researcher):
    need = need_actions.submit_need(contact_steinkjer.municipality, {
        "title": "Rekruttering av sykepleiere", "description": "Vi får ikke tak i sykepleiere.", "sector": "health"},
        actor=contact_steinkjer.user)
    # (the live server commits, so the researcher's catalogue item may already be indexed)
    item = CatalogItem.objects.update_or_create(external_id=f"person:{researcher.person.pk}",
                                                defaults={"kind": "person", "title": researcher.person.name})[0]
    matching_actions.decide_suggestion(need, item, "accepted", actor=coordinator.user)
    return need


def test_expert_answers_interested_from_the_notifications_page(page, accepted, researcher, contact_steinkjer):
    login(page, "per.forsker")
    expect(page.locator("h1")).to_have_text("Mitt Samskap")
    assert_no_axe_violations(page)  # the researcher's start page
    page.get_by_role("link", name=re.compile("Varsler")).click()
    expect(page.locator("h1")).to_have_text("Varsler")
    expect(page.get_by_text("Du har 1 ulest varsel.")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Interessert").click()
    expect(page.get_by_text("Takk, svaret ditt er sendt videre.")).to_be_visible()
    expect(page.get_by_text("Svaret ditt: Interessert")).to_be_visible()
    assert Notification.objects.filter(recipient=contact_steinkjer.user, kind="matching.expert_answer").exists()
    page.get_by_role("link", name="Velg hvordan du blir varslet").click()
    expect(page.locator("h1")).to_have_text("Hvordan du blir varslet")
    assert_no_axe_violations(page)
    page.get_by_role("radio", name="Du blir godtatt som ekspert for et behov: Bare i Samskap").check()
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Valgene dine er lagret.")).to_be_visible()


def test_contact_and_coordinator_start_pages(page, accepted, contact_steinkjer, coordinator):
    login(page, "ola.steinkjer")
    expect(page.locator("h1")).to_have_text("Mitt Samskap")
    expect(page.get_by_role("heading", name="Kommunens behov")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile("Varsler")).click()
    expect(page.get_by_text("«Per Forsker» ble godtatt som forslag til behovet «Rekruttering av sykepleiere».")).to_be_visible()
    page.get_by_role("button", name="Åpne").click()
    expect(page).to_have_url(re.compile(rf"/behov/{accepted.pk}/$"))


def test_coordinator_publishes_a_plan_and_each_participant_gets_their_group(page, coordinator, smtp_server):
    ntnu = organisation("NTNU")
    host = person("Hanne Vert", ntnu, email="hanne@example.org")
    note = person("Nils Notat", ntnu, email="nils@example.org")
    guest = person("Gro Gjest", ntnu, email="gro@example.org")
    w = workshop(host=host, note_taker=note, participants=(guest,), title="Helseverkstedet")
    Plan.objects.filter(pk=w.plan.pk).update(published=False, stats={"placements": 3, "groups": 1, "unassigned": 0})
    ThemeRun.objects.create(plan=w.plan, theme=w.theme, running=True, registrants=3)
    login(page, "kari.koordinator")
    assert_no_axe_violations(page)  # the coordinator's start page
    page.goto(f"/verksted/{w.event.slug}/plan/{w.plan.pk}/")
    page.get_by_role("button", name="Publiser planen").click()
    expect(page.get_by_text("Planen er publisert", exact=False)).to_be_visible()
    assert sorted(m["To"] for m in smtp_server) == ["gro@example.org", "hanne@example.org", "nils@example.org"]
    text = body(messages_to(smtp_server, "gro@example.org")[0])
    assert "gruppe 1, «Samarbeid om kompetanse og FoU». Vert: Hanne Vert. Referent: Nils Notat." in text
    assert f"/verksted/{w.event.slug}/min/{w.registrations['p0'].token}/" in text
