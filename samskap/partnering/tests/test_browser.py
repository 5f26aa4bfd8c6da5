"""One-to-one meetings in real headless Chromium: a guest asks for a meeting, the other accepts, the
organiser makes and publishes the schedule and the guest sees the agenda; axe finds no WCAG 2.1 A/AA
violations on the participant's and the organiser's pages."""

import datetime as dt

import pytest

from samskap.conftest import assert_no_axe_violations, login
from samskap.partnering import actions
from samskap.workshops import actions as workshop_actions
from samskap.workshops.tests.factories import make_event

pytestmark = pytest.mark.browser


def _join(event, name, user):
    return workshop_actions.register(event, {
        "name": name, "email": f"{name.lower().replace(' ', '.')}@example.no", "organisation_name": f"{name} AS",
        "actor_type": "other", "accepted_terms": True}, {}, notify=False, actor=user)


def test_request_accept_schedule_agenda(page, coordinator):
    event = make_event(coordinator.user, slug="motebors")
    a = _join(event, "Ada Aune", coordinator.user)
    b = _join(event, "Bo Berg", coordinator.user)
    actions.add_slots(event, dt.time(10, 0), 20, 4, actor=coordinator.user, break_after=2)
    actions.set_tables(event, 2, actor=coordinator.user)
    actions.save_profile(b, {"offer": "Vi forsker på skolemiljø.", "published": True}, actor=coordinator.user)

    page.goto(f"/motebors/{event.slug}/min/{a.token}/")
    assert_no_axe_violations(page)
    page.locator("#id_seek").fill("skolemiljø")
    page.locator("#id_published").check()
    page.locator("form[action$='/profil/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.locator(f"form[action$='/foresporsel/'] input[name=recipient][value='{b.pk}']")\
        .locator("xpath=..").locator("textarea").fill("Kan vi møtes?")
    page.locator(f"form[action$='/foresporsel/']:has(input[name=recipient][value='{b.pk}']) button").click()
    page.wait_for_load_state()
    assert b.meeting_requests_received.filter(status="requested").exists()
    assert_no_axe_violations(page)

    page.goto(f"/motebors/{event.slug}/min/{b.token}/")
    page.locator("button[name=answer][value=accept]").click()
    page.wait_for_selector("button[name=answer]", state="detached")
    assert b.meeting_requests_received.get().status == "accepted"

    login(page, coordinator.user.username)
    page.goto(f"/motebors/{event.slug}/arrangor/")
    assert_no_axe_violations(page)
    page.locator("form[action$='/planlegg/'] button[type=submit]").click()
    page.wait_for_load_state()
    page.locator("form[action$='/publiser/'] button[type=submit]").click()
    page.wait_for_load_state()
    assert_no_axe_violations(page)

    page.goto(f"/motebors/{event.slug}/min/{a.token}/")
    agenda = page.locator("section[aria-labelledby=agenda] table")
    assert "Bo Berg" in agenda.inner_text()
    assert_no_axe_violations(page)
