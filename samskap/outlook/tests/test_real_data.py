"""SSB's observed population by age group for every municipality, the 14746 projections, the code-change table
with its split weights, and what the pages and the index make of them."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from samskap.outlook import actions, maps, tables
from samskap.outlook.models import DataImport, PopulationFigure
from samskap.outlook.shipped import fixture_bytes, shipped_code_changes

OBSERVED = "population_by_age_municipalities_2005-2026.csv"
TELEMARK = "14746_telemark_projections_2026-2050.csv"
HEADER = "municipality_code,year,age_group,population_jan1\n"


def rows(code: str, year: int, values=(10, 20, 5, 30, 40, 9, 4, 1)) -> str:
    groups = ("0-5", "6-15", "16-19", "20-44", "45-66", "67-79", "80-89", "90+")
    return "".join(f"{code},{year},{g},{v}\n" for g, v in zip(groups, values, strict=True))


@pytest.fixture
def observed(reference):
    return actions.import_csv(fixture_bytes(OBSERVED), source_name=OBSERVED, actor=actions.SYSTEM,
                              title="Observed (SSB via FHI csdata)", publisher="Statistisk sentralbyrå")


def test_the_observed_file_covers_every_municipality_with_real_figures(observed):
    assert observed.municipalities == 357 and observed.years == list(range(2005, 2027))
    assert observed.series == ["observed"] and not observed.illustrative
    oslo = {f.age_group: f.value for f in PopulationFigure.objects.filter(municipality_id="0301", year=2026)}
    # 0-19 = 0-5 + 6-15 + 16-19 and 80+ = 80-89 + 90+, as in the file
    text = fixture_bytes(OBSERVED).decode()
    oslo_rows = {line.split(",")[2]: int(line.split(",")[3]) for line in text.splitlines()
                 if line.startswith("0301,2026,")}
    assert oslo["0-19"] == oslo_rows["0-5"] + oslo_rows["6-15"] + oslo_rows["16-19"]
    assert oslo["80+"] == oslo_rows["80-89"] + oslo_rows["90+"]
    assert oslo["total"] == sum(oslo_rows.values())


def test_municipality_page_says_observed_and_names_ssb(observed, client):
    page = client.get("/utsikter/4001/").content.decode()  # Porsgrunn, no projection loaded
    assert "Registrert folketall" in page and "Statistisk sentralbyrå (SSB)" in page
    assert "2005–2026" in page and 'id="outlook-history-title"' in page
    assert re.search(r"Eldrebrøk 2026 \(registrert", page)
    # no projection: say so and how to load SSB's
    assert "Ingen framskriving fra SSB er lastet for Porsgrunn" in page and "samskap outlook import --from-ssb" in page
    assert 'id="outlook-band-title"' not in page


def test_telemark_projection_is_genuine_with_a_band_and_its_round(observed, client):
    report = actions.import_csv(fixture_bytes(TELEMARK), source_name=TELEMARK, actor=actions.SYSTEM)
    assert report.table_id == "14746" and report.projection_round == 2026 and report.municipalities == 17
    assert report.series == ["HHMH", "LLML", "MMMM"] and not report.illustrative
    assert any("Telemark" in note for note in report.notes)  # county and country rows left out, and said so
    assert not PopulationFigure.objects.filter(level="county").exists()
    page = client.get("/utsikter/4001/").content.decode()
    assert 'id="outlook-band-title"' in page and "SSBs framskriving, 2026-runden" in page
    assert "tabell 14746" in page and "Ingen framskriving fra SSB" not in page
    assert "illustrerende" not in page.lower()
    assert "Hovedalternativet (MMMM)" in page and "Lav nasjonal vekst (LLML)" in page
    # 80+ in 2050 (high alternative) as in the file: 80-89 + 90+
    text = fixture_bytes(TELEMARK).decode()
    expected = sum(int(line.split(",")[4]) for line in text.splitlines()
                   if line.startswith("Porsgrunn,Høy nasjonal vekst (HHMH),2050,8")
                   or line.startswith("Porsgrunn,Høy nasjonal vekst (HHMH),2050,90"))
    assert PopulationFigure.objects.get(municipality_id="4001", series="HHMH", year=2050, age_group="80+").value \
        == expected


def test_illustrative_projection_is_labelled_with_how_to_load_the_real_one(reference, client):
    actions.import_jsonstat(fixture_bytes("illustrative_projection_trondelag_2024-2050.json"), actor=actions.SYSTEM)
    page = client.get("/utsikter/5006/").content.decode()
    assert "Illustrerende framskriving (ikke SSBs)" in page
    assert "samskap outlook import --from-ssb" in page and "14746" in page


def test_old_codes_are_mapped_with_the_split_weights_and_reported(reference):
    # 1613 Snillfjord (until 2017) was split into 5055, 5056 and 5059 with weights 0.35, 0.35 and 0.3 in the
    # shipped table; 0101 Halden (until 2019) is 3101 today.
    data = (HEADER + rows("1613", 2010, (100, 200, 50, 300, 400, 90, 40, 20)) + rows("0101", 2010)).encode()
    report = actions.import_csv(data, source_name="old.csv", actor=actions.SYSTEM)
    assert report.split == {"1613": ["5055", "5056", "5059"]} and report.renamed == {"0101": "3101"}
    assert any("1613 -> 5055, 5056, 5059" in line for line in report.lines())
    parts = dict(PopulationFigure.objects.filter(year=2010, age_group="total", municipality_id__in=["5055", "5056", "5059"])
                 .values_list("municipality_id", "value"))
    assert sum(parts.values()) == 1200 and parts == {"5055": 420, "5056": 420, "5059": 360}
    assert PopulationFigure.objects.get(municipality_id="3101", year=2010, age_group="total").value == 119


def test_shipped_tables_keep_the_population_weights_for_alesund():
    targets = [(c.new, c.weight) for c in shipped_code_changes() if c.old == "1507"]
    assert targets == [("1508", 58509.0), ("1580", 9357.0)]  # Samskap's table first, not csdata's 0.5/0.5
    assert {c.new for c in shipped_code_changes() if c.old == "1613"} == {"5055", "5056", "5059"}


@pytest.mark.parametrize("body, message", [
    (rows("5006", 2024).replace("5006,2024,6-15,20", "5006,2024,6-15,=1+2"), "Rad 11: «=1+2» er ikke et antall personer."),
    (rows("5006", 2024).replace("5006,2024,90+,1", "5006,2024,60-70,1"), "Rad 17: aldersgruppen «60-70» kan ikke leses eller spenner over to"),
    (rows("5006", 2024).replace("5006,2024,0-5,10", "5006,20x4,0-5,10"), "Rad 10: «20x4» er ikke et årstall."),
    (rows("5006", 2024).replace("5006,2024,67-79,9\n", ""), "5006 2024: aldersgruppene dekker ikke"),
    (rows("5006", 2024) + rows("5006", 2024)[:16], "Rad 18: 5006 2024 0-5 står to ganger."),
])
def test_a_bad_file_is_refused_by_row_and_nothing_is_imported(reference, settings, body, message):
    from django.utils import translation

    before = DataImport.objects.count()
    with translation.override("nb"), pytest.raises(actions.OutlookImportError) as excinfo:
        actions.import_csv((HEADER + rows("5007", 2024) + body).encode(), actor=actions.SYSTEM)
    text = " ".join(excinfo.value.messages)  # the header is row 1, the file's own rows for 5007 rows 2-9
    assert message in text, text
    assert DataImport.objects.count() == before and not PopulationFigure.objects.exists()


def test_a_coordinator_may_import_and_a_contact_may_not(reference, coordinator, contact_steinkjer):
    from django.core.exceptions import PermissionDenied

    data = (HEADER + rows("5006", 2024)).encode()
    with pytest.raises(PermissionDenied):
        actions.import_csv(data, actor=contact_steinkjer.user)
    assert actions.import_csv(data, actor=coordinator.user).municipalities == 1


def test_projection_regions_by_name_number_and_refused_when_unknown(reference):
    names = {"Porsgrunn": "4001"}
    head = "region,statistikkvariabel,år,alder,value\n"
    ages = ("0-19 år", "20-66 år", "67-79 år", "80 år eller eldre")
    body = "".join(f"{region},Hovedalternativet (MMMM),2030,{age},{v}\n"
                   for region in ("Porsgrunn", "4003 Skien") for age, v in zip(ages, (1, 2, 3, 4), strict=True))
    table = tables.parse_projection_csv(head + body, names, table_id="14746")
    assert table.cells[("4001", 2030, "total", "MMMM")] == 10 and table.cells[("4003", 2030, "80+", "MMMM")] == 4
    with pytest.raises(tables.JsonStatError) as excinfo:
        tables.parse_projection_csv(head + body.replace("Porsgrunn", "Atlantis"), names)
    assert "Row 2" in str(excinfo.value) and "Atlantis" in str(excinfo.value)


def test_import_command_reads_the_csv_and_reports_the_mapping(reference, tmp_path, capsys):
    path = tmp_path / "old.csv"
    path.write_text(HEADER + rows("0101", 2010))
    call_command("outlook", "import", str(path))
    out = capsys.readouterr().out
    assert "1 municipalities" in out and "0101->3101" in out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "5006,2024,0-5,lots\n")
    with pytest.raises(CommandError, match="Row 2"):
        call_command("outlook", "import", str(bad))


def test_index_search_county_sort_and_map(observed, client):
    page = client.get("/utsikter/?q=pors").content.decode()
    assert 'href="/utsikter/4001/"' in page and 'href="/utsikter/0301/"' not in page
    telemark = client.get("/utsikter/?county=40&sort=-population").content.decode()
    links = re.findall(r'<th scope="row"><a class="ds-link" href="/utsikter/(\d{4})/"', telemark)
    assert len(links) == 17 and links[:2] == ["4003", "4001"]  # Skien, then Porsgrunn
    assert 'aria-sort="descending"' in telemark
    by_ratio = client.get("/utsikter/?sort=ratio_now&indicator=share_80").content.decode()
    ratio_links = re.findall(r'<th scope="row"><a class="ds-link" href="/utsikter/(\d{4})/"', by_ratio)
    assert len(ratio_links) == 357
    ratios = [PopulationFigure.objects.filter(municipality_id=c, year=2026, series="observed") for c in ratio_links[:3]]
    values = []
    for figures in ratios:
        groups = {f.age_group: f.value for f in figures}
        values.append((groups["67-79"] + groups["80+"]) / groups["20-66"])
    assert values == sorted(values)
    assert 'class="outlook-map"' in by_ratio and "Kart over kommunene: Andel 80 år og over (%)" in by_ratio
    assert by_ratio.count("<path ") == len(maps.shapes()["paths"]) == 356  # Haram shares Ålesund's 2020 shape
    assert "Haram har ingen egen flate på kartet" in by_ratio


def test_map_classes_cover_every_value():
    legend = maps.classes([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0])
    assert legend[0].low == 1.0 and legend[-1].high == 10.0 and len(legend) == 5
    assert maps.colour_of(1.0, legend) == maps.PALETTE[0] and maps.colour_of(10.0, legend) == maps.PALETTE[-1]
    assert maps.colour_of(None, legend) == maps.NO_DATA
    assert len(maps.classes([3.0, 3.0, 3.0])) == 1
