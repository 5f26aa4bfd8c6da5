"""Term analysis: from the words of items and queries to index tokens.

Words go through :mod:`samskap.matching.textnorm`: nynorsk -> bokmål normalisation, the Norwegian
stop words (:data:`samskap.matching.textnorm.STOPWORDS`), PyStemmer's Norwegian Snowball
stemmer, and compound splitting against the index vocabulary with linking -s-/-e-
(``sykehjemskjøkken`` -> ``sykehjem`` + ``kjøkken``). Rare compounds in items are split too, so
``kjøkken på sykehjem`` finds ``sykehjemskjøkkenet``; frequent, lexicalised compounds
(``sykehjem``, ``barnehage``) are kept whole.

Thesaurus concepts (:mod:`samskap.matching.concepts`): a word or a phrase of a concept's terms
adds the token ``CONCEPT_PREFIX + key`` (scored in a BM25 field of its own, see :mod:`.lexical`).

:class:`Analyzer` is fitted to a catalogue (:meth:`Analyzer.fit`), whose vocabulary and document
frequencies decide compound splits and the idf that ranks explanations; it then analyses queries
(:meth:`Analyzer.query_terms`) and the words of single items (:meth:`Analyzer.tokens_for_surface`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import textnorm
from ..concepts import CONCEPT_PREFIX, ConceptMatcher, Thesaurus, load_thesaurus
from . import arrays, config
from .types import Item, QueryTerms


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    """The shipped thesaurus (``samskap/matching/data/thesaurus.txt``), loaded once."""
    return load_thesaurus()


def _field_texts(item: Item) -> dict[str, str]:
    """The text of each of :data:`config.FIELDS` (one field: everything the item says)."""
    keywords = " ; ".join(item.keywords or ())
    return {"text": f"{item.title or ''}\n{keywords}\n{item.text or ''}\n{item.organisation or ''}"}


def _expand(
    surfaces: np.ndarray, docs: np.ndarray, ptr: np.ndarray, ids: np.ndarray, counts: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(document, token) of every token of a stream of surface words (tokens of surface ``i``:
    ``ids[ptr[i]:ptr[i + 1]]``, ``counts = diff(ptr)``)."""
    reps = counts[surfaces]
    starts = np.repeat(ptr[surfaces], reps)
    within = np.arange(int(reps.sum()), dtype=np.int64) - np.repeat(np.cumsum(reps) - reps, reps)
    return np.repeat(docs, reps), ids[starts + within]


@dataclass
class Words:
    """A catalogue's folded words (:func:`read_words`), before any analysis: what every analyser of
    the catalogue starts from."""

    n_docs: int
    surfaces: list[str]  # distinct surface words, in order of first occurrence
    flat: dict[str, np.ndarray]  # field -> surface id of every word occurrence, document by document
    lengths: dict[str, np.ndarray]  # field -> number of words of each document


#: documents read per batch by :func:`read_words` (their words are held as strings until mapped to ids)
READ_BATCH = 2048


def read_words(items: Sequence[Item]) -> Words:
    """The words of every item, numbered by distinct surface word.

    Items are read a batch at a time: new words of the batch are numbered in order of first
    occurrence, then the batch's words are mapped to their numbers in one pass (``map`` over the
    dictionary: no Python work per word occurrence)."""
    n = len(items)
    surf_ids: dict[str, int] = {}
    flat: dict[str, list[np.ndarray]] = {f: [] for f in config.FIELDS}
    lengths: dict[str, list[int]] = {f: [] for f in config.FIELDS}
    for start in range(0, n, READ_BATCH):
        batch: dict[str, list[str]] = {f: [] for f in config.FIELDS}
        for it in items[start:start + READ_BATCH]:
            for f, txt in _field_texts(it).items():
                ws = textnorm.words(txt)
                batch[f] += ws
                lengths[f].append(len(ws))
        for f in config.FIELDS:
            ws = batch[f]
            for w in dict.fromkeys(ws):
                if w not in surf_ids:
                    surf_ids[w] = len(surf_ids)
            flat[f].append(np.fromiter(map(surf_ids.__getitem__, ws), dtype=np.int64, count=len(ws)))
    return Words(
        n_docs=n,
        surfaces=list(surf_ids),
        flat={f: np.concatenate(flat[f]) if flat[f] else np.zeros(0, np.int64) for f in config.FIELDS},
        lengths={f: np.asarray(lengths[f], dtype=np.int64) for f in config.FIELDS},
    )


