"""Searchable selects for long lists (issue 18): the read-only options endpoints of the action and outcome-row
forms search by name (case- and accent-blind), group by type, stop at 20 and offer only the form's own choices."""

from __future__ import annotations

import lxml.html
import pytest
from django.urls import reverse

from samskap.core.options import fold
from samskap.directory.models import Organisation, OrgType
from samskap.followup.models import Action
from samskap.followup.tests import factories


def options(client, url: str, field: str, q: str = "") -> dict[str, list[tuple[str, str]]]:
    """The listbox the endpoint answers with: {group label: [(value, label), ...]}."""
    response = client.get(url, {"field": field, "q": q})
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    html = response.content.decode()
    if not html.strip():
        return {}
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    groups: dict[str, list[tuple[str, str]]] = {}
    for group in root.xpath("./div[@role='group']"):
        groups[group.get("aria-label", "")] = [(o.get("data-value"), o.text_content().strip())
                                               for o in group.xpath("./div[@role='option']")]
    return groups


def labels(groups: dict[str, list[tuple[str, str]]]) -> list[str]:
    return [label for group in groups.values() for _value, label in group]


def test_fold_ignores_case_and_norwegian_letters() -> None:
    assert fold("Bærum") == fold("BAERUM") == "baerum"
    assert fold("TROMSØ") == fold("tromso") == "tromso"
    assert fold("Ålesund") == fold("alesund")
    assert fold("  Nord   Universitet ") == "nord universitet"
    assert fold("Kåfjord Gáivuotna") == "kafjord gaivuotna"


@pytest.mark.postgres
def test_action_owner_is_found_by_part_of_its_name_whatever_the_case_or_letters(client, world) -> None:
    Organisation.objects.get_or_create(name="Tromsø kommune", defaults={"org_type": OrgType.MUNICIPALITY})
    Organisation.objects.get_or_create(name="Bærum kommune", defaults={"org_type": OrgType.MUNICIPALITY})
    client.force_login(world.users["coordinator"])
    url = reverse("followup:action_options", args=[world.action.pk])
    for q in ("tromsø", "TROMSO", "troms"):
        assert "Tromsø kommune" in labels(options(client, url, "owner_organisation", q)), q
    assert labels(options(client, url, "owner_organisation", "baerum kom")) == ["Bærum kommune"]
    assert labels(options(client, url, "owner_organisation", "BÆR")) == ["Bærum kommune"]
    assert options(client, url, "owner_organisation", "finnes ikke") == {}
    assert "Ingen treff" in client.get(url, {"field": "owner_organisation", "q": "finnes ikke"}).content.decode()


@pytest.mark.postgres
def test_options_are_grouped_by_type_in_a_fixed_order_names_starting_with_the_text_first(client, world) -> None:
    Organisation.objects.get_or_create(name="Steinkjer Næringsselskap AS", defaults={"org_type": OrgType.COMPANY})
    Organisation.objects.get_or_create(name="Forskningsstein", defaults={"org_type": OrgType.RESEARCH_INSTITUTE})
    Organisation.objects.get_or_create(name="Bystein sykehus", defaults={"org_type": OrgType.HOSPITAL})
    Organisation.objects.get_or_create(name="Innherred stein", defaults={"org_type": OrgType.MUNICIPALITY})
    client.force_login(world.users["coordinator"])
    groups = options(client, reverse("followup:action_options", args=[world.action.pk]), "owner_organisation",
                     "stein")
    assert list(groups) == ["Kommuner", "Forskningsinstitutter", "Helseforetak", "Selskaper"]
    # the name starts with it, then a word does, then it is inside a word
    assert labels({"": groups["Kommuner"]})[:3] == ["Steinkjer kommune", "Innherred stein", "Ulstein kommune"]
    assert labels({"": groups["Selskaper"]}) == ["Steinkjer Næringsselskap AS"]
    assert Organisation.objects.get(name="Steinkjer kommune").pk == int(groups["Kommuner"][0][0])


def test_group_names_follow_the_language(client, world) -> None:
    client.force_login(world.users["coordinator"])
    url = reverse("followup:action_options", args=[world.action.pk])
    client.cookies["django_language"] = "nn"
    assert "Kommunar" in options(client, url, "owner_organisation", "steinkjer")
    client.cookies["django_language"] = "en"
    assert "Municipalities" in options(client, url, "owner_organisation", "steinkjer")
    assert "Universities and university colleges" in options(client, url, "owner_organisation", "nord")


