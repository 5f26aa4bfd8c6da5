"""Open opportunities as catalogue entries for brokering (see `samskap.matching.sources`).

Only published opportunities that have not expired are entries: when one is taken, archived or expires
it leaves the catalogue at its next re-index (expired ones are also filtered out when shown).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from samskap.opportunities.models import Opportunity

KIND = "opportunity"


def entry(opportunity: Opportunity) -> dict[str, Any]:
    organisation = opportunity.organisation
    municipality = opportunity.municipality or organisation.municipality
    text = "\n".join(p for p in (opportunity.summary, opportunity.problem, opportunity.relevance,
                                 opportunity.data_and_method, opportunity.requirements) if p)
    keywords = [*opportunity.keyword_list, str(opportunity.get_field_display()), str(opportunity.get_sector_display())]
    return {
        "id": f"{KIND}:{opportunity.pk}",
        "kind": KIND,
        "title": opportunity.title,
        "text": text,
        "organisation": organisation.name,
        "keywords": keywords,
        "language": opportunity.language,
        "meta": {
            "opportunity_kind": opportunity.kind,
            "level": opportunity.level,
            "direction": opportunity.direction,
            "field": opportunity.field,
            "sector": opportunity.sector,
            "kind_label": opportunity.kind_label,
            "owner": organisation.name,
            "municipalities": [municipality.code] if municipality else [],
            "counties": [municipality.county_id] if municipality else (
                [organisation.county_id] if organisation.county_id else []),
            "place": opportunity.place or (municipality.name if municipality else ""),
            "deadline": opportunity.deadline.isoformat() if opportunity.deadline else "",
            "expires_on": opportunity.expires_on.isoformat(),
            "stipend": opportunity.stipend_amount or 0,
        },
        "url": reverse("opportunities:detail", args=[opportunity.pk]),
    }


def visible(pks: list[int]) -> list[int]:
    """Which of these opportunities brokering may show now: one query (the rule of `entries`), checked on every result."""
    return list(Opportunity.objects.open().filter(pk__in=list(pks)).values_list("pk", flat=True))


def entries(pks: list[int] | None = None) -> list[dict[str, Any]]:
    qs = (Opportunity.objects.open().select_related("organisation", "organisation__municipality", "municipality")
          .order_by("pk"))
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    return [entry(opportunity) for opportunity in qs]
