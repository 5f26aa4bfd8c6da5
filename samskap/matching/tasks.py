"""Background re-indexing: one catalogue object at a time, incrementally."""

from __future__ import annotations

from django_tasks import task

from samskap.matching import services


@task()
def reindex_object(kind: str, pk: int) -> int:
    services.sync_kind(kind, [pk])
    return services.embed_pending()


@task()
def reindex_all() -> int:
    services.sync_all()
    return services.embed_pending()


@task()
def embed_catalogue() -> int:
    """Compute the vectors that are missing (after a catalogue import)."""
    return services.embed_pending()
