"""Imports through the actions: mapped and stored in one transaction, refused files change nothing."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.utils import translation

from samskap.outlook import actions, shipped
from samskap.outlook.codes import CodeChange
from samskap.outlook.models import DataImport, Level, PopulationFigure
from samskap.outlook.shipped import fixture_bytes


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def figures(**filters) -> dict[str, int]:
    return dict(PopulationFigure.objects.filter(**filters).values_list("municipality_id", "value"))


@pytest.mark.postgres
def test_genuine_07459_is_stored_under_2024_codes(reference, genuine_07459):
    report = actions.import_jsonstat(genuine_07459, source_name="07459.json", actor=actions.SYSTEM)
    assert report.table_id == "07459" and report.has_age is False
    assert report.municipalities == 357 and len(report.renamed) == 113 and report.split == {"1507": ["1508", "1580"]}
    assert set(report.skipped) == {"21-22", "23", "Rest"}
    stored = figures(level=Level.MUNICIPALITY, year=2022, series="observed", age_group="total")
    assert len(stored) == 357 and sum(stored.values()) == 5_425_270
    raw = dict(zip(json.loads(genuine_07459)["dimension"]["Region"]["category"]["index"],
                   json.loads(genuine_07459)["value"], strict=True))
    assert stored["3101"] == raw["K-3001"] and stored["3901"] == raw["K-3801"] and stored["5501"] == raw["K-5401"]
    assert stored["1508"] + stored["1580"] == raw["K-1507"]
    source = DataImport.objects.get()
    assert source.figure_count == 357 and source.illustrative is False and source.table_id == "07459"
    assert PopulationFigure.objects.first().source_table == "07459"


@pytest.mark.postgres
def test_projection_import_with_three_alternatives(projection_held):
    assert projection_held.series == ["HHMH", "LLML", "MMMM"] and projection_held.years == [2024, 2030, 2040, 2050]
    assert projection_held.municipalities == 4 and projection_held.has_age
    assert projection_held.figures == 4 * 5 * 3 * 4
    steinkjer = dict(PopulationFigure.objects.filter(municipality_id="5006", series="MMMM", year=2040)
                     .values_list("age_group", "value"))
    assert steinkjer == {"0-19": 4800, "20-66": 14600, "67-79": 3200, "80+": 1600, "total": 24200}
    high = PopulationFigure.objects.get(municipality_id="5006", series="HHMH", year=2050, age_group="80+").value
    assert high == round(1800 * 1.052)


def test_reimport_replaces_what_it_covers(projection_held, sample_projection):
    doc = json.loads(sample_projection)
    doc["value"] = {k: v + 1 for k, v in doc["value"].items()}
    actions.import_jsonstat(json.dumps(doc).encode(), actor=actions.SYSTEM)
    assert PopulationFigure.objects.count() == 240
    assert PopulationFigure.objects.get(municipality_id="5006", series="MMMM", year=2040, age_group="80+").value == 1601


def test_observed_by_age_with_old_codes(reference, sample_by_age):
    report = actions.import_jsonstat(sample_by_age, actor=actions.SYSTEM)
    assert report.renamed == {"3001": "3101"} and report.split == {"1507": ["1508", "1580"]}
    halden = dict(PopulationFigure.objects.filter(municipality_id="3101", year=2023).values_list("age_group", "value"))
    assert halden["80+"] == (700 + 120) * 2 + 2 * 2 * 5 + 2 * 10  # two categories, +5 a year, women +10
    total_1507 = (PopulationFigure.objects.filter(municipality_id__in=["1508", "1580"], year=2022, age_group="total")
                  .aggregate(s=Sum("value"))["s"])
    assert total_1507 == sum([15000, 42000, 7000, 2500, 400]) * 2 + 5 * 10


def test_unmappable_codes_are_listed_and_nothing_is_imported(reference, sample_by_age):
    doc = json.loads(sample_by_age)
    category = doc["dimension"]["Region"]["category"]
    category["index"] = {("K-1299" if k == "K-5007" else k): v for k, v in category["index"].items()}
    category["label"] = {("K-1299" if k == "K-5007" else k): v for k, v in category["label"].items()}
    with pytest.raises(actions.OutlookImportError) as excinfo:
        actions.import_jsonstat(json.dumps(doc).encode(), actor=actions.SYSTEM)
    assert "1299 Namsos" in str(excinfo.value) and "cannot be mapped" in str(excinfo.value)
    assert not PopulationFigure.objects.exists() and not DataImport.objects.exists()
    report = actions.import_jsonstat(json.dumps(doc).encode(), allow_unmapped=True, actor=actions.SYSTEM)
    assert report.unmapped == {"1299": "Namsos"} and report.municipalities == 4  # 5006, 3101, 1508, 1580


def test_merger_sums_with_an_extra_code_table(reference, sample_by_age):
    doc = json.loads(sample_by_age)  # pretend Namsos' figures are those of 5039 Verran, merged into Steinkjer in 2020
    category = doc["dimension"]["Region"]["category"]
    category["index"] = {("K-5039" if k == "K-5007" else k): v for k, v in category["index"].items()}
    category["label"] = {("K-5039" if k == "K-5007" else k): v for k, v in category["label"].items()}
    changes = [*shipped.shipped_code_changes(), CodeChange("5039", "5006")]
    report = actions.import_jsonstat(json.dumps(doc).encode(), code_changes=changes, actor=actions.SYSTEM)
    assert report.merged == {"5006": ["5006", "5039"]}
    assert PopulationFigure.objects.get(municipality_id="5006", year=2022, age_group="total").value == (
        sum([2500, 7500, 1400, 420, 80]) * 2 + 50 + sum([1500, 4500, 900, 300, 50]) * 2 + 50)


@pytest.mark.postgres
@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d.pop("dimension") and d, "lacks \"dimension\""),
    (lambda d: {**d, "id": ["Kjonn", "Alder", "ContentsCode", "Tid"], "size": d["size"][1:],
                "role": {"time": ["Tid"]}}, "The region dimension is missing"),
    (lambda d: {**d, "class": "table"}, "not a JSON-stat 2.0 dataset"),
    (lambda d: {**d, "value": d["value"][:10]}, "10 values"),
])
def test_bad_files_are_refused_and_nothing_is_imported(reference, sample_by_age, projection_held, mutate, message):
    before = PopulationFigure.objects.count()
    with pytest.raises(actions.OutlookImportError) as excinfo:
        actions.import_jsonstat(json.dumps(mutate(json.loads(sample_by_age))).encode(), actor=actions.SYSTEM)
    assert message in " ".join(excinfo.value.messages)
    assert PopulationFigure.objects.count() == before and DataImport.objects.count() == 1


def test_failure_while_storing_rolls_everything_back(reference, sample_by_age, monkeypatch):
    from samskap.outlook.models import PopulationFigure as Model

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Model.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        actions.import_jsonstat(sample_by_age, actor=actions.SYSTEM)
    assert not DataImport.objects.exists()


def test_only_coordinators_may_import(reference, contact_steinkjer, coordinator, sample_projection):
    with pytest.raises(PermissionDenied):
        actions.import_jsonstat(sample_projection, actor=contact_steinkjer.user)
    report = actions.import_jsonstat(sample_projection, actor=coordinator.user)
    assert DataImport.objects.get(pk=report.import_id).imported_by == coordinator.user


def test_county_projection_csv(reference):
    report = actions.import_flat_csv(fixture_bytes("14288_fylker_2024-2050_3alt.csv"),
                                     source_name="14288_fylker_2024-2050_3alt.csv", actor=actions.SYSTEM)
    assert report.table_id == "14288" and report.counties == 15 and report.municipalities == 0
    assert PopulationFigure.objects.get(level=Level.COUNTY, county_id="50", year=2024, series="MMMM").value == 482_956
    with pytest.raises(actions.OutlookImportError, match="first column must be the year"):
        actions.import_flat_csv(b"Region,Personer\n50,1\n", actor=actions.SYSTEM)


def test_demo_load_is_idempotent(reference):
    import io

    from samskap.outlook import demo

    demo.load(io.StringIO())
    counts = (DataImport.objects.count(), PopulationFigure.objects.count())
    demo.load(io.StringIO())
    # observed: 357 municipalities x 22 years x 5 (four groups and the total), less two municipality-years the
    # source leaves out; 14288: 15 counties x 27 years x 3; illustrative: 39 x 5 x 3 x 27; 14746: 17 x 25 x 5 x 3
    observed = 357 * 22 * 5 - 2 * 5
    assert (DataImport.objects.count(), PopulationFigure.objects.count()) == counts == (
        4, observed + 15 * 27 * 3 + 39 * 5 * 3 * 27 + 17 * 25 * 5 * 3)
    assert PopulationFigure.objects.filter(series="observed", age_group="total").values("municipality").distinct().count() == 357
    telemark = DataImport.objects.get(table_id="14746")
    assert telemark.projection_round == 2026 and not telemark.illustrative
    assert DataImport.objects.filter(illustrative=True).get().table_id == "illustrativ"
    surnadal = PopulationFigure.objects.filter(municipality_id="1566", series="MMMM", age_group="80+")
    assert surnadal.count() == 27 and surnadal.get(year=2024).source.illustrative
