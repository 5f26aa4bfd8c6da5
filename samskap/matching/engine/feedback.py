"""Pseudo-relevance feedback: a second, expanded pass over the top of the first fused ranking.

Used in hybrid mode with weighted fusion when at least :data:`FEEDBACK_MIN_ITEMS` items are
allowed. The top :data:`FEEDBACK_DOCS` items of the first ranking are taken as feedback. BM25 is
re-scored with up to :data:`FEEDBACK_TERMS` of their words added to the query (stems found in at
least two of them and not in the query, ranked by ``count x idf``, each with weight
:data:`FEEDBACK_TERM_WEIGHT`), and the dense score becomes ``cos(q, item) + FEEDBACK_BETA *
cos(centroid of the feedback vectors, item)`` (Rocchio). The two are fused again. Everyday
wording thus borrows the vocabulary of the items it already finds. With more than
``2 * FEEDBACK_DEPTH`` allowed items the second pass re-scores only the first ranking's top
:data:`FEEDBACK_DEPTH` items, so it adds a product over 1,000 rows rather than over the catalogue.
``Match.bm25_score``, ``dense_score`` and the explanations stay those of the user's query.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np

from .. import textnorm
from . import config
from .analyzer import Analyzer
from .dense import DenseIndex
from .fusion import fuse, ranked, top_rows
from .lexical import LexicalIndex
from .types import Item, QueryTerms, Selection


def expansion_terms(
    items: Sequence[Item], feedback: list[int], qt: QueryTerms, analyzer: Analyzer
) -> dict[str, float]:
    """Query expansion from the feedback rows: index token -> weight."""
    counts: Counter[str] = Counter()
    for p in feedback:
        it = items[p]
        seen = set()
        for surf in textnorm.words(f"{it.title} {' '.join(it.keywords or ())} {it.text}"):
            toks = analyzer.tokens_for_surface(surf)
            if toks:
                seen.add(toks[0])
        counts.update(seen)
    cand = sorted(
        (
            (c * analyzer.idf(t), t)
            for t, c in counts.items()
            if c >= 2 and t not in qt.weights and t in analyzer.vocab
        ),
        reverse=True,
    )
    return {t: config.FEEDBACK_TERM_WEIGHT for _, t in cand[: config.FEEDBACK_TERMS]}


def rescore(
    score: np.ndarray,
    qt: QueryTerms,
    bm25: np.ndarray,
    dense: np.ndarray,
    sel: Selection,
    *,
    items: Sequence[Item],
    analyzer: Analyzer,
    lexical: LexicalIndex,
    vectors: DenseIndex,
    alpha: float,
    rows: np.ndarray | None = None,
    pool: int | None = None,
) -> np.ndarray:
    """Fused scores after feedback from the top of ``score`` (the first weighted fusion of
    ``bm25`` and ``dense``); ``score`` itself when feedback does not apply.

    ``rows``: the arrays hold these index rows only (position ``i`` is row ``rows[i]``; ``sel`` is then
    over the positions, and its ``row_filter`` takes positions), one of ``pool`` allowed rows in all; the
    second pass re-scores the first ranking's top :data:`config.FEEDBACK_DEPTH` of them."""
    if pool is None:
        pool = len(items) if sel.mask is None else int(sel.mask.sum())
    if pool < config.FEEDBACK_MIN_ITEMS or config.FEEDBACK_DOCS <= 0:
        return score
    first = score.copy()
    if sel.mask is not None:
        first[~sel.mask] = -np.inf
    fb = ranked(first, -np.inf, config.FEEDBACK_DOCS, sel.row_filter)
    if not fb:
        return score

    def index_rows(positions: np.ndarray) -> np.ndarray:
        return positions if rows is None else rows[positions]

    fb_rows = [int(r) for r in index_rows(np.asarray(fb, dtype=np.int64))]
    # Large pools: re-score only the first ranking's top FEEDBACK_DEPTH items (the dense part
    # then costs a product over those rows instead of over the whole catalogue).
    depth: np.ndarray | None = None
    if (sel.row_filter is None or rows is not None) and pool > 2 * config.FEEDBACK_DEPTH:
        depth = top_rows(first, config.FEEDBACK_DEPTH)
    elif rows is not None:
        raise ValueError("a search over some rows re-scores a depth of them: the pool is too small")
    # BM25 is a sum over query terms: score only the expansion terms and add them (of the re-scored
    # rows only, when only those are re-scored)
    extra = expansion_terms(items, fb_rows, qt, analyzer)
    if not extra:
        bm25_fb = bm25
    elif depth is None:
        bm25_fb = bm25 + lexical.scores(extra)
    else:
        bm25_fb = bm25.copy()
        bm25_fb[depth] += lexical.scores_at(extra, index_rows(depth))
    # Rocchio: add the similarity to the feedback items' centroid
    dense_fb = dense
    beta = config.FEEDBACK_BETA
    if beta:
        centroid = vectors.centroid(fb_rows)
        if depth is None:
            dense_fb = dense + np.float32(beta) * vectors.scores(centroid, sel)
        else:
            dense_fb = np.full(len(dense), -np.inf, dtype=np.float32)
            dense_fb[depth] = dense[depth] + np.float32(beta) * vectors.matvec(index_rows(depth), centroid)
    if not extra and dense_fb is dense:
        return score
    if depth is None:
        return fuse(bm25_fb, dense_fb, sel.mask, alpha=alpha)
    in_depth = np.zeros(len(dense), dtype=bool)
    in_depth[depth] = True
    out = fuse(bm25_fb, dense_fb, in_depth, alpha=alpha)
    out[~in_depth] = -np.inf
    return out
