"""Read uploaded files safely: XLSX workbooks, CSV text and JSON. Pure: no Django imports.

Every importer reads its files through these functions, so that no file can make Samskap use gigabytes of
memory or fail with a traceback:

XLSX
    The zip archive is inspected before openpyxl sees it: a damaged archive, a member (or all members
    together) larger than ``MAX_UNCOMPRESSED`` bytes once unpacked, an absurd compression ratio (a "zip
    bomb") and XML parts with a DTD or entity declarations ("billion laughs") are refused. The workbook is
    then opened with ``read_only=True, data_only=True`` (formulas give their cached value, never the
    formula) and read only up to ``max_rows`` rows and ``max_columns`` columns: the sheet's declared size is
    not trusted, so a single cell at XFD1048576 allocates nothing. Content beyond the caps is an error.
CSV
    Rows and columns are capped the same way; a field longer than the csv module's limit and a malformed
    quote are errors naming the row.
JSON
    ``loads_json`` refuses nesting deeper than ``MAX_JSON_DEPTH`` (instead of a ``RecursionError``),
    numbers with thousands of digits and NaN/Infinity, with the line and column of the problem.

Problems are raised as :class:`FileProblem`: an English message template (marked with ``gettext_noop`` so
that Django's makemessages collects it into ``samskap/core/locale``) with its parameters, and ``row`` when
the problem is in one row. Importers turn it into their own error type.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import zipfile
from collections.abc import Iterator, Mapping
from typing import Any

MAX_UNCOMPRESSED = 50 * 1024 * 1024  # bytes, all members of an .xlsx together (and any one of them)
MAX_RATIO = 200  # uncompressed / compressed size of a member larger than RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 10_000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
MAX_JSON_DEPTH = 64
XML_PROLOG_BYTES = 64 * 1024  # where a DTD would be: before the root element

_DTD_RE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DTD16_RE = re.compile("<!DOCTYPE|<!ENTITY".encode("utf-16-le"), re.IGNORECASE)


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it (Django's makemessages finds it)."""
    return message


class FileProblem(ValueError):
    """The file cannot be read. ``template`` % ``params`` is the English message; ``row`` the row (or line)
    number when the problem is in one row."""

    def __init__(self, template: str, params: Mapping[str, Any] | None = None, *, row: int | None = None):
        self.template = template
        self.params = dict(params or {})
        self.row = row
        super().__init__(template % self.params if self.params else template)

    def render(self, translate: Any = None) -> str:
        """The message in the language of ``translate`` (for example Django's ``gettext``)."""
        text = translate(self.template) if translate is not None else self.template
        return text % self.params if self.params else text


# --- XLSX -----------------------------------------------------------------------------------------------


def check_xlsx_archive(data: bytes, *, max_uncompressed: int = MAX_UNCOMPRESSED) -> None:
    """Refuse a damaged zip, a zip bomb or XML with a DTD before openpyxl opens the workbook."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise FileProblem(gettext_noop("unreadable .xlsx workbook: the file is not a complete zip archive "
                                       "(%(error)s)"), {"error": exc}) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise FileProblem(gettext_noop("unreadable .xlsx workbook: it holds %(count)s parts"),
                              {"count": len(members)})
        total = 0
        for info in members:
            # zipfile never unpacks more than the declared size, so the declared sizes bound memory.
            total += info.file_size
            if info.file_size > max_uncompressed or total > max_uncompressed:
                raise FileProblem(gettext_noop("the workbook is too large: over %(limit)s MB once unpacked"),
                                  {"limit": max_uncompressed // (1024 * 1024)})
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                raise FileProblem(gettext_noop("the workbook is compressed suspiciously much (part %(part)s); "
                                               "it is refused as a possible zip bomb"), {"part": info.filename})
        for info in members:
            name = info.filename.casefold()
            if not (name.endswith(".xml") or name.endswith(".rels")):
                continue
            try:
                with archive.open(info) as handle:
                    head = handle.read(XML_PROLOG_BYTES)
            except Exception as exc:  # zlib.error, BadZipFile, NotImplementedError (compression), RuntimeError
                if isinstance(exc, MemoryError):
                    raise
                raise FileProblem(gettext_noop("unreadable .xlsx workbook: part %(part)s is damaged (%(error)s)"),
                                  {"part": info.filename, "error": exc}) from None
            if _DTD_RE.search(head) or _DTD16_RE.search(head):
                raise FileProblem(gettext_noop("the workbook is refused: part %(part)s declares a DTD or XML "
                                               "entities"), {"part": info.filename})


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
    return str(value).strip()


def read_xlsx(data: bytes, *, max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS,
              max_uncompressed: int = MAX_UNCOMPRESSED) -> tuple[str, list[tuple[int, list[str]]]]:
    """The first worksheet as (sheet title, [(row number, cell texts)]), trailing empty cells dropped.

    Raises FileProblem for every kind of broken, hostile or oversized workbook.
    """
    check_xlsx_archive(data, max_uncompressed=max_uncompressed)
    import openpyxl

    workbook = None
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = workbook.worksheets
        if not sheets:
            raise FileProblem(gettext_noop("the workbook has no worksheets"))
        sheet = sheets[0]
        title = str(sheet.title)
        rows: list[tuple[int, list[str]]] = []
        for number, values in enumerate(
                sheet.iter_rows(min_row=1, max_row=max_rows + 1, max_col=max_columns + 1, values_only=True),
                start=1):
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if not cells:
                if number <= max_rows:
                    rows.append((number, []))
                continue
            if number > max_rows:
                raise FileProblem(gettext_noop("the sheet has more than %(limit)s rows"), {"limit": max_rows},
                                  row=number)
            if len(cells) > max_columns:
                raise FileProblem(gettext_noop("row %(row)s: more than %(limit)s columns"),
                                  {"row": number, "limit": max_columns}, row=number)
            rows.append((number, cells))
    except FileProblem:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # openpyxl raises many kinds: KeyError, TypeError, ParseError, InvalidFileException...
        raise FileProblem(gettext_noop("unreadable .xlsx workbook (%(error)s)"),
                          {"error": f"{type(exc).__name__}: {exc}"[:300]}) from None
    finally:
        if workbook is not None:
            try:
                workbook.close()
            except Exception:  # noqa: S110 - closing a broken archive must not hide the real problem
                pass
    while rows and not rows[-1][1]:
        rows.pop()
    return title, rows


# --- CSV ------------------------------------------------------------------------------------------------


def read_csv(text: str, *, delimiter: str = ",", max_rows: int = MAX_ROWS, max_columns: int = MAX_COLUMNS,
             trim: bool = True) -> list[tuple[int, list[str]]]:
    """CSV text as [(row number, cells)]; row numbers count records, the first being 1. With ``trim`` cells
    are stripped and trailing empty cells dropped. A field longer than csv.field_size_limit() (131,072
    characters) is an error."""
    rows: list[tuple[int, list[str]]] = []
    number = 0
    try:
        reader: Iterator[list[str]] = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for number, record in enumerate(reader, start=1):
            cells = [c.strip() for c in record] if trim else record
            while trim and cells and not cells[-1]:
                cells.pop()
            if any(cells) and number > max_rows:
                raise FileProblem(gettext_noop("the file has more than %(limit)s rows"), {"limit": max_rows},
                                  row=number)
            if len(cells) > max_columns:
                raise FileProblem(gettext_noop("row %(row)s: more than %(limit)s columns"),
                                  {"row": number, "limit": max_columns}, row=number)
            rows.append((number, cells))
    except csv.Error as exc:
        raise FileProblem(gettext_noop("row %(row)s: unreadable CSV (%(error)s)"), {"row": number + 1, "error": exc},
                          row=number + 1) from None
    return rows


# --- JSON -----------------------------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def json_depth_exceeds(value: Any, limit: int) -> bool:
    """Is ``value`` nested deeper than ``limit`` lists/objects? (Iterative: no recursion.)"""
    return _json_walk(value, limit)[0]


def _json_walk(value: Any, limit: int) -> tuple[bool, bool]:
    """(nested deeper than ``limit``, a string or key holds U+0000), found without recursion."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    nul = False
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            nul = nul or "\x00" in item
            continue
        if isinstance(item, dict):
            nul = nul or any("\x00" in key for key in item)
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True, nul
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list | str))
    return False, nul


