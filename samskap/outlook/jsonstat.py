"""Parse SSB population tables (JSON-stat 2.0) into population cells. Pure: no Django imports.

A cell is (region code, year, age group, series) -> persons. Region codes are normalised ("K-3001" and
"3001" are the same municipality; "F-50" and "50" the same county), sex is summed, ages are bucketed into
the age groups Samskap uses (0-19, 20-66, 67-79, 80+) plus "total". The series is "observed" or a
projection alternative read from the category labels ("Hovedalternativet (MMMM)" -> "MMMM").

Both forms of JSON-stat's "value" are read: the dense array and the sparse object {"index": value}.
Problems are collected and raised together as JsonStatError; each problem is a message template (marked
with gettext_noop so Django can translate it) and its parameters.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product
from typing import Any

from samskap.core import safefiles

AGE_GROUPS: tuple[tuple[str, int, int | None], ...] = (
    ("0-19", 0, 19),
    ("20-66", 20, 66),
    ("67-79", 67, 79),
    ("80+", 80, None),
)
GROUP_NAMES = tuple(name for name, _lo, _hi in AGE_GROUPS)
TOTAL = "total"
OBSERVED = "observed"
ALTERNATIVE_RE = re.compile(r"(?<![A-Z0-9])([LMHKR0]{4})(?![A-Z0-9])")

REGION_IDS = {"region", "kommune", "kommnr", "fylke", "geo", "area"}
TIME_IDS = {"tid", "time", "year", "år", "aar"}
AGE_IDS = {"alder", "age"}
SEX_IDS = {"kjonn", "kjønn", "sex", "kjonn1"}
MAX_CELLS = 10_000_000  # cells a dataset's dimensions may describe (SSB answers at most 800,000 per query)
MAX_VALUE = 100_000_000  # persons in one cell or sum: more is not a population (the column holds < 2**31)
MAX_JSON_DEPTH = 32


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it (Django's makemessages finds it)."""
    return message


@dataclass(frozen=True)
class Problem:
    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.template % dict(self.params) if self.params else self.template