@pytest.mark.postgres
def test_at_most_twenty_options_and_a_note_that_there_are_more(client, world) -> None:
    for i in range(30):
        Organisation.objects.get_or_create(name=f"Testbedrift {i:02} AS", defaults={"org_type": OrgType.COMPANY})
    client.force_login(world.users["coordinator"])
    url = reverse("followup:action_options", args=[world.action.pk])
    found = labels(options(client, url, "owner_organisation", "testbedrift"))
    assert found == [f"Testbedrift {i:02} AS" for i in range(20)]
    html = client.get(url, {"field": "owner_organisation", "q": "testbedrift"}).content.decode()
    assert "20 av 30" in html
    assert len(labels(options(client, url, "owner_organisation", "testbedrift 2"))) == 12  # 02, 12, 20-29
    assert "av 30" not in client.get(url, {"field": "owner_organisation", "q": "testbedrift 2"}).content.decode()


@pytest.mark.postgres
def test_only_the_form_fields_own_choices_are_offered(client, world) -> None:
    """A non-coordinator may make responsible only the organisations taking part; the endpoint offers no more."""
    Organisation.objects.get_or_create(name="Langt Unna AS", defaults={"org_type": OrgType.COMPANY})
    url = reverse("followup:action_options", args=[world.action.pk])
    client.force_login(world.users["owner_member"])
    offered = labels(options(client, url, "owner_organisation"))
    assert "Steinkjer kommune" in offered and "Langt Unna AS" not in offered
    assert options(client, url, "owner_organisation", "langt unna") == {}
    client.force_login(world.users["coordinator"])
    assert labels(options(client, url, "owner_organisation", "langt unna")) == ["Langt Unna AS"]


@pytest.mark.postgres
def test_outcome_row_people_are_only_the_workshops_people(client, world) -> None:
    """Actors of a row are the workshop's registrations (the form's queryset): not everyone in the directory."""
    client.force_login(world.users["note_taker"])
    for url in (reverse("followup:row_options", args=[world.row.pk]),
                reverse("followup:group_options", args=[world.group.pk])):
        groups = options(client, url, "actor_people")
        assert list(groups) == ["Personer"]
        offered = labels(groups)
        assert any(label.startswith("Nina Notat") for label in offered)
        assert not any(label.startswith("Frida Frilans") for label in offered)  # not at the workshop
        assert options(client, url, "actor_people", "frida") == {}
        # people are found by their organisation's name too
        assert any(label.startswith("Nina Notat") for label in labels(options(client, url, "actor_people", "nord")))
        assert labels(options(client, url, "actor_organisations", "nord universitet")) == ["Nord universitet"]


@pytest.mark.parametrize("role,status", [("other", 403), ("host", 403), ("anonymous", 302)])
def test_who_may_not_edit_gets_no_options(client, world, role, status) -> None:
    if role != "anonymous":
        client.force_login(world.users[role])
    for url, field in ((reverse("followup:action_options", args=[world.action.pk]), "owner_organisation"),
                       (reverse("followup:row_options", args=[world.row.pk]), "actor_people"),
                       (reverse("followup:group_options", args=[world.group.pk]), "actor_people")):
        response = client.get(url, {"field": field, "q": ""})
        assert response.status_code == status, url
        assert "Nina Notat" not in response.content.decode()


def test_new_action_options_need_the_right_to_make_an_action(client, world) -> None:
    url = reverse("followup:action_create_options", args=[world.row.pk])
    client.force_login(world.users["other"])
    assert client.get(url, {"field": "owner_organisation"}).status_code == 403
    client.force_login(world.users["note_taker"])
    assert "Steinkjer kommune" in labels(options(client, url, "owner_organisation", "steinkjer"))


@pytest.mark.postgres
@pytest.mark.parametrize("q", ["%", "_", "' OR 1=1 --", "\x00", "a\x00b", "<script>alert(1)</script>", "x" * 10_000,
                               "\\", "ø" * 500, "🙂", "  ", "%%__"])
def test_hostile_search_text_gives_no_error(client, world, q) -> None:
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("followup:action_options", args=[world.action.pk]),
                          {"field": "owner_organisation", "q": q})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("field", ["", "title", "status", "version", "__class__", "owner_organisation\x00", "nope"])
def test_only_searchable_fields_have_options(client, world, field) -> None:
    client.force_login(world.users["coordinator"])
    response = client.get(reverse("followup:action_options", args=[world.action.pk]), {"field": field, "q": "a"})
    assert response.status_code == 404


