"""The index a web process searches: the worker's newest snapshot, loaded and switched, and the delta beside it.

The background worker builds the index from the database and writes an immutable snapshot
(`snapshot.build_snapshot`, engine/snapshot.py); every web process maps the newest one read-only and
switches when a newer one is complete (loaded in a thread; the old one serves meanwhile). Items changed
since the snapshot was read -- the delta (`delta.py`) -- are indexed in the process beside it and merged
into the ranking; every result is checked against the live visibility rules (`live.live_rows`). A request
never builds the whole index: without any snapshot, a catalogue of at most settings.SAMSKAP_INDEX_SMALL
items is indexed in the process, a bigger one answers "being built".
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

from samskap.matching import engine
from samskap.matching.engine import snapshot as snapshot_files
from samskap.matching.models import CatalogItem
from samskap.matching.services.catalogue import current_version
from samskap.matching.services.delta import changed_since
from samskap.matching.services.live import forget as forget_live
from samskap.matching.services.parts import Part, View, rows_index

logger = logging.getLogger(__name__)


def index_dir() -> Path:
    return Path(settings.SAMSKAP_INDEX_DIR)


@dataclass
class _State:
    checked_at: float = -1e9
    stamp: float | None = None
    snapshot: Part | None = None
    snapshot_name: str = ""
    built_at: float | None = None
    view: View | None = None
    loading: bool = False


_state = _State()
_lock = threading.RLock()


def _load_snapshot(path: Path) -> None:
    loaded = snapshot_files.load(path)
    payload = loaded.payload
    part = Part(payload["index"], payload["info"])
    try:  # before the switch, so that no request pays for the new snapshot's first search
        part.index.warm_up()
    except Exception:  # noqa: BLE001 - a search that fails here fails (and is reported) in the request too
        logger.warning("could not warm up the index snapshot %s", path, exc_info=True)
    with _lock:
        _state.snapshot, _state.snapshot_name = part, path.name
        _state.built_at = float(payload["built_at"])
        _state.view = None  # the delta is relative to the snapshot: rebuild it
        _state.checked_at = -1e9


def _load_in_background(path: Path) -> None:
    def run() -> None:
        try:
            _load_snapshot(path)
        except Exception:  # a broken snapshot: keep serving the old one
            logger.exception("Cannot load the index snapshot %s", path)
        finally:
            with _lock:
                _state.loading = False

    with _lock:
        if _state.loading:
            return
        _state.loading = True
    threading.Thread(target=run, name="samskap-index-load", daemon=True).start()


def _check_snapshot() -> None:
    if not settings.SAMSKAP_INDEX_SNAPSHOTS:
        return
    root = index_dir()
    stamp = snapshot_files.stamp(root)
    if stamp == _state.stamp:
        return
    path = snapshot_files.current(root)
    _state.stamp = stamp
    if path is None or path.name == _state.snapshot_name:
        return
    if _state.snapshot is None:
        try:
            _load_snapshot(path)  # nothing to serve meanwhile
        except Exception:
            logger.exception("Cannot load the index snapshot %s", path)
    else:
        _load_in_background(path)


def _build_view(version: int) -> View:
    snap = _state.snapshot
    if snap is None:
        embedded = CatalogItem.objects.exclude(vector__isnull=True).filter(vector_model=engine.EMBEDDING_MODEL)
        rows = list(embedded.order_by("pk")[:settings.SAMSKAP_INDEX_SMALL + 1])
        if len(rows) > settings.SAMSKAP_INDEX_SMALL:
            return View(building=True, version=version)
        part = rows_index(rows)[0] if rows else None
        return View(delta=part, version=version)
    assert _state.built_at is not None
    rows = changed_since(_state.built_at)
    if not rows:
        return View(snapshot=snap, version=version, snapshot_name=_state.snapshot_name)
    part, unembedded = rows_index(rows)
    return View(snapshot=snap, delta=part, delta_ids=frozenset(part.info), unembedded=unembedded,
                version=version, snapshot_name=_state.snapshot_name)


def get_view() -> View:
    """The snapshot and delta a search reads now (checked at most once per SAMSKAP_INDEX_CHECK_SECONDS)."""
    with _lock:
        now = time.monotonic()
        if _state.view is not None and now - _state.checked_at < settings.SAMSKAP_INDEX_CHECK_SECONDS:
            return _state.view
        _state.checked_at = now
        _check_snapshot()
        version = current_version()
        view = _state.view
        if view is None or view.version != version or view.snapshot_name != _state.snapshot_name:
            view = _state.view = _build_view(version)
        return view


def index_status() -> dict[str, Any]:
    """What this process searches: the snapshot's name, the delta's size, and whether it is being built."""
    view = get_view()
    return {"snapshot": view.snapshot_name, "delta": len(view.delta_ids) if view.snapshot else 0,
            "building": view.building,
            "items": (len(view.snapshot.index) if view.snapshot else 0)
            + (len(view.delta.index) if view.delta else 0)}


def reset_cache() -> None:
    with _lock:
        _state.checked_at, _state.stamp, _state.snapshot, _state.snapshot_name = -1e9, None, None, ""
        _state.built_at, _state.view = None, None
    forget_live()
