"""Fusion of the lexical and dense rankings into one score."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from samskap.matching.engine import config

if TYPE_CHECKING:
    from samskap.matching.engine.index import Index


def fuse(index: Index, bm25: np.ndarray, dense: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    sel_b = bm25 if mask is None else bm25[mask]
    sel_d = dense if mask is None else dense[mask]
    if sel_d.size == 0:
        return np.zeros_like(dense)
    if index.fusion == "rrf":
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
    bmax = float(sel_b.max())
    b_norm = bm25 / bmax if bmax > 0 else np.zeros_like(bm25)
    dmax = float(sel_d.max())
    dmean = float(sel_d.mean())
    span = dmax - dmean
    d_norm = np.clip((dense - dmean) / span, 0.0, 1.0) if span > 1e-9 else np.ones_like(dense)
    return (index.alpha * d_norm + (1.0 - index.alpha) * b_norm).astype(np.float32)
