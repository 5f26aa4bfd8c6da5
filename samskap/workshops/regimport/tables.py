"""Reading tables: CSV (encoding and separator detected) and XLSX (through core.safefiles)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from pathlib import Path

from samskap.core import safefiles
from samskap.workshops.regimport.types import Problem, RegistrationImportError, _

# (header, [(row number, cells)], source info)
Table = tuple[list[str], list[tuple[int, list[str]]], dict[str, str]]

# ---------------------------------------------------------------------------
# Reading tables
# ---------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise RegistrationImportError(
                Problem(_("the file starts with a UTF-8 byte-order mark but is not valid UTF-8 (%(error)s)"), error=exc)
            ) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise RegistrationImportError(Problem(_("invalid UTF-16 file (%(error)s)"), error=exc)) from None
    if b"\x00" in data[:4096]:
        raise RegistrationImportError(
            Problem(_("unreadable file: it contains binary data (not a CSV text file or an .xlsx workbook)"))
        )
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise RegistrationImportError(
                Problem(_("wrong encoding: the file is neither UTF-8 nor Windows-1252; save it as 'CSV UTF-8' or as .xlsx"))
            ) from None
    if "\x00" in text:
        raise RegistrationImportError(
            Problem(_("unreadable file: it contains binary data (not a CSV text file or an .xlsx workbook)"))
        )
    if re.search("Ã[\u0080-\u00bf¦¥¸˜…†Ÿ©¨]", text):
        raise RegistrationImportError(
            Problem(_("wrong encoding: the text looks double-encoded (UTF-8 read as Windows-1252, e.g. 'Ã¸' "
                      "instead of 'ø'); export the file again as 'CSV UTF-8'"))
        )
    return text, enc


def _sniff_delimiter(text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] > 0 and list(counts.values()).count(counts[best]) == 1:
        return best
    try:
        return csv.Sniffer().sniff(text[:20000], delimiters=";,\t").delimiter
    except csv.Error:
        return best if counts[best] else ","


def read_table(data: bytes, filename: str = "") -> Table:
    """Return (header, [(row number, cells)], source info) for CSV or XLSX."""
    suffix = Path(filename).suffix.casefold()
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix == ".xls":
        raise RegistrationImportError(
            Problem(_("old Excel .xls files are not supported: save the sheet as .xlsx or CSV"))
        )
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(data)
    if not data.strip():
        raise RegistrationImportError(Problem(_("the file is empty")))
    text, enc = _decode(data)
    delim = _sniff_delimiter(text)
    try:
        rows = safefiles.read_csv(text, delimiter=delim)
    except safefiles.FileProblem as exc:
        raise RegistrationImportError(Problem(exc.template, **exc.params)) from None
    return _split_header(rows, {"format": "csv", "encoding": enc, "delimiter": delim})


def _read_xlsx(data: bytes) -> Table:
    """The first worksheet, read by :func:`samskap.core.safefiles.read_xlsx` (zip-bomb, DTD, size caps)."""
    try:
        title, rows = safefiles.read_xlsx(data)
    except safefiles.FileProblem as exc:
        raise RegistrationImportError(Problem(exc.template, **exc.params)) from None
    return _split_header(rows, {"format": "xlsx", "sheet": title})


def _split_header(rows: Iterable[tuple[int, list[str]]], info: dict[str, str]) -> Table:
    body: list[tuple[int, list[str]]] = [(n, cells) for n, cells in rows]
    while body and not any(body[0][1]):
        body.pop(0)
    if not body:
        raise RegistrationImportError(Problem(_("the file has no header row")))
    header = body[0][1]
    info["header_row"] = str(body[0][0])
    return header, body[1:], info
