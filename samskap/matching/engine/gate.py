"""Query-adaptive fusion: trust the words when they already found the item.

The weighted fusion with feedback (:mod:`.fusion`, :mod:`.feedback`) is built for needs written in
everyday words, where the dense side and the feedback pass find what BM25 misses. On keyword-style
questions whose words are in the passage, the same settings pull wrong items up: measured on 648
known-item questions from real text, the fused ranking had MRR@10 0.87 where plain BM25 had 0.97
(docs/benchmarks.md, "Known-item questions").

The signal that tells the two apart is the **coverage** of the query by the best BM25 item: the
idf-weighted share of the query's index tokens that item contains. Known-item and factual
questions have coverage near 1 (0.99 and 0.90 on average in our sets), registered needs about 0.5.
When it reaches :data:`config.STRONG_COVERAGE` the words are trusted: the dense weight drops to
:data:`config.STRONG_ALPHA`, feedback is skipped, and the lexical side also counts the query's
exact word forms (a BM25 over surface stems, without nb/nn normalisation or compound splitting,
weight :data:`config.STRONG_SURFACE_WEIGHT`), so "kommunar" in a nynorsk question prefers the
nynorsk passage it was taken from. Below the threshold nothing changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from ..concepts import CONCEPT_PREFIX
from . import config
from .analyzer import Analyzer
from .lexical import LexicalIndex


def coverage(
    weights: Mapping[str, float],
    bm25: np.ndarray,
    mask: np.ndarray | None,
    *,
    lexical: LexicalIndex,
    analyzer: Analyzer,
) -> float:
    """Idf-weighted share of the query tokens (``weights``) that the best BM25 row among ``mask``
    contains; 0.0 when no row shares a token. Tokens no item has are left out: they cannot tell
    one item from another (a question's "koster" when the passage says "prislappen")."""
    if not bm25.size:
        return 0.0
    scored = bm25 if mask is None else np.where(mask, bm25, -np.inf)
    top = int(np.argmax(scored))
    if not np.isfinite(scored[top]) or scored[top] <= 0:
        return 0.0
    return row_coverage(weights, top, lexical=lexical, analyzer=analyzer)


def row_coverage(weights: Mapping[str, float], row: int, *, lexical: LexicalIndex, analyzer: Analyzer) -> float:
    """Idf-weighted share of the query tokens (those some item has) that row ``row`` contains."""
    total = found = 0.0
    for token, w in weights.items():
        if token not in lexical.vocab:
            continue
        mass = w * analyzer.idf(token)
        total += mass
        if lexical.contains(token, row):
            found += mass
    return found / total if total > 0 else 0.0


def matched_specificity(
    weights: Mapping[str, float], row: int, *, lexical: LexicalIndex, analyzer: Analyzer
) -> float:
    """Idf mass of the query tokens row ``row`` contains, in units of the catalogue's highest idf
    (a word only one item has counts about 1; a word most items have, such as "kommune", near 0).
    Unlike :func:`row_coverage` it is low when the only shared words are common ones."""
    top = analyzer.idf("\x00")  # the idf of a token no item has: the highest
    found = sum(w * analyzer.idf(t) for t, w in weights.items() if t in lexical.vocab and lexical.contains(t, row))
    return found / top if top > 0 else 0.0


class RowTerms:
    """Which of the query's tokens each of some rows contains, looked up once for all of them (the ranked
    rows of a search): :meth:`coverage` and :meth:`specificity` equal :func:`row_coverage` and
    :func:`matched_specificity` of each row."""

    def __init__(self, weights: Mapping[str, float], rows: np.ndarray, *, lexical: LexicalIndex,
                 analyzer: Analyzer):
        tokens = [t for t in weights if t in lexical.vocab]
        self.position = {int(r): j for j, r in enumerate(rows)}
        self.mass = np.array([weights[t] * analyzer.idf(t) for t in tokens], dtype=np.float64)
        self.present = (np.stack([lexical.contains_rows(t, rows) for t in tokens])
                        if tokens and len(rows) else np.zeros((len(tokens), len(rows)), dtype=bool))
        self.total = float(self.mass.sum())
        self.top_idf = analyzer.idf("\x00")

    def _found(self, row: int) -> float:
        return float(self.mass[self.present[:, self.position[row]]].sum())

    def coverage(self, row: int) -> float:
        return self._found(row) / self.total if self.total > 0 else 0.0

    def specificity(self, row: int) -> float:
        return self._found(row) / self.top_idf if self.top_idf > 0 else 0.0


def query_specificity(weights: Mapping[str, float], *, lexical: LexicalIndex, analyzer: Analyzer) -> float:
    """Idf mass of the query's tokens that some item has, in units of the highest idf: about 1 or
    more for a query with one rare word or several ordinary ones, near 0 for a query made only of
    words most items contain ("kommunen vår"). The idf counts at least
    :data:`config.SPECIFICITY_MIN_DOCS` items: in a catalogue of a few items every shared word is
    in most of them, which says nothing about how common it is."""
    n = max(analyzer.n_docs, config.SPECIFICITY_MIN_DOCS)

    def idf(df: int) -> float:
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

    mass = sum(w * idf(analyzer.known.get(t, 0)) for t, w in weights.items() if t in lexical.vocab)
    return mass / idf(0)


def query_words(weights: Mapping[str, float]) -> int:
    """Number of distinct word stems of a query (compound parts and concepts left out)."""
    return sum(1 for t, w in weights.items() if w >= 1.0 and t[:1] != CONCEPT_PREFIX)


def strong_regime(cov: float, n_words: int) -> tuple[float, float] | None:
    """(dense weight, surface-form weight) of the strong (word-trusting) regime for a query of
    ``n_words`` words whose best BM25 item covers ``cov`` of it, or None when the words are not
    trusted (the needs regime)."""
    if n_words <= config.SHORT_QUERY_WORDS and cov >= config.SHORT_COVERAGE:
        return config.SHORT_ALPHA, config.SHORT_SURFACE_WEIGHT
    if cov >= config.STRONG_COVERAGE:
        return config.STRONG_ALPHA, config.STRONG_SURFACE_WEIGHT
    return None


def strong_lexical(
    bm25: np.ndarray, surface: np.ndarray, mask: np.ndarray | None, weight: float | None = None
) -> np.ndarray:
    """The lexical score of the strong regime: ``(1 - weight) * bm25 / max + weight * surface / max``,
    maxima over the rows of ``mask`` (``weight`` None: :data:`config.STRONG_SURFACE_WEIGHT`)."""
    if weight is None:
        weight = config.STRONG_SURFACE_WEIGHT

    def norm(a: np.ndarray) -> np.ndarray:
        top = float((a if mask is None else a[mask]).max()) if a.size else 0.0
        return a / top if top > 0 else np.zeros_like(a)

    return ((1.0 - weight) * norm(bm25) + weight * norm(surface)).astype(np.float32)
