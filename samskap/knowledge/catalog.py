"""Published cases as catalogue items for brokering (see samskap/matching/sources.py)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from samskap.knowledge.models import Case

KIND = "case"


def entry(case: Case) -> dict[str, Any]:
    municipalities = sorted(case.municipalities.all(), key=lambda m: m.code)
    text = "\n\n".join(part for part in (case.summary, case.novelty, case.results) if part)
    keywords = [str(case.get_sector_display()), str(case.get_innovation_type_display()),
                str(case.get_category_display()), *[m.name for m in municipalities]]
    return {
        "id": f"{KIND}:{case.pk}",
        "kind": KIND,
        "title": case.title,
        "text": text,
        "organisation": ", ".join(f"{m.name} kommune" for m in municipalities),
        "keywords": keywords,
        "language": case.language,
        "meta": {
            "municipalities": [m.code for m in municipalities],
            "municipality_names": [m.name for m in municipalities],
            "counties": sorted({m.county_id for m in municipalities}),
            "stage": case.stage,
            "year": case.year,
            "sector": case.sector,
            "innovation_type": case.innovation_type,
            "category": case.category,
            "partners": case.partners,
        },
        "url": reverse("knowledge:case", kwargs={"pk": case.pk}),
    }


def visible(pks: list[int]) -> list[int]:
    """Which of these cases brokering may show now: one query (the rule of `entries`), checked on every result."""
    return list(Case.objects.published().filter(pk__in=pks).values_list("pk", flat=True))


def entries(pks: list[int] | None = None) -> list[dict[str, Any]]:
    """Published cases only (all when pks is None, else those of pks that exist and are published)."""
    qs = Case.objects.published().prefetch_related("municipalities").order_by("pk")
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    return [entry(case) for case in qs]
