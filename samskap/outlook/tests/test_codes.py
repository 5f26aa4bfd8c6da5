"""Mapping old municipality numbers to today's (pure): the genuine 2022 table onto the 2024 structure."""

import csv
import io
from importlib import resources

import pytest

from samskap.outlook.codes import CodeChange, CodeMap, map_table, read_changes, region_kind, split_integer
from samskap.outlook.jsonstat import ParsedTable, parse
from samskap.outlook.shipped import fixture_bytes


def current_codes() -> set[str]:
    text = resources.files("samskap.directory").joinpath("data", "klass131_kommuner.csv").read_text("utf-8")
    return {row["code"] for row in csv.DictReader(io.StringIO(text)) if row["code"] != "9999"}


COUNTIES = {"03", "11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"}


@pytest.fixture(scope="module")
def changes_2024() -> list[CodeChange]:
    return read_changes(fixture_bytes("code_changes_2024.csv").decode("utf-8"))


def test_every_target_of_the_2024_table_is_a_current_municipality(changes_2024):
    current = current_codes()
    assert len(current) == 357
    assert {c.new for c in changes_2024} <= current
    pairs = {(c.old, c.new) for c in changes_2024}
    assert {("3001", "3101"), ("3801", "3901"), ("5401", "5501"), ("3025", "3203"), ("5444", "5605")} <= pairs


def test_genuine_2022_table_maps_onto_the_357_municipalities_of_2024(genuine_07459, changes_2024):
    table = parse(genuine_07459)
    result = map_table(table, CodeMap(changes_2024, current_codes()), COUNTIES)
    assert result.unmapped == {}
    assert set(result.skipped) == {"21-22", "23", "Rest"} and result.skipped_persons == 0
    assert result.municipality_codes == current_codes()
    assert len(result.renamed) == 113 and result.renamed["3001"] == "3101" and result.renamed["5401"] == "5501"
    assert result.split == {"1507": ["1508", "1580"]}
    old = {key[0]: value for key, value in table.cells.items()}
    new = {key[0]: value for key, value in result.municipality_cells.items()}
    assert sum(new.values()) == sum(old.values()) == 5_425_270
    assert new["3101"] == old["3001"] and new["3901"] == old["3801"] and new["5501"] == old["5401"]
    assert new["5006"] == old["5006"]  # unchanged codes stay
    assert new["1508"] + new["1580"] == old["1507"]
    assert new["1580"] == round(old["1507"] * 9357 / (58509 + 9357))


def test_merged_codes_are_summed_and_chains_followed():
    table = ParsedTable(table_id="t", title="t", regions={"5004": "Steinkjer", "5039": "Verran", "1601": "Trondheim"},
                        cells={("5004", 2019, "total", "observed"): 22000, ("5039", 2019, "total", "observed"): 2400,
                               ("1601", 2017, "total", "observed"): 190000})
    changes = [CodeChange("5004", "5006"), CodeChange("5039", "5006"), CodeChange("1601", "5001"),
               CodeChange("5001", "5001")]
    result = map_table(table, CodeMap(changes, {"5006", "5001"}), COUNTIES)
    assert result.municipality_cells[("5006", 2019, "total", "observed")] == 24400
    assert result.merged == {"5006": ["5004", "5039"]}
    assert result.municipality_cells[("5001", 2017, "total", "observed")] == 190000


def test_codes_that_cannot_be_mapped_are_all_reported():
    table = ParsedTable(table_id="t", title="t",
                        regions={"5006": "Steinkjer", "1234": "Nowhere", "30": "Viken", "K-XY": "?", "0": "Hele landet"},
                        cells={("5006", 2024, "total", "observed"): 1, ("1234", 2024, "total", "observed"): 2,
                               ("30", 2024, "total", "observed"): 3, ("K-XY", 2024, "total", "observed"): 4,
                               ("0", 2024, "total", "observed"): 10})
    result = map_table(table, CodeMap([], {"5006"}), COUNTIES)
    assert result.unmapped == {"1234": "Nowhere", "30": "Viken", "K-XY": "?"}
    assert result.country_cells == {(2024, "total", "observed"): 10}


@pytest.mark.parametrize(("code", "label", "kind"), [
    ("3001", "Halden", "municipality"), ("50", "Trøndelag", "county"), ("0", "Hele landet", "country"),
    ("2111", "Svalbard", "other"), ("21-22", "Svalbard og Jan Mayen", "other"), ("9999", "Uoppgitt", "other"),
])
def test_region_kinds(code, label, kind):
    assert region_kind(code, label) == kind


def test_split_integer_keeps_the_sum():
    parts = split_integer(101, [("a", 1 / 3), ("b", 1 / 3), ("c", 1 / 3)])
    assert sum(parts.values()) == 101 and sorted(parts.values()) == [33, 34, 34]


def test_bad_code_table_is_refused():
    with pytest.raises(ValueError, match="lacks column"):
        read_changes("old,new\n3001,3101\n")
    with pytest.raises(ValueError, match="four digits"):
        read_changes("old_code,new_code\n301,3101\n")
