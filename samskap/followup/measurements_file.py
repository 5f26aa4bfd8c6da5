"""Read benefit measurements from an uploaded CSV or XLSX file. No database access: the action decides.

Columns (header row, case-insensitive, Norwegian or English): ``benefit``/``gevinst`` (the benefit's title as
in the plan), ``date``/``dato`` (YYYY-MM-DD or DD.MM.YYYY), ``value``/``verdi`` (a number; comma or point as
the decimal sign), and optionally ``source``/``kilde`` and ``comment``/``kommentar``. Every problem names its
row (the header is row 1); a cell that starts like a spreadsheet formula (=, +, @) is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from samskap.core import safefiles
from samskap.core.problems import Problem, ProblemsError, gettext_noop

MAX_ROWS = 5_000
MAX_PROBLEMS = 20
COLUMNS = {
    "benefit": ("benefit", "gevinst"),
    "date": ("date", "dato"),
    "value": ("value", "verdi"),
    "source": ("source", "kilde"),
    "comment": ("comment", "kommentar"),
}


class MeasurementFileError(ProblemsError):
    """The file cannot be imported; ``problems`` says why."""


@dataclass(frozen=True)
class MeasurementRow:
    row: int
    benefit: str
    measured_on: dt.date
    value: Decimal
    source: str
    comment: str


def _date(text: str) -> dt.date | None:
    text = text.strip()
    for pattern, order in ((r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00:00)?", "ymd"), (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", "dmy")):
        match = re.fullmatch(pattern, text)
        if match:
            a, b, c = (int(g) for g in match.groups())
            try:
                return dt.date(a, b, c) if order == "ymd" else dt.date(c, b, a)
            except ValueError:
                return None
    return None


def _number(text: str) -> Decimal | None:
    cleaned = text.strip().replace("\xa0", "").replace(" ", "")
    if not re.fullmatch(r"-?\d+([.,]\d+)?", cleaned):
        return None
    try:
        value = Decimal(cleaned.replace(",", "."))
    except InvalidOperation:
        return None
    return value if abs(value) < Decimal("1e12") else None


def read_rows(data: bytes, filename: str) -> list[tuple[int, list[str]]]:
    try:
        if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
            _title, rows = safefiles.read_xlsx(data, max_rows=MAX_ROWS)
            return rows
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise MeasurementFileError([Problem(gettext_noop("The file is neither an XLSX workbook nor UTF-8 CSV "
                                                             "text."), {})]) from None
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        return safefiles.read_csv(text, delimiter=delimiter, max_rows=MAX_ROWS)
    except safefiles.FileProblem as exc:
        raise MeasurementFileError([Problem(exc.template, exc.params)]) from None


def parse(data: bytes, filename: str) -> list[MeasurementRow]:
    records = [(number, cells) for number, cells in read_rows(data, filename) if any(c.strip() for c in cells)]
    if not records:
        raise MeasurementFileError([Problem(gettext_noop("The file is empty."), {})])
    header_row, header = records[0]
    names = [cell.strip().lower() for cell in header]
    index: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for alias in aliases:
            if alias in names:
                index[key] = names.index(alias)
                break
    missing = [COLUMNS[k][0] for k in ("benefit", "date", "value") if k not in index]
    if missing:
        raise MeasurementFileError([Problem(gettext_noop("Row %(row)d: the header lacks the column(s) %(columns)s."),
                                            {"row": header_row, "columns": ", ".join(missing)})])
    problems: list[Problem] = []
    out: list[MeasurementRow] = []
    seen: dict[tuple[str, dt.date], int] = {}
    for number, cells in records[1:]:
        def cell(key: str, cells: list[str] = cells) -> str:
            return cells[index[key]].strip() if key in index and index[key] < len(cells) else ""

        row_problems: list[Problem] = []
        for key in ("benefit", "source", "comment"):
            if cell(key)[:1] in ("=", "+", "@"):
                row_problems.append(Problem(gettext_noop("Row %(row)d: '%(value)s' looks like a spreadsheet formula; "
                                                         "write it as text."), {"row": number, "value": cell(key)[:40]}))
        benefit = cell("benefit")
        if not benefit:
            row_problems.append(Problem(gettext_noop("Row %(row)d: the benefit is missing."), {"row": number}))
        measured_on = _date(cell("date"))
        if measured_on is None:
            row_problems.append(Problem(gettext_noop("Row %(row)d: '%(value)s' is not a date (YYYY-MM-DD or "
                                                     "DD.MM.YYYY)."), {"row": number, "value": cell("date")[:40]}))
        value = _number(cell("value"))
        if value is None:
            row_problems.append(Problem(gettext_noop("Row %(row)d: '%(value)s' is not a number."),
                                        {"row": number, "value": cell("value")[:40]}))
        if len(cell("source")) > 200 or len(cell("comment")) > 500:
            row_problems.append(Problem(gettext_noop("Row %(row)d: the source (200) or the comment (500 characters) "
                                                     "is too long."), {"row": number}))
        if not row_problems and measured_on is not None and value is not None:
            seen_key = (benefit.lower(), measured_on)
            if seen_key in seen:
                row_problems.append(Problem(gettext_noop("Row %(row)d: the benefit already has a measurement on "
                                                         "that date (row %(other)d)."),
                                            {"row": number, "other": seen[seen_key]}))
            else:
                seen[seen_key] = number
                out.append(MeasurementRow(number, benefit, measured_on, value, cell("source"), cell("comment")))
        problems.extend(row_problems)
    if problems:
        shown = problems[:MAX_PROBLEMS]
        if len(problems) > MAX_PROBLEMS:
            shown.append(Problem(gettext_noop("… and %(count)d more problem(s)."),
                                 {"count": len(problems) - MAX_PROBLEMS}))
        raise MeasurementFileError(shown)
    if not out:
        raise MeasurementFileError([Problem(gettext_noop("The file holds no measurements."), {})])
    return out
