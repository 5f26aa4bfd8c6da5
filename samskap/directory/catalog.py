"""Researchers and research groups as catalogue items for brokering (see samskap/matching/sources.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from samskap.directory.models import Person, ResearchGroup, RoleKind


def listed_people() -> QuerySet[Person]:
    """Researchers who consented to be listed in the directory (and so in brokering)."""
    return Person.objects.filter(user__roles__kind=RoleKind.RESEARCHER, listed_in_directory=True)


def person_visible(pks: list[int]) -> list[int]:
    """Which of these people brokering may show now (researchers who consent to be listed): one query."""
    return list(listed_people().filter(pk__in=pks).values_list("pk", flat=True).distinct())


def person_entries(pks: list[int] | None = None) -> list[dict[str, Any]]:
    """Researchers who consented to be listed (no consent, no brokering of their profile)."""
    qs = listed_people().select_related("organisation").distinct()
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    out = []
    for p in qs:
        body = "\n".join(x for x in (p.research_fields, p.methods, p.projects, p.position) if x)
        org = p.organisation
        out.append({
            "id": f"person:{p.pk}", "kind": "person", "title": p.name, "text": body,
            "organisation": org.name if org else "", "keywords": p.interests,
            "language": p.preferred_language or "nb",
            "meta": {"counties": [org.county_id] if org and org.county_id else [],
                     "position": p.position, "listed": p.listed_in_directory,
                     "working_languages": p.working_languages},
            "url": "",
        })
    return out


def group_visible(pks: list[int]) -> list[int]:
    """Which of these research groups brokering may show now: one query (the rule of `entries`), checked on every result."""
    return list(ResearchGroup.objects.filter(pk__in=pks).values_list("pk", flat=True))


def group_entries(pks: list[int] | None = None) -> list[dict[str, Any]]:
    qs = ResearchGroup.objects.select_related("organisation")
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return [{
        "id": f"group:{g.pk}", "kind": "group", "title": g.name, "text": g.description,
        "organisation": g.organisation.name, "keywords": g.keyword_list, "language": g.language,
        "meta": {"counties": [g.organisation.county_id] if g.organisation.county_id else []},
        "url": g.website,
    } for g in qs]

