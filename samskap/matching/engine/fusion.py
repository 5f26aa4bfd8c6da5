"""Fusion of the BM25 and dense scores (``mode="hybrid"``), and ranking of scored rows.

Weighted score fusion (the default): ``alpha * dense_norm + (1 - alpha) * bm25_norm``, with
``bm25_norm = bm25 / max(bm25)`` and ``dense_norm = (cos - mean(cos)) / (max(cos) - mean(cos))``
clipped to [0, 1], both over the items the filters allow. Reciprocal rank fusion
(``fusion="rrf"``) measured the same on our sets; weighted fusion is the default because its
scores are interpretable (0..1) and it was at least as good on every set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import config

FUSIONS = ("weighted", "rrf")


def fuse(
    bm25: np.ndarray,
    dense: np.ndarray,
    mask: np.ndarray | None,
    *,
    fusion: str = "weighted",
    alpha: float = config.ALPHA,
    stats: Stats | None = None,
) -> np.ndarray:
    """Fused score of every row; normalised over the rows of ``mask`` (None: all rows).

    ``stats``: the weighted fusion's normalisation given instead of computed over ``mask`` (a search that
    scores some rows of a bigger population, :func:`population_stats`)."""
    if stats is None and (dense if mask is None else dense[mask]).size == 0:
        return np.zeros_like(dense)
    if fusion == "rrf":
        return _rrf(bm25, dense, mask)
    return _weighted(bm25, dense, mask, alpha, stats)


@dataclass(frozen=True)
class Stats:
    """What the weighted fusion normalises by: the highest lexical score, the highest and the mean cosine."""

    bm25_max: float
    dense_max: float
    dense_mean: float

    def dense_floor(self, cosine: float, alpha: float = config.ALPHA) -> float:
        """The dense part of the fused score of a row with this cosine."""
        span = self.dense_max - self.dense_mean
        if span <= 1e-9:
            return float(alpha)
        return float(alpha) * min(1.0, max(0.0, (cosine - self.dense_mean) / span))


def population_stats(bm25_max: float, cosines: np.ndarray, others: int, other_cosine: float) -> Stats:
    """:class:`Stats` of a population made of rows with known ``cosines`` and ``others`` rows that all have
    ``other_cosine`` (rows whose cosine an approximate search left at the estimate)."""
    count = len(cosines) + others
    if not count:
        return Stats(bm25_max, 0.0, 0.0)
    top = float(cosines.max()) if len(cosines) else -np.inf
    if others:
        top = max(top, float(other_cosine))
    total = float(cosines.sum(dtype=np.float64)) + others * float(other_cosine)
    return Stats(float(bm25_max), top, total / count)


def _weighted(bm25: np.ndarray, dense: np.ndarray, mask: np.ndarray | None, alpha: float,
              stats: Stats | None = None) -> np.ndarray:
    # The same float32 operations in the same order as ``alpha * clip((dense - mean) / span, 0, 1)
    # + (1 - alpha) * bm25 / max``, but in place: over a million rows every temporary array costs.
    if stats is None:
        sel_b = bm25 if mask is None else bm25[mask]
        sel_d = dense if mask is None else dense[mask]
        stats = Stats(float(sel_b.max()), float(sel_d.max()), float(sel_d.mean()))
        del sel_b, sel_d
    bmax, dmax, dmean = stats.bm25_max, stats.dense_max, stats.dense_mean
    span = dmax - dmean
    if span > 1e-9:
        out = np.subtract(dense, np.float32(dmean), dtype=np.float32)
        out /= np.float32(span)
        np.clip(out, 0.0, 1.0, out=out)
    else:
        out = np.ones(len(dense), dtype=np.float32)
    out *= np.float32(alpha)
    if bmax > 0:
        b_norm = np.divide(bm25, np.float32(bmax), dtype=np.float32)
        b_norm *= np.float32(1.0 - alpha)
        out += b_norm
    return np.asarray(out, dtype=np.float32)


def _rrf(bm25: np.ndarray, dense: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    fused = np.zeros(len(dense), dtype=np.float32)
    big = np.float32(-np.inf)
    for arr, positive in ((bm25, True), (dense, False)):
        a = arr.astype(np.float32, copy=True)
        if mask is not None:
            a[~mask] = big
        if positive:
            a[a <= 0] = big
        depth = min(config.RRF_DEPTH, len(a))
        cand = np.argpartition(-a, depth - 1)[:depth] if depth < len(a) else np.arange(len(a))
        cand = cand[np.isfinite(a[cand])]
        cand = cand[np.argsort(-a[cand], kind="stable")]
        fused[cand] += 1.0 / (config.RRF_K + 1 + np.arange(len(cand), dtype=np.float32))
    return fused


#: arrays at least this long select their largest values through a sampled threshold (:func:`top_rows`)
TOP_SAMPLE_MIN = 1 << 17
#: one value in this many is in the sample
TOP_SAMPLE_STEP = 16


def top_rows(a: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` largest values of ``a``, in no particular order; of several equal values at
    the k-th place the first positions are taken (so the answer does not depend on how it is found).

    Over a big array, the k-th largest value of a strided sample is a threshold that at least ``k``
    values reach (those of the sample), so only the values at or above it need a selection: a compare
    pass over the catalogue instead of a selection over every row (about 3 ms at a million rows, and a
    search made four). Falls back to the whole array when the threshold lets through a quarter."""
    n = len(a)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if k >= n:
        return np.arange(n)
    cand: np.ndarray | None = None
    if n >= TOP_SAMPLE_MIN and k * 4 * TOP_SAMPLE_STEP <= n:
        sample = a[::TOP_SAMPLE_STEP]
        m = len(sample)
        threshold = np.partition(sample, m - k)[m - k]
        cand = np.flatnonzero(a >= threshold)
        if not k <= len(cand) <= n // 4:
            cand = None
    values = a if cand is None else a[cand]
    kth = values[np.argpartition(-values, k - 1)[k - 1]]
    above = np.flatnonzero(values > kth)
    tied = np.flatnonzero(values == kth)[: k - len(above)]  # ascending: the first positions
    picked = np.concatenate([above, tied])
    return picked if cand is None else cand[picked]


def ranked(
    score: np.ndarray, floor: float, top: int, row_filter: Callable[[int], bool] | None = None
) -> list[int]:
    """The ``top`` rows by score, above ``floor`` and accepted by ``row_filter``, which is called
    on ranked candidates only (the candidates are widened as needed)."""
    n = len(score)
    k = min(n, max(top * 4, 32))
    while True:
        if k < n:
            cand = top_rows(score, k)
        else:
            cand = np.arange(n)
        cand = cand[np.lexsort((cand, -score[cand]))]  # by score, equal scores by position
        out: list[int] = []
        exhausted = False
        for p in cand:
            s = score[p]
            if not np.isfinite(s) or s <= floor:
                exhausted = True
                break
            if row_filter is not None and not row_filter(int(p)):
                continue
            out.append(int(p))
            if len(out) == top:
                return out
        if exhausted or k >= n:
            return out
        k = min(n, k * 4)
