"""The shared safe reader refuses hostile and broken files with a clear message (and reads good ones)."""

from __future__ import annotations

import resource

import pytest

from samskap.core import safefiles
from samskap.core.tests import hostile_files as hostile

ROWS = [["Fornavn", "Etternavn"], ["Kari", "Nordvik"], ["Ola", 42]]


def test_reads_a_good_workbook():
    title, rows = safefiles.read_xlsx(hostile.workbook(ROWS, title="Påmeldte"))
    assert title == "Påmeldte"
    assert rows == [(1, ["Fornavn", "Etternavn"]), (2, ["Kari", "Nordvik"]), (3, ["Ola", "42"])]


def test_a_cell_at_xfd1048576_allocates_no_grid():
    """The review's 5 KB file: one cell at the last address. openpyxl in normal mode builds a 1048576 x 16384
    grid when its rows are iterated (over 4 GB); the safe reader streams and stops at the caps."""
    data = hostile.far_cell(ROWS)
    assert len(data) < 10_000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    title, rows = safefiles.read_xlsx(data)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert rows == [(1, ["Fornavn", "Etternavn"]), (2, ["Kari", "Nordvik"]), (3, ["Ola", "42"])]
    assert grown_mb < 200


def test_content_beyond_the_row_cap_is_an_error():
    data = hostile.workbook([["a"]] * 12)
    with pytest.raises(safefiles.FileProblem, match="more than 10 rows") as info:
        safefiles.read_xlsx(data, max_rows=10)
    assert info.value.row == 11


def test_content_beyond_the_column_cap_is_an_error():
    data = hostile.workbook([["a"] * 5, ["b"] * 8])
    with pytest.raises(safefiles.FileProblem, match="row 2: more than 6 columns"):
        safefiles.read_xlsx(data, max_columns=6)


def test_deflate_bomb_is_refused_before_unpacking():
    data = hostile.deflate_bomb(ROWS, unpacked_mb=60)
    assert len(data) < 1_000_000
    with pytest.raises(safefiles.FileProblem, match="too large: over 50 MB"):
        safefiles.read_xlsx(data)


def test_absurd_compression_ratio_is_refused():
    with pytest.raises(safefiles.FileProblem, match="zip bomb"):
        safefiles.read_xlsx(hostile.ratio_bomb(ROWS))


def test_billion_laughs_is_refused():
    with pytest.raises(safefiles.FileProblem, match="DTD or XML entities"):
        safefiles.read_xlsx(hostile.billion_laughs(ROWS))


@pytest.mark.parametrize("builder", [hostile.truncated, hostile.truncated_sheet, hostile.no_sheets,
                                     hostile.missing_sheet_part])
def test_broken_workbooks_give_a_file_problem(builder):
    with pytest.raises(safefiles.FileProblem) as info:
        safefiles.read_xlsx(builder(ROWS))
    assert str(info.value).startswith(("unreadable .xlsx workbook", "the workbook has no worksheets"))


def test_no_sheets_says_so():
    with pytest.raises(safefiles.FileProblem, match="no worksheets|unreadable"):
        safefiles.read_xlsx(hostile.no_sheets(ROWS))


def test_formulas_give_their_cached_value_never_the_formula():
    data = hostile.workbook([["Navn"], ['=HYPERLINK("http://evil.example/","Klikk")']])
    _title, rows = safefiles.read_xlsx(data)
    # openpyxl wrote no cached value; data_only reads the value, not the formula text
    assert rows == [(1, ["Navn"])]


def test_csv_caps_and_bad_quotes():
    assert safefiles.read_csv("a;b\n1;2\n", delimiter=";") == [(1, ["a", "b"]), (2, ["1", "2"])]
    with pytest.raises(safefiles.FileProblem, match="more than 3 rows"):
        safefiles.read_csv("a\nb\nc\nd\n", max_rows=3)
    with pytest.raises(safefiles.FileProblem, match="more than 2 columns"):
        safefiles.read_csv("a,b,c\n", max_columns=2)
    with pytest.raises(safefiles.FileProblem, match="row 2: unreadable CSV"):
        safefiles.read_csv('a\n"' + "x" * 200_000 + '"\n')


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000 + "]" * 100_000, "nested more than 64 levels"),
    ("[" * 70 + "]" * 70, "nested more than 64 levels"),
    ('{"a": NaN}', "invalid JSON"),
    ('{"a": Infinity}', "invalid JSON"),
    ('{"a": ' + "9" * 5000 + "}", "invalid JSON"),
    ('{"a": 1', "invalid JSON \\(column 8"),
    ('{"a":\n 1', "invalid JSON \\(line 2, column 3"),
])
def test_loads_json_refuses_with_a_message(text, message):
    with pytest.raises(safefiles.FileProblem, match=message):
        safefiles.loads_json(text)


def test_loads_json_reads_normal_documents():
    assert safefiles.loads_json('{"a": [1, 2.5, {"b": null}]}') == {"a": [1, 2.5, {"b": None}]}
