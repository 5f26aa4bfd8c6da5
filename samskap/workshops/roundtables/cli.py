"""``samskap workshop tables RATINGS.csv ... --json OUT`` without Django: read, check, plan, and
return the JSON contract::

    {"rounds": [{"round": 1, "tables": [{"table": 1, "presenter": id, "listeners": [id, ...]}]}],
     "stats": {"score": number, "bound": number, "seconds": number, ...}}

Ids are written as numbers (they are whole numbers in the input).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from samskap.workshops.roundtables import TablesError, TablesPlan, TablesSettings, plan_tables, read_ratings
from samskap.workshops.roundtables.check import check_settings

MAX_FILE_BYTES = 100 * 1024 * 1024


def plan_to_json(plan: TablesPlan, warnings: list[str] | None = None) -> dict[str, Any]:
    st = plan.stats
    return {
        "rounds": [
            {"round": rp.round,
             "tables": [{"table": t.table, "presenter": int(t.presenter), "listeners": [int(i) for i in t.listeners]}
                        for t in rp.tables]}
            for rp in plan.rounds
        ],
        "stats": {"score": st.score, "bound": st.bound, "seconds": st.seconds, "gap": round(st.gap, 6),
                  "status": st.status, "method": st.method, "warnings": list(warnings or [])},
    }


def run_tables(path: str | Path, settings: TablesSettings) -> tuple[dict[str, Any], list[str]]:
    check_settings(settings)
    p = Path(path)
    try:
        if p.stat().st_size > MAX_FILE_BYTES:
            raise TablesError([f"{p.name}: the file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB."])
        data = p.read_bytes()
    except OSError as exc:
        raise TablesError([f"Cannot read {p}: {exc.strerror or exc}."]) from None
    problem, warnings = read_ratings(data, settings)
    plan = plan_tables(problem)
    return plan_to_json(plan, warnings), warnings


def write_json(result: dict[str, Any], out: str | Path) -> None:
    """Write atomically: a half-written file never replaces a good one."""
    target = Path(out)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=".tables-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(result, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
