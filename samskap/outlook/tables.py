"""Parse population tables in long CSV form into population cells. Pure: no Django imports.

Two layouts, one row per region, year and age group:

* observed population (FHI's csdata export of SSB's figures, and any file with the same columns):
  ``municipality_code,year,age_group,population_jan1`` (e.g. ``0301,2005,0-5,41827``);
* SSB's projections in long form, as SSB's table 14746 is saved from the statistics bank or its API:
  ``region,statistikkvariabel,år,alder,value[,Framskriving][,Tabell]`` where the region is a code
  (``4001``, ``K-4001``), a code and name (``4001 Porsgrunn``) or a name as SSB writes it
  (``Porsgrunn``, ``Våler (Østfold)``), the variable names the alternative (``Hovedalternativet (MMMM)``)
  and ``Framskriving`` the projection round (2026).

Ages are bucketed into Samskap's groups (0-19, 20-66, 67-79, 80+); every region and year must cover all ages
exactly once, so the totals are the sum of the groups. Problems name the row (the header is row 1) and are
raised together as `jsonstat.JsonStatError`, so nothing of a bad file is imported.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from samskap.core import safefiles
from samskap.outlook.jsonstat import (
    AGE_GROUPS,
    ALTERNATIVE_RE,
    MAX_VALUE,
    OBSERVED,
    TOTAL,
    JsonStatError,
    ParsedTable,
    Problem,
    _check_sums,
    _covers,
    age_group_of,
    gettext_noop,
    parse_age,
)

MAX_ROWS = 1_500_000  # a full 14746 file for every municipality, all alternatives, has about 300,000 rows
MAX_PROBLEMS = 20
OBSERVED_KIND, PROJECTION_KIND, FLAT_KIND = "observed", "projection", "flat"
# Projection rounds of SSB's tables (the table id changes every round); otherwise the first projected year.
KNOWN_ROUNDS = {"12882": 2020, "14288": 2024, "14746": 2026}

_OBSERVED_COLUMNS = {
    "region": ("municipality_code", "kommunenummer", "kommune", "region", "code"),
    "year": ("year", "år", "aar", "tid"),
    "age": ("age_group", "alder", "age", "aldersgruppe"),
    "value": ("population_jan1", "population", "personer", "value", "verdi"),
}
_PROJECTION_COLUMNS = {
    "region": ("region", "kommune", "municipality_code", "code"),
    "series": ("statistikkvariabel", "alternativ", "alternative", "contentscode"),
    "year": ("år", "aar", "year", "tid"),
    "age": ("alder", "age", "age_group"),
    "value": ("value", "verdi", "personer", "population"),
    "round": ("framskriving", "round"),
    "table": ("tabell", "table"),
}


def decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonStatError([Problem(gettext_noop("The file is not UTF-8 text (byte %(pos)d)."),
                                     {"pos": exc.start})]) from None


def _records(text: str) -> list[tuple[int, list[str]]]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return safefiles.read_csv(text, delimiter=delimiter, max_rows=MAX_ROWS)
    except safefiles.FileProblem as exc:
        raise JsonStatError([Problem(exc.template, exc.params)]) from None


def _header_names(cells: list[str]) -> list[str]:
    return [cell.strip().strip('"').lower() for cell in cells]


def csv_kind(data: bytes | str) -> str | None:
    """Which layout a CSV file has: OBSERVED_KIND, PROJECTION_KIND, FLAT_KIND ("Tid,<county>_<alt>") or None."""
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    names = _header_names(first.strip().split(delimiter))
    if not names or not names[0]:
        return None
    if any(n in names for n in _PROJECTION_COLUMNS["series"]) and any(n in names for n in _PROJECTION_COLUMNS["age"]):
        return PROJECTION_KIND
    if (any(n in names for n in _OBSERVED_COLUMNS["age"]) and any(n in names for n in _OBSERVED_COLUMNS["value"])
            and any(n in names for n in _OBSERVED_COLUMNS["region"])):
        return OBSERVED_KIND
    if names[0] in {"tid", "time", "year", "år", "aar"}:
        return FLAT_KIND
    return None


def _columns(header: list[str], wanted: Mapping[str, tuple[str, ...]], required: tuple[str, ...]) -> dict[str, int]:
    names = _header_names(header)
    found: dict[str, int] = {}
    for key, aliases in wanted.items():
        for alias in aliases:
            if alias in names:
                found[key] = names.index(alias)
                break
    missing = [wanted[key][0] for key in required if key not in found]
    if missing:
        raise JsonStatError([Problem(gettext_noop("The CSV file lacks the column(s) %(columns)s (row 1 is the "
                                                  "header)."), {"columns": ", ".join(missing)})])
    return found


class _Collector:
    """Problems with their row numbers, the first MAX_PROBLEMS of them, and a count of the rest."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.more = 0

    def add(self, template: str, **params: Any) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(template, params))
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if self.problems:
            problems = list(self.problems)
            if self.more:
                problems.append(Problem(gettext_noop("… and %(count)d more problem(s)."), {"count": self.more}))
            raise JsonStatError(problems)


