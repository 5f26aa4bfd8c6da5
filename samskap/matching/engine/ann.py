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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from . import arrays
from .types import Item

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
#: the next snapshot's graph is the previous one with its changes (:meth:`Ann.carried_over`) until the rows
#: added and removed since its last full build reach this share of its rows; then it is built afresh (a
#: removed row stays in the graph as a routing point and new rows are linked greedily, so the graph drifts
#: from one built at once)
REBUILD_SHARE = 0.2
#: keys of carried-over rows while they are renumbered (above every row number)
_MOVING = np.uint64(1 << 40)


def depth(top: int, share: float = 1.0, rows: int = 0) -> int:
    """Candidates to ask of a graph of ``rows`` rows for ``top`` results when ``share`` of the rows may be
    returned (a filter leaves fewer of the candidates, so more are asked)."""
    want = max(MIN_DEPTH, DEPTH_PER_RESULT * max(1, top), int(DEPTH_PER_SQRT_ROW * max(0, rows) ** 0.5))
    return int(min(want / max(share, 1e-3), 20 * want, MAX_DEPTH))


class Ann:
    """An HNSW graph over the rows of a vector matrix (keys are row numbers)."""

    def __init__(self, graph: Any, rows: int, sample: np.ndarray, changed: int = 0):
        self.graph = graph
        self.rows = rows
        self.sample = sample  # row numbers for the mean estimate
        self.path: Path | None = None
        #: rows added to or removed from the graph since it was last built from scratch (:meth:`carried_over`)
        self.changed = changed

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
        return cls(graph, n, _sample(n))

    @classmethod
    def carried_over(cls, previous: Ann, new_rows: np.ndarray, vectors: np.ndarray, *, dtype: str = DTYPE,
                     threads: int = 0) -> Ann | None:
        """The graph of ``vectors`` made from ``previous``'s graph: its rows that stay are renumbered, the others
        removed, and the rows it lacks added. ``new_rows[i]`` is the row in ``vectors`` of the previous graph's
        row ``i``, or -1 when that row is gone or its vector changed. None when the graph should be built
        afresh instead (its settings differ, or rows added and removed since its last full build would reach
        :data:`REBUILD_SHARE` of the rows). ``previous`` itself is not changed (a snapshot's graph is a read-only view)."""
        from usearch.index import Index as Graph

        n = len(vectors)
        new_rows = np.asarray(new_rows, dtype=np.int64)
        if len(new_rows) != previous.rows or not n:
            return None
        staying = new_rows >= 0
        old_keys = np.flatnonzero(staying).astype(np.uint64)
        moved_to = new_rows[staying].astype(np.uint64)
        if len(arrays.unique(moved_to)) != len(moved_to) or (len(moved_to) and int(moved_to.max()) >= n):
            raise ValueError("new_rows must name distinct rows of vectors")
        fresh = np.setdiff1d(np.arange(n, dtype=np.uint64), moved_to, assume_unique=True)
        gone = np.flatnonzero(~staying).astype(np.uint64)
        changed = previous.changed + len(fresh) + len(gone)
        if changed > REBUILD_SHARE * n:
            return None
        old = previous.graph
        if (old.ndim != vectors.shape[1] or old.dtype.name.lower() != dtype.lower()
                or old.connectivity != CONNECTIVITY or len(old) != previous.rows):
            return None
        graph = Graph.restore(str(previous.path)) if previous.path is not None else old.copy()
        if graph is None:
            return None
        graph.expansion_add = EXPANSION_ADD  # type: ignore[misc]
        graph.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]
        if len(gone):
            graph.remove(gone)
        if len(old_keys):  # renumbered in two steps, so that no key is ever given to two rows
            graph.rename(old_keys, old_keys + _MOVING)
            graph.rename(old_keys + _MOVING, moved_to)
        if len(fresh):
            graph.add(fresh, np.ascontiguousarray(vectors[fresh.astype(np.int64)], dtype=np.float32), threads=threads)
        if len(graph) != n:
            return None
        return cls(graph, n, _sample(n), changed=changed)

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
    def view(cls, path: Path, rows: int, sample: np.ndarray, changed: int = 0) -> Ann:
        """Map a saved graph read-only (the file's pages are shared by every process viewing it)."""
        from usearch.index import Index as Graph

        graph = Graph.restore(str(path), view=True)
        if graph is None:
            raise ValueError(f"{path} is not a usearch index")
        if len(graph) != rows:
            raise ValueError(f"{path} holds {len(graph)} rows, not {rows}")
        graph.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]
        ann = cls(graph, rows, sample, changed=changed)
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


def carried_rows(previous_items: Sequence[Item], previous_vectors: np.ndarray, rows: Mapping[str, int],
                 vectors: np.ndarray, *, chunk: int = 65_536) -> np.ndarray:
    """For each row of a previous index, its row in the new one (``rows``: item id to row, ``vectors`` the
    new matrix), or -1 when the item is gone or its vector changed (what :meth:`Ann.carried_over` takes)."""
    new_rows = np.fromiter((rows.get(it.id, -1) for it in previous_items), dtype=np.int64,
                           count=len(previous_items))
    staying = np.flatnonzero(new_rows >= 0)
    for start in range(0, len(staying), chunk):  # compared in parts: no temporary array of the whole matrix
        part = staying[start:start + chunk]
        same = np.all(np.asarray(previous_vectors[part]) == np.asarray(vectors[new_rows[part]]), axis=1)
        new_rows[part[~same]] = -1
    return new_rows


def _sample(n: int) -> np.ndarray:
    """The rows whose cosines estimate the mean cosine (the same for the same size)."""
    rng = np.random.default_rng(0)
    sample = np.sort(rng.choice(n, size=min(SAMPLE, n), replace=False)) if n else np.zeros(0, np.int64)
    return sample.astype(np.int64)
