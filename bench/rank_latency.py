"""Latency of the ranking changes of 2026-12-04 beside the previous behaviour, in one run.

Usage::

    .venv/bin/python bench/rank_latency.py [--size 10000] [--queries 60]

On a synthetic catalogue (``bench/matching_scale.py``'s generator, random unit vectors): index
build time and hybrid retrieval latency (precomputed query vectors; needs-like queries and 2-4 word
search-box queries) with the simplemma word lists in the analyser on and off
(``textnorm.LEXICON``) and with the short-query regime on and off (``SHORT_QUERY_WORDS = 0`` is
the previous gate), and the memory simplemma's nb/nn lists take once loaded.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching_scale import Generator, pct, random_unit, rss_mb  # noqa: E402

from samskap.matching import textnorm  # noqa: E402
from samskap.matching.engine import Index, config  # noqa: E402


def lexicon(on: bool) -> None:
    textnorm.LEXICON = on
    textnorm.normalize_word.cache_clear()
    textnorm.to_bokmal.cache_clear()


def timed(fn, queries: list[str]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    for q in queries[:5]:
        fn(q)
    out = []
    for q in queries:
        t0 = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - t0)  # seconds; pct() reports ms
    return pct(out, 50), pct(out, 95)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--queries", type=int, default=60)
    args = ap.parse_args()
    r0 = rss_mb()
    textnorm.to_bokmal("skulane")  # loads simplemma's nb and nn lists
    print(f"simplemma nb+nn lists loaded: +{rss_mb() - r0:.0f} MB RSS\n")
    gen = Generator()
    items = [gen.item(i) for i in range(args.size)]
    vecs = random_unit(args.size)
    long_qs = [gen.query() for _ in range(args.queries)]
    short_qs = [" ".join(gen.words(gen.rng.randint(2, 4))) for _ in range(args.queries)]
    rng = np.random.default_rng(5)
    qv = {q: (v / np.linalg.norm(v)).astype(np.float32) for q in long_qs + short_qs
          for v in [rng.standard_normal(384)]}
    print(f"{args.size} synthetic items, {args.queries} needs-like and {args.queries} short queries "
          f"(load average {os.getloadavg()[0]:.1f})\n")
    print("| variant | build s | needs-like p50 / p95 ms | short p50 / p95 ms |\n|---|---:|---:|---:|")
    short_words = config.SHORT_QUERY_WORDS
    for name, lex, short in (("previous (rules only, no short regime)", False, 0),
                             ("word lists only", True, 0),
                             ("now (word lists + short regime)", True, short_words)):
        lexicon(lex)
        config.SHORT_QUERY_WORDS = short
        t0 = time.perf_counter()
        idx = Index(items, vecs)
        build = time.perf_counter() - t0
        a = timed(lambda q, idx=idx: idx.search(q, query_vector=qv[q]), long_qs)
        b = timed(lambda q, idx=idx: idx.search(q, query_vector=qv[q]), short_qs)
        print(f"| {name} | {build:.1f} | {a[0]:.1f} / {a[1]:.1f} | {b[0]:.1f} / {b[1]:.1f} |")
    config.SHORT_QUERY_WORDS = short_words
    lexicon(True)


if __name__ == "__main__":
    main()
