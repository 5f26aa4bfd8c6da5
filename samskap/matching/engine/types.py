"""The engine's data types: what goes in (items, queries), what comes out (matches, clusters), and
what the search stages hand each other (query terms, the selection of allowed rows)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

import numpy as np

#: ``f(item_id) -> bool``: a filter evaluated lazily on ranked candidates only.
Predicate = Callable[[str], bool]


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
    #: keys of the thesaurus concepts the query and the item share (see :mod:`..concepts`)
    shared_concepts: list[str] = field(default_factory=list)
    #: idf-weighted share of the query's words (those the catalogue knows) that the item contains
    coverage: float = 0.0
    #: idf mass of the query words the item contains, in units of the highest idf (low when only
    #: common words are shared; see :func:`.gate.matched_specificity`)
    specificity: float = 0.0
    #: calibrated probability that the item is relevant to the query (hybrid mode; see
    #: :mod:`.calibration`), None in the other modes
    relevance: float | None = None


@dataclass
class Cluster:
    """A group of similar needs ("shared challenge"). ``central_id`` is the most typical member."""

    label: str
    member_ids: list[str]
    central_id: str = ""
    terms: list[str] = field(default_factory=list)


@dataclass
class QueryTerms:
    """A query as the lexical stages see it (from :meth:`.analyzer.Analyzer.query_terms`)."""

    weights: dict[str, float]  # index token -> weight
    surface: dict[str, str]  # index token -> the query's word for it


@dataclass(frozen=True)
class Selection:
    """The rows a search may return (from :meth:`.catalogue.Catalogue.select`)."""

    #: rows allowed by ``kinds``, ``allowed_ids`` and ``exclude_ids``; None: every row
    mask: np.ndarray | None
    #: the requested kinds (dense scoring computes only their blocks); None: all kinds
    kinds: Collection[str] | None
    #: rows of an ``allowed_ids`` set, before exclusions (a small set is scored row by row)
    allowed_rows: np.ndarray | None
    #: an ``allowed_ids`` predicate by row, evaluated lazily on ranked rows only
    row_filter: Callable[[int], bool] | None
