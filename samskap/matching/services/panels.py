"""Brokering for a need: the suggestion panels (people, groups, instruments, needs of other municipalities ...)."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from django.utils import timezone, translation

from samskap.matching import engine
from samskap.matching.models import CatalogItem
from samskap.matching.services.index import get_view
from samskap.matching.services.live import live_rows
from samskap.matching.services.parts import View
from samskap.matching.services.results import Result, Results
from samskap.matching.services.searching import check_kinds, search
from samskap.matching.services.vectors import need_query_text
from samskap.matching.sources import kinds as registered_kinds

#: Panels kept per process (a need's page is opened by several people, and htmx asks for the panel again
#: after every decision): the searches are the panel's whole cost (~0.3 s), a hit costs the live check only.
PANEL_CACHE_SIZE = 256
_cache: OrderedDict[tuple[Any, ...], tuple[View, dict[str, list[Result]]]] = OrderedDict()
_cache_lock = threading.Lock()


def clear_panel_cache() -> None:
    with _cache_lock:
        _cache.clear()


def matches_for_need(need: Any, *, top: int = 5, kinds: Iterable[str] | None = None,
                     floor: bool = True) -> dict[str, list[Result]]:
    """Suggestions for a need, grouped by kind, above the relevance floor (``floor=False``: the
    plain top ``top``); similar needs come from other municipalities.

    Cached per process for the index view it was computed on (any catalogue change makes a new view, so
    a new key), the need's text, the language and the day (reasons are worded and dated); a cached panel
    is checked against the live visibility rules again on every read, as a fresh search is."""
    text = need.full_text()
    view = get_view()
    kinds = list(kinds) if kinds is not None else None
    key = (view.version, view.snapshot_name, need.pk, need.municipality_id,
           hashlib.sha256(text.encode()).hexdigest(), top, tuple(kinds) if kinds is not None else None, floor,
           translation.get_language(), timezone.localdate())
    with _cache_lock:
        entry = _cache.get(key)
        if entry is not None and entry[0] is view:  # the very view (a reset or reload makes a new one)
            _cache.move_to_end(key)
            cached: dict[str, list[Result]] | None = entry[1]
        else:
            cached = None
    if cached is not None:
        live = live_rows([r.id for results in cached.values() for r in results])
        return {kind: _kept(results, live) for kind, results in cached.items()}
    grouped = _search_panels(need, text, top=top, kinds=kinds, floor=floor)
    with _cache_lock:
        _cache[key] = (view, grouped)
        while len(_cache) > PANEL_CACHE_SIZE:
            _cache.popitem(last=False)
    return {kind: _kept(results, None) for kind, results in grouped.items()}


def _kept(results: list[Result], live: dict[str, CatalogItem] | None) -> list[Result]:
    """A copy (the cached list is shared) with the same flags, of the results still live."""
    out = Results(r for r in results if live is None or r.id in live)
    for flag in ("truncated", "below_floor", "building"):
        if hasattr(results, flag):
            setattr(out, flag, getattr(results, flag))
    return out


def _search_panels(need: Any, text: str, *, top: int, kinds: list[str] | None,
                   floor: bool) -> dict[str, list[Result]]:
    own_id = f"need:{need.pk}"
    # The need's stored query vector, when it was made from the need's current text: no embedding per request.
    stored = CatalogItem.objects.filter(external_id=own_id, query_vector__isnull=False).first()
    query_vector = None
    if stored is not None and stored.query_vector is not None and need_query_text(stored) == text:
        query_vector = engine.vector_from_bytes(bytes(stored.query_vector))
    grouped: dict[str, list[Result]] = {}
    for kind in check_kinds(kinds) or list(registered_kinds()):
        exclude = (lambda ci: need.municipality_id in (ci.meta or {}).get("municipalities", [])) \
            if kind == "need" else None
        grouped[kind] = search(text, kinds=[kind], top=top, exclude_ids=[own_id], exclude=exclude,
                               applicant="municipality" if kind == "instrument" else None,
                               query_vector=query_vector, floor=floor)
    return grouped
