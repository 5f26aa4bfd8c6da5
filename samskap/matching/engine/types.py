"""Data types of the matching engine: catalogue items, matches, clusters, query errors.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


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

Predicate = Callable[[str], bool]
