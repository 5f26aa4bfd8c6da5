"""Planning round tables from collected ratings, in real headless Chromium: the organiser sets up round tables
and presenters, guests rate the presentations in the registration form, the organiser plans and sees the plan
per round and per table, publishes, and a participant sees their rounds. axe finds no WCAG 2.1 A/AA violations
on the organiser page, the registration form and the participant's page (also at 390 px)."""

import re

import pytest

from samskap.conftest import assert_no_axe_violations, login
from samskap.workshops.models import Registration
from samskap.workshops.roundtable_models import Rating, TablePlan

from .factories import make_event, sign_up

pytestmark = pytest.mark.browser

TALKS = [("Deltaker 00", "Helse i distriktet"), ("Deltaker 01", "Havbruk og forskning"),
         ("Deltaker 02", "Midler fra Forskningsrådet")]


def _register_with_ratings(browser, live_server, event, name, ratings):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", viewport={"width": 390, "height": 844})
    guest = context.new_page()
    guest.set_default_timeout(15000)
    guest.goto(f"/verksted/{event.slug}/pamelding/")
    guest.get_by_label("Navn").fill(name)
    guest.get_by_label("E-post").fill(f"{name.lower().replace(' ', '.')}@example.no")
    guest.get_by_label("Organisasjon").fill("Verdal kommune")
    for title, value in ratings.items():
        guest.get_by_role("group", name=title).get_by_label(value, exact=True).check()
    if name.endswith("1"):
        assert_no_axe_violations(guest)
    guest.get_by_label("Jeg godtar vilkårene").check()
    guest.get_by_role("button", name="Meld deg på").click()
    guest.wait_for_url(re.compile(rf"/verksted/{event.slug}/$"))
    assert guest.get_by_text("Takk for påmeldingen.").is_visible()
    context.close()
    return Registration.objects.get(name=name)


def test_planning_round_tables_from_collected_ratings(page, browser, live_server, coordinator):
    event = make_event(coordinator.user, slug="kunnskapsbord")
    for i in range(6):
        sign_up(event, f"Deltaker {i:02d}", {})
    login(page, coordinator.user.username)
    page.goto(f"/verksted/{event.slug}/")
    page.get_by_role("link", name="Gå til kunnskapsbord").click()
    page.wait_for_url(re.compile(r"/bord/$"))
    assert_no_axe_violations(page)

    # settings: 3 rounds x 3 tables x 4 seats
    for name, value in {"rounds": "3", "tables": "3", "seats": "4", "max_presentations": "2", "min_visits": "1",
                        "max_visits": "2", "time_limit": "5"}.items():
        page.locator(f"#id_{name}").fill(value)
    assert page.get_by_label("Plasser per bord").count() == 1  # labelled fields
    page.get_by_role("button", name="Lagre innstillinger").click()
    page.wait_for_load_state()
    assert page.get_by_text("Innstillingene for kunnskapsbordene er lagret.").is_visible()
    for name, title in TALKS:
        page.locator("#id_presenter_registration").select_option(label=f"{name} (Steinkjer kommune)")
        page.get_by_label("Tittel på innlegget").fill(title)
        page.get_by_label("Sammendrag").fill("Et kort sammendrag.")
        page.get_by_role("button", name="Legg til innleder").click()
        page.wait_for_load_state()
        assert page.get_by_role("button", name=f"Fjern {title}").is_visible()
    assert_no_axe_violations(page)

    # guests rate the presentations in the registration form
    guests = [
        _register_with_ratings(browser, live_server, event, "Gjest 1",
                               {"Helse i distriktet": "5 – svært interessert", "Havbruk og forskning": "2"}),
        _register_with_ratings(browser, live_server, event, "Gjest 2",
                               {"Havbruk og forskning": "5 – svært interessert",
                                "Midler fra Forskningsrådet": "4"}),
    ]
    assert {(r.presenter.title, r.value) for r in Rating.objects.filter(registration=guests[0])} == {
        ("Helse i distriktet", 5), ("Havbruk og forskning", 2)}

    # the organiser plans: the task runs and the page shows the plan per round and per table
    page.reload()
    assert page.locator("#ratings-count").inner_text().startswith("2 av 8 deltakere")
    page.get_by_role("button", name="Planlegg kunnskapsbordene").click()
    page.wait_for_load_state()
    plan = TablePlan.objects.get(event=event)
    assert plan.status == "done", plan.errors
    page.wait_for_selector("#per-round")
    assert page.get_by_role("heading", name="Per runde").is_visible()
    assert page.get_by_role("heading", name="Per bord").is_visible()
    assert page.get_by_role("heading", name="Runde 3").is_visible()
    assert page.get_by_role("heading", name="Bord 1", exact=True).is_visible()
    seated = {(r["round"], t["table"]) for r in plan.rounds for t in r["tables"]}
    assert page.locator("#per-round ~ section tbody tr").count() >= len(seated)
    assert "poeng" in page.locator("#score-words").inner_text()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 390, "height": 844})  # the organiser page on a phone: nothing sticks out
    wide = page.evaluate("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 15)")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, wide
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Publiser kunnskapsbordene").click()
    page.wait_for_load_state()
    assert page.get_by_text("Kunnskapsbordene er publisert").is_visible()

    # the table cards
    page.goto(f"/verksted/{event.slug}/bord/plan/{plan.pk}/bordkort/")
    assert page.locator(".table-card").count() == len(seated)
    assert_no_axe_violations(page)

    # a participant sees their rounds through the personal link (on a phone)
    me = guests[0]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/verksted/{event.slug}/min/{me.token}/")
    page.get_by_role("link", name="Mine kunnskapsbord: mine runder og vurderinger").click()
    page.wait_for_url(re.compile(r"/bord/$"))
    rounds = page.locator(".my-rounds li")
    assert rounds.count() == 3
    assert rounds.first.inner_text().startswith("Runde 1:")
    assert "du lytter til" in page.locator(".my-rounds").inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert_no_axe_violations(page)
    # and can change a rating later
    page.get_by_role("group", name="Midler fra Forskningsrådet").get_by_label("3", exact=True).check()
    page.get_by_role("button", name="Lagre vurderinger").click()
    page.wait_for_load_state()
    assert page.get_by_text("Vurderingene dine er lagret.").is_visible()
    assert Rating.objects.get(registration=me, presenter__title="Midler fra Forskningsrådet").value == 3
