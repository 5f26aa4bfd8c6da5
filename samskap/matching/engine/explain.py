"""Why an item matched: the words and topics it shares with the query, and its best sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samskap.matching import textnorm
from samskap.matching.concepts import CONCEPT_PREFIX
from samskap.matching.engine import config
from samskap.matching.engine.lexical import QueryTerms
from samskap.matching.engine.types import Item

if TYPE_CHECKING:
    from samskap.matching.engine.index import Index


def explain(index: Index, item: Item, qt: QueryTerms) -> tuple[list[str], str, list[str]]:
    """Shared terms (most informative first), the item sentence that matches best, and the
    thesaurus concepts the query and the item share (keys, most informative first)."""
    qw = qt.weights
    item_surface: dict[str, str] = {}  # token -> the item's own standalone word
    compound_surface: dict[str, str] = {}  # token -> the item's compound containing it
    concepts: set[str] = set()
    phrases = index._matcher is not None and any(t[0] == CONCEPT_PREFIX for t in qw)

    def scan(text: str) -> set[str]:
        matched: set[str] = set()
        seq: list[str] = []
        for surf in textnorm.words(text):
            toks = index._tokens_for_surface(surf)
            if phrases:
                seq.append(index._phrase_key(surf, toks))
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
        if phrases and index._matcher is not None:
            for _, key in index._matcher.phrase_hits(seq):
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
        sc = sum(index._idf(t) * qw[t] for t in scan(sent))
        if sc > best_score + 1e-9:  # ties: the earlier sentence
            best, best_score = sent, sc

    # readable forms: the item's word, else the query's word, else the usual spelling
    shared = set(item_surface) | set(compound_surface)
    ranked = sorted(shared, key=lambda t: (-(index._idf(t) * qw[t]), t))
    terms: list[str] = []
    for t in ranked:
        s = item_surface.get(t) or qt.surface.get(t) or index._display.get(t) or compound_surface[t]
        if s not in terms:
            terms.append(s)
        if len(terms) >= config.MAX_SHARED_TERMS:
            break
    keys = [t[len(CONCEPT_PREFIX) :] for t in sorted(concepts, key=lambda t: (-index._idf(t), t))]
    return terms, best, keys
