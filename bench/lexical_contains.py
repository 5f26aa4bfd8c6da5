"""Hybrid search with the gate's token lookups as a scan (before) and as a binary search (now), same index.

Usage::

    .venv/bin/python bench/lexical_contains.py [--sizes 300000,1000000] [--cache DIR]

The query-adaptive gate and the relevance floor ask ``LexicalIndex.contains(token, row)`` for every
query token of every ranked row (hundreds of calls per search). It used to compare the row with every
posting of the token (``(indices == row).any()``), which grows with the catalogue: a common word's
postings are a large part of a national catalogue. It now binary-searches them (a column's postings are
in ascending document order). Both are measured on the same index, alternating query by query, with
the catalogue of ``bench/index_scale.py`` (real passages and real vectors replicated with noise) and
the 80 real needs as queries, exact dense search (so the difference is the lookups alone). Also checks
that both give the same answers.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import index_scale as S  # noqa: E402

from samskap.matching.engine import Index  # noqa: E402
from samskap.matching.engine.lexical import LexicalIndex  # noqa: E402

NEW = LexicalIndex.contains


def scan(self: LexicalIndex, token: str, row: int) -> bool:
    """The previous implementation (a linear scan of the token's postings)."""
    col = self.vocab.get(token)
    if col is None:
        return False
    for fi in self.fields.values():
        a, b = int(fi.indptr[col]), int(fi.indptr[col + 1])
        if a < b and bool((fi.indices[a:b] == row).any()):
            return True
    return False


CALLS = {"n": 0}
LOOKUP_S = {"scan": 0.0, "new": 0.0}


def timed_lookup(impl: Callable[[LexicalIndex, str, int], bool], key: str) -> Callable[[LexicalIndex, str, int], bool]:
    def f(self: LexicalIndex, token: str, row: int) -> bool:
        t = time.perf_counter()
        out = impl(self, token, row)
        LOOKUP_S[key] += time.perf_counter() - t
        CALLS["n"] += 1
        return bool(out)

    return f


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="300000,1000000")
    ap.add_argument("--cache", help="directory to cache the real embeddings in (development only)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    print(f"# Token lookups of the gate ({time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})\n")
    items = S.base_items()
    vecs = S.cached(args.cache, "index-scale-passages", [S.engine.passage_text(i) for i in items],
                    lambda: S.engine.embed_passages(items))
    qtexts = S.need_texts()
    qvs = S.cached(args.cache, "index-scale-needs", qtexts, lambda: np.stack([S.engine.embed_query(q) for q in qtexts]))
    print("| items | hybrid p50 / p95 ms, scan | hybrid p50 / p95 ms, binary search | lookups per search | "
          "time in lookups per search, scan / binary search | same results |")
    print("|---:|---|---|---:|---|---|")
    for n in [int(s) for s in args.sizes.split(",")]:
        reps, rv = S.replicate(items, vecs, n, 0.5)
        index = Index(reps, rv, ann_min_items=None)
        del reps
        times: dict[str, list[float]] = {"scan": [], "new": []}
        answers: dict[str, list[list[str]]] = {"scan": [], "new": []}
        CALLS["n"] = 0
        LOOKUP_S.update(scan=0.0, new=0.0)
        for q, v in zip(qtexts, qvs, strict=True):  # warm
            index.search(q, top=20, query_vector=v)
        for r in range(args.rounds):
            for q, v in zip(qtexts, qvs, strict=True):
                for key, impl in (("scan", scan), ("new", NEW)) if r % 2 == 0 else (("new", NEW), ("scan", scan)):
                    LexicalIndex.contains = impl  # type: ignore[method-assign]
                    t = time.perf_counter()
                    res = index.search(q, top=20, query_vector=v)
                    times[key].append((time.perf_counter() - t) * 1e3)
                    if r == 0:
                        answers[key].append([m.id for m in res])
        # time spent in the lookups, one more pass each
        searches = len(qtexts)
        for key, impl in (("scan", scan), ("new", NEW)):
            LexicalIndex.contains = timed_lookup(impl, key)  # type: ignore[method-assign, assignment]
            CALLS["n"] = 0
            for q, v in zip(qtexts, qvs, strict=True):
                index.search(q, top=20, query_vector=v)
        LexicalIndex.contains = NEW  # type: ignore[method-assign]
        p = S.pct
        print(f"| {n:,} | {p(times['scan'], 50):.1f} / {p(times['scan'], 95):.1f} | "
              f"{p(times['new'], 50):.1f} / {p(times['new'], 95):.1f} | {CALLS['n'] / searches:.0f} | "
              f"{LOOKUP_S['scan'] / searches * 1e3:.2f} / {LOOKUP_S['new'] / searches * 1e3:.2f} ms | "
              f"{'yes' if answers['scan'] == answers['new'] else 'NO'} |", flush=True)
        del index


if __name__ == "__main__":
    main()
