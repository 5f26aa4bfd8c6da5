"""Brokering for a need: the suggestion panels (people, groups, instruments, needs of other municipalities ...)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from samskap.matching import engine
from samskap.matching.models import CatalogItem
from samskap.matching.services.results import Result
from samskap.matching.services.searching import check_kinds, search
from samskap.matching.services.vectors import need_query_text
from samskap.matching.sources import kinds as registered_kinds


def matches_for_need(need: Any, *, top: int = 5, kinds: Iterable[str] | None = None,
                     floor: bool = True) -> dict[str, list[Result]]:
    """Suggestions for a need, grouped by kind, above the relevance floor (``floor=False``: the
    plain top ``top``); similar needs come from other municipalities."""
    text = need.full_text()
    own_id = f"need:{need.pk}"
    # The need's stored query vector, when it was made from the need's current text: no embedding per request.
    stored = CatalogItem.objects.filter(external_id=own_id, query_vector__isnull=False).first()
    query_vector = None
    if stored is not None and stored.query_vector is not None and need_query_text(stored) == text:
        query_vector = engine.vector_from_bytes(bytes(stored.query_vector))
    grouped: dict[str, list[Result]] = {}
    for kind in check_kinds(kinds) or list(registered_kinds()):
        exclude = (lambda ci: need.municipality_id in (ci.meta or {}).get("municipalities", [])) \
            if kind == "need" else None
        grouped[kind] = search(text, kinds=[kind], top=top, exclude_ids=[own_id], exclude=exclude,
                               applicant="municipality" if kind == "instrument" else None,
                               query_vector=query_vector, floor=floor)
    return grouped
