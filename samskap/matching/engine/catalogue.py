"""The items of an index in index order, and the filters of a search over them.

Items are stored grouped by kind, so that a search restricted to some kinds multiplies only their
contiguous block of the vector matrix (the Django layer searches per kind). Results always carry
the items' own ids.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

import numpy as np

from .types import Item, Predicate, Selection


class Catalogue:
    """``items`` sorted by kind (stable); ``order[p]`` is the input position of row ``p``."""

    def __init__(self, items: Sequence[Item]):
        self.order: list[int] = sorted(range(len(items)), key=lambda i: items[i].kind)
        self.items: list[Item] = [items[i] for i in self.order]
        self.pos: dict[str, int] = {it.id: p for p, it in enumerate(self.items)}
        #: kind -> its rows ``(start, stop)``
        self.kind_slices: dict[str, tuple[int, int]] = {}
        for p, it in enumerate(self.items):
            a, _b = self.kind_slices.get(it.kind, (p, p))
            self.kind_slices[it.kind] = (a, p + 1)

    def __len__(self) -> int:
        return len(self.items)

    def select(
        self,
        kinds: Collection[str] | None,
        allowed_ids: Collection[str] | Predicate | None,
        exclude_ids: Collection[str] | None,
    ) -> Selection:
        """The rows a search may return: of ``kinds``, in ``allowed_ids`` (a set of ids, or a
        predicate that is only evaluated on ranked rows) and not in ``exclude_ids``."""
        n = len(self.items)
        predicate: Predicate | None = None
        if callable(allowed_ids):
            predicate, allowed_ids = allowed_ids, None
        mask: np.ndarray | None = None
        if kinds is not None:
            mask = np.zeros(n, dtype=bool)
            for k in kinds:
                if k in self.kind_slices:
                    a, b = self.kind_slices[k]
                    mask[a:b] = True
        allowed_rows = None
        if allowed_ids is not None:
            allowed = np.zeros(n, dtype=bool)
            pos = [self.pos[i] for i in allowed_ids if i in self.pos]
            if pos:
                allowed[np.array(pos, dtype=np.int64)] = True
            mask = allowed if mask is None else (mask & allowed)
            allowed_rows = np.flatnonzero(mask)
        if exclude_ids:
            if mask is None:
                mask = np.ones(n, dtype=bool)
            for i in exclude_ids:
                p = self.pos.get(i)
                if p is not None:
                    mask[p] = False
        row_filter = None if predicate is None else _by_row(predicate, self.items)
        return Selection(mask=mask, kinds=kinds, allowed_rows=allowed_rows, row_filter=row_filter)


def _by_row(predicate: Predicate, items: Sequence[Item]) -> Callable[[int], bool]:
    return lambda p: predicate(items[p].id)
