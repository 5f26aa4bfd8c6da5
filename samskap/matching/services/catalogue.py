"""Catalogue writes: mirroring the source apps' objects into `CatalogItem`s, and the index version.

Every write that changes what a search could find bumps `IndexState.version`; the web processes
rebuild their view of the index (`index.get_view`) and the worker its snapshot when it moves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F

from samskap.core.registry import registry
from samskap.matching import engine
from samskap.matching.models import CatalogItem, IndexState
from samskap.matching.sources import kinds as registered_kinds
from samskap.matching.sources import source as catalogue_source

#: Kinds whose items are also searched *with* (a need's suggestions, a case's similar cases): their query
#: vector is stored when they are indexed, so that a page never embeds.
QUERY_VECTOR_KINDS = ("need", "case")


def query_vector_kinds() -> tuple[str, ...]:
    """Kinds whose items also get a stored query vector: QUERY_VECTOR_KINDS and the sources that ask for it."""
    extra = tuple(s.kind for s in registry.catalogue_sources() if s.query_vector and s.kind not in QUERY_VECTOR_KINDS)
    return QUERY_VECTOR_KINDS + extra


def _engine_item(external_id: str, kind: str, title: str, text: str, keywords: Iterable[str],
                 organisation: str, language: str) -> engine.Item:
    return engine.Item(id=external_id, kind=kind, title=title, text=text, keywords=list(keywords),
                       organisation=organisation, language=language)


def as_engine_item(ci: CatalogItem) -> engine.Item:
    """The engine's view of a catalogue item (what is embedded, indexed and clustered)."""
    return _engine_item(ci.external_id, ci.kind, ci.title, ci.text, ci.keywords, ci.organisation, ci.language)


def passage_hash(item: engine.Item) -> str:
    return hashlib.sha256((engine.EMBEDDING_MODEL + "\n" + engine.passage_text(item)).encode()).hexdigest()


def bump_version() -> None:
    state, _created = IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(version=F("version") + 1)


def current_version() -> int:
    """The catalogue's version (0 before the first write)."""
    state = IndexState.objects.filter(pk=1).values_list("version", flat=True).first()
    return int(state) if state is not None else 0


def lock_catalogue() -> None:
    """Serialise catalogue writers until the end of the current transaction.

    Re-indexing reads a source object and then writes its catalogue item; two workers doing that at once
    for the same object could both create the item (the second fails on the unique id) or write an older
    text over a newer one. On PostgreSQL the index state row is locked here (``select_for_update``); on
    SQLite IMMEDIATE transactions (settings.py) already let one writer in at a time.
    """
    IndexState.objects.get_or_create(pk=1)
    list(IndexState.objects.select_for_update().filter(pk=1).values_list("pk", flat=True))


@transaction.atomic
def upsert_entries(entries: list[dict[str, Any]], *, imported: bool = False) -> tuple[int, int]:
    """Create or update catalogue items by external id. Vectors are dropped when the text changes."""
    lock_catalogue()
    created = updated = 0
    existing = {c.external_id: c for c in CatalogItem.objects.filter(external_id__in=[e["id"] for e in entries])}
    for entry in entries:
        item = _engine_item(entry["id"], entry["kind"], entry["title"], entry.get("text", ""),
                            entry.get("keywords", []), entry.get("organisation", ""), entry.get("language", "nb"))
        digest = passage_hash(item)
        fields = {"kind": entry["kind"], "title": entry["title"][:300], "text": entry.get("text", ""),
                  "organisation": entry.get("organisation", "")[:300], "keywords": list(entry.get("keywords", [])),
                  "language": entry.get("language", "nb"), "meta": entry.get("meta", {}), "url": entry.get("url", ""),
                  "imported": imported}
        current = existing.get(entry["id"])
        if current is None:
            CatalogItem.objects.create(external_id=entry["id"], passage_hash=digest, **fields)
            created += 1
            continue
        changed = [k for k, v in fields.items() if getattr(current, k) != v]
        if current.passage_hash != digest:
            current.passage_hash, current.vector, current.vector_model = digest, None, ""
            current.query_vector = None
            changed += ["passage_hash", "vector", "vector_model", "query_vector"]
        if changed:
            for k in fields:
                setattr(current, k, fields[k])
            current.save()
            updated += 1
    if created or updated:
        bump_version()
    return created, updated


@transaction.atomic
def sync_kind(kind: str, pks: list[int] | None = None) -> tuple[int, int, int]:
    """Mirror a source app's objects (all, or the given pks) into the catalogue."""
    entries = catalogue_source(kind)(pks)
    created, updated = upsert_entries(entries)
    keep = {e["id"] for e in entries}
    stale = CatalogItem.objects.filter(kind=kind, imported=False)
    if pks is not None:
        stale = stale.filter(external_id__in=[f"{kind}:{pk}" for pk in pks])
    deleted, _details = stale.exclude(external_id__in=keep).delete()
    if deleted:
        bump_version()
    return created, updated, deleted


def sync_all() -> dict[str, tuple[int, int, int]]:
    return {kind: sync_kind(kind) for kind in registered_kinds()}
