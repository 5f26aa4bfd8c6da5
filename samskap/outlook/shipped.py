"""Data shipped with Samskap in `samskap/outlook/fixtures/`: SSB tables for the demo and the code changes."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from samskap.outlook.codes import CodeChange, read_changes


@lru_cache(maxsize=1)
def shipped_code_changes() -> tuple[CodeChange, ...]:
    """Every fixtures/code_changes_YYYY[_name].csv, oldest first (changes are chained).

    The first file that names an old code decides where it goes: `code_changes_2024.csv` (Samskap's table of
    the 2024 county split, with Ålesund/Haram weighted by population) before `code_changes_2024_csdata.csv`
    (FHI's table of every code since 1940 -> 2024, with its own split weights).
    """
    folder = resources.files("samskap.outlook").joinpath("fixtures")
    changes: list[CodeChange] = []
    decided: set[str] = set()
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if re.fullmatch(r"code_changes_\d{4}(_[a-z0-9]+)?\.csv", entry.name):
            new = [c for c in read_changes(entry.read_text(encoding="utf-8")) if c.old not in decided]
            decided |= {c.old for c in new}
            changes.extend(new)
    return tuple(changes)


def fixture_bytes(name: str) -> bytes:
    return resources.files("samskap.outlook").joinpath("fixtures", name).read_bytes()
