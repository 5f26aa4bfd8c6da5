"""Parse SSB KLASS CSV exports (classification 131 municipalities, 104 counties).

Pure module: takes bytes, returns plain rows or raises KlassFormatError naming every bad row.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

REQUIRED_COLUMNS = ("code", "name")
UNKNOWN_CODES = {"9999", "99"}  # SSB's "Uoppgitt" (not stated)


class KlassFormatError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass(frozen=True)
class KlassRow:
    row: int
    code: str
    name: str
    valid_to: str


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise KlassFormatError(["The file is neither UTF-8 nor Windows-1252 text."])  # pragma: no cover


def parse(data: bytes, code_length: int) -> list[KlassRow]:
    """Parse a KLASS CSV export; codes must have `code_length` digits."""
    text = decode(data)
    if not text.strip():
        raise KlassFormatError(["The file is empty."])
    if "\x00" in text:
        raise KlassFormatError(["The file contains NUL characters: it is not a CSV text file."])
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return _parse(text, delimiter, code_length)
    except csv.Error as exc:  # a malformed quote, a field over csv.field_size_limit()
        raise KlassFormatError([f"Unreadable CSV: {exc}."]) from None


def _parse(text: str, delimiter: str, code_length: int) -> list[KlassRow]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise KlassFormatError(
            [f"Row 1: missing column(s) {', '.join(missing)}; found {', '.join(header) or 'none'}."]
        )
    reader.fieldnames = header
    pattern = re.compile(rf"^[0-9]{{{code_length}}}$")
    rows: list[KlassRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, record in enumerate(reader, start=2):
        if None in record:
            errors.append(f"Row {number}: more fields than the header has.")
            continue
        code = (record.get("code") or "").strip()
        name = (record.get("name") or "").strip()
        if len(name) > 100:
            errors.append(f"Row {number}: the name of code {code!r} is longer than 100 characters.")
            continue
        if not pattern.match(code):
            errors.append(f"Row {number}: code {code!r} is not {code_length} digits.")
            continue
        if not name:
            errors.append(f"Row {number}: code {code} has no name.")
            continue
        if code in seen:
            errors.append(f"Row {number}: code {code} appears twice (first in row {seen[code]}).")
            continue
        seen[code] = number
        if code in UNKNOWN_CODES:
            continue
        rows.append(KlassRow(number, code, name, (record.get("validTo") or "").strip()))
    if errors:
        raise KlassFormatError(errors)
    if not rows:
        raise KlassFormatError(["The file holds no codes."])
    return rows
