"""Map the region codes of a parsed table to today's municipalities and counties. Pure: no Django imports.

Old municipality numbers are followed through a table of changes (old -> new, with a weight). One old code
to one new code is a renumbering (3001 Halden -> 3101 Halden in 2024); several old codes to one new code are
summed (a merger); one old code to several new codes is a split, shared out by the weights (1507 Ålesund ->
1508 Ålesund and 1580 Haram in 2024, weighted by their population on 1 January 2024) and reported as an
estimate. Changes are chained, so tables of several years' changes can be combined.

Codes that are not municipalities (Svalbard, the continental shelf, "unknown") are skipped and reported;
codes that match nothing are reported as unmapped.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from samskap.outlook.jsonstat import ParsedTable

COUNTRY_CODES = {"0", "00", "000", "0000", "EAK", "NO", "NOR"}
COUNTRY_LABELS = {"hele landet", "norge", "landet", "i alt", "norway", "the whole country"}
NON_MUNICIPAL_LABELS = ("svalbard", "jan mayen", "kontinentalsokkel", "uoppgitt", "delte kommuner", "unknown")
# 21xx Svalbard, 22xx Jan Mayen, 23xx the continental shelf, 99/9999 unknown; "Rest" is SSB's remainder.
NON_MUNICIPAL_RE = re.compile(r"^(2[123]\d\d|21-22|21|22|23|99|9999|9900|Rest|Uoppgitt)$", re.IGNORECASE)

MUNICIPALITY, COUNTY, COUNTRY, OTHER, UNKNOWN = "municipality", "county", "country", "other", "unknown"


@dataclass(frozen=True)
class CodeChange:
    old: str
    new: str
    weight: float = 1.0
    note: str = ""


class CodeTableError(ValueError):
    pass


def read_changes(text: str) -> list[CodeChange]:
    """Read a code change table: CSV with columns old_code, new_code and optionally weight and note."""
    try:
        return _read_changes(text)
    except csv.Error as exc:
        raise CodeTableError(f"code change table: unreadable CSV ({exc})") from None


# Column names: Samskap's own table, or FHI csdata's redistricting table (code_original, code_current, weighting).
_ALIASES = {"old_code": ("old_code", "code_original"), "new_code": ("new_code", "code_current"),
            "weight": ("weight", "weighting"), "note": ("note",)}


def _read_changes(text: str) -> list[CodeChange]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    fields = set(reader.fieldnames or [])
    column = {key: next((name for name in names if name in fields), names[0]) for key, names in _ALIASES.items()}
    missing = {key for key in ("old_code", "new_code") if column[key] not in fields}
    if missing:
        raise CodeTableError(f"code change table lacks column(s) {', '.join(sorted(missing))}")
    changes = []
    for line_no, row in enumerate(reader, start=2):
        old, new = (row.get(column["old_code"]) or "").strip(), (row.get(column["new_code"]) or "").strip()
        if not re.fullmatch(r"\d{4}", old) or not re.fullmatch(r"\d{4}", new):
            raise CodeTableError(f"code change table row {line_no}: codes must be four digits ({old!r} -> {new!r})")
        weight_text = (row.get(column["weight"]) or "").strip()
        try:
            weight = float(weight_text) if weight_text else 1.0
        except ValueError as exc:
            raise CodeTableError(f"code change table row {line_no}: weight {weight_text!r} is not a number") from exc
        if not weight > 0 or weight == float("inf"):
            raise CodeTableError(f"code change table row {line_no}: weight must be positive")
        note = (row.get(column["note"]) or "").strip()
        if not note and "first_year" in fields:
            note = f"in use {(row.get('first_year') or '').strip()}-{(row.get('last_year') or '').strip()}"
        changes.append(CodeChange(old, new, weight, note))
    return changes


def region_kind(code: str, label: str = "") -> str:
    lowered = label.strip().lower()
    if code in COUNTRY_CODES or lowered in COUNTRY_LABELS:
        return COUNTRY
    if NON_MUNICIPAL_RE.match(code) or any(word in lowered for word in NON_MUNICIPAL_LABELS):
        return OTHER
    if re.fullmatch(r"\d{4}", code):
        return MUNICIPALITY
    if re.fullmatch(r"\d{2}", code):
        return COUNTY
    return UNKNOWN


class CodeMap:
    """Resolves a municipality code to today's code(s) with shares that sum to 1."""

    def __init__(self, changes: Iterable[CodeChange], current: Iterable[str]) -> None:
        self.current = set(current)
        self.targets: dict[str, list[tuple[str, float]]] = {}
        for change in changes:
            self.targets.setdefault(change.old, []).append((change.new, change.weight))

    def resolve(self, code: str, _seen: frozenset[str] = frozenset()) -> list[tuple[str, float]] | None:
        if code in self.current:
            return [(code, 1.0)]
        if code not in self.targets or code in _seen:
            return None
        targets = self.targets[code]
        total_weight = sum(weight for _new, weight in targets)
        shares: dict[str, float] = {}
        for new, weight in targets:
            resolved = self.resolve(new, _seen | {code})
            if resolved is None:
                return None
            for final, share in resolved:
                shares[final] = shares.get(final, 0.0) + share * weight / total_weight
        return sorted(shares.items())


