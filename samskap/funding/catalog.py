"""Funding instruments as catalogue entries for brokering (see `samskap.matching.sources`).

Only active instruments are entries; a deactivated instrument is reported as deleted by the actions.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from samskap.funding.models import Instrument, today


def entry(instrument: Instrument, day: Any = None) -> dict[str, Any]:
    text = "\n".join(part for part in (instrument.summary, instrument.description, instrument.requirements) if part)
    return {
        "id": f"instrument:{instrument.pk}",
        "kind": "instrument",
        "title": instrument.name,
        "text": text,
        "organisation": instrument.owner_display,
        "keywords": instrument.keyword_list,
        "language": instrument.language,
        "meta": instrument.meta(day),
        "url": reverse("funding:detail", args=[instrument.pk]),
    }


def visible(pks: list[int]) -> list[int]:
    """Which of these instruments brokering may show now: one query (the rule of `entries`), checked on every result."""
    return list(Instrument.objects.active().filter(pk__in=pks).values_list("pk", flat=True))


def entries(pks: list[int] | None = None) -> list[dict[str, Any]]:
    qs = Instrument.objects.active().select_related("owner").prefetch_related("deadlines").order_by("pk")
    if pks is not None:
        qs = qs.filter(pk__in=list(pks))
    day = today()
    return [entry(instrument, day) for instrument in qs]
