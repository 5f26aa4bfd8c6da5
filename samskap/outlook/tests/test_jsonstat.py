"""The pure JSON-stat 2.0 parser: genuine SSB response, both value forms, ages, refusals."""

import copy
import json

import pytest

from samskap.outlook import jsonstat
from samskap.outlook.jsonstat import JsonStatError, parse, parse_age, parse_flat_projection_csv
from samskap.outlook.shipped import fixture_bytes


def test_genuine_07459_has_359_regions_and_totals_only(genuine_07459):
    table = parse(genuine_07459)
    assert table.table_id == "07459"
    assert table.title.startswith("07459: Befolkning")
    assert len(table.regions) == 359
    assert table.regions["3001"] == "Halden" and "K-3001" not in table.regions
    assert table.regions["21-22"] == "Svalbard og Jan Mayen"
    assert table.has_age is False
    assert table.series == ["observed"] and table.years == [2022]
    assert {key[2] for key in table.cells} == {"total"}
    assert sum(table.cells.values()) == 5_425_270
    assert table.cells[("5006", 2022, "total", "observed")] > 20_000
    assert any("no age dimension" in str(note) for note in table.notes)


def test_dense_and_sparse_value_forms_give_the_same_cells(sample_projection):
    sparse_doc = json.loads(sample_projection)
    assert isinstance(sparse_doc["value"], dict)
    dense_doc = copy.deepcopy(sparse_doc)
    dense_doc["value"] = [sparse_doc["value"][str(i)] for i in range(len(sparse_doc["value"]))]
    sparse, dense = parse(sparse_doc), parse(json.dumps(dense_doc).encode())
    assert sparse.cells == dense.cells
    assert sparse.series == ["HHMH", "LLML", "MMMM"]
    assert sparse.cells[("5006", 2040, "80+", "MMMM")] == 1600
    assert sparse.cells[("5006", 2024, "total", "MMMM")] == 5000 + 15000 + 2800 + 1000


def test_sparse_values_may_leave_cells_out(sample_projection):
    doc = json.loads(sample_projection)
    del doc["value"]["0"]  # 5006, 0-19, MMMM, 2024
    table = parse(doc)
    assert ("5006", 2024, "0-19", "MMMM") not in table.cells
    assert ("5006", 2024, "total", "MMMM") not in table.cells  # an incomplete sum is not a total
    assert table.missing_values == 1


def test_sex_is_summed_and_ages_are_grouped(sample_by_age):
    table = parse(sample_by_age)
    assert table.has_age
    # 80+ is 80-89 plus 90+, for both sexes: (420 + 80) + (430 + 90)
    assert table.cells[("5006", 2022, "80+", "observed")] == 1020
    assert table.cells[("5006", 2022, "total", "observed")] == sum(
        table.cells[("5006", 2022, g, "observed")] for g in ("0-19", "20-66", "67-79", "80+"))
    assert table.regions["1507"] == "Ålesund"


@pytest.mark.parametrize(("code", "label", "expected"), [
    ("000", "0 år", (0, 0)), ("105+", "105 år eller eldre", (105, None)), ("F080-089", "80-89 år", (80, 89)),
    ("080+", "80 år eller eldre", (80, None)), ("x", "67-79 år", (67, 79)), ("999", "Alle aldre", "total"),
    ("?", "ukjent", None),
])
def test_age_categories(code, label, expected):
    assert parse_age(code, label) == expected


