"""Dense retrieval: brute-force cosine with numpy over the rows that the filters allow.

The vectors are L2-normalised, so a dot product is the cosine. ``float16`` storage halves the
memory, but numpy has no fast float16 product (it is converted in blocks; ~10x slower at 100k).
"""

from __future__ import annotations

import numpy as np

from .types import Selection


class DenseIndex:
    """The items' vectors in index order; ``kind_slices`` are the rows of each kind."""

    def __init__(self, vectors: np.ndarray, kind_slices: dict[str, tuple[int, int]]):
        self.vectors = vectors
        self.kind_slices = kind_slices

    @property
    def nbytes(self) -> int:
        return int(self.vectors.nbytes)

    def matvec(self, rows: np.ndarray | slice, qv: np.ndarray) -> np.ndarray:
        """Cosine of ``qv`` with the given rows (float32)."""
        V = self.vectors[rows]
        if V.dtype == np.float32:
            return V @ qv
        out = np.empty(V.shape[0], dtype=np.float32)
        step = 16384
        for a in range(0, V.shape[0], step):
            out[a : a + step] = V[a : a + step].astype(np.float32) @ qv
        return out

    def scores(self, qv: np.ndarray, sel: Selection) -> np.ndarray:
        """Cosine of every item with ``qv``; only rows that can be returned are computed
        (the rest are -inf): the blocks of the requested kinds, or a small allowed set."""
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
        return self.vectors[np.asarray(rows, dtype=np.int64)].astype(np.float32).mean(axis=0)
