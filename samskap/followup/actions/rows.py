"""Outcome rows (idea / needs / follow-up / actors) of a workshop group, with optimistic locking."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.directory.permissions import require
from samskap.followup.actions._common import (
    GUEST_ROW_FIELDS,
    ROW_FIELDS,
    ROW_FK_FIELDS,
    ROW_M2M_FIELDS,
    ROW_TEXT_FIELDS,
    StaleVersionError,
    _check_unknown,
    _display,
    _m2m_display,
    _user,
)
from samskap.followup.models import (
    ActorGroup,
    OutcomeChange,
    OutcomeRow,
)
from samskap.followup.permissions import (
    GuestNoteTaker,
    can_edit_outcome,
)

# --- Outcome rows ---------------------------------------------------------------------------------------------

def _row_snapshot(row: OutcomeRow, m2m: Mapping[str, list[Any]] | None = None) -> dict[str, str]:
    """Readable values of a row's fields; `m2m` overrides the stored many-to-many links."""
    snap = {f: getattr(row, f) or "" for f in ROW_TEXT_FIELDS}
    snap["actor_groups"] = ", ".join(row.actor_groups or [])
    for f in ROW_FK_FIELDS:
        snap[f] = _display(getattr(row, f))
    for f in ROW_M2M_FIELDS:
        if m2m is not None and f in m2m:
            snap[f] = _m2m_display(m2m[f])
        else:
            snap[f] = _m2m_display(getattr(row, f).all()) if row.pk else ""
    return snap


def _assign_row(row: OutcomeRow, data: Mapping[str, Any], actor: Any = None) -> dict[str, list[Any]]:
    _check_unknown(data, GUEST_ROW_FIELDS if isinstance(actor, GuestNoteTaker) else ROW_FIELDS)
    for key in ROW_TEXT_FIELDS:
        if key in data:
            setattr(row, key, (data[key] or "").strip())
    if "actor_groups" in data:
        groups = list(data["actor_groups"] or [])
        unknown = [g for g in groups if g not in ActorGroup.values]
        if unknown:
            raise ValidationError({"actor_groups": _("Unknown group of actors: %(groups)s.")
                                   % {"groups": ", ".join(map(str, unknown))}})
        row.actor_groups = [g for g in ActorGroup.values if g in groups]
    for key in ROW_FK_FIELDS:
        if key in data:
            setattr(row, key, data[key] or None)
    return {key: list(data[key] or []) for key in ROW_M2M_FIELDS if key in data}


def _log_row(row: OutcomeRow, actor: Any, before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = [f for f in ROW_FIELDS if before.get(f, "") != after.get(f, "")]
    now = timezone.now()
    OutcomeChange.objects.bulk_create([
        OutcomeChange(group_id=row.group_id, row=row, field=f, old=before.get(f, ""), new=after.get(f, ""),
                      by=_user(actor), at=now) for f in changed])
    return changed


@transaction.atomic
def add_row(group: Any, data: Mapping[str, Any], *, actor: Actor | GuestNoteTaker) -> OutcomeRow:
    """Record one row of a group's outcome table. ``actor`` is a user or a
    :class:`~samskap.followup.permissions.GuestNoteTaker` (the group's note-taker without an account)."""
    require(can_edit_outcome(actor, group), _("Only the group's note-taker and coordinators may record its outcome."))
    row = OutcomeRow(group=group, created_by=_user(actor), updated_by=_user(actor))
    m2m = _assign_row(row, data, actor)
    row.full_clean(exclude=["group", "created_by", "updated_by"])
    row.position = (OutcomeRow.objects.filter(group=group).aggregate(m=Max("position"))["m"] or 0) + 1
    row.save()
    for key, items in m2m.items():
        getattr(row, key).set(items)
    OutcomeChange.objects.create(group_id=group.pk, row=row, field="created", new=str(row), by=_user(actor))
    _log_row(row, actor, {}, {k: v for k, v in _row_snapshot(row).items() if v})
    return row


@transaction.atomic
def update_row(row: OutcomeRow, data: Mapping[str, Any], *, actor: Actor | GuestNoteTaker, version: int) -> OutcomeRow:
    """Save a row if nobody else saved it since `version` was read; otherwise raise StaleVersionError."""
    current = OutcomeRow.objects.select_for_update(of=("self",)).select_related("group__note_taker__person").get(pk=row.pk)
    require(can_edit_outcome(actor, current.group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    if int(version) != current.version:
        raise StaleVersionError(current)
    before = _row_snapshot(current)
    m2m = _assign_row(current, data, actor)
    current.full_clean(exclude=["group", "created_by", "updated_by"])
    if _row_snapshot(current, m2m) == before:
        return current  # nothing changed: keep the version, so that others' open forms stay valid
    # Compare and swap: nothing is written unless the version is still the one the caller read.
    values = {f: getattr(current, f) for f in (*ROW_TEXT_FIELDS, "actor_groups", *ROW_FK_FIELDS)}
    updated = OutcomeRow.objects.filter(pk=current.pk, version=version).update(
        **values, version=version + 1, updated_by=_user(actor), updated_at=timezone.now())
    if updated != 1:
        raise StaleVersionError(OutcomeRow.objects.get(pk=current.pk))
    for key, items in m2m.items():
        getattr(current, key).set(items)
    current.refresh_from_db()
    _log_row(current, actor, before, _row_snapshot(current))
    return current


@transaction.atomic
def delete_row(row: OutcomeRow, *, actor: Actor | GuestNoteTaker, version: int) -> None:
    current = OutcomeRow.objects.select_for_update(of=("self",)).select_related("group__note_taker__person").get(pk=row.pk)
    require(can_edit_outcome(actor, current.group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    if int(version) != current.version:
        raise StaleVersionError(current)
    if current.actions.exists():
        raise ValidationError(_("This row has actions and cannot be deleted. Drop the actions instead."))
    OutcomeChange.objects.create(group_id=current.group_id, row=current, field="deleted",
                                 old="\n".join(f"{k}: {v}" for k, v in _row_snapshot(current).items() if v),
                                 by=_user(actor))
    current.delete()
