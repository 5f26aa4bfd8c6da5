"""The network directory respects consent on the page and in every export (CSV, vCard)."""

import csv
import io

import pytest

from samskap.directory.models import County, OrgType
from samskap.followup import actions
from samskap.followup.tests import factories
from samskap.followup.vcard import Contact, escape, fold, vcard


@pytest.fixture
def people(world):
    hunt = factories.organisation("HUNT forskningssenter", OrgType.RESEARCH_INSTITUTE)
    hunt.county = County.objects.get(code="50")
    hunt.save()
    listed = factories.person("Hanne Hunt", hunt, username="hanne.hunt", listed=True)
    listed.position = "Forsker, folkehelse"
    listed.fields_of_interest = "folkehelse, registerdata"
    listed.phone = "+47 900 00 000"
    listed.save()
    tricky = factories.person("Ola; Nordmann, jr.", hunt, listed=True, email="ola@example.no")
    tricky.position = "Leder\nFoU, innovasjon"
    tricky.save()
    return {"listed": listed, "tricky": tricky}


def csv_text_of(client, url):
    response = client.get(url)
    assert response.streaming  # the export is streamed row by row, never held in memory as a whole
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_the_directory_shows_only_people_who_consented(client, world, people):
    client.force_login(world.users["other"])
    html = client.get("/oppfolging/nettverk/").content.decode()
    assert "Hanne Hunt" in html and "Forsker, folkehelse" in html and "mailto:hanne.hunt@example.org" in html
    assert "Nina Notat" in html
    assert "Ulrik Usynlig" not in html  # did not consent
    assert client.get(f"/oppfolging/nettverk/{world.unlisted.pk}.vcf").status_code == 404


def test_exports_respect_consent(client, world, people):
    client.force_login(world.users["other"])
    rows = list(csv.reader(io.StringIO(csv_text_of(client, "/oppfolging/nettverk/nettverk.csv"))))
    assert rows[0] == ["Navn", "Organisasjon", "Type organisasjon", "Fylke", "Stilling", "Interessefelt", "E-post",
                       "Telefon"]
    names = [r[0] for r in rows[1:]]
    assert "Hanne Hunt" in names and "Ulrik Usynlig" not in names
    hanne = next(r for r in rows if r[0] == "Hanne Hunt")
    assert hanne[1] == "HUNT forskningssenter" and hanne[3].startswith("Trøndelag")
    assert hanne[4:] == ["Forsker, folkehelse", "folkehelse, registerdata", "hanne.hunt@example.org",
                         "+47 900 00 000"]
    cards = client.get("/oppfolging/nettverk/nettverk.vcf").content.decode()
    assert cards.count("BEGIN:VCARD") == len(names)
    assert "FN:Hanne Hunt" in cards and "Ulrik" not in cards
    assert "FN:Ola\\; Nordmann\\, jr." in cards and "TITLE:Leder\\nFoU\\, innovasjon" in cards


def test_withdrawing_consent_removes_the_person_at_once(client, world, people):
    client.force_login(world.users["other"])
    assert "Hanne Hunt" in csv_text_of(client, "/oppfolging/nettverk/nettverk.csv")
    actions.withdraw_consent(people["listed"], actor=people["listed"].user)
    assert "Hanne Hunt" not in client.get("/oppfolging/nettverk/").content.decode()
    assert "Hanne Hunt" not in csv_text_of(client, "/oppfolging/nettverk/nettverk.csv")
    assert "Hanne Hunt" not in client.get("/oppfolging/nettverk/nettverk.vcf").content.decode()
    assert client.get(f"/oppfolging/nettverk/{people['listed'].pk}.vcf").status_code == 404


def test_withdraw_from_the_profile_page(client, world):
    client.force_login(world.users["note_taker"])
    profile = client.get("/profil/").content.decode()
    assert "/oppfolging/mine-data/trekk-samtykke/" in profile and "/oppfolging/mine-data/" in profile
    response = client.post("/oppfolging/mine-data/trekk-samtykke/", {"next": "/profil/"})
    assert response.status_code == 302 and response["Location"] == "/profil/"
    world.note_taker.refresh_from_db()
    assert not world.note_taker.listed_in_directory and world.note_taker.consent_at is None


def test_filters(client, world, people):
    client.force_login(world.users["other"])
    html = client.get("/oppfolging/nettverk/?field=registerdata").content.decode()
    assert "Hanne Hunt" in html and "Nina Notat" not in html
    html = client.get(f"/oppfolging/nettverk/?org_type={OrgType.MUNICIPALITY}").content.decode()
    assert "Ola Nordmo" in html and "Hanne Hunt" not in html
    html = client.get("/oppfolging/nettverk/?county=50").content.decode()
    assert "Hanne Hunt" in html and "Ola Nordmo" in html  # Steinkjer kommune lies in Trøndelag
    main = html.split('<main', 1)[1]  # the header names the logged-in user
    assert "Per Forsker" not in main  # NTNU has no county in the test data
    csv_text = csv_text_of(client, "/oppfolging/nettverk/nettverk.csv?field=registerdata")
    assert "Hanne Hunt" in csv_text and "Nina Notat" not in csv_text


def test_the_directory_needs_a_login(client, world):
    assert client.get("/oppfolging/nettverk/").status_code == 302
    assert client.get("/oppfolging/nettverk/nettverk.csv").status_code == 302


def test_vcard_escaping_and_folding():
    assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    card = vcard(Contact(name="Åse Ørnø Ås", organisation="Trøndelag fylkeskommune; avdeling FoU",
                         email="ase@example.no", fields=["folkehelse", "data, register"],
                         title="Rådgiver " + "x" * 120))
    lines = card.split("\r\n")
    assert lines[0] == "BEGIN:VCARD" and lines[1] == "VERSION:3.0" and lines[-2] == "END:VCARD"
    assert "N:Ås;Åse Ørnø;;;" in lines and "ORG:Trøndelag fylkeskommune\\; avdeling FoU" in lines
    assert "CATEGORIES:folkehelse,data\\, register" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = card.replace("\r\n ", "")
    assert "TITLE:Rådgiver " + "x" * 120 in unfolded
    assert fold("ø" * 80).split("\r\n")[1].startswith(" ")


def test_csv_cells_are_not_formulas(world):
    from samskap.followup.vcard import contacts_csv

    data = contacts_csv([Contact(name="=HYPERLINK(\"x\")", organisation="@org", title="-2+3", phone="+47 1")],
                        ["a"] * 8).decode("utf-8-sig")
    assert "'=HYPERLINK" in data and "'@org" in data and "'-2+3" in data and ",+47 1" in data
