"""Background re-indexing: one catalogue object at a time, incrementally; then the index snapshot and the
shared challenges that the pages read (a request never builds either)."""

from __future__ import annotations

from django.conf import settings
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


def after_change(*, needs: bool = True) -> None:
    """What follows a catalogue change in the worker: the stored shared challenges (when needs changed)
    and a new index snapshot (when snapshots are on; skipped when it is already current)."""
    if needs:
        services.compute_challenges()
    if settings.SAMSKAP_INDEX_SNAPSHOTS:
        services.build_snapshot()


@task()
def reindex_object(kind: str, pk: int) -> int:
    sync_object(kind, pk)
    done = services.embed_pending()
    after_change(needs=kind == "need")
    return done


@task()
def reindex_all() -> int:
    services.sync_all()
    done = services.embed_pending()
    after_change()
    return done


@task()
def embed_catalogue() -> int:
    """Compute the vectors that are missing (after a catalogue import)."""
    done = services.embed_pending()
    after_change()
    return done


@task()
def build_snapshot() -> str:
    """Write a new index snapshot if the catalogue changed since the newest one."""
    path = services.build_snapshot()
    return path.name if path else ""
