"""Spreadsheet exports write user text as text, never as a formula (CSV/formula injection).

Every XLSX exporter saves its workbook with :func:`save_workbook`; every CSV exporter passes user
strings through :func:`csv_cell`. Samskap itself never writes formulas, so any cell that would be one
came from user text.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from typing import IO, Any

FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")
_PHONE = re.compile(r"[+-][\d\s().-]*")


def csv_cell(value: Any) -> Any:
    """A CSV field that spreadsheet programs will not evaluate: text starting with ``= + - @``, tab or CR
    gets a leading apostrophe (a phone number such as ``+47 22 00 00 00`` stays as it is)."""
    if not isinstance(value, str) or not value:
        return value
    if value[:1] in ("+", "-") and _PHONE.fullmatch(value):
        return value
    return "'" + value if value[:1] in FORMULA_LEADERS else value


class _Echo:
    """A file-like object whose write() hands the line back (csv.writer writes one row per call)."""

    def write(self, value: str) -> str:
        return value


def csv_stream(header: Iterable[Any], rows: Iterable[Iterable[Any]], *, delimiter: str = ",",
               bom: bool = False) -> Iterator[bytes]:
    """CSV as UTF-8 lines, one row at a time, for a ``StreamingHttpResponse``: a large export never sits in
    memory as a whole. Every field goes through :func:`csv_cell`; ``bom`` starts it with a byte-order mark
    (spreadsheet programs then read UTF-8)."""
    writer = csv.writer(_Echo(), delimiter=delimiter, lineterminator="\r\n")
    yield (("\ufeff" if bom else "") + writer.writerow([csv_cell(v) for v in header])).encode("utf-8")
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row]).encode("utf-8")


def neutralise_formulas(workbook: Any) -> None:
    """Turn every cell openpyxl would store as a formula into a plain text cell with the same text."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")):
                    cell.data_type = "s"


def save_workbook(workbook: Any) -> bytes:
    """The workbook as XLSX bytes, with user text kept as text."""
    neutralise_formulas(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_file(title: str, header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> IO[bytes]:
    """One sheet as an XLSX file on disk (an anonymous temporary file, gone when closed), written row by row
    with openpyxl's write-only mode, so a large export never sits in memory as a whole; for a
    ``FileResponse``, which streams it and closes it. User text stays text, as in :func:`save_workbook`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    bold = Font(bold=True)

    def cell(value: Any, font: Font | None = None) -> WriteOnlyCell:
        c = WriteOnlyCell(sheet, value=value)
        if c.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
            c.data_type = "s"
        if font is not None:
            c.font = font
        return c

    sheet.append([cell(v, bold) for v in header])
    for row in rows:
        sheet.append([cell(v) for v in row])
    out = tempfile.TemporaryFile()
    workbook.save(out)
    out.seek(0)
    return out
