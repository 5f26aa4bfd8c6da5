"""Needs as catalogue items for brokering (see samskap/matching/sources.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from samskap.needs.models import Need, NeedStatus


def visible(pks: list[int]) -> list[int]:
    """Which of these needs brokering may show now (not drafts): one query, checked on every result."""
    return list(Need.objects.filter(pk__in=pks).exclude(status=NeedStatus.DRAFT).values_list("pk", flat=True))


def entries(pks: list[int] | None = None) -> list[dict[str, Any]]:
    qs = Need.objects.exclude(status=NeedStatus.DRAFT).select_related("municipality")
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    out = []
    for need in qs:
        body = "\n".join(p for p in (need.description, need.why_it_matters, need.who_is_affected,
                                     need.desired_outcome) if p)
        out.append({
            "id": f"need:{need.pk}", "kind": "need", "title": need.title, "text": body,
            "organisation": f"{need.municipality.name} kommune", "keywords": [str(need.get_sector_display())],
            "language": need.language,
            "meta": {"municipalities": [need.municipality_id], "counties": [need.municipality.county_id],
                     "sector": need.sector, "status": need.status, "municipality_name": need.municipality.name},
            "url": reverse("needs:detail", args=[need.pk]),
        })
    return out