@dataclass
class Corpus:
    """A catalogue as token streams (from :meth:`Analyzer.fit`): what :mod:`.lexical` indexes.

    Word tokens are kept per field as surface words (expanded to tokens one field at a time by
    :meth:`field_tokens`, to keep the peak memory low); concept tokens of every field, from
    single words and from phrases, form one stream (``concept_docs``, ``concept_tokens``).
    """

    n_docs: int
    vocab: dict[str, int]  # token -> column
    #: field -> (surface id, document) of every word occurrence
    occurrences: dict[str, tuple[np.ndarray, np.ndarray]]
    token_ptr: np.ndarray  # tokens of surface i: token_ids[token_ptr[i]:token_ptr[i + 1]]
    token_ids: np.ndarray
    token_counts: np.ndarray
    is_concept: np.ndarray  # by column
    has_concepts: bool
    concept_docs: np.ndarray
    concept_tokens: np.ndarray

    def field_tokens(self, f: str) -> tuple[np.ndarray, np.ndarray]:
        """(document, token) of every word token of field ``f`` (concept tokens left out)."""
        occ, docs = self.occurrences[f]
        docs, tokens = _expand(occ, docs, self.token_ptr, self.token_ids, self.token_counts)
        if self.has_concepts:
            words = ~self.is_concept[tokens]
            docs, tokens = docs[words], tokens[words]
        return docs, tokens


