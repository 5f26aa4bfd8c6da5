"""Indexing throughput: batch size and threads, and whether embedding a shorter text per item keeps quality.

Usage::

    .venv/bin/python bench/passage_length.py [--cache DIR] [--sample 64] [--json out.json]

Embedding is what indexing costs (BM25 of 100,000 items takes seconds, their vectors hours), so this
measures the two ways to make it cheaper:

* **Batch size and threads**: the same ``--sample`` real passages (the longest seed-report passages and
  catalogue items, as real profiles and project descriptions are long) embedded with batches of 1, 16
  and 64 on one and on two OpenMP threads, and by two processes of one thread each embedding half of
  them at the same time (what two task workers on two cores do). Passages per second of wall time.
* **Shorter text per item**: each item embedded as the default :func:`engine.passage_text` (title,
  keywords, organisation and text, cut at 2,000 characters) and as shorter texts (title, keywords and
  the first sentences; the first 300 characters; title and keywords alone). For each: mean characters
  and model tokens, passages per second (the variant's text of the same longest items, one thread), and the quality of dense and hybrid retrieval on every
  evaluation set of ``bench/known_item_quality.py`` (known-item queries from the seed reports, news
  questions, the needs with graded labels), tuning and held-out parts apart. BM25 always indexes the
  whole text; only the embedded text changes.

Query vectors are the same in every variant (each query embedded once).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from known_item_quality import DATA, embed_queries, held_out, load_known  # noqa: E402
from matching_quality import K, cached, load_catalogue, load_news, mrr_at_k, ndcg_at_k  # noqa: E402

from samskap.matching import engine  # noqa: E402
from samskap.matching.engine import Index, Item  # noqa: E402
from samskap.matching.engine import embeddings as emb  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ0-9«\"])")


def _head(item: Item) -> list[str]:
    parts = [item.title.strip()]
    if item.keywords:
        parts.append(", ".join(k.strip() for k in item.keywords if k.strip()))
    if item.organisation:
        parts.append(item.organisation.strip())
    return [p for p in parts if p]


def first_sentences(count: int) -> Callable[[Item], str]:
    def text(item: Item) -> str:
        sentences = _SENTENCE.split(" ".join(item.text.split()))
        return ". ".join(p.rstrip(".") for p in [*_head(item), " ".join(sentences[:count])] if p)

    return text


def first_chars(limit: int) -> Callable[[Item], str]:
    def text(item: Item) -> str:
        full = engine.passage_text(item)
        return full if len(full) <= limit else full[:limit].rsplit(" ", 1)[0]

    return text


def head_only(item: Item) -> str:
    return ". ".join(p.rstrip(".") for p in _head(item))


VARIANTS: dict[str, Callable[[Item], str]] = {
    "full text (default, at most 2,000 characters)": engine.passage_text,
    "title, keywords, first 3 sentences": first_sentences(3),
    "title, keywords, first sentence": first_sentences(1),
    "first 300 characters": first_chars(300),
    "title and keywords only": head_only,
}


# ------------------------------------------------------------------------------------------------
# throughput


def _embed(texts: list[str], batch: int, threads: int) -> float:
    model = emb._model()
    t = time.perf_counter()
    with emb._threads(threads):
        for i in range(0, len(texts), batch):
            model.passage(texts[i : i + batch])
    return time.perf_counter() - t


def _child(texts: list[str], batch: int, start: Any, out: Any) -> None:
    emb._model()
    _embed(texts[:2], batch, 1)  # warm
    start.wait()
    out.put(_embed(texts, batch, 1))


def two_processes(texts: list[str], batch: int) -> float:
    """Wall seconds for two processes of one thread each to embed half of ``texts`` at the same time."""
    ctx = mp.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    halves = [texts[0::2], texts[1::2]]
    procs = [ctx.Process(target=_child, args=(h, batch, start, out)) for h in halves]
    for p in procs:
        p.start()
    time.sleep(3)  # both loaded and warm
    t = time.perf_counter()
    start.set()
    for _ in procs:
        out.get()
    wall = time.perf_counter() - t
    for p in procs:
        p.join()
    return wall


def throughput(texts: list[str]) -> list[dict]:
    rows = []
    _embed(texts[:4], 4, 2)  # load and warm
    for threads in (1, 2):
        for batch in (1, 16, 64):
            s = _embed(texts, batch, threads)
            rows.append({"setting": f"one process, {threads} thread{'s' if threads > 1 else ''}, batch {batch}",
                         "seconds": s, "per_s": len(texts) / s})
    s = two_processes(texts, 16)
    rows.append({"setting": "two processes of 1 thread, batch 16", "seconds": s, "per_s": len(texts) / s})
    return rows


# ------------------------------------------------------------------------------------------------
# quality


def evaluate(items: list[Item], vectors: np.ndarray, queries: list[dict], qv: dict[str, np.ndarray],
             rel_of: Callable[[dict], dict[str, int]]) -> dict[str, dict[str, tuple[float, float]]]:
    idx = Index(items, vectors)
    out: dict[str, dict[str, tuple[float, float]]] = {}
    for mode in ("dense", "hybrid"):
        out[mode] = {}
        for q in queries:
            ranked = [m.id for m in idx.search(q["text"], top=K, mode=mode, query_vector=qv[q["id"]], explain=False)]
            rel = rel_of(q)
            out[mode][q["id"]] = (ndcg_at_k(ranked, rel), mrr_at_k(ranked, rel))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", help="directory to cache embeddings in (development only; not for the timings)")
    ap.add_argument("--sample", type=int, default=64, help="passages in the batch/thread measurement")
    ap.add_argument("--skip-grid", action="store_true", help="skip the batch/thread grid (development)")
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()
    print(f"# Indexing throughput and passage length ({time.strftime('%Y-%m-%d %H:%M')}, Python "
          f"{platform.python_version()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f})\n")

    k_items, k_queries = load_known()
    news = load_news()
    c_items, _ = load_catalogue()
    nq = json.loads((DATA / "news_questions.json").read_text(encoding="utf-8"))["queries"]
    for q in nq:
        q["split"] = "held-out" if held_out(q["id"]) else "tune"
    needs = []
    for name, split in (("needs_queries.json", "tune"), ("paraphrase_queries.json", "tune"),
                        ("blind_queries.json", "held-out")):
        for q in json.loads((DATA / name).read_text(encoding="utf-8"))["queries"]:
            needs.append({**q, "split": split})
    k_qv = embed_queries(args.cache, "known-queries", [q for q in k_queries if not q["id"].startswith("h-")])
    k_qv.update(embed_queries(args.cache, "known-hard", [q for q in k_queries if q["id"].startswith("h-")]))
    n_qv = embed_queries(args.cache, "news-questions", nq)
    c_qv = embed_queries(args.cache, "needs-all", needs)

    # -- batch and threads, on the longest real passages
    model = emb._model()
    seen: set[str] = set()
    long_items = []
    for it in sorted(k_items + c_items, key=lambda i: len(engine.passage_text(i)), reverse=True):
        if engine.passage_text(it) not in seen:
            seen.add(engine.passage_text(it))
            long_items.append(it)
    long_items = long_items[: args.sample]
    sample = [engine.passage_text(i) for i in long_items]
    mean_tokens = np.mean([model.token_count(t) for t in sample])
    print(f"## Batch size and threads: {len(sample)} real passages, mean {np.mean([len(t) for t in sample]):.0f} "
          f"characters, {mean_tokens:.0f} tokens\n")
    print("| setting | seconds | passages/s |")
    print("|---|---:|---:|")
    grid = [] if args.skip_grid else throughput(sample)
    for r in grid:
        print(f"| {r['setting']} | {r['seconds']:.1f} | {r['per_s']:.2f} |")
    print()

    # -- passage variants
    one = lambda q: {q["relevant"]: 1}  # noqa: E731
    corpora = [
        ("known-item (648 + hard)", k_items, k_queries, k_qv, one),
        ("news questions (40)", news, nq, n_qv, one),
        ("needs (56 tune + 24 blind held-out)", c_items, needs, c_qv, lambda q: q["relevant"]),
    ]
    results: dict = {"grid": grid, "variants": {}}
    baseline: dict[str, dict[str, dict[str, tuple[float, float]]]] = {}  # the full text's per-query figures
    print("## Embedded text per item (BM25 indexes the whole text in every variant)\n")
    print(f"Passages/s: the variant's text of the same {len(long_items)} longest items, one thread, batch 16 "
          "(what one task worker does); chars and tokens: mean over every item of the three sets.\n")
    print("| embedded text | chars | tokens | passages/s | set | dense tune / held-out nDCG@10 | "
          "hybrid tune / held-out nDCG@10 | hybrid tune / held-out MRR@10 | items shortened | "
          "queries for a shortened item: n, dense / hybrid nDCG@10, this text (full text) |")
    print("|---|---:|---:|---:|---|---|---|---|---:|---|")
    for vname, fn in VARIANTS.items():
        texts_all = [fn(i) for i in k_items + news + c_items]
        chars = float(np.mean([len(t) for t in texts_all]))
        tokens = float(np.mean([model.token_count(t) for t in texts_all]))
        rate = len(long_items) / _embed([fn(i) for i in long_items], 16, 1)
        cache_tag = re.sub(r"\W+", "-", vname)[:24]
        vecs = {}
        for cname, items, *_ in corpora:
            texts = [fn(i) for i in items]
            vecs[cname] = cached(args.cache, f"pl-{cache_tag}-{cname[:8]}", texts,
                                 lambda ts: emb.embed_passages(ts, batch_size=16))
        results["variants"][vname] = {"chars": chars, "tokens": tokens, "per_s": rate, "sets": {}}
        for cname, items, queries, qv, rel_of in corpora:
            per = evaluate(items, vecs[cname], queries, qv, rel_of)
            base = baseline.setdefault(cname, per)
            figs = {}
            for mode in ("dense", "hybrid"):
                for split in ("tune", "held-out"):
                    ids = [q["id"] for q in queries if q.get("split", "tune") == split]
                    figs[f"{mode} {split}"] = (float(np.mean([per[mode][i][0] for i in ids])),
                                               float(np.mean([per[mode][i][1] for i in ids])))
            full = {i.id for i in items if fn(i) != engine.passage_text(i)}
            hit = [q["id"] for q in queries if set(rel_of(q)) & full]
            figs["shortened items"] = (len(full), len(items))
            figs["queries for shortened"] = (
                float(len(hit)),
                float(np.mean([per["dense"][i][0] for i in hit])) if hit else float("nan"),
                float(np.mean([per["hybrid"][i][0] for i in hit])) if hit else float("nan"),
                float(np.mean([base["dense"][i][0] for i in hit])) if hit else float("nan"),
                float(np.mean([base["hybrid"][i][0] for i in hit])) if hit else float("nan"),
            )
            results["variants"][vname]["sets"][cname] = figs
            qs = figs["queries for shortened"]
            print(f"| {vname} | {chars:.0f} | {tokens:.0f} | {rate:.2f} | {cname} | "
                  f"{figs['dense tune'][0]:.3f} / {figs['dense held-out'][0]:.3f} | "
                  f"{figs['hybrid tune'][0]:.3f} / {figs['hybrid held-out'][0]:.3f} | "
                  f"{figs['hybrid tune'][1]:.3f} / {figs['hybrid held-out'][1]:.3f} | "
                  f"{len(full)} of {len(items)} | {qs[0]:.0f}, {qs[1]:.3f} / {qs[2]:.3f} ({qs[3]:.3f} / {qs[4]:.3f}) |", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
