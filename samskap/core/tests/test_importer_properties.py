"""Property tests of every file parser: any input gives a result or the parser's own error, never another
exception. (The database side -- a failed import changes nothing -- is tested in each app's
test_import_properties.py.)

Parsers: workshop registrations (CSV/XLSX, samskap.workshops.regimport), municipalities (KLASS CSV,
samskap.directory.klass), the brokering catalogue (JSONL, samskap.matching.catalog_file.parse_catalog_jsonl),
population tables (JSON-stat 2.0 and the flattened projection CSV, samskap.outlook.jsonstat), code change
tables (samskap.outlook.codes.read_changes) and the shared safe reader itself (samskap.core.safefiles).
"""

from __future__ import annotations

import io
import json
from importlib import resources

import openpyxl
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from samskap.core import safefiles
from samskap.core.tests import hostile_files as hostile
from samskap.core.tests.fuzz import FUZZ, cell_text, encoded, mutated
from samskap.directory import klass
from samskap.outlook import codes, jsonstat
from samskap.workshops import regimport

REG_HEADER = ["Fornavn", "Etternavn", "Organisasjon", "E-post", "Rolle", "Økt 1 valg 1", "Økt 1 valg 2",
              "Verkstedtema økt 2", "Vil være bordvert", "Vil være referent"]
REG_CSV = (";".join(REG_HEADER) + "\n"
           "Kari;Nordvik;Steinkjer kommune;kari@example.no;kommune;Tema 1: Folkehelse;Tema 2: Næring;"
           "Tema 3: Skole;ja;nei\n"
           "Per;Forsker;NTNU;;;Tema 2: Næring;;Tema 3: Skole;nei;ja\n").encode("utf-8")
REG_XLSX = hostile.workbook([REG_HEADER, ["Kari", "Nordvik", "Steinkjer kommune", "kari@example.no", "kommune",
                                          "Tema 1: Folkehelse", "Tema 2: Næring", "Tema 3: Skole", "ja", "nei"]])


def _data(package: str, *parts: str) -> bytes:
    return resources.files(package).joinpath(*parts).read_bytes()


KLASS = _data("samskap.directory", "data", "klass131_kommuner.csv")
JSONSTAT = _data("samskap.outlook", "fixtures", "sample_population_by_age.json")
PROJECTION = _data("samskap.outlook", "fixtures", "sample_projection_3alt.json")
FLAT_CSV = _data("samskap.outlook", "fixtures", "14288_fylker_2024-2050_3alt.csv")
CHANGES = _data("samskap.outlook", "fixtures", "code_changes_2024.csv")
CATALOG = _data("samskap.matching", "tests", "data", "catalog.jsonl") if resources.files(
    "samskap.matching").joinpath("tests", "data", "catalog.jsonl").is_file() else b""
COUNTY_CODES = {"Agder": "42", "Akershus": "32", "Buskerud": "33", "Trøndelag - Trööndelage": "50",
                "Trøndelag": "50", "Oslo": "03"}


def _registrations(data: bytes, name: str) -> None:
    try:
        result = regimport.parse_registrations(data, name)
    except regimport.RegistrationImportError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        return
    assert result.participants
    for person in result.participants:
        assert person.row >= 1 and "\x00" not in person.name + person.organisation + person.email


@st.composite
def sheet(draw) -> list[list[object]]:  # type: ignore[no-untyped-def]
    header = draw(st.one_of(st.just(REG_HEADER), st.lists(st.sampled_from(REG_HEADER + ["Skostørrelse", ""]),
                                                          min_size=1, max_size=12)))
    values = st.one_of(cell_text, st.integers(min_value=-(10**20), max_value=10**20),
                       st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none())
    rows = draw(st.lists(st.lists(values, max_size=len(header) + 2), max_size=8))
    return [list(header), *rows]


@FUZZ
@given(st.one_of(st.binary(max_size=3000), mutated(REG_CSV), mutated(REG_XLSX)),
       st.sampled_from(["p.csv", "p.xlsx", "p.txt", "", "p.xls"]))
def test_registrations_from_any_bytes(data, name):
    _registrations(data, name)


@FUZZ
@given(sheet(), st.sampled_from([";", ",", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_registrations_from_random_csv_cells(rows, delimiter, encoding):
    text = "\n".join(delimiter.join(str(c) if c is not None else "" for c in row) for row in rows)
    _registrations(text.encode(encoding, errors="replace"), "p.csv")


def _xlsx(rows: list[list[object]]) -> bytes | None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    try:
        for row in rows:
            ws.append(row)
        out = io.BytesIO()
        wb.save(out)
    except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses to write control characters...
        return None
    return out.getvalue()


@FUZZ
@given(sheet())
def test_registrations_from_random_xlsx_cells(rows):
    data = _xlsx(rows)
    if data is not None:
        _registrations(data, "p.xlsx")


@FUZZ
@given(st.one_of(st.binary(max_size=2000), mutated(KLASS[:3000]), encoded(KLASS[:2000].decode("utf-8", "ignore"))),
       st.sampled_from([2, 4]))
def test_klass_from_any_bytes(data, code_length):
    try:
        rows = klass.parse(data, code_length=code_length)
    except klass.KlassFormatError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
        return
    for row in rows:
        assert len(row.code) == code_length and row.name and "\x00" not in row.name


@FUZZ
@given(st.lists(st.tuples(cell_text, cell_text, cell_text), max_size=6), st.sampled_from([",", ";"]))
def test_klass_from_random_rows(rows, delimiter):
    text = delimiter.join(["code", "name", "validTo"]) + "\n" + "\n".join(delimiter.join(r) for r in rows)
    try:
        klass.parse(text.encode("utf-8", "surrogatepass"), code_length=4)
    except klass.KlassFormatError:
        pass


def _catalog(data: bytes) -> None:
    from samskap.matching.catalog_file import CatalogImportError, parse_catalog_jsonl

    try:
        entries = parse_catalog_jsonl(data)
    except CatalogImportError as exc:
        assert exc.errors and all(e.startswith(("Line ", "Linje ", "The file", "Filen ", "Fila ")) for e in exc.errors), exc.errors
        return
    for entry in entries:
        assert len(entry["id"]) <= 200 and json.dumps(entry)


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**40), max_value=10**40), st.floats(), cell_text),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(cell_text, children, max_size=4),
    max_leaves=20)

