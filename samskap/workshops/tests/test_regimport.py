"""Registration import tests (CSV/XLSX parsing, labels, errors)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from samskap.workshops.regimport import (
    RegistrationImportError,
    canonical_labels,
    check_settings,
    infer_actor_type,
    parse_registrations,
    read_registrations,
    same_theme,
)

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "registrations_sample.csv"
T1 = "Tema 1: Samarbeid om kompetanse og FoU"
T8 = "Tema 8: Samarbeid på tvers av grunnskole og videregående skole"


def _csv(rows: list[list[str]], sep: str = ";") -> str:
    return "\n".join(sep.join(r) for r in rows) + "\n"


HEADER = ["Fornavn", "Etternavn", "Organisasjon", "Økt 1 valg 1", "Økt 1 valg 2", "Økt 2 valg 1"]


def test_sample_utf8():
    reg = read_registrations(SAMPLE)
    assert reg.sessions == ["1", "2"]
    assert len(reg.participants) == 24
    assert reg.source["encoding"] == "utf-8" and reg.source["delimiter"] == ";"
    assert reg.merged_labels["Tema 1: Samarbeid om kompetanse FoU"] == T1
    assert reg.merged_labels["tema 1: samarbeid om kompetanse og FoU"] == T1
    assert reg.merged_labels["TEMA 6: Laboratorium for folkhelse"] == "Tema 6: Laboratorium for folkehelse"
    # different themes that share words are not merged
    assert T8 in reg.themes["1"] and T1 in reg.themes["1"]
    assert len(reg.themes["1"]) == 7
    kari = reg.participants[0]
    assert kari.row == 2 and kari.name == "Kari Nordvik"
    assert kari.volunteer_host and not kari.volunteer_note_taker
    assert kari.choices["1"][0] == T1
    jon = next(p for p in reg.participants if p.first_name == "Jon")
    assert jon.choices["2"] == []  # empty choices: not attending session 2


def test_bom_and_cp1252_and_comma_variants(tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    base = read_registrations(SAMPLE)
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    cp = tmp_path / "cp.csv"
    cp.write_bytes(text.encode("cp1252"))
    comma = tmp_path / "comma.csv"
    comma.write_text(text.replace(";", ","), encoding="utf-8")
    for path, enc in ((bom, "utf-8-sig"), (cp, "cp1252"), (comma, "utf-8")):
        reg = read_registrations(path)
        assert reg.source["encoding"] == enc
        assert [p.name for p in reg.participants] == [p.name for p in base.participants]
        assert [p.choices for p in reg.participants] == [p.choices for p in base.participants]
        assert reg.participants[-1].name == "Øyvind Skog"


def test_xlsx(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Fornavn", "Etternavn", "Organisasjon", "Verkstedtema økt 1", "Verkstedtema økt 2",
               "Rolle", "Vil være referent"])
    ws.append(["Kari", "Nordvik", "Steinkjer kommune", T1, "Tema 2: Kommunen som næringsutvikler",
               "", "ja"])
    ws.append(["Hanne", "Vik", "Nord universitet", T1 + "?", None, "forskning", "nei"])
    ws.append([None] * 7)
    ws.append(["Bjørn", "Hegge", "KS", "", T8, "", None])
    path = tmp_path / "reg.xlsx"
    wb.save(path)
    reg = read_registrations(path)
    assert reg.source["format"] == "xlsx"
    assert [p.row for p in reg.participants] == [2, 3, 5]
    assert reg.participants[1].choices == {"1": [T1], "2": []}
    assert reg.participants[1].actor_type == "research"
    assert not reg.participants[1].actor_type_inferred
    assert reg.participants[0].volunteer_note_taker
    assert reg.participants[2].actor_type == "funding"


def test_missing_columns_are_named():
    data = _csv([["Fornavn", "Organisasjon", "Økt 1 valg 1"], ["Kari", "KS", T1]])
    with pytest.raises(RegistrationImportError) as exc:
        parse_registrations(data.encode(), "x.csv")
    assert "Etternavn" in str(exc.value)
    data = _csv([["Fornavn", "Etternavn", "Organisasjon"], ["Kari", "N", "KS"]])
    with pytest.raises(RegistrationImportError, match="Verkstedtema økt N"):
        parse_registrations(data.encode(), "x.csv")


def test_unknown_theme_with_theme_list_reports_rows_and_imports_nothing():
    rows = [HEADER,
            ["Kari", "Nordvik", "Steinkjer kommune", T1, "Tema 9: Romfart", ""],
            ["Ola", "Bergli", "NTNU", "tema 1: samarbeid om kompetanse FoU", "", "Fiske?"]]
    with pytest.raises(RegistrationImportError) as exc:
        parse_registrations(_csv(rows).encode(), "x.csv", themes=[T1, T8])
    errs = exc.value.errors
    assert any("row 2" in e and "Tema 9: Romfart" in e for e in errs)
    assert any("row 3" in e and "Fiske?" in e for e in errs)
    assert any(e.startswith("unknown theme(s)") and "Fiske?" in e for e in errs)
    # with valid labels the variant maps to the listed theme
    ok = parse_registrations(_csv(rows[:1] + [rows[2][:5] + [""]]).encode(), "x.csv", themes=[T1, T8])
    assert ok.participants[0].choices["1"] == [T1]


def test_duplicates_identical_merged_different_error():
    row = ["Kari", "Nordvik", "Steinkjer kommune", T1, "", ""]
    same = ["kari ", "NORDVIK", "Steinkjer  kommune", T1, "", ""]
    reg = parse_registrations(_csv([HEADER, row, same]).encode(), "x.csv")
    assert len(reg.participants) == 1 and reg.participants[0].merged_rows == [3]
    assert any("row 3" in w and "merged" in w for w in reg.warnings)
    other = ["Kari", "Nordvik", "Steinkjer kommune", T8, "", ""]
    with pytest.raises(RegistrationImportError) as exc:
        parse_registrations(_csv([HEADER, row, ["Ola", "B", "NTNU", T1, "", ""], other]).encode(), "x.csv")
    assert any("rows 2 and 4" in e for e in exc.value.errors)


def test_row_errors_collected():
    header = HEADER + ["Vil være bordvert", "Rolle/Type"]
    rows = [header,
            ["", "Nordvik", "Steinkjer kommune", T1, "", "", "ja", ""],
            ["Ola", "Bergli", "NTNU", T1, "", "", "kanskje", ""],
            ["Per", "Aune", "KS", T1, "", "", "", "astronaut"]]
    with pytest.raises(RegistrationImportError) as exc:
        parse_registrations(_csv(rows).encode(), "x.csv")
    errs = exc.value.errors
    assert any(e.startswith("row 2") and "Fornavn" in e for e in errs)
    assert any(e.startswith("row 3") and "bordvert" in e for e in errs)
    assert any(e.startswith("row 4") and "astronaut" in e for e in errs)


def test_unreadable_and_wrong_encoding(tmp_path):
    with pytest.raises(RegistrationImportError, match="binary"):
        parse_registrations(b"\x00\x01\x02garbage", "x.csv")
    with pytest.raises(RegistrationImportError, match="xlsx"):
        parse_registrations(b"PK\x03\x04not really a zip", "x.xlsx")
    with pytest.raises(RegistrationImportError, match="wrong encoding"):
        parse_registrations(_csv([HEADER, ["Ã˜yvind", "Skog", "KS", T1, "", ""]]).encode(), "x.csv")
    with pytest.raises(RegistrationImportError, match="wrong encoding"):
        parse_registrations(b"Fornavn;Etternavn\n\x81\x8d\x8f;x\n", "x.csv")
    with pytest.raises(RegistrationImportError, match="cannot read"):
        read_registrations(tmp_path / "missing.csv")
    with pytest.raises(RegistrationImportError, match="xls"):
        parse_registrations(b"\xd0\xcf\x11\xe0" + b"\x00" * 20, "old.xls")


def test_label_matching_is_conservative():
    assert same_theme(T1, "Tema 1: Samarbeid om kompetanse FoU")
    assert same_theme("Strategi for bioøkonomi?", "strategi  for BIOØKONOMI")
    assert same_theme("Laboratorium for folkehelse", "Laboratorium for folkhelse")
    assert not same_theme(T1, T8)
    assert not same_theme("Tema 1: Samarbeid om kompetanse og FoU", "Tema 2: Samarbeid om kompetanse og FoU")
    assert not same_theme("Strategi for bioøkonomi", "Strategi for blå økonomi")
    assert not same_theme("Kommunale tjenester ved akutt sykdom", "Kommunen som næringsutvikler")
    mapping, _ = canonical_labels([T1, T1, "Tema 1: Samarbeid om kompetanse FoU", T8])
    assert mapping["Tema 1: Samarbeid om kompetanse FoU"] == T1 and mapping[T8] == T8


def test_actor_type_inference():
    assert infer_actor_type("Steinkjer kommune") == "municipality"
    assert infer_actor_type("Innherred samkommune") == "municipality"
    assert infer_actor_type("Trøndelag fylkeskommune") == "funding"
    assert infer_actor_type("Forskningsrådet") == "funding"
    assert infer_actor_type("KS Nord-Trøndelag") == "funding"
    assert infer_actor_type("Statsforvalteren i Trøndelag") == "funding"
    assert infer_actor_type("Innovasjon Norge") == "funding"
    assert infer_actor_type("NTNU") == "research"
    assert infer_actor_type("Nord universitet") == "research"
    assert infer_actor_type("Trøndelag Forskning og Utvikling") == "research"
    assert infer_actor_type("SINTEF Digital") == "research"
    assert infer_actor_type("Høgskolen i Innlandet") == "research"
    assert infer_actor_type("Helse Nord-Trøndelag") == "other"


def test_check_settings():
    reg = read_registrations(SAMPLE)
    with pytest.raises(RegistrationImportError, match="at least 2"):
        check_settings(reg, 1, 3, 6)
    with pytest.raises(RegistrationImportError) as exc:
        check_settings(reg, 5, 3, 2)
    assert "session 1" in str(exc.value) and "tables" in str(exc.value)
    check_settings(reg, 5, 3, 6)
    check_settings(reg, 5, 3, None)
