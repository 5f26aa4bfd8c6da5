"""Real headless Chromium: an outlook chart is read as an image with a text alternative, axe finds nothing."""

import pytest

from samskap.conftest import assert_no_axe_violations
from samskap.outlook import actions
from samskap.outlook.shipped import fixture_bytes

pytestmark = pytest.mark.browser


@pytest.fixture
def outlook_data(reference):
    actions.import_jsonstat(fixture_bytes("sample_projection_3alt.json"), actor=actions.SYSTEM)
    actions.import_jsonstat(fixture_bytes("07459_2022_kommuner_totals_jsonstat2.json"), actor=actions.SYSTEM)
    actions.import_flat_csv(fixture_bytes("14288_fylker_2024-2050_3alt.csv"),
                            source_name="14288_fylker_2024-2050_3alt.csv", actor=actions.SYSTEM)


def test_municipality_outlook_chart_and_its_table(page, outlook_data):
    response = page.goto("/utsikter/5006/")
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Befolkningsutsikter: Steinkjer"
    chart = page.get_by_role("img", name="Befolkning etter aldersgruppe, Steinkjer", exact=True)
    assert chart.count() == 1 and chart.is_visible()
    assert chart.evaluate("svg => svg.tagName.toLowerCase()") == "svg"
    assert "80 år og eldre endres fra 1 000 til 1 800" in chart.locator("desc").text_content().replace("\xa0", " ")
    assert chart.get_attribute("aria-describedby") == "outlook-age-desc"
    assert chart.evaluate("svg => svg.getBoundingClientRect().width") > 200
    table = page.get_by_role("table", name="Befolkning etter aldersgruppe, Steinkjer (hovedalternativet, MMMM)")
    assert table.count() == 1
    row = table.get_by_role("row", name="80 år og over")
    cells = [text.replace("\xa0", " ") for text in row.get_by_role("cell").all_inner_texts()]
    assert cells == ["1 000", "1 300", "1 600", "1 800", "+80 %"]
    compare = page.get_by_role("img", name="Endring i alle aldre sammenlignet med fylket og landet (indeks, 2024 = 100)")
    assert compare.count() == 1
    compare_table = page.get_by_role("table", name="Endring i alle aldre sammenlignet med fylket og landet "
                                                   "(indeks, 2024 = 100)")
    areas = [text.strip() for text in compare_table.get_by_role("rowheader").all_inner_texts()]
    assert areas == ["Steinkjer", "Trøndelag - Trööndelage", "Norge*"]  # the country is the sum of its counties
    assert page.get_by_role("link", name="Namsos - Nåavmesjenjaelmie").count() >= 1  # a similar municipality
    assert_no_axe_violations(page)


def test_index_directory_panel_and_empty_page_have_no_axe_violations(page, outlook_data):
    for url in ["/utsikter/", "/utsikter/?county=50", "/kommuner/5006/", "/kommuner/0301/", "/utsikter/0301/"]:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, url
        assert_no_axe_violations(page)
    page.goto("/kommuner/5006/")
    page.get_by_role("link", name="Befolkningsutsikter for Steinkjer").click()
    page.wait_for_url("**/utsikter/5006/")
    page.click(".lang-menu summary")
    page.click('.lang-menu button[value="nn"]')
    page.wait_for_load_state()
    assert page.get_by_role("img", name="Folketal etter aldersgruppe, Steinkjer").count() == 1
    assert_no_axe_violations(page)


@pytest.fixture
def real_data(reference):
    actions.import_csv(fixture_bytes("population_by_age_municipalities_2005-2026.csv"), actor=actions.SYSTEM)
    actions.import_csv(fixture_bytes("14746_telemark_projections_2026-2050.csv"), actor=actions.SYSTEM)


def test_index_map_beside_the_table_and_a_telemark_page(page, real_data):
    response = page.goto("/utsikter/?indicator=share_80&county=40")
    assert response.status == 200
    chart = page.get_by_role("img", name="Kart over kommunene: Andel 80 år og over (%)", exact=True)
    assert chart.count() == 1 and chart.is_visible()
    assert chart.evaluate("svg => svg.getBoundingClientRect().width") > 150
    coloured = page.locator("svg.outlook-map path:not([fill='#d9d9d9'])")
    assert coloured.count() == 17  # the Telemark municipalities; the others are grey
    table = page.get_by_role("table", name="Kommuner med befolkningstall")
    assert table.get_by_role("row").count() == 18
    assert_no_axe_violations(page)
    page.get_by_label("Søk").fill("skien")
    page.get_by_label("Fylke").select_option(label="Alle fylker")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_load_state()
    assert page.get_by_role("link", name="Skien", exact=True).count() == 1
    page.get_by_role("link", name="Skien", exact=True).click()
    page.wait_for_url("**/utsikter/4003/")
    band = page.get_by_role("img", name="Folketall, Skien: registrert og framskrevet (SSBs framskriving, 2026-runden)")
    assert band.count() == 1
    assert page.get_by_role("img", name="Registrert folketall, Skien, 2005–2026").count() == 1
    assert_no_axe_violations(page)
