"""Search results and what each says about why it matched: shared words and topics, the best sentence,
a kind-specific reason (`kind_reason`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskap.core.registry import registry
from samskap.matching import engine
from samskap.matching.models import CatalogItem


@dataclass
class Result:
    item: CatalogItem
    score: float
    shared_terms: list[str]
    best_sentence: str
    kind_reason: str
    dense_score: float | None = None
    bm25_score: float = 0.0
    #: keys of the thesaurus concepts shared by the query and the item (samskap/matching/concepts.py)
    shared_concepts: list[str] = field(default_factory=list)
    #: calibrated probability of relevance (hybrid searches; engine/calibration.py)
    relevance: float | None = None

    @property
    def id(self) -> str:
        return self.item.external_id

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def url(self) -> str:
        return self.item.url

    @property
    def source_pk(self) -> int | None:
        return self.item.source_pk

    @property
    def topics(self) -> list[str]:
        """Labels of the shared thesaurus concepts, in nynorsk when the page is in nynorsk."""
        return concept_labels(self.shared_concepts)

    @property
    def overlap(self) -> str:
        """What the query and the item share: words and thesaurus topics ("" when only the meaning
        vectors are close)."""
        parts = []
        if self.shared_terms:
            parts.append(_("shared terms: %(terms)s") % {"terms": ", ".join(self.shared_terms[:6])})
        words = {t.lower() for t in self.shared_terms}
        topics = [t for t in self.topics if t.lower() not in words]  # "eldre" is already a shared word
        if topics:
            parts.append(_("shared topics: %(topics)s") % {"topics": ", ".join(topics[:4])})
        return "; ".join(parts)

    @property
    def why(self) -> str:
        parts = [self.overlap] if self.overlap else []
        if self.best_sentence:
            parts.append(_("best match: «%(sentence)s»") % {"sentence": self.best_sentence})
        if self.kind_reason:
            parts.append(self.kind_reason)
        return "; ".join(parts) or _("similar in meaning")


def concept_labels(keys: Iterable[str]) -> list[str]:
    """Readable labels of thesaurus concepts in the active language (nb, nn or en)."""
    thesaurus = engine.default_thesaurus()
    language = get_language() or "nb"
    return [c.label(language) for c in (thesaurus.concepts.get(k) for k in keys) if c is not None]


def kind_reason(item: CatalogItem, applicant: str = "municipality", today: dt.date | None = None) -> str:
    meta = item.meta or {}
    reason = registry.match_reason(item.kind)  # e.g. funding's eligibility for instruments
    if reason is not None:
        return str(reason(meta, applicant, today or timezone.localdate()))
    if item.kind == "person":
        bits = [meta.get("position", ""), item.organisation]
        return ", ".join(b for b in bits if b)
    if item.kind == "group":
        return item.organisation
    if item.kind == "need":
        name = meta.get("municipality_name") or item.organisation
        return _("also raised by %(municipality)s") % {"municipality": name}
    return ""


class Results(list):
    """Search results; `truncated` says that an overlong query was cut to MAX_QUERY_CHARS,
    `below_floor` how many matches a search with the relevance floor left out as too weak, and
    `building` that the index is being built (no snapshot yet: no results for now)."""

    truncated: bool = False
    below_floor: int = 0
    building: bool = False