class JsonStatError(ValueError):
    """The data cannot be imported. `problems` says why, one line each."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(str(p) for p in self.problems))


@dataclass
class ParsedTable:
    """Population cells of one table, ready to be mapped to current municipality codes."""

    table_id: str
    title: str
    updated: str = ""
    source: str = ""
    has_age: bool = False
    illustrative: bool = False
    regions: dict[str, str] = field(default_factory=dict)  # normalised code -> label
    cells: dict[tuple[str, int, str, str], int] = field(default_factory=dict)  # (region, year, group, series)
    missing_values: int = 0
    notes: list[Problem] = field(default_factory=list)
    projection_round: int | None = None  # SSB's projection round (2026 for table 14746), where known

    @property
    def years(self) -> list[int]:
        return sorted({key[1] for key in self.cells})

    @property
    def series(self) -> list[str]:
        return sorted({key[3] for key in self.cells})

    @property
    def is_projection(self) -> bool:
        return any(s != OBSERVED for s in self.series)

    def merge(self, other: ParsedTable) -> None:
        """Add the cells of another part of the same table (large queries are fetched in chunks)."""
        self.regions.update(other.regions)
        for key, value in other.cells.items():
            self.cells[key] = self.cells.get(key, 0) + value
        self.missing_values += other.missing_values
        self.has_age = self.has_age or other.has_age
        for note in other.notes:
            if note not in self.notes:
                self.notes.append(note)


# --- region codes -----------------------------------------------------------------------------------------

def normalise_region(code: str) -> str:
    """SSB writes municipalities as 'K-3001' or '3001' and counties as 'F-50' or '50'; keep the digits."""
    code = code.strip()
    match = re.fullmatch(r"[KF]-?(\d{2}|\d{4})", code, flags=re.IGNORECASE)
    if match:
        return match.group(1)
    if re.fullmatch(r"K-.+", code, flags=re.IGNORECASE):
        return code[2:]
    return code


# --- ages -------------------------------------------------------------------------------------------------

_TOTAL_CODES = {"999", "999a", "alle", "total", "tot", "i alt", "ialt", "all", "all ages", "alle aldre", "sum"}


def parse_age(code: str, label: str = "") -> tuple[int, int | None] | str | None:
    """An age category as (lowest, highest or None for open-ended), TOTAL, or None if unreadable."""
    for text in (code, label):
        text = (text or "").strip().lower()
        if not text:
            continue
        if text in _TOTAL_CODES:
            return TOTAL
        match = re.fullmatch(r"[a-z]*\s*(\d{1,3})\s*(?:år|years?)?", text)
        if match:
            return int(match.group(1)), int(match.group(1))
        match = re.fullmatch(r"[a-z]*\s*(\d{1,3})\s*(?:år|years?)?\s*[-–]\s*(\d{1,3})\s*(?:år|years?)?", text)
        if match:
            lo, hi = int(match.group(1)), int(match.group(2))
            return (lo, hi) if lo <= hi else None
        match = re.fullmatch(
            r"[a-z]*\s*(\d{1,3})\s*(?:\+|år\s*\+|år eller eldre|år og eldre|år og over|years? (?:and|or) (?:over|older)|\+ år)",
            text)
        if match:
            return int(match.group(1)), None
    return None


def age_group_of(lo: int, hi: int | None) -> str | None:
    """The age group that wholly contains [lo, hi], or None if the range spans two groups."""
    for name, glo, ghi in AGE_GROUPS:
        if lo >= glo and (ghi is None or (hi is not None and hi <= ghi)):
            return name
    return None


def groups_spanned(lo: int, hi: int | None) -> list[str]:
    top = 10_000 if hi is None else hi
    return [name for name, glo, ghi in AGE_GROUPS if lo <= (ghi if ghi is not None else 10_000) and top >= glo]


def _covers(ranges: list[tuple[int, int | None]], lo: int, hi: int | None) -> bool:
    """Do the disjoint ranges exactly cover [lo, hi]?"""
    position = lo
    for rlo, rhi in sorted(ranges):
        if rlo != position:
            return False
        if rhi is None:
            return hi is None
        position = rhi + 1
    return hi is not None and position == hi + 1


# --- JSON-stat 2.0 ----------------------------------------------------------------------------------------

def _dimension_categories(dim_id: str, dim: Any, size: int, problems: list[Problem]) -> list[tuple[str, str]]:
    """The categories of a dimension as (code, label), in index order."""
    if not isinstance(dim, dict) or not isinstance(dim.get("category"), dict):
        problems.append(Problem(gettext_noop("Dimension '%(dim)s' has no categories."), {"dim": dim_id}))
        return []
    category = dim["category"]
    index = category.get("index")
    labels = category.get("label") or {}
    if isinstance(index, list):
        codes = [str(c) for c in index]
    elif isinstance(index, dict):
        if not all(isinstance(pos, int) and not isinstance(pos, bool) for pos in index.values()) or sorted(
                index.values()) != list(range(len(index))):
            problems.append(Problem(gettext_noop("Dimension '%(dim)s' has a broken category index."),
                                    {"dim": dim_id}))
            return []
        codes = [str(code) for code, _pos in sorted(index.items(), key=lambda item: item[1])]
    elif isinstance(labels, dict) and len(labels) == 1:
        codes = [str(next(iter(labels)))]
    else:
        problems.append(Problem(gettext_noop("Dimension '%(dim)s' has no category index."), {"dim": dim_id}))
        return []
    if len(codes) != size:
        problems.append(Problem(gettext_noop("Dimension '%(dim)s' has %(found)d categories, but its size is "
                                             "%(size)d."), {"dim": dim_id, "found": len(codes), "size": size}))
        return []
    return [(code, str(labels.get(code, code)) if isinstance(labels, dict) else code) for code in codes]


def _find(dim_ids: list[str], role: Mapping[str, Any], role_name: str, names: set[str]) -> str | None:
    listed = role.get(role_name) if role_name else None
    for dim_id in listed if isinstance(listed, list) else []:
        if isinstance(dim_id, str) and dim_id in dim_ids:
            return dim_id
    for dim_id in dim_ids:
        if dim_id.lower() in names:
            return dim_id
    return None


def _table_id(doc: Mapping[str, Any]) -> str:
    extension = doc.get("extension") if isinstance(doc.get("extension"), dict) else {}
    for key in ("px", "samskap"):
        part = extension.get(key) if isinstance(extension, dict) else None
        if isinstance(part, dict) and part.get("tableid"):
            return str(part["tableid"])
        if isinstance(part, dict) and part.get("table_id"):
            return str(part["table_id"])
    match = re.match(r"\s*(\d{5})\b", str(doc.get("label", "")))
    return match.group(1) if match else ""


def _illustrative(doc: Mapping[str, Any]) -> bool:
    extension = doc.get("extension")
    part = extension.get("samskap") if isinstance(extension, dict) else None
    return bool(part.get("illustrative", False)) if isinstance(part, dict) else False


def _read_document(data: bytes | str | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(data, Mapping):
        return dict(data)
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JsonStatError([Problem(gettext_noop("The file is not UTF-8 text (byte %(pos)d)."),
                                         {"pos": exc.start})]) from exc
    else:
        text = data
    try:  # the shared reader also refuses deep nesting, NaN, huge integers and NUL characters
        doc = safefiles.loads_json(text, max_depth=MAX_JSON_DEPTH)
    except safefiles.FileProblem as exc:
        if "column" in exc.params:  # a syntax error
            raise JsonStatError([Problem(gettext_noop("The file is not JSON (line %(line)d: %(msg)s)."),
                                         {"line": exc.params.get("line", 1), "msg": exc.params["error"]})]) from None
        raise JsonStatError([Problem(exc.template, exc.params)]) from None
    if not isinstance(doc, dict):
        raise JsonStatError([Problem(gettext_noop("The file is not a JSON-stat 2.0 dataset (it is not a JSON "
                                                  "object)."))])
    return doc


def parse(data: bytes | str | Mapping[str, Any], *, table_id: str | None = None) -> ParsedTable:
    """Parse one JSON-stat 2.0 dataset (SSB API v0 `json-stat2` or PxWebApi v2) into population cells."""
    doc = _read_document(data)
    if doc.get("class") != "dataset":
        if "dataset" in doc or any(isinstance(v, dict) and "dimension" in v for v in doc.values()):
            raise JsonStatError([Problem(gettext_noop(
                "The file is JSON-stat 1.x, not 2.0; ask SSB's API for the format \"json-stat2\"."))])
        raise JsonStatError([Problem(gettext_noop(
            "The file is not a JSON-stat 2.0 dataset: \"class\": \"dataset\" is missing."))])
    if "version" in doc and str(doc["version"]) != "2.0":
        raise JsonStatError([Problem(gettext_noop("The file is JSON-stat version %(version)s, not 2.0."),
                                     {"version": doc["version"]})])
    missing = [key for key in ("id", "size", "dimension", "value") if key not in doc]
    if missing:
        raise JsonStatError([Problem(gettext_noop("The JSON-stat dataset lacks %(keys)s."),
                                     {"keys": ", ".join(f'"{k}"' for k in missing)})])
    dim_ids, sizes, dimensions = doc["id"], doc["size"], doc["dimension"]
    if (not isinstance(dim_ids, list) or not isinstance(sizes, list) or len(dim_ids) != len(sizes)
            or not all(isinstance(s, int) and s >= 0 for s in sizes) or not isinstance(dimensions, dict)):
        raise JsonStatError([Problem(gettext_noop("The dataset's \"id\" and \"size\" do not match."))])
    dim_ids = [str(d) for d in dim_ids]
    problems: list[Problem] = []
    absent = [d for d in dim_ids if d not in dimensions]
    if absent:
        raise JsonStatError([Problem(gettext_noop("Dimension(s) %(dims)s are listed in \"id\" but not described."),
                                     {"dims": ", ".join(absent)})])
    categories = {d: _dimension_categories(d, dimensions[d], s, problems) for d, s in zip(dim_ids, sizes,
                                                                                          strict=True)}
    if problems:
        raise JsonStatError(problems)

    role: dict[str, Any] = doc["role"] if isinstance(doc.get("role"), dict) else {}
    region_dim = _find(dim_ids, role, "geo", REGION_IDS)
    time_dim = _find(dim_ids, role, "time", TIME_IDS)
    age_dim = _find(dim_ids, {}, "", AGE_IDS)
    sex_dim = _find(dim_ids, {}, "", SEX_IDS)
    if region_dim is None:
        problems.append(Problem(gettext_noop(
            "The region dimension is missing (a dimension with role \"geo\" or id \"Region\"); found: %(dims)s."),
            {"dims": ", ".join(dim_ids)}))
    if time_dim is None:
        problems.append(Problem(gettext_noop(
            "The time dimension is missing (a dimension with role \"time\" or id \"Tid\"); found: %(dims)s."),
            {"dims": ", ".join(dim_ids)}))
    if problems:
        raise JsonStatError(problems)
    assert region_dim is not None and time_dim is not None

    # The projection alternative: a dimension whose category labels carry codes like "(MMMM)".
    known = {region_dim, time_dim, age_dim, sex_dim}
    series_dim = None
    for d in dim_ids:
        if d in known:
            continue
        if any(ALTERNATIVE_RE.search(f"{code} {label}".upper()) for code, label in categories[d]):
            series_dim = d
            break
    series_of: dict[int, str] = {}
    if series_dim is not None:
        for pos, (code, label) in enumerate(categories[series_dim]):
            match = ALTERNATIVE_RE.search(label.upper()) or ALTERNATIVE_RE.search(code.upper())
            if match is None:
                problems.append(Problem(gettext_noop(
                    "Category '%(code)s' (%(label)s) of dimension '%(dim)s' names no projection alternative "
                    "like MMMM."), {"code": code, "label": label, "dim": series_dim}))
            else:
                series_of[pos] = match.group(1)
        if len(set(series_of.values())) != len(series_of):
            problems.append(Problem(gettext_noop("A projection alternative appears twice in dimension '%(dim)s'."),
                                    {"dim": series_dim}))
    title = str(doc.get("label", ""))
    if series_dim is None and re.search(r"framskr|projection|projected", title, flags=re.IGNORECASE):
        problems.append(Problem(gettext_noop(
            "The table is a projection, but no dimension names the alternative (such as MMMM, HHMH, LLML).")))

    for d in dim_ids:
        if d in known or d == series_dim:
            continue
        if len(categories[d]) > 1:
            problems.append(Problem(gettext_noop(
                "Dimension '%(dim)s' has %(count)d categories (%(codes)s); select one, since Samskap only sums "
                "over sex."), {"dim": d, "count": len(categories[d]),
                               "codes": ", ".join(c for c, _l in categories[d][:5])}))

    years: dict[int, int] = {}
    for pos, (code, _label) in enumerate(categories[time_dim]):
        if re.fullmatch(r"\d{4}", code.strip()):
            years[pos] = int(code)
        else:
            problems.append(Problem(gettext_noop("Time category '%(code)s' is not a year."), {"code": code}))

    # Ages -> age groups. Categories that cannot be placed in one group are refused by name.
    group_of_age: dict[int, str] = {}
    total_positions: set[int] = set()
    covered_groups: set[str] = set()
    notes: list[Problem] = []
    if age_dim is not None:
        ranges: dict[int, tuple[int, int | None]] = {}
        for pos, (code, label) in enumerate(categories[age_dim]):
            parsed = parse_age(code, label)
            if parsed is None:
                problems.append(Problem(gettext_noop("Age category '%(code)s' (%(label)s) cannot be read as an "
                                                     "age or age range."), {"code": code, "label": label}))
            elif parsed == TOTAL:
                total_positions.add(pos)
            else:
                assert isinstance(parsed, tuple)
                group = age_group_of(*parsed)
                if group is None:
                    problems.append(Problem(gettext_noop(
                        "Age category '%(label)s' spans the age groups %(groups)s; ask for single years of age."),
                        {"label": label or code, "groups": ", ".join(groups_spanned(*parsed))}))
                else:
                    ranges[pos] = parsed
                    group_of_age[pos] = group
        ordered = sorted(ranges.values())
        for (alo, ahi), (blo, _bhi) in zip(ordered, ordered[1:], strict=False):
            if ahi is None or blo <= ahi:
                problems.append(Problem(gettext_noop("Age categories overlap (%(a)s and %(b)s)."),
                                        {"a": f"{alo}-{ahi if ahi is not None else ''}", "b": str(blo)}))
                break
        for name, glo, ghi in AGE_GROUPS:
            in_group = [r for pos, r in ranges.items() if group_of_age[pos] == name]
            if in_group and _covers(in_group, glo, ghi):
                covered_groups.add(name)
            elif in_group:
                notes.append(Problem(gettext_noop("Age group %(group)s is only partly covered by the file's ages "
                                                  "and was left out."), {"group": name}))
        if not ranges and total_positions:
            notes.append(Problem(gettext_noop("The age dimension holds only a total; totals were imported.")))
    else:
        notes.append(Problem(gettext_noop("The table has no age dimension; only totals were imported.")))

    if problems:
        raise JsonStatError(problems)

    values = doc["value"]
    total_cells = math.prod(sizes)
    if total_cells > MAX_CELLS:
        raise JsonStatError([Problem(gettext_noop(
            "The dataset's dimensions describe %(cells)d cells; at most %(limit)d can be imported at once."),
            {"cells": total_cells, "limit": MAX_CELLS})])
    if isinstance(values, list):
        if len(values) != total_cells:
            raise JsonStatError([Problem(gettext_noop(
                "The dataset has %(found)d values, but its dimensions describe %(expected)d."),
                {"found": len(values), "expected": total_cells})])

        def value_at(index: int) -> Any:
            return values[index]
    elif isinstance(values, dict):
        def value_at(index: int) -> Any:
            return values.get(str(index))
        bad = [k for k in values if not (k.isascii() and k.isdigit()) or int(k) >= total_cells]
        if bad:
            raise JsonStatError([Problem(gettext_noop("The sparse \"value\" object has keys outside the cube: "
                                                      "%(keys)s."), {"keys": ", ".join(map(str, bad[:5]))})])
    else:
        raise JsonStatError([Problem(gettext_noop("\"value\" is neither an array nor an object."))])

    strides = [math.prod(sizes[i + 1:]) for i in range(len(sizes))]
    axis = {d: i for i, d in enumerate(dim_ids)}
    region_codes = [normalise_region(code) for code, _label in categories[region_dim]]
    regions: dict[str, str] = {}
    for code, (_raw, label) in zip(region_codes, categories[region_dim], strict=True):
        regions.setdefault(code, label)

    use_groups = bool(covered_groups)
    table = ParsedTable(
        table_id=table_id or _table_id(doc), title=title, updated=str(doc.get("updated", "")),
        source=str(doc.get("source", "")), has_age=use_groups, regions=regions, notes=notes,
        illustrative=_illustrative(doc),
    )
    fixed = [d for d in dim_ids if d not in (region_dim, time_dim, age_dim, series_dim)]
    loops = [range(sizes[axis[d]]) for d in fixed]
    age_range = range(sizes[axis[age_dim]]) if age_dim is not None else range(1)
    series_range = range(sizes[axis[series_dim]]) if series_dim is not None else range(1)
    cells = table.cells
    bad_values: list[str] = []
    for r_pos, region in enumerate(region_codes):
        for t_pos, year in years.items():
            for s_pos in series_range:
                series = series_of[s_pos] if series_dim is not None else OBSERVED
                base = r_pos * strides[axis[region_dim]] + t_pos * strides[axis[time_dim]]
                if series_dim is not None:
                    base += s_pos * strides[axis[series_dim]]
                sums: dict[str, int] = {}
                explicit_total: int | None = None
                for a_pos in age_range:
                    group = group_of_age.get(a_pos) if age_dim is not None else TOTAL
                    is_total = age_dim is None or a_pos in total_positions
                    if not is_total and (group is None or group not in covered_groups):
                        continue
                    offset = base + (a_pos * strides[axis[age_dim]] if age_dim is not None else 0)
                    for rest in product(*loops):
                        index = offset + sum(p * strides[axis[d]] for p, d in zip(rest, fixed, strict=True))
                        raw = value_at(index)
                        if raw is None:
                            table.missing_values += 1
                            continue
                        if isinstance(raw, bool) or not isinstance(raw, int | float) or not (
                                math.isfinite(raw) and abs(raw) <= MAX_VALUE):
                            if len(bad_values) < 5:
                                bad_values.append(repr(raw)[:40])
                            continue
                        number = int(round(raw))
                        if is_total:
                            explicit_total = (explicit_total or 0) + number
                        else:
                            assert group is not None
                            sums[group] = sums.get(group, 0) + number
                for group, number in sums.items():
                    cells[(region, year, group, series)] = cells.get((region, year, group, series), 0) + number
                if use_groups and len(covered_groups) == len(AGE_GROUPS) and len(sums) == len(AGE_GROUPS):
                    total = sum(sums.values())
                elif explicit_total is not None:
                    total = explicit_total
                else:
                    continue
                cells[(region, year, TOTAL, series)] = cells.get((region, year, TOTAL, series), 0) + total
    if bad_values:
        raise JsonStatError([Problem(gettext_noop("Some values are not numbers: %(values)s."),
                                     {"values": ", ".join(bad_values)})])
    _check_sums(cells)
    if table.missing_values:
        table.notes.append(Problem(gettext_noop("%(count)d cells had no value (SSB marks them with a status) and "
                                                "were skipped."), {"count": table.missing_values}))
    return table


# --- SSB's projection tables, flattened to CSV ("Tid,<region>_<alternative label (CODE)>,...") -----------

def parse_flat_projection_csv(data: bytes | str, region_codes: Mapping[str, str], *, table_id: str = "",
                              title: str = "") -> ParsedTable:
    """Parse a flattened projection CSV with one column per region and alternative; totals only.

    `region_codes` maps region names (as written in the header) to codes; unknown names are refused.
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JsonStatError([Problem(gettext_noop("The file is not UTF-8 text (byte %(pos)d)."),
                                         {"pos": exc.start})]) from None
    else:
        text = data
    try:
        records = safefiles.read_csv(text, trim=False)
    except safefiles.FileProblem as exc:
        raise JsonStatError([Problem(exc.template, exc.params)]) from None
    reader = iter([cells for _number, cells in records])
    try:
        header = next(reader)
    except StopIteration as exc:
        raise JsonStatError([Problem(gettext_noop("The CSV file is empty."))]) from exc
    if not header or header[0].strip().lower() not in TIME_IDS:
        raise JsonStatError([Problem(gettext_noop("The CSV's first column must be the year (\"Tid\"); found "
                                                  "'%(col)s'."), {"col": header[0] if header else ""})])
    problems: list[Problem] = []
    columns: list[tuple[str, str]] = []
    table = ParsedTable(table_id=table_id, title=title or gettext_noop("Population projection (flattened CSV)"),
                        source="Statistisk sentralbyrå")
    for name in header[1:]:
        region_name, sep, alternative = name.rpartition("_")
        match = ALTERNATIVE_RE.search(alternative.upper())
        if not sep or match is None:
            problems.append(Problem(gettext_noop("Column '%(col)s' is not '<region>_<alternative (CODE)>'."),
                                    {"col": name}))
            continue
        code = region_codes.get(region_name.strip())
        if code is None:
            problems.append(Problem(gettext_noop("Region '%(name)s' is unknown."), {"name": region_name}))
            continue
        table.regions[code] = region_name.strip()
        columns.append((code, match.group(1)))
    if problems:
        raise JsonStatError(problems)
    for line_no, row in enumerate(reader, start=2):
        if not row or not any(cell.strip() for cell in row):
            continue
        if not re.fullmatch(r"\d{4}", row[0].strip()) or len(row) != len(header):
            problems.append(Problem(gettext_noop("Row %(row)d is not a year followed by %(count)d numbers."),
                                    {"row": line_no, "count": len(header) - 1}))
            continue
        year = int(row[0])
        for (code, series), cell in zip(columns, row[1:], strict=True):
            cell = cell.strip().replace("\xa0", "").replace(" ", "")
            if cell in {"", ".", "..", ":", "-"}:
                table.missing_values += 1
                continue
            try:
                number = float(cell)
                if not (math.isfinite(number) and abs(number) <= MAX_VALUE):
                    raise ValueError(cell)
                table.cells[(code, year, TOTAL, series)] = int(round(number))
            except ValueError:
                problems.append(Problem(gettext_noop("Row %(row)d has a value that is not a number: %(value)s."),
                                        {"row": line_no, "value": cell}))
    if problems:
        raise JsonStatError(problems)
    if not table.cells:
        raise JsonStatError([Problem(gettext_noop("The CSV file holds no figures."))])
    _check_sums(table.cells)
    return table


def _check_sums(cells: Mapping[tuple[str, int, str, str], int]) -> None:
    """Refuse summed figures no population has (and the database could not store)."""
    for (region, year, _group, _series), value in cells.items():
        if abs(value) > MAX_VALUE:
            raise JsonStatError([Problem(gettext_noop(
                "The figure for %(region)s in %(year)d is %(value)d persons, more than any population."),
                {"region": region, "year": year, "value": value})])
