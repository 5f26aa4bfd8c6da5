"""Theme proposals for a workshop: the call's answers (needs) and the shared challenges among them."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from samskap.needs.models import Need, NeedStatus
from samskap.workshops.models import Event

logger = logging.getLogger(__name__)


@dataclass
class ChallengeProposal:
    label: str
    needs: list[Need]

    @property
    def municipalities(self) -> list[str]:
        return sorted({n.municipality.name for n in self.needs})


def call_needs(event: Event) -> list[Need]:
    """The answers to the workshop's call for topics (drafts left out)."""
    if event.call_id is None:
        return []
    return list(Need.objects.filter(call_id=event.call_id).exclude(status=NeedStatus.DRAFT)
                .select_related("municipality").prefetch_related("workshop_themes__session")
                .order_by("municipality__name", "title"))


def shared_challenges(event: Event) -> list[ChallengeProposal]:
    """Shared challenges (clusters of similar needs from several municipalities) among the call's answers.

    Uses the brokering index (``samskap.matching``); returns [] when it is not available.
    """
    needs = {n.pk: n for n in call_needs(event)}
    if len(needs) < 2:
        return []
    try:
        from samskap.matching import services

        clusters = services.shared_challenges(county=event.call.county_id if event.call else None)
    except Exception:  # the index may be missing or its model unavailable: proposals are optional
        logger.exception("Shared challenges are not available")
        return []
    out: list[ChallengeProposal] = []
    for cluster in clusters:
        members = [needs[item.source_pk] for item in cluster.items if item.source_pk in needs]
        if len({n.municipality_id for n in members}) >= 2:
            out.append(ChallengeProposal(cluster.label, members))
    return out
