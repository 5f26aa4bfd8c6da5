"""Dense retrieval: brute-force cosine with numpy over the rows that the filters allow, or, for a
big catalogue with an :class:`~.ann.Ann` graph, exact cosines of the graph's candidates only.

The vectors are L2-normalised, so a dot product is the cosine. ``float16`` storage halves the
memory, but numpy has no fast float16 product (it is converted in blocks; ~10x slower at 100k).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import ann as ann_mod
from . import arrays
from .types import Selection


@dataclass(frozen=True)
class Approximate:
    """The dense stage of a search with a graph: the exact cosines of some rows, one estimate for the rest."""

    #: the rows whose cosines were computed (sorted, all of them allowed)
    rows: np.ndarray
    #: their cosines (float32)
    cosines: np.ndarray
    #: the cosine every other allowed row is given
    fill: float
    #: how many rows are allowed in all
    allowed: int

    def expand(self, n: int, mask: np.ndarray | None) -> np.ndarray:
        """The cosine of every row of the catalogue (-inf where ``mask`` is False)."""
        out = np.full(n, self.fill, dtype=np.float32)
        if mask is not None:
            out[~mask] = -np.inf
        out[self.rows] = self.cosines
        return out


class DenseIndex:
    """The items' vectors in index order; ``kind_slices`` are the rows of each kind."""

    def __init__(self, vectors: np.ndarray, kind_slices: dict[str, tuple[int, int]],
                 ann: ann_mod.Ann | None = None, ann_min_items: int = ann_mod.MIN_ITEMS):
        self.vectors = vectors
        self.kind_slices = kind_slices
        #: the graph of a big catalogue (None: every search is exact)
        self.ann = ann
        #: searches that may return fewer rows than this are exact even with a graph
        self.ann_min_items = ann_min_items

    @property
    def nbytes(self) -> int:
        return int(self.vectors.nbytes)

    def _rows_scored(self, sel: Selection) -> int:
        n = len(self.vectors)
        if sel.allowed_rows is not None and len(sel.allowed_rows) < n // 8:
            return len(sel.allowed_rows)
        if sel.kinds is not None:
            return sum(b - a for k, (a, b) in self.kind_slices.items() if k in sel.kinds)
        return n

    def matvec(self, rows: np.ndarray | slice, qv: np.ndarray) -> np.ndarray:
        """Cosine of ``qv`` with the given rows (float32)."""
        V = self.vectors[rows]
        if V.dtype == np.float32:
            return np.asarray(V @ qv)
        out = np.empty(V.shape[0], dtype=np.float32)
        step = 16384
        for a in range(0, V.shape[0], step):
            out[a : a + step] = V[a : a + step].astype(np.float32) @ qv
        return out

    def scores(self, qv: np.ndarray, sel: Selection, *, top: int = 10,
               exact_rows: np.ndarray | None = None) -> np.ndarray:
        """Cosine of every item with ``qv``; only rows that can be returned are computed
        (the rest are -inf): the blocks of the requested kinds, or a small allowed set.

        With a graph, when the rows that could be returned, times their share of the catalogue, reach
        ``ann_min_items`` (see :meth:`approximate`): the exact cosines of
        the graph's candidates for ``top`` results, of ``exact_rows`` (for example the best BM25
        rows) and of a sample; every other allowed row gets the sample's mean cosine."""
        approx = self.approximate(qv, sel, top=top, exact_rows=exact_rows)
        if approx is not None:
            return approx.expand(len(self.vectors), sel.mask)
        return self._exact(qv, sel)

    def approximate(self, qv: np.ndarray, sel: Selection, *, top: int = 10,
                    exact_rows: np.ndarray | None = None) -> Approximate | None:
        """The rows :meth:`scores` computes with the graph and the estimate it gives every other allowed
        row, or None when the search is exact (no graph, or fewer than ``ann_min_items`` rows allowed, counted
        at their share of the catalogue: ``allowed × share < ann_min_items``)."""
        graph = getattr(self, "ann", None)  # (snapshots written before the graph existed)
        if graph is None:
            return None
        scored = self._rows_scored(sel)
        share = scored / max(1, len(self.vectors))
        # A filter widens the graph's beam by 1 / share (ann.depth), while exact search scores only the
        # allowed rows: unfiltered the graph pays from ann_min_items rows on, under a filter from
        # ann_min_items / share (at 1M items a kind filter keeping a fifth is faster exact: 41-44 ms p50
        # hybrid against 79-88 with the graph, the same nDCG@10; bench/index_scale.py --quality --kinds).
        if scored * share < getattr(self, "ann_min_items", ann_mod.MIN_ITEMS):
            return None
        mask = sel.mask
        cand = graph.candidates(qv, ann_mod.depth(top, share, graph.rows))
        sample = graph.sample
        if mask is not None:
            cand, sample = cand[mask[cand]], sample[mask[sample]]
            if exact_rows is not None:
                exact_rows = exact_rows[mask[exact_rows]]
        parts = [cand, sample] + ([np.asarray(exact_rows, dtype=np.int64)] if exact_rows is not None else [])
        rows = arrays.unique(np.concatenate(parts))  # sorted: reads the mapped matrix in order
        exact = self.matvec(rows, qv) if len(rows) else np.zeros(0, dtype=np.float32)
        if len(sample):  # the sample's cosines are among the rows'
            fill = float(exact[np.searchsorted(rows, sample)].mean())
        else:
            fill = float(exact.min()) if len(exact) else 0.0
        if len(cand):
            fill = min(fill, float(exact[np.searchsorted(rows, cand)].min()))
        allowed = len(self.vectors) if mask is None else int(np.count_nonzero(mask))
        return Approximate(rows=rows, cosines=exact, fill=fill, allowed=allowed)

    def _exact(self, qv: np.ndarray, sel: Selection) -> np.ndarray:
        n = len(self.vectors)
        allowed = sel.allowed_rows
        if allowed is not None and len(allowed) < n // 8:
            out = np.full(n, -np.inf, dtype=np.float32)
            if len(allowed):
                out[allowed] = self.matvec(allowed, qv)
            return out
        if sel.kinds is not None:
            out = np.full(n, -np.inf, dtype=np.float32)
            for k in sel.kinds:
                if k in self.kind_slices:
                    a, b = self.kind_slices[k]
                    out[a:b] = self.matvec(slice(a, b), qv)
            return out
        return self.matvec(slice(None), qv)

    def centroid(self, rows: list[int]) -> np.ndarray:
        """Mean of the given rows' vectors (float32)."""
        return np.asarray(self.vectors[np.asarray(rows, dtype=np.int64)].astype(np.float32).mean(axis=0))
