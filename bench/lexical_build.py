"""The lexical half of an index build (both analysers and their BM25 matrices), code against code.

    .venv/bin/python bench/lexical_build.py --code /tmp/base --code . [--sizes 100000,1000000] [--rounds 2]

Each ``--code`` is a checkout (for example ``git archive <commit> | tar -x -C /tmp/base``); every round
builds every size with every checkout in turn, each in a fresh process, on the same items: the real
catalogue, news and known-item passages of ``bench/data`` replicated round robin up to the size (as
``bench/index_scale.py`` does; a replica carries its source's text). Reported per build: seconds,
peak RSS of the process (items included) and a digest of the vocabulary and every posting, which must
be the same for every checkout (the change is only faster if it builds the same index).

First, in this process: ``np.unique`` against :func:`samskap.matching.engine.arrays.unique` (distinct
values by sorting) on row numbers of the sizes a search with a graph and a build meet.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent


def child(code: str, n: int) -> None:
    sys.path.insert(0, code)
    import samskap.matching.engine as engine  # the checkout's engine, before index_scale puts this one first

    assert engine.__file__.startswith(str(Path(code).resolve())), engine.__file__
    sys.path.insert(1, str(HERE))
    import index_scale

    from samskap.matching.engine import analyzer as an_mod
    from samskap.matching.engine import config
    from samskap.matching.engine.catalogue import Catalogue
    from samskap.matching.engine.lexical import LexicalIndex

    base = index_scale.base_items()
    items, _ = index_scale.replicate(base, np.zeros((len(base), 1), np.float32) + 1, n, 0.0)
    items = Catalogue(items).items
    weights = dict(config.FIELD_WEIGHTS)
    main = an_mod.Analyzer(normalize=True, decompound=True, thesaurus=an_mod.default_thesaurus())
    surface = an_mod.Analyzer(normalize=False, decompound=False, thesaurus=None, snowball=True)
    t0 = time.perf_counter()
    if hasattr(an_mod, "read_words"):  # this change: the words read once for both analysers
        words = an_mod.read_words(items)
        built = [LexicalIndex.build(a.fit(items, words), weights) for a in (main, surface)]
    else:
        built = [LexicalIndex.build(a.fit(items), weights) for a in (main, surface)]
    seconds = time.perf_counter() - t0
    h = hashlib.sha256()
    for lex in built:
        h.update(json.dumps(sorted(lex.vocab.items()), ensure_ascii=False).encode())
        for f in sorted(lex.fields):
            fi = lex.fields[f]
            h.update(f.encode() + fi.data.tobytes() + fi.indices.tobytes() + fi.indptr.tobytes())
    print(json.dumps({"seconds": seconds, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "digest": h.hexdigest()[:16], "postings_mb": sum(x.nbytes for x in built) / 2**20}))


def unique_bench() -> list[dict[str, Any]]:
    sys.path.insert(0, str(HERE.parent))
    from samskap.matching.engine import arrays

    rng = np.random.default_rng(0)
    out = []
    for n, sorted_runs in ((2_000, False), (20_000, False), (200_000, False), (5_000_000, True)):
        if sorted_runs:  # (document, token) pairs of a build: ascending documents, tokens in any order
            x = np.repeat(np.arange(n // 50, dtype=np.int64), 50) * 100_000 + rng.integers(0, 100_000, n)
        else:  # graph candidates and a sample: row numbers in any order, some twice
            x = rng.integers(0, 1_000_000, n).astype(np.int64)
        reps = max(1, 2_000_000 // n)
        times: dict[str, float] = {}
        for name, fn in (("np.unique", np.unique), ("arrays.unique", arrays.unique)) * 2:
            t = time.perf_counter()
            for _ in range(reps):
                got = fn(x)
            times[name] = min(times.get(name, 1e9), (time.perf_counter() - t) / reps)
        assert np.array_equal(got, np.unique(x))
        out.append({"n": n, "kind": "build pairs" if sorted_runs else "row numbers", **times})
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--code", action="append", required=True, help="checkout to build with (give two or more)")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    print(f"# {platform.node()} {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"numpy {np.__version__}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    for r in unique_bench():
        print(f"distinct {r['kind']:>11} n={r['n']:>9,}: np.unique {r['np.unique'] * 1e3:9.3f} ms, "
              f"arrays.unique {r['arrays.unique'] * 1e3:8.3f} ms ({r['np.unique'] / r['arrays.unique']:.1f}x)")
    sizes = [int(s) for s in args.sizes.split(",")]
    digests: dict[int, set[str]] = {n: set() for n in sizes}
    for rnd in range(args.rounds):
        for n in sizes:
            for code in args.code:
                res = subprocess.run([sys.executable, __file__, "--code", code, "--child", code, str(n)],
                                     capture_output=True, text=True, check=True, cwd=code,
                                     env={**os.environ, "PYTHONPATH": ""})
                r = json.loads(res.stdout.strip().splitlines()[-1])
                digests[n].add(r["digest"])
                print(f"round {rnd + 1} n={n:>9,} {code:<24} {r['seconds']:8.1f} s  peak RSS {r['peak_rss_mb']:7.0f} MB  "
                      f"postings {r['postings_mb']:6.0f} MB  digest {r['digest']}", flush=True)
    for n, d in digests.items():
        print(f"n={n:,}: {'the same index from every checkout' if len(d) == 1 else 'DIFFERENT indexes: ' + ', '.join(d)}")


if __name__ == "__main__":
    if "--child" in sys.argv:
        i = sys.argv.index("--child")
        child(sys.argv[i + 1], int(sys.argv[i + 2]))
    else:
        main()
