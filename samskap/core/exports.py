"""Spreadsheet exports write user text as text, never as a formula (CSV/formula injection).

Every XLSX exporter saves its workbook with :func:`save_workbook`; every CSV exporter passes user
strings through :func:`csv_cell`. Samskap itself never writes formulas, so any cell that would be one
came from user text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

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
