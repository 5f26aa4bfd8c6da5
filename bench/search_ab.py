"""Hybrid search of this checkout against an earlier revision, on the same index snapshot, alternating.

Usage::

    .venv/bin/python bench/search_ab.py [--baseline HEAD] [--sizes 100000,1000000] [--rounds 4]
                                        [--snapshots DIR] [--cache DIR]

The catalogue of ``bench/index_scale.py`` (real passages and their real vectors, replicated with noise,
seeded) is built once per size with this checkout's engine and written as a snapshot (kept in
``--snapshots`` for the next run; at a million items the build with its graph takes 10–15 minutes).
The baseline revision's ``samskap`` package is exported with ``git archive`` into a temporary folder.
Each round runs one process of each side in turn (the order swaps every round), which maps the same
snapshot read-only, as a web worker does, warms up with every query once and then times hybrid search
(``top=20``, query vector at hand, as a need's suggestion panel searches) for the 80 real needs. Reports
p50 / p95 / mean per side, how many queries return the same items in the same order, and how many the
same scores in the same order (a replicated catalogue has many equal scores, and which of equal items
comes first is up to the selection: the engine now takes the first positions, the baseline may not).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import index_scale as S  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
import numpy as np
from samskap.matching.engine import snapshot
root, queries_file, vectors_file = sys.argv[1:4]
qtexts = json.loads(Path(queries_file).read_text(encoding="utf-8"))
qvs = np.load(vectors_file)
index = snapshot.load(snapshot.current(Path(root))).payload
for q, v in zip(qtexts, qvs):
    index.search(q, top=20, query_vector=v)
times, answers = [], []
for q, v in zip(qtexts, qvs):
    t = time.perf_counter()
    res = index.search(q, top=20, query_vector=v)
    times.append((time.perf_counter() - t) * 1e3)
    answers.append([[m.id, m.score] for m in res])
print(json.dumps({"times": times, "answers": answers}))
"""


def export(rev: str, into: Path) -> Path:
    data = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "samskap"], check=True,
                          capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into


def ensure_snapshot(root: Path, n: int, cache: str | None) -> None:
    from samskap.matching.engine import Index, snapshot

    if snapshot.current(root) is not None:
        return
    items = S.base_items()
    vecs = S.cached(cache, "index-scale-passages", [S.engine.passage_text(i) for i in items],
                    lambda: S.engine.embed_passages(items))
    reps, rv = S.replicate(items, vecs, n, 0.5)
    t = time.perf_counter()
    index = Index(reps, rv)
    print(f"(built {n:,} items in {time.perf_counter() - t:.0f} s)", flush=True)
    snapshot.write(root, index, version=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", default="HEAD", help="git revision to compare with (default: the last commit)")
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--snapshots", default="/tmp/samskap-search-ab", help="where the built snapshots are kept")
    ap.add_argument("--cache", help="directory to cache the real embeddings in (development only)")
    args = ap.parse_args()
    rev = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", args.baseline], check=True,
                         capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "samskap"], check=True,
                           capture_output=True, text=True).stdout.strip()
    print(f"# Hybrid search, baseline {rev} vs this checkout{' (uncommitted changes)' if dirty else ''} "
          f"({time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f})\n")
    qtexts = S.need_texts()
    qvs = S.cached(args.cache, "index-scale-needs", qtexts,
                   lambda: np.stack([S.engine.embed_query(q) for q in qtexts]))
    print("| items | baseline p50 / p95 / mean ms | now p50 / p95 / mean ms | same top 20, same order | "
          "same 20 passages, same order (any replica) | same 20 scores (items may differ among equal scores) |")
    print("|---:|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = export(args.baseline, Path(tmp) / "baseline")
        qfile, vfile = Path(tmp) / "queries.json", Path(tmp) / "vectors.npy"
        qfile.write_text(json.dumps(qtexts, ensure_ascii=False), encoding="utf-8")
        np.save(vfile, qvs)
        for n in [int(s) for s in args.sizes.split(",")]:
            root = Path(args.snapshots) / f"n{n}"
            ensure_snapshot(root, n, args.cache)
            sides = {"baseline": str(base_tree), "now": str(ROOT)}
            times: dict[str, list[float]] = {k: [] for k in sides}
            answers: dict[str, list[list[str]]] = {}
            for r in range(args.rounds):
                for side in (list(sides) if r % 2 == 0 else list(sides)[::-1]):
                    env = dict(os.environ, PYTHONPATH=sides[side])
                    out = subprocess.run([sys.executable, "-c", CHILD, str(root), str(qfile), str(vfile)],
                                         env=env, check=True, capture_output=True, text=True, cwd=tmp).stdout
                    got = json.loads(out.strip().splitlines()[-1])
                    times[side] += got["times"]
                    answers.setdefault(side, got["answers"])
            pairs = list(zip(answers["baseline"], answers["now"], strict=True))
            same = sum([i for i, _ in a] == [i for i, _ in b] for a, b in pairs)
            # the same passages in the same order, whichever of their replicas (ids "<passage id>-<n>")
            same_sources = sum([i.rsplit("-", 1)[0] for i, _ in a] == [i.rsplit("-", 1)[0] for i, _ in b]
                               for a, b in pairs)
            # the same scores in the same order, where the items differ only among equal scores
            same_scores = sum(len(a) == len(b) and all(abs(x[1] - y[1]) <= 1e-5 for x, y in zip(a, b, strict=True))
                              for a, b in pairs)

            def fig(xs: list[float]) -> str:
                return f"{S.pct(xs, 50):.1f} / {S.pct(xs, 95):.1f} / {float(np.mean(xs)):.1f}"

            print(f"| {n:,} | {fig(times['baseline'])} | {fig(times['now'])} | {same} of {len(qtexts)} | "
                  f"{same_sources} of {len(qtexts)} | {same_scores} of {len(qtexts)} |",
                  flush=True)


if __name__ == "__main__":
    main()
