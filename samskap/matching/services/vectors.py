"""The catalogue's vectors: embedding the items that lack a current one, and the stored query vectors.

Embedding is background work (the task, the `catalog` command, the demo loader, benchmarks): a request
reads the vectors stored here and never embeds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from samskap.matching import engine
from samskap.matching.models import CatalogItem
from samskap.matching.services.catalogue import as_engine_item, bump_version, query_vector_kinds

EMBED_BATCH = 64


def pending_vectors() -> Any:
    return (CatalogItem.objects.filter(vector__isnull=True)
            | CatalogItem.objects.exclude(vector_model=engine.EMBEDDING_MODEL)
            | CatalogItem.objects.filter(kind__in=query_vector_kinds(), query_vector__isnull=True))


def need_query_text(item: CatalogItem) -> str:
    """The text an item is searched with: its title and body (for a need as `Need.full_text()` builds it)."""
    return "\n".join(p for p in (item.title, item.text) if p)


def stored_query_vector(external_id: str) -> Any:
    """The query vector stored when the item was indexed (kinds in `query_vector_kinds()`), or None."""
    stored = CatalogItem.objects.filter(external_id=external_id, query_vector__isnull=False).first()
    if stored is None or stored.query_vector is None:
        return None
    return engine.vector_from_bytes(bytes(stored.query_vector))


# Vectors by passage hash, so a text that comes back (re-import, a restored object) is not embedded twice.
_memo: dict[str, bytes] = {}
MEMO_SIZE = 50_000


def _embed(batch: list[CatalogItem]) -> list[bytes]:
    todo = [c for c in batch if c.passage_hash not in _memo]
    if todo:
        vectors = engine.embed_passages([as_engine_item(c) for c in todo])
        if len(_memo) > MEMO_SIZE:
            _memo.clear()
        for ci, vector in zip(todo, vectors, strict=True):
            _memo[ci.passage_hash] = engine.vector_to_bytes(vector)
    return [_memo[c.passage_hash] for c in batch]


def embed_pending(progress: Callable[[int, int], None] | None = None, *, part: tuple[int, int] = (0, 1)) -> int:
    """Compute the vectors that are missing or stale, in batches; each batch commits on its own, so an
    interrupted run loses at most one batch and the next run goes on from there.

    ``part=(i, n)``: only the items whose primary key is ``i`` modulo ``n``, so that ``n`` processes can
    share the work without overlapping (``samskap catalog embed --jobs n``)."""
    index, parts = part
    if parts < 1 or not 0 <= index < parts:
        raise ValueError("part must be (i, n) with 0 <= i < n")
    ids = list(pending_vectors().order_by("pk").values_list("pk", flat=True))
    if parts > 1:
        ids = [pk for pk in ids if pk % parts == index]
    done = 0
    with_query = query_vector_kinds()
    for start in range(0, len(ids), EMBED_BATCH):
        batch = list(CatalogItem.objects.filter(pk__in=ids[start:start + EMBED_BATCH]))
        vectors = _embed(batch)
        # Embed before writing: the write transaction stays short (SQLite has one writer at a time).
        updates: list[tuple[CatalogItem, dict[str, Any]]] = []
        for ci, vector in zip(batch, vectors, strict=True):
            # updated_at: the newly embedded item joins the delta searched beside the snapshot
            fields: dict[str, Any] = {"vector": vector, "vector_model": engine.EMBEDDING_MODEL,
                                      "updated_at": timezone.now()}
            if ci.kind in with_query:
                fields["query_vector"] = engine.vector_to_bytes(engine.embed_query(need_query_text(ci)))
            updates.append((ci, fields))
        with transaction.atomic():
            for ci, fields in updates:
                CatalogItem.objects.filter(pk=ci.pk, passage_hash=ci.passage_hash).update(**fields)
        done += len(batch)
        if progress:
            progress(done, len(ids))
    if ids:
        bump_version()
    return len(ids)


def ensure_current() -> None:
    """Make sure every catalogue item has its vector, so the next search sees the whole catalogue.

    A write: for commands and benchmarks, never for a request (a GET reads what is indexed)."""
    if pending_vectors().exists():
        embed_pending()
