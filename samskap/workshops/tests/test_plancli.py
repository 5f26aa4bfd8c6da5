"""run_plan JSON contract tests (no Django, no DB)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from samskap.workshops.plancli import run_plan, write_json
from samskap.workshops.regimport import RegistrationImportError, read_registrations

SAMPLE = Path(__file__).parent / "data" / "registrations_sample.csv"


@pytest.fixture(scope="module")
def result():
    return run_plan(SAMPLE, max_group_size=5, min_theme_size=3, max_groups_per_session=6,
                    time_limit=10, staff=["Lisa Ekmann", "Morten Stene"])


def test_contract_shape(result, tmp_path):
    assert set(result) >= {"sessions", "unassigned", "merged_labels", "stats"}
    assert set(result["stats"]) >= {"objective", "bound", "seconds", "gap", "status"}
    assert [s["session"] for s in result["sessions"]] == ["1", "2"]
    for s in result["sessions"]:
        for t in s["themes"]:
            assert t["status"] in ("running", "cancelled")
            assert isinstance(t["theme"], str)
            if t["status"] == "cancelled":
                assert t["groups"] == []
            for i, g in enumerate(t["groups"], start=1):
                assert g["group"] == i
                assert g["host"] is None or isinstance(g["host"], str)
                assert g["note_taker"] is None or isinstance(g["note_taker"], str)
                for m in g["members"]:
                    assert set(m) >= {"name", "organisation"}
    for u in result["unassigned"]:
        assert set(u) >= {"name", "session", "reason"} and u["reason"]
    out = tmp_path / "plan.json"
    write_json(result, out)
    assert json.loads(out.read_text(encoding="utf-8")) == result


def test_everyone_placed_in_a_choice_or_unassigned(result):
    reg = read_registrations(SAMPLE)
    placed = {}
    for s in result["sessions"]:
        for t in s["themes"]:
            for g in t["groups"]:
                for m in g["members"]:
                    key = (m["name"], s["session"])
                    assert key not in placed
                    placed[key] = t["theme"]
    unassigned = {(u["name"], u["session"]) for u in result["unassigned"]}
    for p in reg.participants:
        for s, ch in p.choices.items():
            key = (p.name, s)
            if ch:
                assert (key in placed) != (key in unassigned)
                if key in placed:
                    assert placed[key] in ch
            else:
                assert key not in placed and key not in unassigned


def test_low_signup_theme_cancelled_and_labels_merged(result):
    themes = {t["theme"]: t for t in result["sessions"][0]["themes"]}
    assert themes["Tema 4: Innovative offentlige anskaffelser"]["status"] == "cancelled"
    assert "Tema 1: Samarbeid om kompetanse FoU" in result["merged_labels"]
    assert result["stats"]["status"] == "OPTIMAL" and result["stats"]["gap"] == 0
    hosts = [g["host"] for s in result["sessions"] for t in s["themes"] for g in t["groups"]]
    assert "Kari Nordvik" in hosts or "Lisa Ekmann" in hosts


def test_too_few_tables_is_a_clear_error():
    with pytest.raises(RegistrationImportError, match="tables"):
        run_plan(SAMPLE, max_group_size=5, min_theme_size=3, max_groups_per_session=3)
    with pytest.raises(RegistrationImportError, match="at least 2"):
        run_plan(SAMPLE, max_group_size=1)


def test_file_without_volunteer_columns_gives_null_roles(tmp_path):
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    stripped = [";".join(line.split(";")[:10]) for line in lines]
    path = tmp_path / "plain.csv"
    path.write_text("\n".join(stripped) + "\n", encoding="cp1252")
    res = run_plan(path, max_group_size=6, min_theme_size=3, time_limit=10)
    roles = [(g["host"], g["note_taker"]) for s in res["sessions"] for t in s["themes"]
             for g in t["groups"]]
    assert roles and all(r == (None, None) for r in roles)
