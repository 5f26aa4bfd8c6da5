"""Why an item matches a query: the shared terms, the item's best sentence and the shared concepts.

Explanations are those of the user's own query (never of feedback expansion terms). Shared terms
are shown in the item's own wording where it has one, most informative (idf x query weight) first.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import textnorm
from ..concepts import CONCEPT_PREFIX
from . import config
from .analyzer import Analyzer
from .types import Item, QueryTerms


@dataclass
class Explanation:
    terms: list[str]  # shared terms, readable, most informative first
    best_sentence: str  # the item's sentence that matches the query best
    concepts: list[str]  # keys of the shared thesaurus concepts, most informative first


#: A text's words as the analyser reads them: (word, index tokens) in order, the thesaurus concepts its
#: phrases contain, and every token of both (a text sharing none with a query is skipped at once).
Words = tuple[tuple[tuple[str, tuple[str, ...]], ...], tuple[str, ...], frozenset[str]]

#: Items whose texts' analysis is kept per analyser (the words do not depend on the query).
READ_CACHE_ITEMS = 4096


def _read(text: str, analyzer: Analyzer) -> Words:
    words = tuple((surf, analyzer.tokens_for_surface(surf)) for surf in textnorm.words(text))
    phrase_concepts: tuple[str, ...] = ()
    matcher = analyzer.matcher
    if matcher is not None:
        keys = [analyzer.phrase_key(surf, toks) for surf, toks in words]
        phrase_concepts = tuple(CONCEPT_PREFIX + key for _, key in matcher.phrase_hits(keys))
    tokens = frozenset(t for _, toks in words for t in toks) | frozenset(phrase_concepts)
    return words, phrase_concepts, tokens


ItemWords = tuple[tuple[Words, ...], list[tuple[str, Words]]]


def _read_item(item: Item, analyzer: Analyzer) -> ItemWords:
    """The item's title, keywords and organisation (one text each) and its sentences, read once per
    analyser (kept on it, so a new snapshot's analyser starts afresh) while the item's texts stay the same."""
    cache: dict[str, tuple[tuple[object, ...], ItemWords]] = analyzer.__dict__.setdefault("_explain_reads", {})
    stamp = (item.title, item.text, tuple(item.keywords or ()), item.organisation)
    hit = cache.get(item.id)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    head = tuple(_read(text, analyzer) for text in (item.title, " ; ".join(item.keywords or ()), item.organisation or ""))
    sentences = textnorm.split_sentences(item.text or "") or [item.title]
    read = (head, [(sent, _read(sent, analyzer)) for sent in sentences])
    if len(cache) >= READ_CACHE_ITEMS:
        cache.clear()
    cache[item.id] = (stamp, read)
    return read


def explain(item: Item, qt: QueryTerms, analyzer: Analyzer) -> Explanation:
    """What ``item`` shares with the query ``qt`` (analysed by the same ``analyzer``)."""
    qw = qt.weights
    item_surface: dict[str, str] = {}  # token -> the item's own standalone word
    compound_surface: dict[str, str] = {}  # token -> the item's compound containing it
    concepts: set[str] = set()
    phrases = analyzer.matcher is not None and any(t[0] == CONCEPT_PREFIX for t in qw)

    def scan(read: Words) -> set[str]:
        words, phrase_concepts, tokens = read
        matched: set[str] = set()
        if tokens.isdisjoint(qw):
            return matched
        for surf, toks in words:
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
        if phrases:
            for t in phrase_concepts:
                if t in qw:
                    concepts.add(t)
                    matched.add(t)
        return matched

    head, sentences = _read_item(item, analyzer)
    for read in head:
        scan(read)
    best, best_score = sentences[0][0], 0.0
    for sent, read in sentences:
        sc = sum(analyzer.idf(t) * qw[t] for t in scan(read))
        if sc > best_score + 1e-9:  # ties: the earlier sentence
            best, best_score = sent, sc

    # readable forms: the item's word, else the query's word, else the usual spelling
    shared = set(item_surface) | set(compound_surface)
    ranked = sorted(shared, key=lambda t: (-(analyzer.idf(t) * qw[t]), t))
    terms: list[str] = []
    for t in ranked:
        s = item_surface.get(t) or qt.surface.get(t) or analyzer.display.get(t) or compound_surface[t]
        if s not in terms:
            terms.append(s)
        if len(terms) >= config.MAX_SHARED_TERMS:
            break
    keys = [t[len(CONCEPT_PREFIX) :] for t in sorted(concepts, key=lambda t: (-analyzer.idf(t), t))]
    return Explanation(terms, best, keys)
