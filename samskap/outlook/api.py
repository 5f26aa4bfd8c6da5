"""GET /api/v1/outlook/{code}: what is held for a municipality (the same JSON as `samskap outlook show`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router

from samskap.directory.models import Municipality
from samskap.outlook.queries import outlook_json

router = Router()


@router.get("/{code}", response=dict[str, Any], summary="Population outlook of a municipality")
def municipality_outlook(request: HttpRequest, code: str) -> dict[str, Any]:
    """Observed population, age groups, projections (MMMM, HHMH, LLML), old-age ratio and care workers."""
    municipality = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    return outlook_json(municipality)
