"""A relevance floor: the fused score turned into a probability that a match is relevant.

The fused score is relative (the best item of every search scores about 1), so it cannot say
that the best item is still a poor one: a home-care need got a water-leak sensor professor as its
top expert. This module combines what is absolute about a match into a probability of relevance
by a logistic model: the e5 cosine of the query and the item, the idf-weighted share of the
query's words the item contains (:func:`.gate.row_coverage`), the fused score and the rank.

The weights (:data:`config.CALIBRATION`, refitted by bench/relevance_floor.py) were fitted on the graded labels of the original and
paraphrase needs (relevance >= 1 counts as relevant), searching one kind at a time as the
suggestion panels do; the blind needs were kept out and are where the figures in
docs/benchmarks.md come from. :data:`config.RELEVANCE_FLOOR` is the probability below which a
panel does not show a suggestion.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from . import config
from .types import Match


def features(
    *, cosine: float, coverage: float, score: float, rank: int, specificity: float = 0.0
) -> tuple[float, ...]:
    """The model's inputs for one match (``rank`` from 0): bias, cosine, coverage, fused score,
    log(1 + rank), and the query's specificity capped at 1 (:func:`.gate.query_specificity`:
    near 0 for a query made only of common words)."""
    return (1.0, cosine, coverage, score, math.log1p(rank), min(1.0, specificity))


def relevance(*, cosine: float, coverage: float, score: float, rank: int, specificity: float = 0.0) -> float:
    """Probability of relevance of one hybrid match."""
    x = features(cosine=cosine, coverage=coverage, score=score, rank=rank, specificity=specificity)
    z = sum(w * v for w, v in zip(config.CALIBRATION, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def above_floor(matches: Sequence[Match], floor: float | None = None) -> list[Match]:
    """The matches whose probability of relevance reaches ``floor`` (default
    :data:`config.RELEVANCE_FLOOR`), in their order. Matches without a probability (BM25- or
    dense-only searches) are kept: the floor is calibrated on the hybrid score only."""
    limit = config.RELEVANCE_FLOOR if floor is None else floor
    return [m for m in matches if m.relevance is None or m.relevance >= limit]
