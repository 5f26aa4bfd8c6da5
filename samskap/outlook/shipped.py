"""Data shipped with Samskap in `samskap/outlook/fixtures/`: SSB tables for the demo and the code changes."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from samskap.outlook.codes import CodeChange, read_changes


@lru_cache(maxsize=1)
def shipped_code_changes() -> tuple[CodeChange, ...]:
    """Every fixtures/code_changes_*.csv, oldest first (changes are chained)."""
    folder = resources.files("samskap.outlook").joinpath("fixtures")
    changes: list[CodeChange] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if re.fullmatch(r"code_changes_\d{4}\.csv", entry.name):
            changes.extend(read_changes(entry.read_text(encoding="utf-8")))
    return tuple(changes)


def fixture_bytes(name: str) -> bytes:
    return resources.files("samskap.outlook").joinpath("fixtures", name).read_bytes()