def _age_range(text: str) -> tuple[int, int | None] | None:
    parsed = parse_age(text.replace("år", "").strip(), text)
    if parsed is None or parsed == TOTAL or isinstance(parsed, str):
        return None
    return parsed


def _number(text: str) -> int | None:
    cleaned = text.strip().replace("\xa0", "").replace(" ", "")
    if not re.fullmatch(r"\d+(\.0+)?", cleaned):
        return None
    value = int(float(cleaned))
    return value if value <= MAX_VALUE else None


def _finish(table: ParsedTable, ranges: dict[tuple[str, int, str], dict[tuple[int, int | None], int]],
            rows_of: dict[tuple[str, int, str], int], problems: _Collector) -> None:
    """Sum the age ranges of every region, year and series into the groups; check that they cover all ages."""
    for (region, year, series), by_range in ranges.items():
        sums: dict[str, int] = {}
        for name, lo, hi in AGE_GROUPS:
            inside = [r for r in by_range if r[0] >= lo and (hi is None or (r[1] is not None and r[1] <= hi))]
            if not _covers(inside, lo, hi):
                problems.add(gettext_noop("%(region)s %(year)d: the age groups do not cover the ages %(group)s "
                                          "exactly once (rows from %(row)d)."),
                             region=region, year=year, group=name, row=rows_of[(region, year, series)])
                break
            sums[name] = sum(by_range[r] for r in inside)
        else:
            for name, value in sums.items():
                table.cells[(region, year, name, series)] = value
            table.cells[(region, year, TOTAL, series)] = sum(sums.values())


def parse_observed_csv(data: bytes | str, *, table_id: str = "07459", title: str = "",
                       source: str = "") -> ParsedTable:
    """Observed population on 1 January by region, year and age group (one row each)."""
    records = _records(decode(data))
    if not records:
        raise JsonStatError([Problem(gettext_noop("The CSV file is empty."))])
    columns = _columns(records[0][1], _OBSERVED_COLUMNS, ("region", "year", "age", "value"))
    table = ParsedTable(table_id=table_id, title=title or gettext_noop("Population 1 January by age group"),
                        source=source or "Statistisk sentralbyrå", has_age=True)
    problems = _Collector()
    ranges: dict[tuple[str, int, str], dict[tuple[int, int | None], int]] = {}
    rows_of: dict[tuple[str, int, str], int] = {}
    for row_no, cells in records[1:]:
        if not any(cells):
            continue
        def get(key: str, cells: list[str] = cells) -> str:
            return cells[columns[key]].strip() if key in columns and columns[key] < len(cells) else ""

        code, year_text, age_text, value_text = get("region"), get("year"), get("age"), get("value")
        if re.fullmatch(r"\d{3}", code):
            code = "0" + code  # spreadsheets drop the leading zero of 0301
        if not re.fullmatch(r"\d{4}", code):
            problems.add(gettext_noop("Row %(row)d: '%(code)s' is not a municipality number."), row=row_no,
                         code=code[:40])
            continue
        if not re.fullmatch(r"\d{4}", year_text) or not 1900 <= int(year_text) <= 2100:
            problems.add(gettext_noop("Row %(row)d: '%(year)s' is not a year."), row=row_no, year=year_text[:40])
            continue
        age = _age_range(age_text)
        if age is None or age_group_of(*age) is None:
            problems.add(gettext_noop("Row %(row)d: the age group '%(age)s' is not read or spans two of the groups "
                                      "0-19, 20-66, 67-79 and 80+."), row=row_no, age=age_text[:40])
            continue
        value = _number(value_text)
        if value is None:
            problems.add(gettext_noop("Row %(row)d: '%(value)s' is not a number of persons."), row=row_no,
                         value=value_text[:40])
            continue
        key = (code, int(year_text), OBSERVED)
        by_range = ranges.setdefault(key, {})
        rows_of.setdefault(key, row_no)
        if age in by_range:
            problems.add(gettext_noop("Row %(row)d: %(code)s %(year)s %(age)s appears twice."), row=row_no,
                         code=code, year=year_text, age=age_text[:40])
            continue
        by_range[age] = value
        table.regions.setdefault(code, code)
    problems.raise_if_any()
    _finish(table, ranges, rows_of, problems)
    problems.raise_if_any()
    if not table.cells:
        raise JsonStatError([Problem(gettext_noop("The CSV file holds no figures."))])
    _check_sums(table.cells)
    return table


