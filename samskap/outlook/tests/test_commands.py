"""`samskap outlook import FILE`, `show CODE --json` and the API that returns the same JSON."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from samskap.outlook import actions
from samskap.outlook.models import PopulationFigure
from samskap.outlook.shipped import fixture_bytes


def show(code: str, capsys) -> dict:
    capsys.readouterr()
    call_command("outlook", "show", code, "--json")
    return json.loads(capsys.readouterr().out)


def test_import_command_reads_a_saved_response(reference, tmp_path: Path, capsys):
    path = tmp_path / "07459.json"
    path.write_bytes(fixture_bytes("07459_2022_kommuner_totals_jsonstat2.json"))
    call_command("outlook", "import", str(path))
    out = capsys.readouterr().out
    assert "Table 07459" in out and "357 municipalities" in out and "Split 1507 -> 1508, 1580" in out
    assert "Skipped (not municipalities, 0 persons): 21-22 Svalbard og Jan Mayen" in out
    assert PopulationFigure.objects.count() == 357


def test_import_command_refuses_a_bad_file_naming_what_is_missing(reference, tmp_path: Path):
    doc = json.loads(fixture_bytes("07459_2022_kommuner_totals_jsonstat2.json"))
    doc["id"] = ["Region", "ContentsCode"]
    doc["size"] = [359, 1]
    del doc["dimension"]["Tid"]
    doc["role"].pop("time")
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was imported:\n.*The time dimension is missing"):
        call_command("outlook", "import", str(path))
    assert not PopulationFigure.objects.exists()
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("outlook", "import", str(tmp_path / "missing.json"))
    with pytest.raises(CommandError, match="either a file or --from-ssb"):
        call_command("outlook", "import", str(path), "--from-ssb")


def test_show_json_shape(projection_held, genuine_07459, capsys):
    actions.import_jsonstat(genuine_07459, actor=actions.SYSTEM)
    data = show("5006", capsys)
    assert data["code"] == "5006" and data["name"] == "Steinkjer" and data["county"]["code"] == "50"
    assert list(data["population"]) == ["2022"] and isinstance(data["population"]["2022"], int)
    assert data["base_year"] == 2024
    assert list(data["projections"]) == ["MMMM", "HHMH", "LLML"]
    assert data["projections"]["MMMM"]["2040"] == {"0-19": 4800, "20-66": 14600, "67-79": 3200, "80+": 1600,
                                                   "total": 24200}
    assert data["old_age_ratio"]["2024"] == round((2800 + 1000) / 15000, 4)
    assert data["care_workers"]["basis"] == "national"
    assert data["care_workers"]["years"]["2040"] == {"population_80_plus": 1600, "fte": 880, "extra_fte": 330,
                                                     "share_of_20_66_pct": round(880 / 14600 * 100, 2)}
    assert {s["code"] for s in data["similar"]} == {"5007", "1566", "5053"}
    assert data["illustrative"] is False
    assert {s["table"] for s in data["sources"]} == {"07459", "99901"}


def test_show_for_a_municipality_without_figures(reference, capsys):
    data = show("0301", capsys)
    assert data["population"] == {} and data["projections"] == {} and data["care_workers"] is None
    call_command("outlook", "show", "0301")
    assert "No population figures are held." in capsys.readouterr().out
    with pytest.raises(CommandError, match="Unknown municipality number 9998"):
        call_command("outlook", "show", "9998")


def test_api_returns_the_same_json(projection_held, client, capsys):
    response = client.get("/api/v1/outlook/5006")
    assert response.status_code == 200
    assert response.json() == show("5006", capsys)
    assert client.get("/api/v1/outlook/9998").status_code == 404


def test_care_command_records_the_municipality_figure(projection_held, capsys):
    call_command("outlook", "care", "5006", "--fte", "600", "--year", "2024", "--source", "SSB 11924, 2024")
    data = show("5006", capsys)
    assert data["care_workers"]["basis"] == "municipality"
    assert data["care_workers"]["fte_per_1000_80_plus"] == 600.0  # 600 FTEs / 1000 aged 80+ in 2024
    assert data["care_workers"]["years"]["2040"]["fte"] == 960
    with pytest.raises(CommandError, match="not a number"):
        call_command("outlook", "care", "5006", "--fte", "many", "--year", "2024", "--source", "x")
