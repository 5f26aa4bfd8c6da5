"""Helpers shared by the workshop views (event lookup, registration counts)."""
from __future__ import annotations

from collections import Counter

from django.shortcuts import get_object_or_404

from samskap.workshops.models import (
    Event,
    RegistrationStatus,
)


def _event(slug: str) -> Event:
    return get_object_or_404(Event.objects.select_related("call"), slug=slug)


def _counts(event: Event) -> dict[str, int]:
    rows = Counter(event.registrations.values_list("status", flat=True))
    confirmed = rows.get(RegistrationStatus.CONFIRMED, 0)
    return {"confirmed": confirmed, "waitlisted": rows.get(RegistrationStatus.WAITLISTED, 0),
            "cancelled": rows.get(RegistrationStatus.CANCELLED, 0), "free": max(0, event.capacity - confirmed)}