def _without(doc: dict, dim: str) -> dict:
    doc = copy.deepcopy(doc)
    position = doc["id"].index(dim)
    keep = 0  # keep the first category of the removed dimension
    sizes = doc["size"]
    strides = [1] * len(sizes)
    for i in range(len(sizes) - 2, -1, -1):
        strides[i] = strides[i + 1] * sizes[i + 1]
    values = doc["value"]
    dense = values if isinstance(values, list) else [values.get(str(i)) for i in range(len(values))]
    kept = [v for i, v in enumerate(dense) if (i // strides[position]) % sizes[position] == keep]
    doc["id"].pop(position)
    doc["size"].pop(position)
    del doc["dimension"][dim]
    doc["role"] = {k: [d for d in v if d != dim] for k, v in doc.get("role", {}).items()}
    doc["value"] = kept
    return doc


@pytest.mark.parametrize(("dim", "message"), [
    ("Region", "The region dimension is missing"),
    ("Tid", "The time dimension is missing"),
])
def test_a_missing_dimension_is_named(sample_by_age, dim, message):
    doc = _without(json.loads(sample_by_age), dim)
    with pytest.raises(JsonStatError) as excinfo:
        parse(doc)
    assert message in str(excinfo.value)
    assert "Region" in str(excinfo.value) or "Tid" in str(excinfo.value)


def test_a_missing_age_dimension_imports_totals(sample_by_age):
    table = parse(_without(json.loads(sample_by_age), "Alder"))
    assert table.has_age is False
    assert {key[2] for key in table.cells} == {"total"}


@pytest.mark.parametrize(("data", "message"), [
    (b"Region;Tid;Personer\n5006;2024;24032\n", "not JSON"),
    (b"[1, 2, 3]", "not a JSON-stat 2.0 dataset"),
    (b'{"dataset": {"dimension": {}, "value": []}}', "JSON-stat 1.x"),
    (b'{"class": "collection", "link": {}}', "\"class\": \"dataset\" is missing"),
    (b'{"class": "dataset", "version": "2.0", "id": ["Region"], "size": [1]}', "lacks \"dimension\", \"value\""),
    (b"\xff\xfe\x00", "not UTF-8"),
])
def test_files_that_are_not_json_stat_2_are_refused(data, message):
    with pytest.raises(JsonStatError) as excinfo:
        parse(data)
    assert message in str(excinfo.value)


def test_wrong_number_of_values_is_refused(genuine_07459):
    doc = json.loads(genuine_07459)
    doc["value"] = doc["value"][:-1]
    with pytest.raises(JsonStatError, match="358 values, but its dimensions describe 359"):
        parse(doc)


def test_age_category_spanning_two_groups_is_refused_by_name(sample_by_age):
    doc = json.loads(sample_by_age)
    doc["dimension"]["Alder"]["category"]["label"]["067-079"] = "60-79 år"
    doc["dimension"]["Alder"]["category"]["index"] = {
        ("060-079" if k == "067-079" else k): v for k, v in doc["dimension"]["Alder"]["category"]["index"].items()}
    doc["dimension"]["Alder"]["category"]["label"] = {
        ("060-079" if k == "067-079" else k): v for k, v in doc["dimension"]["Alder"]["category"]["label"].items()}
    with pytest.raises(JsonStatError, match="'60-79 år' spans the age groups 20-66, 67-79"):
        parse(doc)


def test_an_extra_dimension_with_several_categories_is_refused(sample_by_age):
    doc = json.loads(sample_by_age)
    contents = doc["dimension"]["ContentsCode"]["category"]
    contents["index"] = {"Personer1": 0, "Endring": 1}
    contents["label"] = {"Personer1": "Personer", "Endring": "Endring"}
    position = doc["id"].index("ContentsCode")
    doc["size"][position] = 2
    doc["value"] = [v for v in doc["value"] for _ in range(2)]
    with pytest.raises(JsonStatError, match="Dimension 'ContentsCode' has 2 categories"):
        parse(doc)


def test_a_projection_without_alternatives_is_refused(sample_projection):
    doc = json.loads(sample_projection)
    doc["dimension"]["ContentsCode"]["category"]["label"] = {"Personer": "A", "Personer1": "B", "Personer2": "C"}
    with pytest.raises(JsonStatError, match="projection"):
        parse(doc)


def test_flattened_county_projection_csv():
    data = fixture_bytes("14288_fylker_2024-2050_3alt.csv")
    names = {"Trøndelag - Trööndelage": "50", "Oslo": "03", "Agder": "42", "Akershus": "32", "Buskerud": "33",
             "Finnmark - Finnmárku - Finmarkku": "56", "Innlandet": "34", "Møre og Romsdal": "15",
             "Nordland - Nordlánnda": "18", "Rogaland": "11", "Telemark": "40", "Troms - Romsa - Tromssa": "55",
             "Vestfold": "39", "Vestland": "46", "Østfold": "31"}
    table = parse_flat_projection_csv(data, names, table_id="14288")
    assert table.years == list(range(2024, 2051))
    assert table.series == ["HHMH", "LLML", "MMMM"]
    assert table.cells[("50", 2024, "total", "MMMM")] == 482_956
    assert sum(v for (r, y, g, s), v in table.cells.items() if y == 2024 and s == "MMMM") == 5_550_203
    del names["Agder"]
    with pytest.raises(JsonStatError, match="Region 'Agder' is unknown"):
        parse_flat_projection_csv(data, names)


def test_messages_are_marked_for_translation():
    problem = jsonstat.Problem(jsonstat.gettext_noop("Time category '%(code)s' is not a year."), {"code": "2024K1"})
    assert str(problem) == "Time category '2024K1' is not a year."
