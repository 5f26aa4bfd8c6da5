"""Writing the index snapshot: the worker's (and the commands') build of the whole index, never a request's.

The web processes load what is written here (`index.get_view`); the file format is engine/snapshot.py.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import time
from pathlib import Path
from typing import Any, cast

import numpy as np
from django.conf import settings
from django.utils import timezone

from samskap.matching import engine
from samskap.matching.engine import ann as engine_ann
from samskap.matching.engine import snapshot as snapshot_files
from samskap.matching.models import CatalogItem
from samskap.matching.services.catalogue import as_engine_item, current_version
from samskap.matching.services.index import index_dir

logger = logging.getLogger(__name__)


def ann_min_items() -> int | None:
    """From this many items on, the worker's snapshot gets an approximate nearest-neighbour graph
    (settings.SAMSKAP_ANN_MIN_ITEMS, environment variable of the same name; 0: never)."""
    raw = getattr(settings, "SAMSKAP_ANN_MIN_ITEMS", None)
    if raw is None:
        raw = os.environ.get("SAMSKAP_ANN_MIN_ITEMS", str(engine_ann.MIN_ITEMS))
    value = int(raw)
    return value if value > 0 else None


def build_snapshot(*, force: bool = False) -> Path | None:
    """Build the index of every item with a vector from the database and write it as a new snapshot.

    Skipped (None) when the newest snapshot already has the catalogue's version, or when another
    process is building one (it re-checks the version when it is done). A write of the worker and
    the commands, never of a request."""
    root = index_dir()
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        built = None
        for _attempt in range(MAX_REBUILDS):  # the catalogue may change while a snapshot is written
            version = current_version()
            newest = snapshot_files.current(root)
            if newest is not None and not force:
                manifest = json.loads((newest / snapshot_files.MANIFEST).read_text())
                if manifest.get("version") == version:
                    return built
            force = False
            built = _write_snapshot(root, version)
        return built


#: Snapshots written in one call at most, when the catalogue keeps changing meanwhile (the next change's
#: task builds again).
MAX_REBUILDS = 3


def _write_snapshot(root: Path, version: int) -> Path:
    """Write the index of every item with a current vector under ``root`` as the snapshot of ``version``."""
    started = time.time()
    built_at = timezone.now().timestamp()
    qs = (CatalogItem.objects.exclude(vector__isnull=True).filter(vector_model=engine.EMBEDDING_MODEL)
          .order_by("pk").only("external_id", "kind", "title", "text", "keywords", "organisation", "language",
                               "meta", "vector"))
    items: list[engine.Item] = []
    info: dict[str, tuple[str, dict[str, Any]]] = {}
    blobs: list[bytes] = []
    for r in qs.iterator(chunk_size=2000):
        items.append(as_engine_item(r))
        info[r.external_id] = (r.kind, r.meta or {})
        blobs.append(bytes(cast("bytes | memoryview", r.vector)))
    vectors = engine.vectors_from_bytes(blobs) if blobs else np.zeros((0, engine.EMBEDDING_DIM), np.float32)
    del blobs
    min_items = ann_min_items()
    previous = _previous_index(root) if min_items is not None and len(items) >= min_items else None
    try:
        index = engine.Index(items, vectors, ann_min_items=min_items, previous=previous)
    except Exception:
        if previous is None:
            raise
        # the previous graph could be read but not carried over (a damaged file): the next snapshot must not
        # fail for ever on it, so this one builds its graph from scratch
        logger.warning("the graph of %s could not be carried over; building it afresh", root, exc_info=True)
        index = engine.Index(items, vectors, ann_min_items=min_items)
    ann = getattr(index.dense, "ann", None)
    payload = {"index": index, "info": info, "built_at": built_at, "version": version}
    return snapshot_files.write(root, payload, version=version, info={
        "items": len(items), "built_at": built_at, "build_seconds": round(time.time() - started, 3),
        # "carried over": the previous snapshot's graph with the changes since (engine/ann.py)
        "graph": None if ann is None else ("carried over" if getattr(index, "graph_carried_over", False) else "built"),
        "graph_rows_changed_since_built": None if ann is None else ann.changed})


def _previous_index(root: Path) -> engine.Index | None:
    """The newest snapshot's index (mapped read-only), whose graph the next one starts from; None if unreadable."""
    newest = snapshot_files.current(root)
    if newest is None:
        return None
    try:
        index = snapshot_files.load(newest).payload["index"]
    except Exception:  # noqa: BLE001 - a damaged or older snapshot: the graph is built afresh
        logger.warning("index snapshot %s could not be read; building its graph afresh", newest, exc_info=True)
        return None
    return index if isinstance(index, engine.Index) else None
