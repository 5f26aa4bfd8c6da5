"""The hybrid index: composes the stages (catalogue filters, analysis, BM25, dense, fusion,
feedback, explanations) over one immutable set of items."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from ..concepts import Thesaurus
from . import ann as ann_mod
from . import calibration, config, embeddings, gate
from . import feedback as prf
from . import fusion as fusion_mod
from .analyzer import Analyzer, default_thesaurus, read_words
from .catalogue import Catalogue
from .dense import Approximate, DenseIndex
from .explain import explain as explain_match
from .fusion import FUSIONS, fuse, ranked, top_rows
from .lexical import LexicalIndex
from .query import validate_query
from .types import Item, Match, Predicate, QueryTerms, Selection

MODES = ("hybrid", "bm25", "dense")
#: the text of :meth:`Index.warm_up`'s searches: common words of municipal needs, in both written forms
WARM_UP_QUERY = "Kommunen vil samarbeide med forskere om eldre, barn og unge, skule, helse og klima"


class Index:
    """In-memory hybrid index over catalogue items.

    ``vectors`` are the items' passage vectors in item order (for example
    ``vectors_from_bytes(...)`` of what the database stores); ``None`` embeds the items now.
    ``vector_dtype="float16"`` halves the memory of the dense matrix, but numpy has no fast
    float16 product: dense scoring was ~10x slower at 100k items (see the benchmarks).
    ``feedback=False`` turns off pseudo-relevance feedback in hybrid search (see
    :mod:`.feedback`); ``adaptive=False`` the query-adaptive fusion of :mod:`.gate` (and its
    surface-form BM25 index); ``concepts=False`` the thesaurus (``thesaurus``: another one than the
    shipped file). ``normalize`` and ``decompound`` switch off steps of :mod:`.analyzer`.
    Items are stored grouped by kind internally; results always carry the items' own ids.
    ``ann_min_items``: from this many items on, an approximate nearest-neighbour graph (:mod:`.ann`)
    is built and dense scores are computed for its candidates only (None: always exact).
    """

    def __init__(
        self,
        items: Sequence[Item],
        vectors: np.ndarray | None = None,
        *,
        fusion: str = "weighted",
        alpha: float = config.ALPHA,
        field_weights: dict[str, float] | None = None,
        decompound: bool = True,
        normalize: bool = True,
        vector_dtype: str = "float32",
        feedback: bool = True,
        concepts: bool = True,
        thesaurus: Thesaurus | None = None,
        adaptive: bool = True,
        ann_min_items: int | None = ann_mod.MIN_ITEMS,
        ann_dtype: str = ann_mod.DTYPE,
        previous: Index | None = None,
    ):
        if fusion not in FUSIONS:
            raise ValueError("fusion must be 'weighted' or 'rrf'")
        items = list(items)
        n = len(items)
        if vectors is None:
            vectors = embeddings.embed_passages(items)
        vectors = np.asarray(vectors)
        if vectors.shape != (n, config.EMBEDDING_DIM):
            raise ValueError(f"vectors must have shape ({n}, {config.EMBEDDING_DIM}), got {vectors.shape}")
        if vector_dtype not in ("float32", "float16"):
            raise ValueError("vector_dtype must be 'float32' or 'float16'")
        ids = [it.id for it in items]
        if len(set(ids)) != n:
            dup = [i for i, c in Counter(ids).items() if c > 1][:3]
            raise ValueError(f"Duplicate item ids: {dup}")
        self.fusion = fusion
        self.alpha = float(alpha)
        self.feedback = bool(feedback)
        self.concepts = bool(concepts)
        self.thesaurus: Thesaurus | None = None
        if self.concepts:
            self.thesaurus = thesaurus if thesaurus is not None else default_thesaurus()

        self.catalogue = Catalogue(items)
        self.items = self.catalogue.items
        order = self.catalogue.order
        if order != list(range(n)):  # not grouped by kind yet
            vectors = vectors[np.asarray(order, dtype=np.int64)]
        self.dense = DenseIndex(np.ascontiguousarray(vectors, dtype=vector_dtype), self.catalogue.kind_slices)
        if ann_min_items is not None and n >= ann_min_items:
            old = getattr(getattr(previous, "dense", None), "ann", None)
            carried = None
            if previous is not None and old is not None:  # the previous index's graph with the changes since
                new_rows = ann_mod.carried_rows(previous.catalogue.items, previous.dense.vectors,
                                                self.catalogue.pos, self.dense.vectors)
                carried = ann_mod.Ann.carried_over(old, new_rows, self.dense.vectors, dtype=ann_dtype)
            self.dense.ann = carried if carried is not None else ann_mod.Ann.build(self.dense.vectors, dtype=ann_dtype)
            #: whether the graph is ``previous``'s with the changes since (else built from scratch)
            self.graph_carried_over = carried is not None
            self.dense.ann_min_items = ann_min_items
        self.analyzer = Analyzer(normalize=normalize, decompound=decompound, thesaurus=self.thesaurus)
        weights = dict(config.FIELD_WEIGHTS if field_weights is None else field_weights)
        words = read_words(self.items)  # read once for both analysers
        self.lexical = LexicalIndex.build(self.analyzer.fit(self.items, words), weights)
        self.adaptive = bool(adaptive)
        #: with a graph, fuse and re-rank only the rows whose cosines are known (:meth:`_hybrid_candidates`;
        #: the same ranking as fusing every row, which False does)
        self.candidate_fusion = True
        self.surface_analyzer: Analyzer | None = None
        self.surface: LexicalIndex | None = None
        if self.adaptive:  # exact word forms (stems without nb/nn normalisation or splitting)
            self.surface_analyzer = Analyzer(normalize=False, decompound=False, thesaurus=None, snowball=True)
            self.surface = LexicalIndex.build(self.surface_analyzer.fit(self.items, words), weights)

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
        if mode not in MODES:
            raise ValueError("mode must be 'hybrid', 'bm25' or 'dense'")
        text, _ = validate_query(query)
        if not self.items or top <= 0:
            return []
        sel = self.catalogue.select(kinds, allowed_ids, exclude_ids)

        qt = self.analyzer.query_terms(text)
        bm25 = self.lexical.scores(qt.weights)
        # the keyword regime and its lexical score, once for whichever fusion runs below
        regime = self._regime(qt, bm25, sel.mask) if mode == "hybrid" else None
        strong_lexical = None if regime is None else self._strong_lexical(text, bm25, sel.mask, regime[1])
        dense: np.ndarray | None = None
        if mode != "bm25" or query_vector is not None:
            if query_vector is None:
                qv = embeddings.embed_query(text)
            else:
                qv = np.asarray(query_vector, dtype=np.float32)
            if qv.shape != (config.EMBEDDING_DIM,):
                raise ValueError(f"query_vector must have shape ({config.EMBEDDING_DIM},)")
            approx = None
            if getattr(self.dense, "ann", None) is not None:  # the best BM25 rows get their exact cosines too
                approx = self.dense.approximate(qv, sel, top=top, exact_rows=_best_rows(bm25, sel.mask))
            if approx is not None and mode == "hybrid" and getattr(self, "candidate_fusion", True):
                found = self._hybrid_candidates(qt, bm25, approx, sel, top, regime, strong_lexical)
                if found is not None:
                    return self._matches(found, qt, mode, explain)
            if approx is not None:
                dense = approx.expand(len(self.items), sel.mask)
            else:
                dense = self.dense.scores(qv, sel, top=top)

        if mode == "bm25":
            score = bm25.copy()
            floor = 0.0  # items without any shared word are not results
        elif mode == "dense":
            assert dense is not None
            score = dense.copy()
            floor = -np.inf
        else:
            assert dense is not None
            strong = regime is not None
            if regime is not None:
                assert strong_lexical is not None
                score = fuse(strong_lexical, dense, sel.mask, alpha=regime[0])
            else:
                score = fuse(bm25, dense, sel.mask, fusion=self.fusion, alpha=self.alpha)
            if self.feedback and self.fusion == "weighted" and not strong:
                score = prf.rescore(
                    score,
                    qt,
                    bm25,
                    dense,
                    sel,
                    items=self.items,
                    analyzer=self.analyzer,
                    lexical=self.lexical,
                    vectors=self.dense,
                    alpha=self.alpha,
                )
            floor = -np.inf  # fill ``top``; weak results simply have scores near 0
        if sel.mask is not None:
            score[~sel.mask] = -np.inf
        rows = ranked(score, floor, top, sel.row_filter)
        return self._matches(_Found(rows, score[rows], bm25[rows], None if dense is None else dense[rows]),
                             qt, mode, explain)

    def _regime(self, qt: QueryTerms, bm25: np.ndarray, mask: np.ndarray | None) -> tuple[float, float] | None:
        """The strong regime's weights (:func:`.gate.strong_regime`) of a hybrid search, or None."""
        if not (self.adaptive and self.fusion == "weighted"):
            return None
        cov = gate.coverage(qt.weights, bm25, mask, lexical=self.lexical, analyzer=self.analyzer)
        return gate.strong_regime(cov, gate.query_words(qt.weights))

    def _strong_lexical(self, text: str, bm25: np.ndarray, mask: np.ndarray | None, weight: float) -> np.ndarray:
        assert self.surface is not None and self.surface_analyzer is not None
        surface = self.surface.scores(self.surface_analyzer.query_terms(text).weights)
        return gate.strong_lexical(bm25, surface, mask, weight)

    def _hybrid_candidates(self, qt: QueryTerms, bm25: np.ndarray, approx: Approximate, sel: Selection,
                           top: int, regime: tuple[float, float] | None,
                           strong_lexical: np.ndarray | None) -> _Found | None:
        """Hybrid search with a graph, fused and re-ranked over the rows whose cosines are known.

        Every other allowed row has the estimated cosine, which is at most the mean cosine the fusion
        normalises by, so its fused score is its lexical part alone, and the best lexical rows are among
        the known ones: no other row can rank above them. The result is that of fusing every row of the
        catalogue (:meth:`search` without a graph's shortcut), without arrays over the catalogue. None when
        the shortcut does not hold (the estimate above the mean, a small pool, a filter leaving too few of
        the known rows): the caller fuses every row."""
        if self.fusion != "weighted":
            return None
        mask = sel.mask
        others = approx.allowed - len(approx.rows)
        alpha = self.alpha if regime is None else regime[0]
        rows, cosines = approx.rows, approx.cosines
        if regime is None:
            lexical = bm25[rows]
        else:
            assert strong_lexical is not None
            lexical_all = strong_lexical
            extra = _best_rows(lexical_all, mask)  # the strong regime's best lexical rows (with the estimate)
            extra = extra[~np.isin(extra, rows, assume_unique=True)]
            if len(extra):
                order = np.argsort(np.concatenate([rows, extra]), kind="stable")
                rows = np.concatenate([rows, extra])[order]
                cosines = np.concatenate([cosines, np.full(len(extra), approx.fill, dtype=np.float32)])[order]
                others -= len(extra)
            lexical = lexical_all[rows]
        lex_max = float(lexical.max()) if len(lexical) else 0.0  # the best lexical rows are among them
        stats = fusion_mod.population_stats(lex_max, approx.cosines, approx.allowed - len(approx.rows),
                                            approx.fill)
        if others > 0 and stats.dense_floor(approx.fill, alpha) > 0:
            return None
        score = fuse(lexical, cosines, None, alpha=alpha, stats=stats)
        row_filter = sel.row_filter
        local = Selection(mask=None, kinds=sel.kinds, allowed_rows=None,
                          row_filter=None if row_filter is None else (lambda i: row_filter(int(rows[i]))))
        if self.feedback and regime is None:
            if approx.allowed <= 2 * config.FEEDBACK_DEPTH:
                return None
            score = prf.rescore(score, qt, lexical, cosines, local, items=self.items, analyzer=self.analyzer,
                                lexical=self.lexical, vectors=self.dense, alpha=self.alpha, rows=rows,
                                pool=approx.allowed)
        picked = ranked(score, -np.inf, top, local.row_filter)
        if len(picked) < top and others > 0 and (regime is not None or not self.feedback):
            return None  # the filter left too few of the known rows; the others may have more
        at = np.asarray(picked, dtype=np.int64)
        return _Found([int(r) for r in rows[at]], score[at], bm25[rows[at]], cosines[at])

    def _matches(self, found: _Found, qt: QueryTerms, mode: str, explain: bool) -> list[Match]:
        qspec = gate.query_specificity(qt.weights, lexical=self.lexical, analyzer=self.analyzer)
        matches = []
        terms = gate.RowTerms(qt.weights, np.asarray(found.rows, dtype=np.int64), lexical=self.lexical,
                              analyzer=self.analyzer)
        for rank, p in enumerate(found.rows):
            it = self.items[p]
            b = float(found.bm25[rank])
            m = Match(
                id=it.id,
                kind=it.kind,
                score=float(found.score[rank]),
                bm25_score=b,
                dense_score=None if found.dense is None else float(found.dense[rank]),
                title=it.title,
                coverage=terms.coverage(p) if b > 0 else 0.0,
            )
            if b > 0:
                m.specificity = terms.specificity(p)
            if mode == "hybrid" and m.dense_score is not None:
                m.relevance = calibration.relevance(
                    cosine=m.dense_score, coverage=m.coverage, score=m.score, rank=rank,
                    specificity=qspec,
                )
            if explain:
                why = explain_match(it, qt, self.analyzer)
                m.shared_terms, m.best_sentence = why.terms, why.best_sentence
                m.shared_concepts = why.concepts
            matches.append(m)
        return matches

    def warm_up(self) -> None:
        """Search once as requests do (unfiltered, then within one kind) and forget the results.

        A freshly mapped snapshot's first search pays for mapping the pages it reads (vectors, postings,
        graph) and for the caches filled on first use: at 1,000,000 items 119 ms against 40 ms for the
        next one (bench/index_scale.py). A web process warms a new snapshot this way in the thread that
        loads it, before switching to it, so no request pays that."""
        if not len(self):
            return
        qv = np.asarray(self.dense.vectors[0], dtype=np.float32)  # any unit vector of the catalogue's
        self.search(WARM_UP_QUERY, query_vector=qv)
        self.search(WARM_UP_QUERY, query_vector=qv, kinds={self.items[-1].kind})

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self.catalogue.pos

    def get(self, item_id: str) -> Item | None:
        p = self.catalogue.pos.get(item_id)
        return None if p is None else self.items[p]

    def memory_bytes(self) -> dict[str, int]:
        """Approximate memory of the index's numpy arrays (vectors and BM25 postings)."""
        postings = self.lexical.nbytes + (self.surface.nbytes if self.surface is not None else 0)
        graph = getattr(self.dense, "ann", None)
        return {"vectors": self.dense.nbytes, "bm25_postings": postings,
                "ann": graph.nbytes if graph is not None else 0}


@dataclass(frozen=True)
class _Found:
    """The ranked rows of a search, best first, with their scores."""

    rows: list[int]
    score: np.ndarray
    bm25: np.ndarray
    dense: np.ndarray | None


def _best_rows(lexical: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
    """The :data:`.ann.LEXICAL_ROWS` allowed rows with the highest positive lexical scores."""
    allowed = lexical if mask is None else np.where(mask, lexical, np.float32(0))
    best = top_rows(allowed, ann_mod.LEXICAL_ROWS)
    return np.sort(best[allowed[best] > 0])