catalog_line = st.fixed_dictionaries(
    {"id": cell_text, "kind": st.sampled_from(["person", "need", "fund", "robot", ""]), "title": cell_text,
     "text": cell_text, "organisation": cell_text, "keywords": st.lists(cell_text, max_size=3),
     "language": st.sampled_from(["nb", "nn", "en", "se"])},
    optional={"meta": json_values, "url": cell_text})


@FUZZ
@given(st.one_of(st.binary(max_size=2000), mutated(CATALOG[:3000] or b'{"id": "a"}\n'),
                 st.lists(catalog_line, max_size=4).map(
                     lambda lines: "\n".join(json.dumps(x, allow_nan=True) for x in lines).encode(
                         "utf-8", "surrogatepass")),
                 st.integers(min_value=1, max_value=3000).map(lambda n: b'{"meta": ' + b"[" * n + b"]" * n + b"}")))
def test_catalog_from_any_input(data):
    _catalog(data)


def _jsonstat(data: bytes) -> None:
    try:
        table = jsonstat.parse(data)
    except jsonstat.JsonStatError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return
    for value in table.cells.values():
        assert isinstance(value, int) and abs(value) < 2**63


def _edit(doc: dict, path: list[str | int], value: object) -> dict:
    target: object = doc
    for key in path[:-1]:
        if isinstance(target, dict) and key in target:
            target = target[key]
        elif isinstance(target, list) and isinstance(key, int) and key < len(target):
            target = target[key]
        else:
            return doc
    if isinstance(target, dict):
        target[path[-1]] = value
    elif isinstance(target, list) and isinstance(path[-1], int) and path[-1] < len(target):
        target[path[-1]] = value
    return doc


@st.composite
def edited_jsonstat(draw) -> bytes:  # type: ignore[no-untyped-def]
    doc = json.loads(draw(st.sampled_from([JSONSTAT, PROJECTION])))
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        path = draw(st.sampled_from([["value", 0], ["value", 3], ["value"], ["size", 0], ["size"], ["id"],
                                     ["id", 0], ["dimension"], ["dimension", "Tid", "category", "index"],
                                     ["dimension", "Alder", "category", "label"], ["class"], ["version"],
                                     ["role"], ["extension"], ["label"]]))
        value = draw(st.one_of(json_values, st.sampled_from([1e308, -1e308, 10**30, -5, [], {}, "2024"])))
        doc = _edit(doc, path, value)
    return json.dumps(doc, allow_nan=True).encode("utf-8", "surrogatepass")


@FUZZ
@given(st.one_of(st.binary(max_size=2000), mutated(JSONSTAT), mutated(PROJECTION), edited_jsonstat(),
                 st.integers(min_value=1, max_value=3000).map(lambda n: b"[" * n + b"]" * n)))
def test_jsonstat_from_any_input(data):
    _jsonstat(data)


@FUZZ
@given(st.one_of(st.binary(max_size=2000), mutated(FLAT_CSV[:1500]),
                 st.lists(st.lists(cell_text, min_size=1, max_size=4), max_size=5).map(
                     lambda rows: ("Tid,Agder_Hovedalternativet (MMMM),Oslo_Lav (LLML)\n" + "\n".join(
                         ",".join(r) for r in rows)).encode("utf-8", "surrogatepass"))))
def test_flat_projection_csv_from_any_input(data):
    try:
        table = jsonstat.parse_flat_projection_csv(data, COUNTY_CODES)
    except jsonstat.JsonStatError as exc:
        assert exc.problems
        return
    for value in table.cells.values():
        assert isinstance(value, int) and abs(value) < 2**63


@FUZZ
@given(st.one_of(st.binary(max_size=1000), mutated(CHANGES[:1500])))
def test_code_change_table_from_any_input(data):
    try:
        codes.read_changes(data.decode("utf-8", "replace"))
    except codes.CodeTableError:
        pass


@FUZZ
@given(st.one_of(st.binary(max_size=3000), mutated(REG_XLSX)))
def test_safe_reader_from_any_bytes(data):
    try:
        _title, rows = safefiles.read_xlsx(data)
    except safefiles.FileProblem as exc:
        assert str(exc)
        return
    assert all(len(cells) <= safefiles.MAX_COLUMNS for _n, cells in rows)
