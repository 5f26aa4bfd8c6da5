"""Reads for opportunities. `visible_opportunities` is the one rule for who sees which opportunity."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samskap.directory.permissions import is_coordinator
from samskap.opportunities.models import PUBLIC_STATUSES, Opportunity, Sketch, SketchStatus, Status, today
from samskap.opportunities.permissions import organisation_ids, vetting_institution_ids


def _base() -> QuerySet[Opportunity]:
    return Opportunity.objects.select_related("organisation", "contact", "municipality", "municipality__county",
                                              "need", "vetting_institution")


def visible_opportunities(user: Any) -> QuerySet[Opportunity]:
    """Everyone: the public catalogue. The owner organisation's people and coordinators: everything of theirs
    (drafts, expired, archived). Vetting contacts: what is sent to their institution for vetting."""
    qs = _base()
    if is_coordinator(user):
        return qs
    rule = Q(pk__in=Opportunity.objects.public().values("pk"))
    orgs = organisation_ids(user)
    if orgs:
        rule |= Q(organisation_id__in=orgs)
    vetting = vetting_institution_ids(user)
    if vetting:
        rule |= Q(vetting_institution_id__in=vetting) & ~Q(status=Status.DRAFT)
    return qs.filter(rule)


def catalogue(day: Any = None) -> QuerySet[Opportunity]:
    """The public catalogue (published and not expired, taken, completed)."""
    return _base().filter(pk__in=Opportunity.objects.public(day).values("pk"))


def awaiting_vetting(user: Any) -> QuerySet[Opportunity]:
    qs = _base().filter(status=Status.SUBMITTED)
    if is_coordinator(user):
        return qs
    return qs.filter(vetting_institution_id__in=vetting_institution_ids(user))


def own_opportunities(user: Any) -> QuerySet[Opportunity]:
    orgs = organisation_ids(user)
    return _base().filter(organisation_id__in=orgs) if orgs else _base().none()


def to_renew(user: Any) -> QuerySet[Opportunity]:
    """Own published opportunities past their expiry date (hidden from the catalogue)."""
    return own_opportunities(user).filter(status=Status.PUBLISHED, expires_on__lt=today())


def visible_sketches(user: Any, opportunity: Opportunity) -> QuerySet[Sketch]:
    """The sketches `user` may read: all of them for the owner organisation's people, else their own."""
    qs = opportunity.sketches.select_related("sender").defer("pdf")
    if opportunity.organisation_id in organisation_ids(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(sender=user)


def sent_sketches(user: Any) -> QuerySet[Sketch]:
    if not getattr(user, "is_authenticated", False):
        return Sketch.objects.none()
    return Sketch.objects.filter(sender=user).select_related("opportunity", "opportunity__organisation").defer("pdf")


def sketch_counts(opportunity: Opportunity) -> dict[str, int]:
    """How many sketches are in each status (numbers only: coordinators may see these)."""
    counts = {s: 0 for s in SketchStatus.values}
    for status in opportunity.sketches.values_list("status", flat=True):
        counts[status] += 1
    return counts


def is_public(opportunity: Opportunity) -> bool:
    return opportunity.status in PUBLIC_STATUSES and not opportunity.is_expired


def filter_opportunities(qs: QuerySet[Opportunity], *, q: str = "", kind: str = "", level: str = "",
                         field: str = "", sector: str = "", county: str = "", direction: str = "",
                         open_only: bool = False) -> QuerySet[Opportunity]:
    for word in q.split():
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(problem__icontains=word)
                       | Q(keywords__icontains=word) | Q(organisation__name__icontains=word)
                       | Q(place__icontains=word) | Q(municipality__name__icontains=word))
    if kind:
        qs = qs.filter(kind=kind)
    if level:
        qs = qs.filter(level=level)
    if field:
        qs = qs.filter(field=field)
    if sector:
        qs = qs.filter(sector=sector)
    if county:
        qs = qs.filter(Q(municipality__county_id=county) | Q(organisation__county_id=county)
                       | Q(organisation__municipality__county_id=county))
    if direction:
        qs = qs.filter(direction=direction)
    if open_only:
        qs = qs.filter(status=Status.PUBLISHED, expires_on__gte=today())
    return qs