class Analyzer:
    """Word normalisation, stemming, compound splitting and concepts, fitted to a catalogue.

    ``normalize=False`` skips the nynorsk -> bokmål normalisation and ``decompound=False`` the
    compound splitting (both for ablations); ``thesaurus=None`` adds no concept tokens;
    ``snowball=True`` stems with the stock Snowball stemmer only, without our consistency fixes
    (the surface-form index of :mod:`.gate`: it ranks like plain BM25).
    """

    def __init__(
        self,
        *,
        normalize: bool = True,
        decompound: bool = True,
        thesaurus: Thesaurus | None = None,
        snowball: bool = False,
    ):
        self.normalize = normalize
        self.decompound = decompound
        self._stem = textnorm.snowball_stem if snowball else textnorm.stem
        #: token -> number of items that contain it (stems and concepts of the fitted catalogue)
        self.known: dict[str, int] = {}
        #: token -> BM25 column
        self.vocab: dict[str, int] = {}
        #: token -> a readable spelling (the catalogue's most frequent word for it)
        self.display: dict[str, str] = {}
        self.n_docs = 0
        self._max_idf = 1.0  # idf of a token that no item contains
        self._surf_tokens: dict[str, tuple[str, ...]] = {}
        self._stop_keys: dict[str, str] = {}  # phrase keys of stop words, filled as they are met
        self.matcher: ConceptMatcher | None = (
            None if thesaurus is None else thesaurus.matcher(self.word_key, textnorm.words)
        )

    # -- single words ---------------------------------------------------------------------------

    def surface_norm(self, surf: str) -> str | None:
        """Normalised form of a folded surface word, or None for stop words and single letters."""
        if (len(surf) < 2 and not surf.isdigit()) or surf in textnorm.STOPWORDS:
            return None
        if not self.normalize:
            return surf
        w = textnorm.normalize_word(surf)
        return None if w in textnorm.STOPWORDS else w

    def word_key(self, surf: str) -> tuple[str, bool, str]:
        """Key of a folded word for the thesaurus: the stem it is indexed under, True and its
        normalised form; for a stop word its normalised form, False and the same form."""
        nw = self.surface_norm(surf)
        if nw is not None:
            return self._stem(nw), True, nw
        norm = textnorm.normalize_word(surf) if self.normalize else surf
        return norm, False, norm

    def phrase_key(self, surf: str, toks: tuple[str, ...]) -> str:
        """A word's key in a thesaurus phrase (``toks``: its index tokens)."""
        if toks:
            return toks[0]
        k = self._stop_keys.get(surf)
        if k is None:
            k = self._stop_keys[surf] = self.word_key(surf)[0]
        return k

    def _split(self, word: str, s: str) -> list[str] | None:
        """Compound parts of ``word`` (stem ``s``) worth indexing/searching, or None.

        Rare compounds are split; frequent ones are kept whole when they are not much rarer than
        their parts (lexicalised words such as "sykehjem" or "barnehage" are not "syk + hjem").
        """
        if not self.decompound or len(word) < textnorm.MIN_COMPOUND:
            return None
        parts = textnorm.split_compound(word, self.known)
        if not parts:
            return None
        df = self.known.get(s, 0)
        if df >= config.SPLIT_KEEP_DF and df * config.SPLIT_RATIO >= min(self.known.get(p, 0) for p in parts):
            return None
        return [p for p in parts if p != s] or None

    def tokens_for_word(self, word: str) -> tuple[str, ...]:
        """Index tokens for one normalised word: its stem, compound parts and concepts."""
        s = self._stem(word)
        parts = self._split(word, s)
        toks = (s, *parts) if parts else (s,)
        if self.matcher is not None:
            keys = self.matcher.concepts_for_word(word, s, parts or ())
            if keys:
                toks = toks + tuple(CONCEPT_PREFIX + k for k in sorted(keys))
        return toks

    def tokens_for_surface(self, surf: str) -> tuple[str, ...]:
        """Index tokens for one folded word as it appears in a text (none for a stop word)."""
        toks = self._surf_tokens.get(surf)
        if toks is None:
            nw = self.surface_norm(surf)
            toks = () if nw is None else self.tokens_for_word(nw)
        return toks

    def idf(self, token: str) -> float:
        """BM25 idf of a token in the fitted catalogue (the highest for a token it lacks)."""
        df = self.known.get(token, 0)
        n = self.n_docs
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5)) if df else self._max_idf

    # -- queries --------------------------------------------------------------------------------

    def query_terms(self, text: str) -> QueryTerms:
        """Weighted index tokens of a query: words (1 each, repeated words add up), compound parts
        (:data:`PART_WEIGHT` when the whole compound is indexed, else 1) and concepts
        (:data:`CONCEPT_WEIGHT`)."""
        weights: dict[str, float] = {}
        surface: dict[str, str] = {}
        concepts: set[str] = set()
        seq: list[str] = []
        for surf in textnorm.words(text):
            toks = self.tokens_for_surface(surf)
            if self.matcher is not None:
                seq.append(self.phrase_key(surf, toks))
            if not toks:
                continue
            s = toks[0]
            weights[s] = weights.get(s, 0.0) + 1.0
            surface.setdefault(s, surf)
            if len(toks) > 1:
                pw = config.PART_WEIGHT if s in self.vocab else 1.0
                for p in toks[1:]:
                    if p[0] == CONCEPT_PREFIX:
                        concepts.add(p)
                        continue
                    weights[p] = weights.get(p, 0.0) + pw
                    surface.setdefault(p, self.display.get(p, p))
        if self.matcher is not None:
            concepts.update(CONCEPT_PREFIX + key for _, key in self.matcher.phrase_hits(seq))
            for c in concepts:
                weights[c] = config.CONCEPT_WEIGHT
        return QueryTerms(weights, surface)

    # -- the catalogue --------------------------------------------------------------------------

    def fit(self, items: Sequence[Item], words: Words | None = None) -> Corpus:
        """Learn the vocabulary, document frequencies and spellings of a catalogue.

        Work is done per distinct surface word (normalisation, stemming, compound splitting), so
        the per-token cost is an array lookup; token ids are kept in compact arrays. ``words``: the
        items' words as :func:`read_words` reads them (analysers fitted to one catalogue share them).
        """
        n = len(items)
        if words is None:
            words = read_words(items)
        elif words.n_docs != n:
            raise ValueError("words must be read from the same items")
        surfaces, flat, lengths = words.surfaces, words.flat, words.lengths
        norms = [self.surface_norm(w) for w in surfaces]
        # stem of every distinct surface (-1: dropped) and standalone document frequencies
        stem_ids: dict[str, int] = {}
        s_of = np.full(len(surfaces), -1, dtype=np.int64)
        for i, nw in enumerate(norms):
            if nw is not None:
                s_of[i] = stem_ids.setdefault(self._stem(nw), len(stem_ids))
        stems = list(stem_ids)
        occ_all = np.bincount(np.concatenate([flat[f] for f in config.FIELDS]), minlength=len(surfaces))
        doc_of = {f: np.repeat(np.arange(n, dtype=np.int64), lengths[f]) for f in config.FIELDS}
        # (document, stem) pairs, deduplicated per field first to keep the peak memory low
        per_field = [arrays.unique(doc_of[f] * (len(stems) + 1) + s_of[flat[f]]) for f in config.FIELDS]
        uniq = arrays.unique(np.concatenate(per_field)) if n else np.zeros(0, np.int64)
        del per_field
        st_col = uniq % (len(stems) + 1)
        st_col = st_col[st_col < len(stems)]  # drop the "-1" (stop word) bucket
        df = np.bincount(st_col, minlength=len(stems))
        self.known = {st: int(c) for st, c in zip(stems, df, strict=True)}

        # index tokens per distinct surface: stem + compound parts + concepts, in one vocabulary
        vocab: dict[str, int] = {}
        by_norm: dict[str, tuple[str, ...]] = {}
        surf_tokens: dict[str, tuple[str, ...]] = {}
        ptr = [0]
        tok_flat: list[int] = []
        for w, nw in zip(surfaces, norms, strict=True):
            if nw is None:
                toks: tuple[str, ...] = ()
            else:
                toks = by_norm.get(nw) or by_norm.setdefault(nw, self.tokens_for_word(nw))
            surf_tokens[w] = toks
            for t in toks:
                tok_flat.append(vocab.setdefault(t, len(vocab)))
            ptr.append(len(tok_flat))
        self.vocab = vocab
        self._surf_tokens = surf_tokens
        tok_ptr = np.asarray(ptr, dtype=np.int64)
        tok_arr = np.asarray(tok_flat, dtype=np.int64)
        counts = np.diff(tok_ptr)

        # thesaurus phrases ("bor alene") add their concept token to the field
        phrase_docs: dict[str, np.ndarray] = {}
        phrase_toks: dict[str, np.ndarray] = {}
        m = self.matcher
        first: list[str] = []  # phrase key of every surface
        is_start = np.zeros(0, dtype=bool)  # ... and whether a phrase starts with it
        if m is not None and m.phrases:
            first = [self.phrase_key(w, surf_tokens[w]) for w in surfaces]
            is_start = np.fromiter((k in m.phrases for k in first), dtype=bool, count=len(first))
        for f in config.FIELDS:
            pd, pt = self._phrase_occurrences(flat[f], doc_of[f], first, is_start)
            phrase_docs[f] = np.asarray(pd, dtype=np.int64)
            phrase_toks[f] = np.asarray([vocab.setdefault(t, len(vocab)) for t in pt], dtype=np.int64)

        # concept tokens (from single words and phrases of any field) form a stream of their own
        is_concept = np.zeros(len(vocab), dtype=bool)
        for t, col in vocab.items():
            if t[0] == CONCEPT_PREFIX:
                is_concept[col] = True
        has_concepts = bool(is_concept.any())
        concept_docs = concept_toks = np.zeros(0, dtype=np.int64)
        if has_concepts:
            carries = np.zeros(len(surfaces), dtype=bool)  # surfaces with a concept token
            carries[np.repeat(np.arange(len(surfaces), dtype=np.int64), counts)[is_concept[tok_arr]]] = True
            cd: list[np.ndarray] = []
            ct: list[np.ndarray] = []
            for f in config.FIELDS:
                pick = carries[flat[f]]
                f_docs, f_toks = _expand(flat[f][pick], doc_of[f][pick], tok_ptr, tok_arr, counts)
                c = is_concept[f_toks]
                cd += [f_docs[c], phrase_docs[f]]
                ct += [f_toks[c], phrase_toks[f]]
            concept_docs, concept_toks = np.concatenate(cd), np.concatenate(ct)
            # document frequency of concept tokens (for idf-ranked explanations and feedback)
            n_vocab = len(vocab)
            pairs = arrays.unique(concept_docs * n_vocab + concept_toks)
            per_col = np.bincount(pairs % n_vocab, minlength=n_vocab)
            for t, col in vocab.items():
                if is_concept[col]:
                    self.known[t] = int(per_col[col])

        # idf of unseen tokens (for ranking explanations), and a readable spelling per token
        self.n_docs = n
        self._max_idf = math.log(1.0 + (n + 0.5) / 0.5) if n else 1.0
        best: dict[str, tuple[int, str]] = {}
        for w, c in zip(surfaces, occ_all.tolist(), strict=True):
            toks = surf_tokens[w]
            if toks and (toks[0] not in best or c > best[toks[0]][0]):
                best[toks[0]] = (c, w)
        self.display = {t: w for t, (_c, w) in best.items()}
        return Corpus(
            n_docs=n,
            vocab=vocab,
            occurrences={f: (flat[f], doc_of[f]) for f in config.FIELDS},
            token_ptr=tok_ptr,
            token_ids=tok_arr,
            token_counts=counts,
            is_concept=is_concept,
            has_concepts=has_concepts,
            concept_docs=concept_docs,
            concept_tokens=concept_toks,
        )

    def _phrase_occurrences(
        self, occ: np.ndarray, docs: np.ndarray, first: list[str], is_start: np.ndarray
    ) -> tuple[list[int], list[str]]:
        """(document, concept token) of every thesaurus phrase in one field's stream of surface
        words (``first``: the phrase key of every surface word, empty without phrases;
        ``is_start``: whether a phrase starts with it)."""
        m = self.matcher
        if m is None or not first or not occ.size:
            return [], []
        out_d: list[int] = []
        out_t: list[str] = []
        n_occ = len(occ)
        for i in np.flatnonzero(is_start[occ]).tolist():
            d = docs[i]
            for rest, key in m.phrases[first[occ[i]]]:
                j = i + len(rest)
                if j < n_occ and docs[j] == d and all(first[occ[i + 1 + k]] == r for k, r in enumerate(rest)):
                    out_d.append(int(d))
                    out_t.append(CONCEPT_PREFIX + key)
        return out_d, out_t
