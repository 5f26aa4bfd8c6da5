"""Background re-indexing: one catalogue object at a time, incrementally."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from samskap.matching import services


def sync_object(kind: str, pk: int) -> None:
    """Mirror one object into the catalogue, one catalogue writer at a time (see ``lock_catalogue``).

    The lock is taken before the object is read, so when two workers re-index the same object, the second
    sees the first one's item (no duplicate) and the newest text (not an older one over it).
    """
    with transaction.atomic():
        services.lock_catalogue()
        services.sync_kind(kind, [pk])


@task()
def reindex_object(kind: str, pk: int) -> int:
    sync_object(kind, pk)
    return services.embed_pending()


@task()
def reindex_all() -> int:
    services.sync_all()
    return services.embed_pending()


@task()
def embed_catalogue() -> int:
    """Compute the vectors that are missing (after a catalogue import)."""
    return services.embed_pending()
