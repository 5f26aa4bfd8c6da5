"""The fallback for "similar cases" when brokering's semantic search is not there (pure: no Django).

Score = 3 for the same sector + 2 for the same type of innovation + 1 per shared significant word stem
(capped). Only cases that share the sector or the type are candidates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from samskap.core.text import STOPWORDS as NORWEGIAN_STOPWORDS

STEM_LETTERS = 7
MAX_WORD_POINTS = 8
_WORD = re.compile(r"[^\W\d_]{4,}", re.UNICODE)
#: The shared stop words, and words that the matching engine keeps but that say nothing about a case here
STOPWORDS = NORWEGIAN_STOPWORDS | frozenset("""
andre bruk bruke brukt fikk fleire flere fram frem gjennom gjort godt heile hele inne kommunar kommune
kommunen kommuner lage laget mindre måtte sammen seinare senere stor store under utan vert våre vårt
""".split())


def stems(text: str) -> set[str]:
    found = set()
    for word in _WORD.findall(text.lower()):
        if word in STOPWORDS:
            continue
        found.add(word[:STEM_LETTERS])
    return found


@dataclass(frozen=True)
class CaseInfo:
    pk: int
    sector: str
    innovation_type: str
    text: str


def score(target: CaseInfo, other: CaseInfo, target_stems: set[str] | None = None) -> float:
    mine = target_stems if target_stems is not None else stems(target.text)
    shared = len(mine & stems(other.text))
    points = 3.0 * (target.sector == other.sector) + 2.0 * (target.innovation_type == other.innovation_type)
    return points + min(shared, MAX_WORD_POINTS)


def similar(target: CaseInfo, candidates: Iterable[CaseInfo], top: int = 5) -> list[tuple[int, float]]:
    """The `top` most similar candidates as (pk, score), best first; ties by pk (newest last)."""
    mine = stems(target.text)
    scored = []
    for other in candidates:
        if other.pk == target.pk:
            continue
        if other.sector != target.sector and other.innovation_type != target.innovation_type:
            continue
        scored.append((other.pk, score(target, other, mine)))
    scored.sort(key=lambda pair: (-pair[1], pair[0]))
    return scored[:top]
