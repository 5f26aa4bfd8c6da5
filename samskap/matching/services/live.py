"""The live visibility filter: every result is checked against the sources' rules at the time of the read.

The rules' answers are kept per process for as long as nothing was written (``core.changes``: the content
version, read at most ``SAMSKAP_PAGE_CACHE_CHECK_SECONDS`` ago, this process's own writes at once) and the
day is the same (an opportunity's deadline passes at midnight). Inside a transaction the connection may
hold writes the version does not count yet, so there the rules are always asked afresh.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection
from django.utils import timezone

from samskap.core.changes import recent_content_version
from samskap.core.registry import registry
from samskap.matching.models import CatalogItem

#: Most answers kept per process (a row and its verdict per catalogue id; ~1 KB each).
MEMO_ENTRIES = 20_000

_memo: dict[str, CatalogItem | None] = {}  # external id -> the row if it may be shown, else None
_memo_key: tuple[int, dt.date] | None = None


def _valid_memo() -> dict[str, CatalogItem | None] | None:
    """The answers still true now, or None where none may be trusted (inside a transaction)."""
    global _memo, _memo_key
    if connection.in_atomic_block:
        return None
    key = (recent_content_version(float(getattr(settings, "SAMSKAP_PAGE_CACHE_CHECK_SECONDS", 0.5))),
           timezone.localdate())
    if key != _memo_key or len(_memo) > MEMO_ENTRIES:
        _memo, _memo_key = {}, key
    return _memo


def forget() -> None:
    """Drop every kept answer (``services.reset_cache``)."""
    global _memo, _memo_key
    _memo, _memo_key = {}, None


def _read(ids: list[str]) -> dict[str, CatalogItem | None]:
    """One query for the rows and one per kind for the source's live rule: each id's row, or None."""
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
    return {external_id: rows.get(external_id) for external_id in ids}


def live_rows(ids: list[str]) -> dict[str, CatalogItem]:
    """The current catalogue rows of these ids that may be shown now (a need back in draft, a person who
    withdrew consent, an object deleted: gone at once, whatever state the index is in)."""
    if not ids:
        return {}
    memo = _valid_memo()
    if memo is None:
        found = _read(ids)
    else:
        missing = [i for i in dict.fromkeys(ids) if i not in memo]
        if missing:
            memo.update(_read(missing))
        found = {i: memo[i] for i in ids}
    return {i: row for i, row in found.items() if row is not None}
