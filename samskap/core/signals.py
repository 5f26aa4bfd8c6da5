"""Project-wide signals. `catalogue_changed` tells the matching index that an item changed.

The rule (as NetBox's core/signals.py): every app whose objects are brokered connects `post_save` /
`post_delete` (and `m2m_changed` where the catalogue text depends on a many-to-many field) receivers for
its catalogue models with `watch_catalogue()` from its `AppConfig.ready()`. So every write path -- the
actions, the Django admin, the shell, demo loaders -- keeps the index fresh, and no action or admin
sends `catalogue_changed` by hand. The signal is sent after commit (never for a rolled-back write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import Signal

# Sent after commit with kind ("need", "person", "instrument", "case", "group"), pk and optionally deleted=True.
catalogue_changed = Signal()


class _Send:
    """A pending `catalogue_changed` for (kind, pk); skipped when an earlier one for the same object has
    already run in the same commit (`twin`)."""

    def __init__(self, sender: Any, kind: str, pk: int, deleted: bool, twin: _Send | None) -> None:
        self.sender, self.key, self.deleted, self.twin, self.done = sender, (kind, pk), deleted, twin, False

    def __call__(self) -> None:
        self.done = True
        if self.twin is not None and self.twin.done:
            return
        catalogue_changed.send(sender=self.sender, kind=self.key[0], pk=self.key[1], deleted=self.deleted)


def notify_catalogue_changed(sender: Any, kind: str, pk: int, *, deleted: bool = False) -> None:
    """Send `catalogue_changed` once the current transaction commits (at once outside a transaction).

    Several changes of one object in one transaction (a save, then its many-to-many set) send it once,
    with the last `deleted`. Each change still registers its own callback, so a rolled-back savepoint
    (which drops its callbacks) never loses the send of a change that stays.
    """
    connection = transaction.get_connection()
    twin = None
    if connection.in_atomic_block:
        for _savepoints, func, _robust in reversed(connection.run_on_commit):
            if isinstance(func, _Send) and func.key == (kind, pk) and not func.done:
                twin = func.twin or func
                twin.deleted = deleted
                break
    transaction.on_commit(_Send(sender, kind, pk, deleted, twin))


def _own_pk(instance: Any) -> Iterable[int]:
    return [instance.pk]


def watch_catalogue(model: type[models.Model], kind: str, *,
                    pks: Callable[[Any], Iterable[int]] = _own_pk,
                    m2m: Iterable[Any] = ()) -> None:
    """Re-index `kind` whenever an instance of `model` is saved or deleted.

    `pks(instance)` gives the pks of the catalogue objects (of `kind`) that depend on the instance (by
    default the instance itself); `m2m` lists many-to-many descriptors (e.g. `Case.municipalities`)
    whose changes also re-index the object that owns them.
    """
    label = f"catalogue-{kind}-{model._meta.label_lower}"
    is_source = pks is _own_pk

    def saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
        if raw:  # loaddata: the catalogue is synced afterwards with `samskap catalog sync`
            return
        for pk in pks(instance):
            notify_catalogue_changed(model, kind, pk)

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        for pk in pks(instance):
            notify_catalogue_changed(model, kind, pk, deleted=is_source)

    def related(sender: Any, instance: Any, action: str, reverse: bool, pk_set: set[int] | None,
                **kwargs: Any) -> None:
        if action not in ("post_add", "post_remove", "post_clear"):
            return
        owners = list(pk_set or ()) if reverse else list(pks(instance))
        for pk in owners:
            notify_catalogue_changed(model, kind, pk)

    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{label}-save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{label}-delete")
    for descriptor in m2m:
        m2m_changed.connect(related, sender=descriptor.through, weak=False, dispatch_uid=f"{label}-m2m")
