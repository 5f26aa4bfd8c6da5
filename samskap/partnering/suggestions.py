"""Whom to meet: the brokering engine (``samskap.matching.engine``, BM25 with brokering's analyser and
thesaurus) ranks the other participants' published offers against what a participant seeks, with the
reason for each suggestion (the words and concepts they share, the best matching sentence, shared tags).

The brokering catalogue (``matching.services.search``) holds people, needs and instruments, not event
profiles, so the engine is run on the event's profiles directly; the index is built per request from the
profiles' texts (a few hundred at most) and only reads."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from samskap.matching import services
from samskap.matching.engine import EMBEDDING_DIM, Index, Item, QueryError
from samskap.partnering.models import MeetingProfile
from samskap.workshops.models import Registration, RegistrationStatus


@dataclass
class Suggestion:
    registration: Registration
    profile: MeetingProfile
    score: float
    shared_terms: list[str] = field(default_factory=list)
    shared_tags: list[str] = field(default_factory=list)
    concepts: list[str] = field(default_factory=list)
    sentence: str = ""

    @property
    def reason(self) -> str:
        parts = []
        if self.shared_terms:
            parts.append(_("Offers what you seek: %(terms)s.") % {"terms": ", ".join(self.shared_terms)})
        if self.concepts:
            parts.append(_("Shared topics: %(topics)s.") % {"topics": ", ".join(self.concepts)})
        if self.shared_tags:
            parts.append(_("Shared tags: %(tags)s.") % {"tags": ", ".join(self.shared_tags)})
        return " ".join(parts)


def _profiles(registration: Registration) -> list[MeetingProfile]:
    return list(MeetingProfile.objects.filter(registration__event_id=registration.event_id, published=True,
                                              registration__status=RegistrationStatus.CONFIRMED)
                .exclude(registration=registration).select_related("registration"))


def suggestions(registration: Registration, *, top: int = 5) -> list[Suggestion]:
    """The participants whose offer best matches ``registration``'s seek text and tags, best first."""
    own = MeetingProfile.objects.filter(registration=registration).first()
    if own is None:
        return []
    query = " ".join([own.seek, " ".join(own.tag_list)]).strip()
    others = [p for p in _profiles(registration) if (p.offer.strip() or p.tags.strip())]
    if not query or not others:
        return []
    items = [Item(id=str(p.pk), kind="profile", title=p.registration.organisation_name,
                  text=p.offer, keywords=p.tag_list) for p in others]
    index = Index(items, np.zeros((len(items), EMBEDDING_DIM), dtype=np.float32), feedback=False)
    try:
        matches = index.search(query, top=top, mode="bm25")
    except QueryError:
        return []
    by_id = {str(p.pk): p for p in others}
    own_tags = {t.lower() for t in own.tag_list}
    out = []
    for m in matches:
        profile = by_id[m.id]
        out.append(Suggestion(
            registration=profile.registration, profile=profile, score=m.score, shared_terms=m.shared_terms[:5],
            shared_tags=[t for t in profile.tag_list if t.lower() in own_tags],
            concepts=services.concept_labels(m.shared_concepts)[:3], sentence=m.best_sentence))
    return out
