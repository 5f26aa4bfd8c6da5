"""Similar needs while typing: needs of other municipalities like the text of a need being written."""

from __future__ import annotations

from collections.abc import Iterable

from samskap.matching.models import CatalogItem
from samskap.matching.services.results import Results
from samskap.matching.services.searching import search


def similar_needs(text: str, *, top: int = 5, exclude_id: str | None = None,
                  municipality_ids: Iterable[str] = ()) -> Results:
    """Needs of other municipalities like the text, best first, above the relevance floor (the
    needs of ``municipality_ids``, the writer's own, are never suggested)."""
    own = {str(m) for m in municipality_ids}

    def exclude(ci: CatalogItem) -> bool:
        return bool(own & set((ci.meta or {}).get("municipalities", [])))

    return search(text, kinds=["need"], top=top, exclude_ids=[exclude_id] if exclude_id else [],
                  exclude=exclude if own else None, floor=True)