def test_names_are_escaped(client, world) -> None:
    Organisation.objects.get_or_create(name="<b>Fet</b> & Co AS", defaults={"org_type": OrgType.COMPANY})
    client.force_login(world.users["coordinator"])
    html = client.get(reverse("followup:action_options", args=[world.action.pk]),
                      {"field": "owner_organisation", "q": "fet"}).content.decode()
    assert "&lt;b&gt;Fet&lt;/b&gt; &amp; Co AS" in html and "<b>" not in html


def test_the_endpoint_only_reads(client, world) -> None:
    client.force_login(world.users["coordinator"])
    url = reverse("followup:action_options", args=[world.action.pk])
    assert client.post(url, {"field": "owner_organisation", "q": "x"}).status_code == 405
    before = Action.objects.get(pk=world.action.pk)
    client.get(url, {"field": "owner_organisation", "q": "nord"})
    after = Action.objects.get(pk=world.action.pk)
    assert (after.version, after.owner_organisation_id, after.updated_at) == (
        before.version, before.owner_organisation_id, before.updated_at)


def test_the_page_keeps_the_select_for_browsers_without_javascript(client, world) -> None:
    """The form renders the usual <select> (posting as before) and, switched off until the script runs, the
    combobox with its hidden inputs; posting the select's value saves as before."""
    client.force_login(world.users["coordinator"])
    url = reverse("followup:action_edit", args=[world.action.pk])
    page = lxml.html.fromstring(client.get(url).content.decode())
    select = page.xpath("//select[@name='owner_organisation']")[0]
    assert select.get("id") == "id_owner_organisation"
    assert len(select.xpath("./option")) == Organisation.objects.count() + 1  # and the empty choice
    widget = select.getparent()
    assert widget.get("data-options-url") == reverse("followup:action_options", args=[world.action.pk]) + (
        "?field=owner_organisation")
    ui = widget.xpath(".//div[@class='combobox-ui']")[0]
    assert ui.get("hidden") is not None
    hidden = ui.xpath(".//input[@type='hidden'][@name='owner_organisation']")[0]
    assert hidden.get("disabled") is not None and hidden.get("value") == str(world.steinkjer.pk)
    combobox = ui.xpath(".//input[@role='combobox']")[0]
    assert combobox.get("aria-controls") == "id_owner_organisation_listbox"
    assert combobox.get("value") == "Steinkjer kommune"

    action = world.action
    response = client.post(url, {"title": action.title, "owner_organisation": world.nord.pk,
                                 "due_date": action.due_date.isoformat(), "status": action.status,
                                 "version": action.version})
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).owner_organisation == world.nord


def test_a_rows_multiple_select_shows_its_chosen_actors_as_chips(client, world) -> None:
    client.force_login(world.users["note_taker"])
    html = client.get(reverse("followup:group", args=[world.group.pk])).content.decode()
    page = lxml.html.fromstring(html)
    name = f"row-{world.row.pk}-actor_organisations"
    widget = page.xpath(f"//select[@name='{name}']")[0].getparent()
    assert widget.get("data-multiple") is not None
    chips = widget.xpath(".//ul[@class='combobox-chips']/li")
    assert sorted(li.xpath("./button")[0].text_content() for li in chips) == ["Nord universitet", "Steinkjer kommune"]
    assert sorted(li.xpath("./input[@type='hidden']")[0].get("value") for li in chips) == sorted(
        [str(world.nord.pk), str(world.steinkjer.pk)])
    assert all(li.xpath("./input")[0].get("name") == name for li in chips)
    assert chips[0].xpath("./button")[0].get("aria-label").startswith("Fjern ")


def test_people_offered_without_an_organisation_too(client, world) -> None:
    loner = factories.person("Ola Uten Org", None)
    factories.registration(world.workshop.event, loner)
    client.force_login(world.users["note_taker"])
    assert labels(options(client, reverse("followup:row_options", args=[world.row.pk]), "actor_people", "uten org")) == [
        "Ola Uten Org"]


def test_benefit_owner_options_for_who_may_update_the_action(client, world) -> None:
    url = reverse("followup:benefit_options", args=[world.action.pk])
    client.force_login(world.users["other"])
    assert client.get(url, {"field": "owner_organisation", "q": "nord"}).status_code == 403
    client.force_login(world.users["owner_member"])
    assert labels(options(client, url, "owner_organisation", "nord univ")) == ["Nord universitet"]
    assert any(label.startswith("Frida Frilans") for label in labels(options(client, url, "owner_person", "frida")))
    html = client.get(reverse("followup:action", args=[world.action.pk])).content.decode()
    assert f'data-options-url="{url}?field=benefit-owner_organisation"' not in html
    assert f'data-options-url="{url}?field=owner_organisation"' in html
