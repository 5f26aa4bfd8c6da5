"""Real headless Chromium against the live server, with axe on every new page."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samskap.conftest import assert_no_axe_violations, login
from samskap.directory.models import OrgType
from samskap.followup import actions
from samskap.followup.models import Action, OutcomeRow
from samskap.followup.tests import factories
from samskap.notifications.actions import opt_out_for

pytestmark = pytest.mark.browser


@pytest.fixture
def group_setup(coordinator, researcher):
    nord = factories.organisation("Nord universitet", OrgType.UNIVERSITY)
    note_taker = factories.person("Nina Notat", nord, username="nina.notat")
    w = factories.workshop(note_taker=note_taker, participants=(researcher.person,))
    return w, nord, note_taker


def test_note_taker_records_two_ideas_and_makes_an_action(page, group_setup, coordinator):
    w, nord, note_taker = group_setup
    login(page, "nina.notat")
    page.goto("/oppfolging/")
    page.get_by_role("link", name=re.compile("Samarbeid om kompetanse og FoU, gruppe 1")).click()
    expect(page.locator("h1")).to_have_text("Samarbeid om kompetanse og FoU, gruppe 1")
    assert_no_axe_violations(page)

    page.fill("#id_new-idea", "Delte stillinger mellom kommune og universitet")
    page.fill("#id_new-needs_and_challenges", "Likeverdig samarbeid krever kompetanse i kommunen.")
    page.fill("#id_new-follow_up", "Kartlegge interessen i tre kommuner.")
    page.fill("#id_new-actors_text", "Kommunene i Innherred")
    page.locator("#new-row summary").click()
    carried_by = page.locator("#id_new-carried_by")
    carried_by.fill("nord univ")  # a searchable select (issue 18)
    page.get_by_role("option", name="Nord universitet").click()
    expect(carried_by).to_have_value("Nord universitet")
    page.get_by_role("button", name="Legg til raden").click()
    expect(page.locator("#rows form.outcome-row")).to_have_count(1)
    expect(page.locator("#id_new-idea")).to_have_value("")  # a fresh form for the next row

    page.fill("#id_new-idea", "En innovasjonsfaglig dag")
    page.fill("#id_new-follow_up", "KS utvikler dagen i sitt nettverk.")
    page.get_by_role("button", name="Legg til raden").click()
    expect(page.locator("#rows form.outcome-row")).to_have_count(2)
    expect(page.locator("#messages")).to_contain_text("Raden ble lagt til.")
    expect(page.locator("#no-rows")).to_be_hidden()
    expect(page.locator("#row-count")).to_have_text("2")
    assert OutcomeRow.objects.filter(group=w.group).count() == 2
    first = OutcomeRow.objects.get(idea="Delte stillinger mellom kommune og universitet")
    assert first.carried_by == nord and first.created_by == note_taker.user

    # Someone else saves the first row meanwhile: my save is refused and I see their text.
    actions.update_row(first, {"follow_up": "Koordinatoren endret oppfølgingen."},
                       version=first.version, actor=coordinator.user)
    row_form = page.locator(f"#row-{first.pk}")
    row_form.locator(f"#id_row-{first.pk}-follow_up").fill("Min versjon av oppfølgingen.")
    row_form.get_by_role("button", name="Lagre raden").click()
    alert = page.locator(f"#row-{first.pk} [role=alert]")
    expect(alert).to_contain_text("Koordinatoren endret oppfølgingen.")
    expect(page.locator(f"#id_row-{first.pk}-follow_up")).to_have_value("Min versjon av oppfølgingen.")
    assert OutcomeRow.objects.get(pk=first.pk).follow_up == "Koordinatoren endret oppfølgingen."
    assert_no_axe_violations(page)

    # Turn the first follow-up into an action with an owner.
    page.locator(f"#row-{first.pk}").get_by_role("link", name="Lag et tiltak").click()
    expect(page.locator("h1")).to_have_text("Lag et tiltak")
    assert_no_axe_violations(page)
    expect(page.locator("#id_owner_organisation")).to_have_value("Nord universitet")  # who carries it on
    expect(page.locator("input[type=hidden][name=owner_organisation]")).to_have_value(str(nord.pk))
    page.fill("#id_title", "Kartlegge delte stillinger")
    page.fill("#id_due_date", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Opprett tiltaket").click()
    expect(page.locator("h1")).to_have_text("Kartlegge delte stillinger")
    expect(page.locator("dl.facts").first).to_contain_text("Nord universitet")
    assert_no_axe_violations(page)
    action = Action.objects.get(title="Kartlegge delte stillinger")
    assert action.owner_organisation == nord and action.outcome_row == first
    assert action.changes.filter(field="created", by=note_taker.user).exists()


def test_the_directory_respects_consent_on_its_page_and_in_exports(page, coordinator, researcher):
    hunt = factories.organisation("HUNT forskningssenter", OrgType.RESEARCH_INSTITUTE)
    hanne = factories.person("Hanne Hunt", hunt, username="hanne.hunt", listed=True)
    factories.person("Ulrik Usynlig", hunt, username="ulrik.usynlig", listed=False)
    login(page, "hanne.hunt")
    page.goto("/oppfolging/nettverk/")
    table = page.locator("table")
    expect(table).to_contain_text("Hanne Hunt")
    expect(table).to_contain_text("Per Forsker")
    expect(table).not_to_contain_text("Ulrik Usynlig")
    assert page.get_by_role("link", name="Send e-post til Hanne Hunt").get_attribute("href") == \
        "mailto:hanne.hunt@example.org"
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksporter som vCard").click()
    cards = open(download.value.path(), encoding="utf-8").read()
    assert "FN:Hanne Hunt" in cards and "Ulrik" not in cards

    page.goto("/profil/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Trekk samtykket mitt til å stå i katalogen").click()
    expect(page.locator(".messages")).to_contain_text("Du står ikke lenger i nettverkskatalogen.")
    page.goto("/oppfolging/nettverk/")
    expect(page.locator("table")).not_to_contain_text("Hanne Hunt")
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksporter som CSV").click()
    exported = open(download.value.path(), encoding="utf-8-sig").read()
    assert "Per Forsker" in exported and "Hanne Hunt" not in exported and "Ulrik" not in exported
    hanne.refresh_from_db()
    assert not hanne.listed_in_directory


def test_follow_up_pages_have_no_axe_violations(page, group_setup, coordinator, contact_steinkjer):
    w, nord, note_taker = group_setup
    row = actions.add_row(w.group, {
        "idea": "Studentoppgaver i kommunene", "follow_up": "Lage en oppgavebank",
        "actor_organisations": [nord], "actor_groups": ["education", "all"], "carried_by": nord}, actor=note_taker.user)
    action = actions.create_action(row, {
        "owner_organisation": nord, "due_date": timezone.localdate() + dt.timedelta(days=3)}, actor=coordinator.user)
    actions.add_application(action, {"instrument_name": "Regionale forskningsfond",
                                                       "result": "granted", "amount": 300000}, actor=coordinator.user)
    actions.request_deletion(contact_steinkjer.person, "Bytter jobb", actor=contact_steinkjer.user)
    subscription = opt_out_for("post@example.no")
    login(page, "kari.koordinator")
    urls = ["/oppfolging/", f"/oppfolging/verksted/{w.event.slug}/", f"/oppfolging/gruppe/{w.group.pk}/",
            f"/oppfolging/rad/{row.pk}/", "/oppfolging/tiltak/", f"/oppfolging/tiltak/{action.pk}/",
            f"/oppfolging/tiltak/{action.pk}/rediger/", f"/oppfolging/soknader/{action.applications.get().pk}/",
            "/oppfolging/aktorer/", f"/oppfolging/aktorer/{nord.pk}/", "/oppfolging/trakt/?county=50",
            "/oppfolging/sletting/", "/oppfolging/mine-data/sletting/", f"/varsler/avmelding/{subscription.token}/"]
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, url
        assert_no_axe_violations(page)
    page.goto("/oppfolging/sletting/")
    page.get_by_role("button", name="Slett Ola Nordmo").click()
    expect(page.locator(".messages")).to_contain_text("anonymisert")
    page.goto(f"/oppfolging/avmelding/{subscription.token}/")
    page.get_by_role("button", name="Meld av").click()
    expect(page.locator("main")).to_contain_text("post@example.no")
    assert_no_axe_violations(page)


def test_benefit_plan_chart_and_measurement_on_the_action_page(page, world):
    from decimal import Decimal

    benefit = actions.add_benefit(world.action, {
        "title": "Færre timer til reise", "kind": "saved_time", "beneficiaries": "Hjemmetjenesten",
        "indicator": "Reisetid per uke", "unit": "timer", "baseline_value": Decimal("40"),
        "baseline_date": dt.date(2026, 1, 1), "target_value": Decimal("30"), "target_date": dt.date(2026, 12, 31),
    }, actor=world.users["coordinator"])
    for month, value in ((2, "38"), (3, "35"), (4, "33")):
        actions.add_measurement(benefit, {"measured_on": dt.date(2026, month, 1), "value": Decimal(value)},
                                actor=world.users["coordinator"])
    login(page, world.users["owner_member"].username)
    page.goto(f"/oppfolging/tiltak/{world.action.pk}/")
    chart = page.get_by_role("img", name=re.compile("Reisetid per uke \\(timer\\): målt mot utgangspunkt og mål"))
    assert chart.count() == 1 and chart.is_visible()
    table = page.get_by_role("table", name=re.compile("Reisetid per uke"))
    assert table.get_by_role("row").count() == 6  # header, baseline, three measurements, target
    assert_no_axe_violations(page)
    page.get_by_text("Registrer en måling av Færre timer til reise").click()
    page.fill(f"#id_m{benefit.pk}-measured_on", "2026-05-01")
    page.fill(f"#id_m{benefit.pk}-value", "29")
    page.get_by_role("button", name="Registrer målingen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Målingen ble registrert.").count() == 1
    assert page.locator(f"#benefit-{benefit.pk}-heading").get_by_text("Realisert").count() == 1
    assert_no_axe_violations(page)
