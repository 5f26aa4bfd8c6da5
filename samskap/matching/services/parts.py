"""What a search reads: index parts (the worker's snapshot, the delta beside it) and the view over them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from samskap.matching import engine
from samskap.matching.models import CatalogItem
from samskap.matching.services.catalogue import as_engine_item


@dataclass
class Part:
    """An index and, per item id, its kind and meta (what the filters read)."""

    index: engine.Index
    info: dict[str, tuple[str, dict[str, Any]]]

    def get(self, external_id: str) -> CatalogItem | None:
        """The item's kind and meta as an (unsaved) `CatalogItem`, or None when the part lacks it."""
        got = self.info.get(external_id)
        if got is None:
            return None
        return CatalogItem(external_id=external_id, kind=got[0], meta=got[1])


@dataclass
class View:
    """What a search reads: the snapshot, the delta and the ids the delta supersedes."""

    snapshot: Part | None = None
    delta: Part | None = None
    delta_ids: frozenset[str] = frozenset()
    unembedded: frozenset[str] = frozenset()
    building: bool = False
    version: int | None = None
    snapshot_name: str = ""


def rows_index(rows: list[CatalogItem]) -> tuple[Part, frozenset[str]]:
    """An in-process index of these rows; rows without a current vector are searched by their words only."""
    zero = np.zeros(engine.EMBEDDING_DIM, dtype=np.float32)
    vectors, unembedded = [], set()
    for r in rows:
        if r.vector is not None and r.vector_model == engine.EMBEDDING_MODEL:
            vectors.append(engine.vector_from_bytes(bytes(r.vector)))
        else:
            vectors.append(zero)
            unembedded.add(r.external_id)
    index = engine.Index([as_engine_item(r) for r in rows], np.vstack(vectors))
    return Part(index, {r.external_id: (r.kind, r.meta or {}) for r in rows}), frozenset(unembedded)
