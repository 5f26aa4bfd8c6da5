"""The index, the municipality page and the panel on the directory's municipality page."""

import re

from django.urls import reverse

from samskap.outlook import actions
from samskap.outlook.shipped import fixture_bytes


def test_urls():
    assert reverse("outlook:index") == "/utsikter/"
    assert reverse("outlook:municipality", args=["5006"]) == "/utsikter/5006/"


def test_pages_without_data(reference, client):
    response = client.get("/utsikter/")
    assert response.status_code == 200 and "Ingen befolkningstall er importert ennå" in response.content.decode()
    page = client.get("/utsikter/5006/").content.decode()
    assert page.count("<h1") == 1 and "Ingen befolkningstall er lagret for Steinkjer ennå" in page
    assert "<svg" not in page
    directory = client.get("/kommuner/5006/").content.decode()
    assert "Befolkningsutsikter" in directory and "Ingen befolkningstall er lagret for denne kommunen ennå" in directory
    assert client.get("/utsikter/9998/").status_code == 404


def test_municipality_page_with_projection_and_comparison(projection_held, client):
    actions.import_flat_csv(fixture_bytes("14288_fylker_2024-2050_3alt.csv"),
                            source_name="14288_fylker_2024-2050_3alt.csv", actor=actions.SYSTEM)
    page = client.get("/utsikter/5006/").content.decode()
    assert page.count("<h1") == 1
    charts = re.findall(r"<svg[^>]*>", page)
    assert len(charts) == 3  # projection band, age groups, whole population vs county and country (80+: none)
    assert all('role="img"' in c and "aria-labelledby" in c and "aria-describedby" in c for c in charts)
    assert '<title id="outlook-age-title">Befolkning etter aldersgruppe, Steinkjer</title>' in page
    assert "Trøndelag - Trööndelage" in page and "Norge" in page
    assert "550" in page and "880" in page  # assumption and FTEs in 2040 (550 x 1600 / 1000)
    assert "0,25" in page  # old-age ratio 2024: 3800 / 15000
    assert "+80 %" in page  # 80+ from 1000 to 1800 by 2050
    assert "Illustrative" not in page and "illustrativ" not in page.lower()
    index = client.get("/utsikter/").content.decode()
    assert "Steinkjer" in index and "+60 %" in index  # 80+ by 2040
    filtered = client.get("/utsikter/?county=15").content.decode()
    assert 'href="/utsikter/1566/"' in filtered and 'href="/utsikter/5006/"' not in filtered  # (the map names all)


def test_directory_panel_shows_the_outlook(projection_held, client):
    page = client.get("/kommuner/5006/").content.decode()
    assert "Befolkningsutsikter" in page and 'href="/utsikter/5006/"' in page and "+60 %" in page


def test_illustrative_figures_are_labelled(reference, client):
    actions.import_jsonstat(fixture_bytes("illustrative_projection_trondelag_2024-2050.json"), actor=actions.SYSTEM)
    page = client.get("/utsikter/1566/").content.decode()
    assert "Illustrerende tall." in page and "ikke SSBs framskriving" in page
    assert "illustrerende" in client.get("/utsikter/").content.decode()
    assert "illustrerende" in client.get("/kommuner/1566/").content.decode()


def test_panel_with_observed_totals_only(reference, client, genuine_07459):
    actions.import_jsonstat(genuine_07459, actor=actions.SYSTEM)
    page = client.get("/kommuner/3101/").content.decode()  # Halden, 3001 in the 2022 file
    assert "Folketall 2022 (registrert)" in page and "None" not in page
    outlook = client.get("/utsikter/3101/").content.decode()
    assert "Folketall 1. januar 2022 (registrert)" in outlook and "<svg" not in outlook
