"""Pseudo-relevance feedback: expand the query with terms of the first ranking's top items."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from typing import TYPE_CHECKING

import numpy as np

from samskap.matching import textnorm
from samskap.matching.engine import config
from samskap.matching.engine.lexical import QueryTerms
from samskap.matching.engine.types import Predicate

if TYPE_CHECKING:
    from samskap.matching.engine.index import Index


def with_feedback(index: Index,
    score: np.ndarray,
    qt: QueryTerms,
    bm25: np.ndarray,
    dense: np.ndarray,
    mask: np.ndarray | None,
    kinds: Collection[str] | None,
    allowed_rows: np.ndarray | None,
    predicate: Predicate | None,
) -> np.ndarray:
    """Fused scores after pseudo-relevance feedback from the top of ``score`` (see module doc)."""
    pool = len(index.items) if mask is None else int(mask.sum())
    if pool < config.FEEDBACK_MIN_ITEMS or config.FEEDBACK_DOCS <= 0:
        return score
    first = score.copy()
    if mask is not None:
        first[~mask] = -np.inf
    fb = index._ranked(first, -np.inf, config.FEEDBACK_DOCS, predicate)
    if not fb:
        return score
    # BM25 with expansion terms shared by the feedback items
    counts: Counter[str] = Counter()
    for p in fb:
        it = index.items[p]
        seen = set()
        for surf in textnorm.words(f"{it.title} {' '.join(it.keywords or ())} {it.text}"):
            toks = index._tokens_for_surface(surf)
            if toks:
                seen.add(toks[0])
        counts.update(seen)
    cand = sorted(
        ((c * index._idf(t), t) for t, c in counts.items() if c >= 2 and t not in qt.weights and t in index._vocab),
        reverse=True,
    )
    # BM25 is a sum over query terms: score only the expansion terms and add them
    extra = {t: config.FEEDBACK_TERM_WEIGHT for _, t in cand[:config.FEEDBACK_TERMS]}
    bm25_fb = bm25 + index._bm25_scores(QueryTerms(extra, {})) if extra else None
    # Large pools: re-score only the first ranking's top config.FEEDBACK_DEPTH items (the dense part
    # then costs a product over those rows instead of over the whole catalogue).
    depth: np.ndarray | None = None
    if predicate is None and pool > 2 * config.FEEDBACK_DEPTH:
        depth = np.argpartition(-first, config.FEEDBACK_DEPTH - 1)[:config.FEEDBACK_DEPTH]
    # Rocchio: add the similarity to the feedback items' centroid
    dense_fb = dense
    if config.FEEDBACK_BETA:
        centroid = index._vectors[np.asarray(fb, dtype=np.int64)].astype(np.float32).mean(axis=0)
        if depth is None:
            dense_fb = dense + np.float32(config.FEEDBACK_BETA) * index._dense_scores(centroid, kinds, allowed_rows)
        else:
            dense_fb = np.full(len(dense), -np.inf, dtype=np.float32)
            dense_fb[depth] = dense[depth] + np.float32(config.FEEDBACK_BETA) * index._matvec(depth, centroid)
    if bm25_fb is None and dense_fb is dense:
        return score
    if depth is None:
        return index._fuse(bm25 if bm25_fb is None else bm25_fb, dense_fb, mask)
    in_depth = np.zeros(len(dense), dtype=bool)
    in_depth[depth] = True
    out = index._fuse(bm25 if bm25_fb is None else bm25_fb, dense_fb, in_depth)
    out[~in_depth] = -np.inf
    return out
