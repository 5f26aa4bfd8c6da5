"""The case form's searchable municipality select (issue 18): search by name, grouped by county, for who may
register or edit the case."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from samskap.directory.models import Municipality
from samskap.knowledge import actions
from samskap.knowledge.tests.factories import COMPLETE, municipalities


def groups(html: str) -> dict[str, list[str]]:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return {g.get("aria-label"): [o.text_content().strip() for o in g.xpath("./div[@role='option']")]
            for g in root.xpath("./div[@role='group']")}


def test_municipalities_are_found_by_name_and_grouped_by_county(client, contact_steinkjer) -> None:
    client.force_login(contact_steinkjer.user)
    url = reverse("knowledge:case_options")
    steinkjer = Municipality.objects.select_related("county").get(code="5006")
    found = groups(client.get(url, {"field": "municipalities", "q": "STEINKJ"}).content.decode())
    assert found == {steinkjer.county.name: ["Steinkjer"]}
    html = client.get(url, {"field": "municipalities", "q": ""}).content.decode()
    assert sum(len(names) for names in groups(html).values()) == 20
    assert list(groups(html)) == sorted(groups(html))  # counties in alphabetical order
    page = client.get(reverse("knowledge:case_create")).content.decode()
    assert f'data-options-url="{url}?field=municipalities"' in page
    assert "Hold inne Ctrl" in page  # for browsers without JavaScript, inside <noscript>


def test_who_may_not_register_or_edit_gets_no_options(client, contact_steinkjer, contact_namsos, researcher) -> None:
    url = reverse("knowledge:case_options")
    assert client.get(url, {"field": "municipalities"}).status_code == 302
    client.force_login(researcher.user)
    assert client.get(url, {"field": "municipalities"}).status_code == 403
    case = actions.create_case(COMPLETE, municipalities("5006"), actor=contact_steinkjer.user)
    edit_url = reverse("knowledge:case_edit_options", args=[case.pk])
    client.force_login(contact_namsos.user)
    assert client.get(edit_url, {"field": "municipalities"}).status_code == 403
    client.force_login(contact_steinkjer.user)
    assert "Steinkjer" in client.get(edit_url, {"field": "municipalities", "q": "stein"}).content.decode()
    assert client.get(edit_url, {"field": "title"}).status_code == 404


@pytest.mark.browser
def test_the_case_form_picks_municipalities_with_the_keyboard(page, contact_steinkjer) -> None:
    from playwright.sync_api import expect

    from samskap.conftest import assert_no_axe_violations, login

    login(page, contact_steinkjer.user.username)
    page.goto(reverse("knowledge:case_create"))
    chips = page.locator(".combobox-chips button")
    expect(chips).to_have_text(["Steinkjer"])  # the contact's own municipality, as the <select> had it
    combobox = page.get_by_role("combobox", name="Kommuner")
    combobox.fill("snåsa")
    expect(page.get_by_role("option", name="Snåase - Snåsa")).to_be_visible()
    combobox.press("ArrowDown")
    assert_no_axe_violations(page)
    combobox.press("Enter")
    expect(chips).to_have_text(["Steinkjer", "Snåase - Snåsa"])
    values = page.locator("input[type=hidden][name=municipalities]").evaluate_all("els => els.map(e => e.value)")
    assert sorted(values) == sorted(str(m.pk) for m in Municipality.objects.filter(code__in=["5006", "5041"]))
