"""Fit and check the relevance floor (``samskap/matching/engine/calibration.py``).

Usage::

    .venv/bin/python bench/relevance_floor.py [--cache /tmp/embcache]

Searches the catalogue one kind at a time with top 5, as the suggestion panels do, for the tune
needs (original + paraphrase, 56) and the held-out blind needs (24); a pair is relevant when its
grade is >= 1. Fits the logistic weights on the tune pairs only (Newton, small L2), prints them,
AUC / Brier / floor figures on tune and held-out for the shipped weights (``config.CALIBRATION``)
and the refitted ones, and how many suggestions queries made only of common words
("kommune", "tjenester i kommunen", ...) get above the floor. Nothing is fitted on the blind set
or the common-word queries.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from matching_quality import DATA, cached, load_catalogue  # noqa: E402

from samskap.matching import engine  # noqa: E402
from samskap.matching.engine import Index, calibration, config, gate  # noqa: E402

#: Tune-only negatives: queries made only of common municipal words, every pair labelled irrelevant
#: by construction (the needs sets have none, so the fit could not learn the specificity weight).
#: COMMON below (different wording) is held out for the check.
TUNE_COMMON = ["kommunen", "vår kommune", "tjenestene i kommunen", "kommunen ønsker hjelp", "kommunal tjeneste",
               "kommunen vil gjøre noe", "tenester i kommunen", "ansatte i kommunen", "arbeid i kommunen",
               "kommunen og innbyggerne"]
KINDS = ("person", "group", "instrument", "case", "need")
COMMON = ["kommune", "kommunen vår", "tjenester i kommunen", "Hva gjør kommunen?",
          "kommunen trenger hjelp", "tiltak i kommunen", "kommunane våre", "innbyggere i kommunen"]


OLD = (-17.519, 16.772, 9.225, 1.776, -1.429)  # weights before issue 13's fix (no specificity)


def pairs(idx: Index, queries: list[dict], qvec: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, old = [], [], []
    for q in queries:
        qt = idx.analyzer.query_terms(q["text"])
        qspec = gate.query_specificity(qt.weights, lexical=idx.lexical, analyzer=idx.analyzer)
        rel = q.get("relevant", {})
        for kind in KINDS:
            for rank, m in enumerate(idx.search(q["text"], kinds=[kind], top=5, query_vector=qvec[q["id"]],
                                                explain=False)):
                assert m.dense_score is not None
                xs.append(calibration.features(cosine=m.dense_score, coverage=m.coverage, score=m.score,
                                               rank=rank, specificity=qspec))
                old.append((1.0, m.dense_score, m.coverage, m.score, np.log1p(rank)))
                ys.append(1.0 if rel.get(m.id, 0) >= 1 else 0.0)
    return np.array(xs), np.array(ys), np.array(old)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    w = np.zeros(x.shape[1])
    for _ in range(100):
        p = 1 / (1 + np.exp(-x @ w))
        g = x.T @ (p - y) + l2 * w
        h = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(h, g)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def auc(p: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(p)
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    npos = y.sum()
    return float((ranks[y == 1].sum() - npos * (npos + 1) / 2) / (npos * (len(y) - npos)))


def report(name: str, w: np.ndarray, x: np.ndarray, y: np.ndarray, floor: float) -> None:
    p = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
    shown = p >= floor
    prec = y[shown].mean() if shown.any() else 0.0
    print(f"  {name:10} n={len(y):4} rel={y.mean():.2f}  AUC {auc(p, y):.3f}  Brier {np.mean((p - y) ** 2):.3f}  "
          f"floor {floor}: shown {shown.mean():.2f}, precision {prec:.2f}, relevant kept "
          f"{shown[y == 1].mean():.2f}, irrelevant hidden {1 - shown[y == 0].mean():.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cache", help="directory to cache embeddings in (development only)")
    args = ap.parse_args()
    items, _ = load_catalogue()
    load = lambda n: json.loads((DATA / n).read_text(encoding="utf-8"))["queries"]  # noqa: E731
    tune = load("needs_queries.json") + load("paraphrase_queries.json")
    blind = load("blind_queries.json")
    vectors = cached(args.cache, "catalogue", [engine.passage_text(i) for i in items], engine.embed_passages)
    emb = lambda ts: np.stack([engine.embed_query(t) for t in ts])  # noqa: E731
    qvec = {}
    for name, qs in (("tune-needs", tune), ("blind", blind)):
        mat = cached(args.cache, name, [q["text"] for q in qs], emb)
        qvec.update({q["id"]: mat[i] for i, q in enumerate(qs)})
    common = [{"id": f"common{i}", "text": t} for i, t in enumerate(COMMON)]
    cmat = cached(args.cache, "common", COMMON, emb)
    qvec.update({q["id"]: cmat[i] for i, q in enumerate(common)})
    tcommon = [{"id": f"tcommon{i}", "text": t} for i, t in enumerate(TUNE_COMMON)]
    tmat = cached(args.cache, "tune-common", TUNE_COMMON, emb)
    qvec.update({q["id"]: tmat[i] for i, q in enumerate(tcommon)})

    idx = Index(items, vectors)
    xt, yt, ot = pairs(idx, tune, qvec)
    xb, yb, ob = pairs(idx, blind, qvec)
    xc, _, oc = pairs(idx, common, qvec)
    xtc, ytc, _ = pairs(idx, tcommon, qvec)
    w_new = fit(np.vstack([xt, xtc]), np.concatenate([yt, ytc]))
    print("refitted weights (bias, cosine, coverage, score, log1p(rank), min(1, query specificity)):",
          "(" + ", ".join(f"{v:.3f}" for v in w_new) + ")")
    cases = (("old model (no specificity)", np.array(OLD), ot, ob, oc),
             ("config.CALIBRATION", np.array(config.CALIBRATION), xt, xb, xc),
             ("refitted now", w_new, xt, xb, xc))
    for label, w, xt, xb, xc in cases:
        print(label)
        report("tune", w, xt, yt, config.RELEVANCE_FLOOR)
        report("held-out", w, xb, yb, config.RELEVANCE_FLOOR)
        pc = 1 / (1 + np.exp(-np.clip(xc @ w, -30, 30)))
        print(f"  common-word queries: {int((pc >= config.RELEVANCE_FLOOR).sum())} of {len(pc)} suggestions "
              f"above the floor, highest probability {pc.max():.3f}")


if __name__ == "__main__":
    main()