def _region_code(text: str, names: Mapping[str, str]) -> str | None:
    text = text.strip()
    match = re.fullmatch(r"(?:[KF]-)?(\d{4}|\d{2}|0)(?:\s+.*)?", text, flags=re.IGNORECASE)
    if match:
        return match.group(1)
    return names.get(text) or names.get(text.lower())


def parse_projection_csv(data: bytes | str, region_names: Mapping[str, str], *, table_id: str = "",
                         title: str = "") -> ParsedTable:
    """SSB's projection by region, alternative, year and age (long form, e.g. table 14746).

    `region_names` maps names as SSB writes them (and their lower-case forms) to codes: municipalities,
    counties and "Hele landet" (code 0).
    """
    records = _records(decode(data))
    if not records:
        raise JsonStatError([Problem(gettext_noop("The CSV file is empty."))])
    columns = _columns(records[0][1], _PROJECTION_COLUMNS, ("region", "series", "year", "age", "value"))
    problems = _Collector()
    ranges: dict[tuple[str, int, str], dict[tuple[int, int | None], int]] = {}
    rows_of: dict[tuple[str, int, str], int] = {}
    tables: set[str] = set()
    rounds: set[str] = set()
    table = ParsedTable(table_id=table_id, title=title, source="Statistisk sentralbyrå", has_age=True)
    for row_no, cells in records[1:]:
        if not any(cells):
            continue
        def get(key: str, cells: list[str] = cells) -> str:
            return cells[columns[key]].strip() if key in columns and columns[key] < len(cells) else ""

        region_text, series_text, year_text, age_text, value_text = (get("region"), get("series"), get("year"),
                                                                     get("age"), get("value"))
        code = _region_code(region_text, region_names)
        if code is None:
            problems.add(gettext_noop("Row %(row)d: the region '%(region)s' is unknown (give its number if the "
                                      "name is shared by two municipalities)."), row=row_no, region=region_text[:60])
            continue
        alternative = ALTERNATIVE_RE.search(series_text.upper())
        if alternative is None:
            problems.add(gettext_noop("Row %(row)d: '%(series)s' names no projection alternative such as MMMM."),
                         row=row_no, series=series_text[:60])
            continue
        if not re.fullmatch(r"\d{4}", year_text) or not 1900 <= int(year_text) <= 2100:
            problems.add(gettext_noop("Row %(row)d: '%(year)s' is not a year."), row=row_no, year=year_text[:40])
            continue
        age = _age_range(age_text)
        if age is None or age_group_of(*age) is None:
            problems.add(gettext_noop("Row %(row)d: the age group '%(age)s' is not read or spans two of the groups "
                                      "0-19, 20-66, 67-79 and 80+."), row=row_no, age=age_text[:40])
            continue
        value = _number(value_text)
        if value is None:
            problems.add(gettext_noop("Row %(row)d: '%(value)s' is not a number of persons."), row=row_no,
                         value=value_text[:40])
            continue
        if get("table"):
            tables.add(get("table"))
        if get("round"):
            rounds.add(get("round"))
        key = (code, int(year_text), alternative.group(1))
        by_range = ranges.setdefault(key, {})
        rows_of.setdefault(key, row_no)
        if age in by_range:
            problems.add(gettext_noop("Row %(row)d: %(code)s %(year)s %(age)s appears twice."), row=row_no,
                         code=region_text[:60], year=year_text, age=age_text[:40])
            continue
        by_range[age] = value
        table.regions.setdefault(code, region_text)
    if len(tables) > 1 or len(rounds) > 1:
        problems.add(gettext_noop("The file mixes tables or projection rounds (%(values)s); import one at a time."),
                     values=", ".join(sorted(tables | rounds)))
    problems.raise_if_any()
    _finish(table, ranges, rows_of, problems)
    problems.raise_if_any()
    if not table.cells:
        raise JsonStatError([Problem(gettext_noop("The CSV file holds no figures."))])
    _check_sums(table.cells)
    table.table_id = table_id or (next(iter(tables)) if tables else "")
    if rounds and re.fullmatch(r"\d{4}", next(iter(rounds))):
        table.projection_round = int(next(iter(rounds)))
    table.title = title or (gettext_noop("Population projection by age (SSB table %(table)s)") % {
        "table": table.table_id} if table.table_id else gettext_noop("Population projection by age (SSB)"))
    return table


def projection_round(table_id: str, years: list[int]) -> int | None:
    """The projection round of a table: SSB's known table ids, else the first projected year."""
    return KNOWN_ROUNDS.get(table_id) or (min(years) if years else None)