def loads_json(text: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` that raises FileProblem (with line and column) for anything it cannot read, nesting
    deeper than ``max_depth``, NaN/Infinity, integers too long to convert and U+0000 in strings."""
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        if "\n" not in text:  # one line of a JSONL file: the caller names the line
            raise FileProblem(gettext_noop("invalid JSON (column %(column)s: %(error)s)"),
                              {"column": exc.colno, "error": exc.msg}) from None
        raise FileProblem(gettext_noop("invalid JSON (line %(line)s, column %(column)s: %(error)s)"),
                          {"line": exc.lineno, "column": exc.colno, "error": exc.msg}) from None
    except RecursionError:
        raise FileProblem(gettext_noop("the JSON is nested more than %(limit)s levels deep"),
                          {"limit": max_depth}) from None
    except ValueError as exc:  # NaN/Infinity, integers with more than sys.get_int_max_str_digits() digits
        raise FileProblem(gettext_noop("invalid JSON (%(error)s)"), {"error": str(exc)[:200]}) from None
    too_deep, nul = _json_walk(value, max_depth)
    if too_deep:
        raise FileProblem(gettext_noop("the JSON is nested more than %(limit)s levels deep"), {"limit": max_depth})
    if nul:  # PostgreSQL stores no U+0000 in text or jsonb
        raise FileProblem(gettext_noop("the JSON contains a NUL character (\\u0000)"))
    return value



# --- PDF ------------------------------------------------------------------------------------------------

MAX_PDF_BYTES = 5 * 1024 * 1024
PDF_TAIL_BYTES = 2048  # where %%EOF must be (after the trailer; a few bytes of padding are allowed)
_PDF_ACTIVE_RE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFile|OpenAction|AA|RichMedia|XFA)\b")


def check_pdf(data: bytes, *, max_bytes: int = MAX_PDF_BYTES) -> None:
    """Refuse a file that is empty, too large, not a PDF, truncated, or carries active content (scripts,
    launch actions, embedded files). The file itself is stored as it is, never rendered by Samskap."""
    if not data:
        raise FileProblem(gettext_noop("the file is empty"))
    if len(data) > max_bytes:
        raise FileProblem(gettext_noop("the file is too large: at most %(limit)s MB"),
                          {"limit": round(max_bytes / (1024 * 1024), 1)})
    if not data[:1024].lstrip(b"\x00\t\r\n ").startswith(b"%PDF-"):
        raise FileProblem(gettext_noop("the file is not a PDF document"))
    if b"%%EOF" not in data[-PDF_TAIL_BYTES:]:
        raise FileProblem(gettext_noop("the PDF document is incomplete (it has no end marker)"))
    if _PDF_ACTIVE_RE.search(data):
        raise FileProblem(gettext_noop("the PDF document is refused: it contains scripts, actions or embedded "
                                       "files"))
