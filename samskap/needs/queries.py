"""Reads for needs. `visible_needs` is the one rule for who sees which need (web pages, API, brokering)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samskap.directory.permissions import contact_municipality_codes, is_coordinator
from samskap.needs.models import Need, NeedStatus


def needs_audience(user: Any) -> str:
    """Who sees the same needs as ``user`` (the key of pages kept rendered per audience): coordinators see all,
    a municipality's contacts also its drafts, everyone else the needs that are not drafts."""
    if is_coordinator(user):
        return "coordinator"
    codes = sorted(contact_municipality_codes(user))
    return "contacts:" + ",".join(codes) if codes else "public"


def visible_needs(user: Any) -> QuerySet[Need]:
    """The needs `user` may see: drafts only by their municipality's contacts and by coordinators."""
    qs = Need.objects.select_related("municipality", "municipality__county")
    if is_coordinator(user):
        return qs
    return qs.filter(~Q(status=NeedStatus.DRAFT) | Q(municipality_id__in=contact_municipality_codes(user)))
