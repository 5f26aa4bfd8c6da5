"""Approximate nearest neighbours (an HNSW graph from ``usearch``) for the dense stage of big catalogues.

Below :data:`MIN_ITEMS` rows the dense stage computes every cosine (exact, a few ms); above it the
graph proposes :func:`depth` candidates, whose cosines are then computed exactly from the vector
matrix, and every other row gets the mean cosine of a fixed sample of rows (what fusion normalises
by). The graph is built by whoever builds the index (the background worker) and written into the
snapshot directory as one file that web processes *view* (memory-mapped read-only, shared by all
processes of a machine), like the ``.npy`` arrays (see :mod:`.snapshot`).

The graph stores the vectors quantised (:data:`DTYPE`): it only proposes candidates; the scores are
the exact cosines of the float32 matrix.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

#: catalogues with at least this many rows get the graph (measured: bench/index_scale.py,
#: docs/benchmarks.md "ANN candidates"): with a beam wide enough for recall@10 0.99, the graph is no faster
#: than exact search at 100,000 rows (hybrid p95 14.9 ms both), and exact hybrid search reaches the 50 ms
#: retrieval target at about 200,000 (slower machine) to 350,000 rows; the Django layer passes
#: settings.SAMSKAP_ANN_MIN_ITEMS
MIN_ITEMS = 200_000
#: storage of the graph's vectors ("f16": half of float32, recall as float32 in the bench; "i8": a quarter)
DTYPE = "f16"
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 128
#: candidates asked of the graph (also its search beam): at least MIN_DEPTH, DEPTH_PER_RESULT per requested
#: result, and DEPTH_PER_SQRT_ROW times the square root of the graph's rows, because a bigger graph needs a
#: wider beam for the same recall. Measured on real embeddings replicated to size (bench/index_scale.py
#: --depths and --quality, docs/benchmarks.md "ANN candidates"): 200 candidates gave recall@10 0.91 at
#: 100,000 rows and 0.53 at 1,000,000; 800 gave 0.99 / 0.76; 1,600 gave 0.90 at 1,000,000 (dense stage p95
#: 18 ms, exact 68 ms) and 3,200 0.95 (27 ms) with no better ranking of the judged queries than 1,600.
MIN_DEPTH = 800
DEPTH_PER_RESULT = 20
DEPTH_PER_SQRT_ROW = 1.6
MAX_DEPTH = 20_000
#: the best BM25 rows of a hybrid search whose exact cosines are computed as well
LEXICAL_ROWS = 1000
#: rows whose cosines estimate the mean cosine (given to rows the graph did not propose)
SAMPLE = 2048


def depth(top: int, share: float = 1.0, rows: int = 0) -> int:
    """Candidates to ask of a graph of ``rows`` rows for ``top`` results when ``share`` of the rows may be
    returned (a filter leaves fewer of the candidates, so more are asked)."""
    want = max(MIN_DEPTH, DEPTH_PER_RESULT * max(1, top), int(DEPTH_PER_SQRT_ROW * max(0, rows) ** 0.5))
    return int(min(want / max(share, 1e-3), 20 * want, MAX_DEPTH))


class Ann:
    """An HNSW graph over the rows of a vector matrix (keys are row numbers)."""

    def __init__(self, graph: Any, rows: int, sample: np.ndarray):
        self.graph = graph
        self.rows = rows
        self.sample = sample  # row numbers for the mean estimate
        self.path: Path | None = None

    @classmethod
    def build(cls, vectors: np.ndarray, *, dtype: str = DTYPE, threads: int = 0) -> Ann:
        """Build the graph (``threads=0``: all cores; the worker builds it, never a request)."""
        from usearch.index import Index as Graph

        n = len(vectors)
        graph = Graph(ndim=vectors.shape[1], metric="ip", dtype=dtype, connectivity=CONNECTIVITY,
                      expansion_add=EXPANSION_ADD, expansion_search=EXPANSION_SEARCH)
        if n:
            graph.add(np.arange(n, dtype=np.uint64), np.ascontiguousarray(vectors, dtype=np.float32),
                      threads=threads)
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(n, size=min(SAMPLE, n), replace=False)) if n else np.zeros(0, np.int64)
        return cls(graph, n, sample.astype(np.int64))

    def candidates(self, qv: np.ndarray, count: int) -> np.ndarray:
        """Row numbers of about ``count`` nearest rows, best first."""
        if not self.rows:
            return np.zeros(0, dtype=np.int64)
        count = min(count, self.rows)
        if count > self.graph.expansion_search:
            self.graph.expansion_search = count  # the beam must be at least as wide as the answer
        found = self.graph.search(np.asarray(qv, dtype=np.float32), count, threads=1)
        return np.asarray(found.keys, dtype=np.int64)

    def save(self, path: Path) -> None:
        self.graph.save(str(path))

    @classmethod
    def view(cls, path: Path, rows: int, sample: np.ndarray) -> Ann:
        """Map a saved graph read-only (the file's pages are shared by every process viewing it)."""
        from usearch.index import Index as Graph

        graph = Graph.restore(str(path), view=True)
        if graph is None:
            raise ValueError(f"{path} is not a usearch index")
        if len(graph) != rows:
            raise ValueError(f"{path} holds {len(graph)} rows, not {rows}")
        graph.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]
        ann = cls(graph, rows, sample)
        ann.path = path
        return ann

    @property
    def nbytes(self) -> int:
        """Size of the graph file (or of the graph in memory when it was never saved)."""
        if self.path is not None:
            try:
                return os.stat(self.path).st_size
            except OSError:
                return 0
        return int(self.graph.memory_usage)
