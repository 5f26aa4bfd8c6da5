"""The funding pages in real headless Chromium: they work and axe finds no WCAG 2.1 A/AA violations."""

import io

import pytest

from samskap.conftest import assert_no_axe_violations, login
from samskap.funding import demo
from samskap.funding.models import Instrument


@pytest.mark.browser
def test_list_detail_and_form_are_accessible(page, coordinator):
    demo.load(io.StringIO())
    page.goto("/finansiering/")
    assert page.locator("h1").count() == 1
    table = page.get_by_role("table")
    assert table.get_by_role("link", name="DigiFin – KS sitt digitaliseringsfond").is_visible()
    assert_no_axe_violations(page)

    page.select_option("select[name=applicant]", "company")
    page.check("input[name=open_only]")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    table = page.get_by_role("table")
    assert table.get_by_role("link", name="Innovasjonskontrakter (Innovasjon Norge)").is_visible()
    assert table.get_by_role("link", name="DigiFin – KS sitt digitaliseringsfond").count() == 0
    assert_no_axe_violations(page)

    nynorsk = Instrument.objects.get(name="Kvalifiseringsprosjekt for offentleg sektor (Møre og Romsdal)")
    page.goto(f"/finansiering/{nynorsk.pk}/")
    assert page.locator("h1[lang=nn]").inner_text() == nynorsk.name
    assert page.get_by_text("kommuner kan søke; frist 2027-03-03").first.is_visible()
    assert_no_axe_violations(page)

    login(page, coordinator.user.username)
    page.goto(f"/finansiering/{nynorsk.pk}/rediger/")
    assert page.locator("fieldset legend").count() == 1
    assert_no_axe_violations(page)


@pytest.mark.browser
def test_list_on_a_phone_shows_each_deadline_once_and_fits(page):
    demo.load(io.StringIO())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/finansiering/")
    heading = page.locator("h1")
    assert heading.inner_text() == "Finansieringsordninger"
    box = heading.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("() => [...document.querySelectorAll('h1')].every(h => h.scrollWidth <= h.clientWidth)")
    # The deadline is in its own column; the eligibility column does not repeat it.
    reasons = page.locator("table tbody tr td:nth-child(4)").all_inner_texts()
    assert reasons and not any("frist " in r for r in reasons)