def split_integer(value: int, shares: list[tuple[str, float]]) -> dict[str, int]:
    """Share out an integer by weights so that the parts sum to the whole (largest remainder)."""
    if len(shares) == 1:
        return {shares[0][0]: value}
    raw = [(code, value * share) for code, share in shares]
    parts = {code: int(amount // 1) for code, amount in raw}
    left = value - sum(parts.values())
    order = sorted(raw, key=lambda item: (-(item[1] - item[1] // 1), item[0]))
    for code, _amount in order[:left]:
        parts[code] += 1
    return parts


@dataclass
class MappingResult:
    municipality_cells: dict[tuple[str, int, str, str], int] = field(default_factory=dict)
    county_cells: dict[tuple[str, int, str, str], int] = field(default_factory=dict)
    country_cells: dict[tuple[int, str, str], int] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)
    split: dict[str, list[str]] = field(default_factory=dict)
    merged: dict[str, list[str]] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)  # not municipalities: code -> label
    skipped_persons: int = 0
    unmapped: dict[str, str] = field(default_factory=dict)  # code -> label

    @property
    def municipality_codes(self) -> set[str]:
        return {key[0] for key in self.municipality_cells}


def map_table(table: ParsedTable, code_map: CodeMap, counties: Iterable[str]) -> MappingResult:
    """Map every region of the table; nothing is dropped silently (see `skipped` and `unmapped`)."""
    counties = set(counties)
    result = MappingResult()
    resolution: dict[str, list[tuple[str, float]]] = {}
    kinds: dict[str, str] = {}
    for code, label in table.regions.items():
        kind = region_kind(code, label)
        kinds[code] = kind
        if kind == MUNICIPALITY:
            resolved = code_map.resolve(code)
            if resolved is None:
                result.unmapped[code] = label
                continue
            resolution[code] = resolved
            if len(resolved) > 1:
                result.split[code] = [new for new, _share in resolved]
            elif resolved[0][0] != code:
                result.renamed[code] = resolved[0][0]
        elif kind == COUNTY and code not in counties:
            result.unmapped[code] = label
        elif kind == OTHER:
            result.skipped[code] = label
        elif kind == UNKNOWN:
            result.unmapped[code] = label
    sources: dict[str, set[str]] = {}
    for code, targets in resolution.items():
        for new, _share in targets:
            sources.setdefault(new, set()).add(code)
    result.merged = {new: sorted(olds) for new, olds in sources.items() if len(olds) > 1}
    for (code, year, group, series), value in table.cells.items():
        kind = kinds[code]
        if kind == MUNICIPALITY and code in resolution:
            for new, part in split_integer(value, resolution[code]).items():
                key = (new, year, group, series)
                result.municipality_cells[key] = result.municipality_cells.get(key, 0) + part
        elif kind == COUNTY and code in counties:
            result.county_cells[(code, year, group, series)] = value
        elif kind == COUNTRY:
            result.country_cells[(year, group, series)] = value
        elif kind == OTHER and group == "total":
            result.skipped_persons += value
    return result


def describe_codes(codes: Mapping[str, str]) -> str:
    return ", ".join(f"{code} {label}".strip() for code, label in sorted(codes.items()))
