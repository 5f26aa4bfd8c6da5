"""Searchable selects on the opportunity form (issue 18): the options endpoints offer the form's own choices only."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from samskap.directory.models import Organisation, OrgType, Person
from samskap.opportunities.tests import factories


def options(client, url: str, field: str, q: str = "") -> dict[str, list[str]]:
    response = client.get(url, {"field": field, "q": q})
    assert response.status_code == 200
    html = response.content.decode()
    if "role=\"group\"" not in html:
        return {}
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return {group.get("aria-label"): [o.text_content().strip() for o in group.xpath("./div[@role='option']")]
            for group in root.xpath("./div[@role='group']")}


@pytest.fixture
def far_away(reference):
    institute = Organisation.objects.create(name="Fjernt Forskningsinstitutt", org_type=OrgType.RESEARCH_INSTITUTE)
    Person.objects.create(name="Forsker Fjern", organisation=institute, listed_in_directory=True)
    return institute


def test_a_coordinator_may_pick_any_organisation_grouped_by_type(client, coordinator, far_away) -> None:
    client.force_login(coordinator.user)
    url = reverse("opportunities:create_options")
    assert options(client, url, "organisation", "fjernt") == {"Forskningsinstitutter": ["Fjernt Forskningsinstitutt"]}
    assert options(client, url, "vetting_institution", "FJERNT") == {
        "Forskningsinstitutter": ["Fjernt Forskningsinstitutt"]}
    assert options(client, url, "contact", "fjernt") == {"Personer": ["Forsker Fjern"]}  # by the organisation's name


@pytest.mark.postgres
def test_a_member_may_pick_only_their_own_organisation_and_its_people(client, contact_steinkjer, far_away) -> None:
    client.force_login(contact_steinkjer.user)
    url = reverse("opportunities:create_options")
    assert options(client, url, "organisation", "fjernt") == {}
    assert options(client, url, "organisation") == {"Kommuner": ["Steinkjer kommune"]}
    assert options(client, url, "contact", "forsker") == {}
    assert contact_steinkjer.person.name in options(client, url, "contact")["Personer"]
    # any research organisation may vet, as in the <select>
    assert options(client, url, "vetting_institution", "fjernt") == {
        "Forskningsinstitutter": ["Fjernt Forskningsinstitutt"]}


def test_the_edit_form_options_need_the_right_to_edit(client, contact_steinkjer, contact_namsos, far_away) -> None:
    opportunity = factories.thesis()
    url = reverse("opportunities:edit_options", args=[opportunity.pk])
    client.force_login(contact_namsos.user)
    assert client.get(url, {"field": "contact", "q": ""}).status_code in (403, 404)
    client.force_login(contact_steinkjer.user)
    assert contact_steinkjer.person.name in options(client, url, "contact")["Personer"]
    assert client.get(url, {"field": "organisation", "q": ""}).status_code == 404  # not on the edit form
    assert client.post(url, {"field": "contact"}).status_code == 405


def test_people_without_an_organisation_may_not_ask(client, reference) -> None:
    from samskap.directory.testing import make_persona

    loner = make_persona("eva.enkel", "Eva Enkel")
    client.force_login(loner.user)
    assert client.get(reverse("opportunities:create_options"), {"field": "organisation"}).status_code == 403
    client.logout()
    assert client.get(reverse("opportunities:create_options"), {"field": "organisation"}).status_code == 302
