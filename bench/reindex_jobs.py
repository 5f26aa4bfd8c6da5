"""`samskap catalog embed` with one process and with ``--jobs 2`` on the same database, alternating.

Usage::

    .venv/bin/python bench/reindex_jobs.py [--items 160] [--rounds 2] [--jobs 1,2]

A fresh SQLite database (migrated, configured as in production) gets the ``--items`` longest real
passages of bench/data (catalogue items and seed-report passages, as the bench `passage_length.py`
takes them) as catalogue items without vectors. Each run clears the vectors and times the command as
an operator runs it (a new process: loading Django and the model is part of the time), then checks
that every item has its vector. Runs alternate between the settings, so machine load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import index_scale as S  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--items", type=int, default=160)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--jobs", default="1,2")
    args = ap.parse_args()
    settings = [int(j) for j in args.jobs.split(",")]
    print(f"# catalog embed --jobs ({time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})\n")
    seen: set[str] = set()
    rows = []
    for it in sorted(S.base_items(), key=lambda i: len(S.engine.passage_text(i)), reverse=True):
        text = S.engine.passage_text(it)
        if text in seen:
            continue
        seen.add(text)
        rows.append({"id": it.id, "kind": it.kind, "title": it.title, "text": it.text,
                     "organisation": it.organisation, "keywords": list(it.keywords or []),
                     "language": it.language})
        if len(rows) == args.items:
            break
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db.sqlite3"
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{db}", DJANGO_SETTINGS_MODULE="samskap.settings",
                   SAMSKAP_VAR_DIR=str(Path(tmp) / "var"), SAMSKAP_DEBUG="1", SAMSKAP_LOG_LEVEL="WARNING",
                   PYTHONPATH=str(ROOT))
        cmd = [sys.executable, "-m", "samskap"]
        subprocess.run([*cmd, "migrate", "--noinput"], env=env, check=True, capture_output=True)
        catalog = Path(tmp) / "catalog.jsonl"
        catalog.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        subprocess.run([*cmd, "catalog", "import", str(catalog), "--no-embed"], env=env, check=True,
                       capture_output=True)
        chars = sum(len(r["text"]) for r in rows) / len(rows)
        print(f"{len(rows)} items, mean text {chars:.0f} characters\n")
        times: dict[int, list[float]] = {j: [] for j in settings}
        for r in range(args.rounds):
            for jobs in settings if r % 2 == 0 else settings[::-1]:
                with sqlite3.connect(db) as conn:
                    conn.execute("UPDATE matching_catalogitem SET vector = NULL, vector_model = '', query_vector = NULL")
                t = time.perf_counter()
                subprocess.run([*cmd, "catalog", "embed", "--jobs", str(jobs)], env=env, check=True,
                               capture_output=True)
                times[jobs].append(time.perf_counter() - t)
                with sqlite3.connect(db) as conn:
                    missing = conn.execute("SELECT COUNT(*) FROM matching_catalogitem WHERE vector IS NULL").fetchone()[0]
                assert missing == 0, f"--jobs {jobs}: {missing} items without a vector"
        print("| command | runs (s) | mean s | items/s |")
        print("|---|---|---:|---:|")
        for jobs in settings:
            mean = sum(times[jobs]) / len(times[jobs])
            print(f"| `samskap catalog embed --jobs {jobs}` | {', '.join(f'{t:.1f}' for t in times[jobs])} | "
                  f"{mean:.1f} | {len(rows) / mean:.2f} |")


if __name__ == "__main__":
    main()
