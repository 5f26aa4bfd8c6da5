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


def explain(item: Item, qt: QueryTerms, analyzer: Analyzer) -> Explanation:
    """What ``item`` shares with the query ``qt`` (analysed by the same ``analyzer``)."""
    qw = qt.weights
    item_surface: dict[str, str] = {}  # token -> the item's own standalone word
    compound_surface: dict[str, str] = {}  # token -> the item's compound containing it
    concepts: set[str] = set()
    matcher = analyzer.matcher
    phrases = matcher is not None and any(t[0] == CONCEPT_PREFIX for t in qw)

    def scan(text: str) -> set[str]:
        matched: set[str] = set()
        seq: list[str] = []
        for surf in textnorm.words(text):
            toks = analyzer.tokens_for_surface(surf)
            if phrases:
                seq.append(analyzer.phrase_key(surf, toks))
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
        if phrases and matcher is not None:
            for _, key in matcher.phrase_hits(seq):
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
        sc = sum(analyzer.idf(t) * qw[t] for t in scan(sent))
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
