"""The in-memory brokering index: builds the lexical and dense parts and answers searches.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Collection, Sequence
from functools import lru_cache

import numpy as np

from samskap.matching import textnorm
from samskap.matching.concepts import CONCEPT_PREFIX, ConceptMatcher, Thesaurus, load_thesaurus
from samskap.matching.engine import config, embeddings
from samskap.matching.engine.embeddings import embed_passages
from samskap.matching.engine.explain import explain
from samskap.matching.engine.feedback import with_feedback
from samskap.matching.engine.fusion import fuse
from samskap.matching.engine.lexical import FieldIndex, QueryTerms, bm25_matrix, field_texts
from samskap.matching.engine.query import validate_query
from samskap.matching.engine.types import Item, Match, Predicate


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    """The shipped thesaurus (``samskap/matching/data/thesaurus.txt``), loaded once."""
    return load_thesaurus()

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
        alpha: float = config.ALPHA,
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
        self.field_weights = dict(config.FIELD_WEIGHTS if field_weights is None else field_weights)
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
        field_docs: dict[str, list[array]] = {f: [] for f in config.FIELDS}
        for it in self.items:
            for f, txt in field_texts(it).items():
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
        lengths = {f: np.fromiter((len(a) for a in field_docs[f]), dtype=np.int64, count=n) for f in config.FIELDS}
        flat = {
            f: np.frombuffer(b"".join(a.tobytes() for a in field_docs[f]), dtype=np.int32).astype(np.int64)
            for f in config.FIELDS
        }
        del field_docs
        occ_all = np.bincount(np.concatenate([flat[f] for f in config.FIELDS]), minlength=len(surfaces))
        doc_of = {f: np.repeat(np.arange(n, dtype=np.int64), lengths[f]) for f in config.FIELDS}
        # (document, stem) pairs, deduplicated per field first to keep the peak memory low
        per_field = [np.unique(doc_of[f] * (len(stems) + 1) + s_of[flat[f]]) for f in config.FIELDS]
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
        for f in config.FIELDS:
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
        self._fields: dict[str, FieldIndex] = {}
        for f in config.FIELDS:
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
            self._fields[config.CONCEPT_FIELD] = bm25_matrix(
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
        if df >= config.SPLIT_KEEP_DF and df * config.SPLIT_RATIO >= min(self._known.get(p, 0) for p in parts):
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

    def _query_terms(self, text: str) -> QueryTerms:
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
                pw = config.PART_WEIGHT if s in self._vocab else 1.0
                for p in toks[1:]:
                    if p[0] == CONCEPT_PREFIX:
                        concepts.add(p)
                        continue
                    weights[p] = weights.get(p, 0.0) + pw
                    surface.setdefault(p, self._display.get(p, p))
        if self._matcher is not None:
            concepts.update(CONCEPT_PREFIX + key for _, key in self._matcher.phrase_hits(seq))
            for c in concepts:
                weights[c] = config.CONCEPT_WEIGHT
        return QueryTerms(weights, surface)

    def _bm25_scores(self, qt: QueryTerms) -> np.ndarray:
        n = len(self.items)
        total = np.zeros(n, dtype=np.float32)
        cols = [(self._vocab[t], w) for t, w in qt.weights.items() if t in self._vocab]
        for f, fi in self._fields.items():
            fw = self.field_weights.get(f, 1.0 if f == config.CONCEPT_FIELD else 0.0)
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
            qv = embeddings.embed_query(text) if query_vector is None else np.asarray(query_vector, dtype=np.float32)
            if qv.shape != (config.EMBEDDING_DIM,):
                raise ValueError(f"query_vector must have shape ({config.EMBEDDING_DIM},)")
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
        qt: QueryTerms,
        bm25: np.ndarray,
        dense: np.ndarray,
        mask: np.ndarray | None,
        kinds: Collection[str] | None,
        allowed_rows: np.ndarray | None,
        predicate: Predicate | None,
    ) -> np.ndarray:
        """Fused scores after pseudo-relevance feedback from the top of ``score`` (see module doc)."""
        return with_feedback(self, score, qt, bm25, dense, mask, kinds, allowed_rows, predicate)

    def _fuse(self, bm25: np.ndarray, dense: np.ndarray, mask: np.ndarray | None) -> np.ndarray:
        return fuse(self, bm25, dense, mask)

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

    def _explain(self, item: Item, qt: QueryTerms) -> tuple[list[str], str, list[str]]:
        """Shared terms (most informative first), the item sentence that matches best, and the
        thesaurus concepts the query and the item share (keys, most informative first)."""
        return explain(self, item, qt)

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
