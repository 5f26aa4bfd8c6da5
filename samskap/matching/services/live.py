"""The live visibility filter: every result is checked against the sources' rules at the time of the read."""

from __future__ import annotations

from samskap.core.registry import registry
from samskap.matching.models import CatalogItem


def live_rows(ids: list[str]) -> dict[str, CatalogItem]:
    """The current catalogue rows of these ids that may be shown now: one query for the rows, and one
    per kind for the source's live visibility rule (a need back in draft, a person who withdrew
    consent, an object deleted: gone at once, whatever state the index is in)."""
    if not ids:
        return {}
    rows = {r.external_id: r for r in CatalogItem.objects.filter(external_id__in=ids)}
    by_kind: dict[str, dict[int, str]] = {}
    for external_id, row in rows.items():
        pk = row.source_pk
        if pk is not None:
            by_kind.setdefault(row.kind, {})[pk] = external_id
    for kind, pks in by_kind.items():
        src = registry.catalogue_source(kind)
        if src is None:
            continue
        if src.visible is not None:
            shown = {int(pk) for pk in src.visible(list(pks))}
        else:
            shown = {int(str(e["id"]).partition(":")[2]) for e in src.entries(list(pks))}
        for pk, external_id in pks.items():
            if pk not in shown:
                rows.pop(external_id, None)
    return rows
