"""Searchable selects in a real browser (issue 18): type part of a name, pick with the keyboard, post the form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from samskap.conftest import assert_no_axe_violations, login
from samskap.directory.models import Organisation, OrgType
from samskap.followup.models import Action, OutcomeRow

pytestmark = pytest.mark.browser


def pick(page, combobox, text: str, option: str) -> None:
    """Type ``text`` into the combobox, move down to ``option`` with the arrow key and press Enter."""
    combobox.fill(text)
    listbox = page.locator("#" + combobox.get_attribute("aria-controls"))
    expect(listbox.get_by_role("option", name=option)).to_be_visible()
    for _ in range(25):
        combobox.press("ArrowDown")
        active = combobox.get_attribute("aria-activedescendant")
        if active and page.locator(f"#{active}").inner_text().strip() == option:
            break
    else:
        raise AssertionError(f"{option} was never the active option")
    combobox.press("Enter")
    expect(listbox).to_be_hidden()


def test_pick_an_action_owner_with_the_keyboard(page, world):
    Organisation.objects.get_or_create(name="Steinkjer Næringsforum", defaults={"org_type": OrgType.INTEREST})
    login(page, "nina.notat")
    page.goto(f"/oppfolging/rad/{world.row.pk}/tiltak/ny/")
    combobox = page.get_by_role("combobox", name="Ansvarlig organisasjon")
    expect(combobox).to_have_value("Nord universitet")  # who carries the row on, as the <select> had it
    expect(page.locator("select[name=owner_organisation]")).to_have_count(0)  # the script replaced it

    combobox.fill("STEINKJ")
    listbox = page.get_by_role("listbox")
    expect(listbox.get_by_role("group", name="Kommuner").get_by_role("option")).to_have_text(["Steinkjer kommune"])
    expect(listbox.get_by_role("group", name="Interesseorganisasjoner").get_by_role("option")).to_have_text(
        ["Steinkjer Næringsforum"])
    expect(combobox).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="2 treff")).to_have_count(1)
    combobox.press("ArrowDown")
    first = page.locator("#" + combobox.get_attribute("aria-activedescendant"))
    expect(first).to_have_text("Steinkjer kommune")
    expect(first).to_have_attribute("aria-selected", "true")
    assert_no_axe_violations(page)  # with the list open
    combobox.press("Escape")
    expect(listbox).to_be_hidden()
    expect(combobox).to_have_attribute("aria-expanded", "false")

    pick(page, combobox, "steinkjer kom", "Steinkjer kommune")
    expect(combobox).to_have_value("Steinkjer kommune")
    expect(page.locator("input[type=hidden][name=owner_organisation]")).to_have_value(str(world.steinkjer.pk))
    combobox.fill("zzz finnes ikke")
    expect(page.get_by_role("listbox").get_by_role("option")).to_have_text(["Ingen treff"])
    combobox.press("Escape")
    combobox.press("Tab")  # leaving the text unpicked keeps the choice
    expect(combobox).to_have_value("Steinkjer kommune")

    page.fill("#id_title", "Kartlegge kompetanse")
    page.fill("#id_due_date", (timezone.localdate() + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Opprett tiltaket").click()
    expect(page.locator("h1")).to_have_text("Kartlegge kompetanse")
    expect(page.locator("dl.facts").first).to_contain_text("Steinkjer kommune")
    assert Action.objects.get(title="Kartlegge kompetanse").owner_organisation == world.steinkjer


def test_pick_two_actors_remove_one_and_save_at_phone_width(page, world):
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "nina.notat")
    page.goto(f"/oppfolging/gruppe/{world.group.pk}/")
    page.fill("#id_new-idea", "Felles kompetanseheving")
    page.locator("#new-row summary").click()
    organisations = page.locator("#new-row").get_by_role("combobox", name="Organisasjoner")
    pick(page, organisations, "nord", "Nord universitet")
    pick(page, organisations, "steinkjer", "Steinkjer kommune")
    chips = page.locator("#new-row .combobox-chips button")
    expect(chips).to_have_text(["Nord universitet", "Steinkjer kommune"])

    # an already chosen organisation is shown as chosen and cannot be picked twice
    organisations.fill("nord univ")
    expect(page.get_by_role("option", name="Nord universitet")).to_have_attribute("aria-disabled", "true")
    assert_no_axe_violations(page)  # the list open, at 390 px
    box = page.locator("#" + organisations.get_attribute("aria-controls")).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    organisations.press("Escape")
    organisations.press("Escape")  # a closed list: Escape clears the search text
    expect(organisations).to_have_value("")

    page.get_by_role("button", name="Fjern Nord universitet").focus()
    page.keyboard.press("Enter")
    expect(chips).to_have_text(["Steinkjer kommune"])
    expect(page.get_by_role("button", name="Fjern Steinkjer kommune")).to_be_focused()

    people = page.locator("#new-row").get_by_role("combobox", name="Personer")
    pick(page, people, "nina", "Nina Notat (Nord universitet)")

    page.get_by_role("button", name="Legg til raden").click()
    expect(page.locator("#rows form.outcome-row")).to_have_count(2)
    row = OutcomeRow.objects.get(idea="Felles kompetanseheving")
    assert list(row.actor_organisations.all()) == [world.steinkjer]
    assert list(row.actor_people.all()) == [world.note_taker]

    # the fresh new-row form that htmx put in has a working combobox too
    page.locator("#new-row summary").click()
    fresh = page.locator("#new-row").get_by_role("combobox", name="Organisasjoner")
    fresh.fill("nord")
    expect(page.locator("#" + fresh.get_attribute("aria-controls")).get_by_role("option",
                                                                                name="Nord universitet")).to_be_visible()


def test_without_javascript_the_plain_select_still_works(browser, live_server, world):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, world.users["owner_member"].username)
        page.goto(f"/oppfolging/tiltak/{world.action.pk}/rediger/")
        # only the <select> (a combobox too): the switched-off search field is hidden from assistive technology
        expect(page.get_by_role("combobox", name="Ansvarlig organisasjon")).to_have_count(1)
        select = page.locator("select[name=owner_organisation]")
        expect(select).to_be_visible()
        expect(page.locator(".combobox-ui").first).to_be_hidden()
        select.select_option(label="Nord universitet")
        page.get_by_role("button", name="Lagre").click()
        expect(page.locator("h1")).to_have_text("Kartlegge delte stillinger")
        assert Action.objects.get(pk=world.action.pk).owner_organisation == world.nord
    finally:
        context.close()
