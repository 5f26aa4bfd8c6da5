"""Brokering on top of the pure engine: catalogue sync, vectors, the in-process index, filters, reasons.

Reads go through `search()`, `matches_for_need()`, `similar_needs()` and `shared_challenges()`.
Catalogue writes (`upsert_entries`, `sync_kind`, `embed_pending`) are called by the catalogue actions,
the background task and the `catalog` command.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskap.core.registry import registry
from samskap.matching import engine
from samskap.matching.engine import ann as engine_ann
from samskap.matching.engine import snapshot as snapshot_files
from samskap.matching.models import CatalogItem, IndexState, StoredChallenges
from samskap.matching.sources import kinds as registered_kinds
from samskap.matching.sources import source as catalogue_source

logger = logging.getLogger(__name__)
QueryError = engine.QueryError
EMBED_BATCH = 64
#: Kinds whose items are also searched *with* (a need's suggestions, a case's similar cases): their query
#: vector is stored when they are indexed, so that a page never embeds.
QUERY_VECTOR_KINDS = ("need", "case")


def query_vector_kinds() -> tuple[str, ...]:
    """Kinds whose items also get a stored query vector: QUERY_VECTOR_KINDS and the sources that ask for it."""
    extra = tuple(s.kind for s in registry.catalogue_sources() if s.query_vector and s.kind not in QUERY_VECTOR_KINDS)
    return QUERY_VECTOR_KINDS + extra


def _engine_item(external_id: str, kind: str, title: str, text: str, keywords: Iterable[str],
                 organisation: str, language: str) -> engine.Item:
    return engine.Item(id=external_id, kind=kind, title=title, text=text, keywords=list(keywords),
                       organisation=organisation, language=language)


def passage_hash(item: engine.Item) -> str:
    return hashlib.sha256((engine.EMBEDDING_MODEL + "\n" + engine.passage_text(item)).encode()).hexdigest()


def bump_version() -> None:
    state, _created = IndexState.objects.get_or_create(pk=1)
    IndexState.objects.filter(pk=1).update(version=F("version") + 1)


def lock_catalogue() -> None:
    """Serialise catalogue writers until the end of the current transaction.

    Re-indexing reads a source object and then writes its catalogue item; two workers doing that at once
    for the same object could both create the item (the second fails on the unique id) or write an older
    text over a newer one. On PostgreSQL the index state row is locked here (``select_for_update``); on
    SQLite IMMEDIATE transactions (settings.py) already let one writer in at a time.
    """
    IndexState.objects.get_or_create(pk=1)
    list(IndexState.objects.select_for_update().filter(pk=1).values_list("pk", flat=True))


# -- catalogue writes -------------------------------------------------------------------------------


@transaction.atomic
def upsert_entries(entries: list[dict[str, Any]], *, imported: bool = False) -> tuple[int, int]:
    """Create or update catalogue items by external id. Vectors are dropped when the text changes."""
    lock_catalogue()
    created = updated = 0
    existing = {c.external_id: c for c in CatalogItem.objects.filter(external_id__in=[e["id"] for e in entries])}
    for entry in entries:
        item = _engine_item(entry["id"], entry["kind"], entry["title"], entry.get("text", ""),
                            entry.get("keywords", []), entry.get("organisation", ""), entry.get("language", "nb"))
        digest = passage_hash(item)
        fields = {"kind": entry["kind"], "title": entry["title"][:300], "text": entry.get("text", ""),
                  "organisation": entry.get("organisation", "")[:300], "keywords": list(entry.get("keywords", [])),
                  "language": entry.get("language", "nb"), "meta": entry.get("meta", {}), "url": entry.get("url", ""),
                  "imported": imported}
        current = existing.get(entry["id"])
        if current is None:
            CatalogItem.objects.create(external_id=entry["id"], passage_hash=digest, **fields)
            created += 1
            continue
        changed = [k for k, v in fields.items() if getattr(current, k) != v]
        if current.passage_hash != digest:
            current.passage_hash, current.vector, current.vector_model = digest, None, ""
            current.query_vector = None
            changed += ["passage_hash", "vector", "vector_model", "query_vector"]
        if changed:
            for k in fields:
                setattr(current, k, fields[k])
            current.save()
            updated += 1
    if created or updated:
        bump_version()
    return created, updated


@transaction.atomic
def sync_kind(kind: str, pks: list[int] | None = None) -> tuple[int, int, int]:
    """Mirror a source app's objects (all, or the given pks) into the catalogue."""
    entries = catalogue_source(kind)(pks)
    created, updated = upsert_entries(entries)
    keep = {e["id"] for e in entries}
    stale = CatalogItem.objects.filter(kind=kind, imported=False)
    if pks is not None:
        stale = stale.filter(external_id__in=[f"{kind}:{pk}" for pk in pks])
    deleted, _details = stale.exclude(external_id__in=keep).delete()
    if deleted:
        bump_version()
    return created, updated, deleted


def sync_all() -> dict[str, tuple[int, int, int]]:
    return {kind: sync_kind(kind) for kind in registered_kinds()}


def pending_vectors() -> Any:
    return (CatalogItem.objects.filter(vector__isnull=True)
            | CatalogItem.objects.exclude(vector_model=engine.EMBEDDING_MODEL)
            | CatalogItem.objects.filter(kind__in=query_vector_kinds(), query_vector__isnull=True))


def need_query_text(item: CatalogItem) -> str:
    """The text an item is searched with: its title and body (for a need as `Need.full_text()` builds it)."""
    return "\n".join(p for p in (item.title, item.text) if p)


def stored_query_vector(external_id: str) -> Any:
    """The query vector stored when the item was indexed (kinds in `query_vector_kinds()`), or None."""
    stored = CatalogItem.objects.filter(external_id=external_id, query_vector__isnull=False).first()
    if stored is None or stored.query_vector is None:
        return None
    return engine.vector_from_bytes(bytes(stored.query_vector))


# Vectors by passage hash, so a text that comes back (re-import, a restored object) is not embedded twice.
_memo: dict[str, bytes] = {}
MEMO_SIZE = 50_000


def _embed(batch: list[CatalogItem]) -> list[bytes]:
    todo = [c for c in batch if c.passage_hash not in _memo]
    if todo:
        vectors = engine.embed_passages([_as_engine_item(c) for c in todo])
        if len(_memo) > MEMO_SIZE:
            _memo.clear()
        for ci, vector in zip(todo, vectors, strict=True):
            _memo[ci.passage_hash] = engine.vector_to_bytes(vector)
    return [_memo[c.passage_hash] for c in batch]


def embed_pending(progress: Callable[[int, int], None] | None = None) -> int:
    """Compute the vectors that are missing or stale, in batches; each batch commits on its own."""
    ids = list(pending_vectors().order_by("pk").values_list("pk", flat=True))
    done = 0
    with_query = query_vector_kinds()
    for start in range(0, len(ids), EMBED_BATCH):
        batch = list(CatalogItem.objects.filter(pk__in=ids[start:start + EMBED_BATCH]))
        vectors = _embed(batch)
        # Embed before writing: the write transaction stays short (SQLite has one writer at a time).
        updates: list[tuple[CatalogItem, dict[str, Any]]] = []
        for ci, vector in zip(batch, vectors, strict=True):
            # updated_at: the newly embedded item joins the delta searched beside the snapshot
            fields: dict[str, Any] = {"vector": vector, "vector_model": engine.EMBEDDING_MODEL,
                                      "updated_at": timezone.now()}
            if ci.kind in with_query:
                fields["query_vector"] = engine.vector_to_bytes(engine.embed_query(need_query_text(ci)))
            updates.append((ci, fields))
        with transaction.atomic():
            for ci, fields in updates:
                CatalogItem.objects.filter(pk=ci.pk, passage_hash=ci.passage_hash).update(**fields)
        done += len(batch)
        if progress:
            progress(done, len(ids))
    if ids:
        bump_version()
    return len(ids)


def ensure_current() -> None:
    """Make sure every catalogue item has its vector, so the next search sees the whole catalogue.

    A write: for commands and benchmarks, never for a request (a GET reads what is indexed)."""
    if pending_vectors().exists():
        embed_pending()


def _as_engine_item(ci: CatalogItem) -> engine.Item:
    return _engine_item(ci.external_id, ci.kind, ci.title, ci.text, ci.keywords, ci.organisation, ci.language)


# -- the index: the worker's snapshot, the delta beside it ----------------------------------------------
#
# The background worker builds the index from the database and writes an immutable snapshot
# (`build_snapshot`, engine/snapshot.py); every web process maps the newest one read-only and switches
# when a newer one is complete (loaded in a thread; the old one serves meanwhile). Items changed since
# the snapshot was read -- the delta -- are indexed in the process beside it (a few items: cheap) and
# merged into the ranking; every result is checked against the live visibility rules (`_live`). A
# request never builds the whole index: without any snapshot, a catalogue of at most
# settings.SAMSKAP_INDEX_SMALL items is indexed in the process, a bigger one answers "being built".

#: items changed this long before a snapshot started reading are searched in the delta too (clock skew)
DELTA_MARGIN = 10.0
#: at most this many changed items are searched beside the snapshot (the worker rebuilds long before)
DELTA_MAX = 5000


def index_dir() -> Path:
    return Path(settings.SAMSKAP_INDEX_DIR)


def ann_min_items() -> int | None:
    """From this many items on, the worker's snapshot gets an approximate nearest-neighbour graph
    (settings.SAMSKAP_ANN_MIN_ITEMS, environment variable of the same name; 0: never)."""
    raw = getattr(settings, "SAMSKAP_ANN_MIN_ITEMS", None)
    if raw is None:
        raw = os.environ.get("SAMSKAP_ANN_MIN_ITEMS", str(engine_ann.MIN_ITEMS))
    value = int(raw)
    return value if value > 0 else None


@dataclass
class _Part:
    """An index and, per item id, its kind and meta (what the filters read)."""

    index: engine.Index
    info: dict[str, tuple[str, dict[str, Any]]]

    def lookup(self, external_id: str) -> CatalogItem | None:
        got = self.info.get(external_id)
        if got is None:
            return None
        return CatalogItem(external_id=external_id, kind=got[0], meta=got[1])


@dataclass
class _View:
    """What a search reads: the snapshot, the delta and the ids the delta supersedes."""

    snapshot: _Part | None = None
    delta: _Part | None = None
    delta_ids: frozenset[str] = frozenset()
    unembedded: frozenset[str] = frozenset()
    building: bool = False
    version: int | None = None
    snapshot_name: str = ""


@dataclass
class _State:
    checked_at: float = -1e9
    stamp: float | None = None
    snapshot: _Part | None = None
    snapshot_name: str = ""
    built_at: float | None = None
    view: _View | None = None
    loading: bool = False


_state = _State()
_lock = threading.RLock()


def _current_version() -> int:
    state = IndexState.objects.filter(pk=1).values_list("version", flat=True).first()
    return int(state) if state is not None else 0


def _load_snapshot(path: Path) -> None:
    loaded = snapshot_files.load(path)
    payload = loaded.payload
    part = _Part(payload["index"], payload["info"])
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


def _rows_index(rows: list[CatalogItem]) -> tuple[_Part, frozenset[str]]:
    """An in-process index of these rows; rows without a current vector are searched by their words only."""
    zero = np.zeros(engine.EMBEDDING_DIM, dtype=np.float32)
    vectors, unembedded = [], set()
    for r in rows:
        if r.vector is not None and r.vector_model == engine.EMBEDDING_MODEL:
            vectors.append(engine.vector_from_bytes(bytes(r.vector)))
        else:
            vectors.append(zero)
            unembedded.add(r.external_id)
    index = engine.Index([_as_engine_item(r) for r in rows], np.vstack(vectors))
    return _Part(index, {r.external_id: (r.kind, r.meta or {}) for r in rows}), frozenset(unembedded)


def _build_view(version: int) -> _View:
    snap = _state.snapshot
    if snap is None:
        embedded = CatalogItem.objects.exclude(vector__isnull=True).filter(vector_model=engine.EMBEDDING_MODEL)
        rows = list(embedded.order_by("pk")[:settings.SAMSKAP_INDEX_SMALL + 1])
        if len(rows) > settings.SAMSKAP_INDEX_SMALL:
            return _View(building=True, version=version)
        part = _rows_index(rows)[0] if rows else None
        return _View(delta=part, version=version)
    assert _state.built_at is not None
    since = dt.datetime.fromtimestamp(_state.built_at - DELTA_MARGIN, tz=dt.UTC)
    rows = list(CatalogItem.objects.filter(updated_at__gte=since).order_by("-updated_at")[:DELTA_MAX])
    rows.sort(key=lambda r: r.pk)
    if not rows:
        return _View(snapshot=snap, version=version, snapshot_name=_state.snapshot_name)
    part, unembedded = _rows_index(rows)
    return _View(snapshot=snap, delta=part, delta_ids=frozenset(part.info), unembedded=unembedded,
                 version=version, snapshot_name=_state.snapshot_name)


def get_view() -> _View:
    """The snapshot and delta a search reads now (checked at most once per SAMSKAP_INDEX_CHECK_SECONDS)."""
    with _lock:
        now = time.monotonic()
        if _state.view is not None and now - _state.checked_at < settings.SAMSKAP_INDEX_CHECK_SECONDS:
            return _state.view
        _state.checked_at = now
        _check_snapshot()
        version = _current_version()
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


# -- the snapshot (written by the worker) -------------------------------------------------------------


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
        while True:
            version = _current_version()
            newest = snapshot_files.current(root)
            if newest is not None and not force:
                manifest = json.loads((newest / snapshot_files.MANIFEST).read_text())
                if manifest.get("version") == version:
                    return built
            force = False
            built = _write_snapshot(root, version)


def _write_snapshot(root: Path, version: int) -> Path:
    started = time.time()
    built_at = timezone.now().timestamp()
    qs = (CatalogItem.objects.exclude(vector__isnull=True).filter(vector_model=engine.EMBEDDING_MODEL)
          .order_by("pk").only("external_id", "kind", "title", "text", "keywords", "organisation", "language",
                               "meta", "vector"))
    items: list[engine.Item] = []
    info: dict[str, tuple[str, dict[str, Any]]] = {}
    blobs: list[bytes] = []
    for r in qs.iterator(chunk_size=2000):
        items.append(_as_engine_item(r))
        info[r.external_id] = (r.kind, r.meta or {})
        blobs.append(bytes(cast("bytes | memoryview", r.vector)))
    vectors = engine.vectors_from_bytes(blobs) if blobs else np.zeros((0, engine.EMBEDDING_DIM), np.float32)
    del blobs
    index = engine.Index(items, vectors, ann_min_items=ann_min_items())
    payload = {"index": index, "info": info, "built_at": built_at, "version": version}
    return snapshot_files.write(root, payload, version=version, info={
        "items": len(items), "built_at": built_at, "build_seconds": round(time.time() - started, 3)})


# -- the live visibility filter ----------------------------------------------------------------------


def _live(ids: list[str]) -> dict[str, CatalogItem]:
    """The current catalogue rows of these ids that may be shown now: one query for the rows, and one
    per kind for the source's live visibility rule (a need back in draft, a person who withdrew
    consent, an object deleted: gone at once, whatever state the index is in)."""
    if not ids:
        return {}
    rows = {r.external_id: r for r in CatalogItem.objects.filter(external_id__in=ids)}
    by_kind: dict[str, dict[int, str]] = {}
    for external_id, row in rows.items():
        pk = row.source_pk
        if pk is not None:
            by_kind.setdefault(row.kind, {})[pk] = external_id
    for kind, pks in by_kind.items():
        src = registry.catalogue_source(kind)
        if src is None:
            continue
        if src.visible is not None:
            shown = {int(pk) for pk in src.visible(list(pks))}
        else:
            shown = {int(str(e["id"]).partition(":")[2]) for e in src.entries(list(pks))}
        for pk, external_id in pks.items():
            if pk not in shown:
                rows.pop(external_id, None)
    return rows


def _merge(snap: list[engine.Match], delta: list[engine.Match], unembedded: frozenset[str],
           mode: str) -> list[engine.Match]:
    """Insert the delta's matches into the snapshot's ranking.

    Scores of two indexes are not comparable (each is normalised over its own items), but cosines
    are: a delta item goes before the first snapshot match whose cosine is lower (BM25 mode: BM25
    score) and takes that match's score and relevance. An item not embedded yet goes before the
    matches that share no word with the query or a smaller (idf-weighted) share of its words, and only
    when it shares one. Each delta item's place is found among the snapshot's matches only (never
    against other delta items, whose cosines mean nothing for an item not embedded yet); delta items
    at the same place keep the delta's own order, and the snapshot's own order is kept as it is."""
    placed: list[tuple[int, engine.Match]] = []
    for d in delta:
        if d.id in unembedded or mode == "bm25":
            if d.bm25_score <= 0:
                continue
        if d.id in unembedded:  # before the matches that share no word or fewer of the query's words
            pos = next((i for i, m in enumerate(snap) if m.bm25_score <= 0 or m.coverage < d.coverage), len(snap))
        elif mode == "bm25":
            pos = next((i for i, m in enumerate(snap) if m.bm25_score < d.bm25_score), len(snap))
        else:
            c = d.dense_score if d.dense_score is not None else -1.0
            pos = next((i for i, m in enumerate(snap) if (m.dense_score if m.dense_score is not None else -1.0) < c),
                       len(snap))
        if snap:
            ref = snap[min(pos, len(snap) - 1)]
            d.score = ref.score
            if d.relevance is not None and ref.relevance is not None:
                d.relevance = ref.relevance
        placed.append((pos, d))
    placed.sort(key=lambda t: t[0])  # stable: the delta's order among items at the same place
    out: list[engine.Match] = []
    done = 0
    for pos, d in placed:
        out.extend(snap[done:pos])
        done = max(done, pos)
        out.append(d)
    out.extend(snap[done:])
    return out


# -- reads -----------------------------------------------------------------------------------------


@dataclass
class Result:
    item: CatalogItem
    score: float
    shared_terms: list[str]
    best_sentence: str
    kind_reason: str
    dense_score: float | None = None
    bm25_score: float = 0.0
    #: keys of the thesaurus concepts shared by the query and the item (samskap/matching/concepts.py)
    shared_concepts: list[str] = field(default_factory=list)
    #: calibrated probability of relevance (hybrid searches; engine/calibration.py)
    relevance: float | None = None

    @property
    def id(self) -> str:
        return self.item.external_id

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def url(self) -> str:
        return self.item.url

    @property
    def source_pk(self) -> int | None:
        return self.item.source_pk

    @property
    def topics(self) -> list[str]:
        """Labels of the shared thesaurus concepts, in nynorsk when the page is in nynorsk."""
        return concept_labels(self.shared_concepts)

    @property
    def overlap(self) -> str:
        """What the query and the item share: words and thesaurus topics ("" when only the meaning
        vectors are close)."""
        parts = []
        if self.shared_terms:
            parts.append(_("shared terms: %(terms)s") % {"terms": ", ".join(self.shared_terms[:6])})
        words = {t.lower() for t in self.shared_terms}
        topics = [t for t in self.topics if t.lower() not in words]  # "eldre" is already a shared word
        if topics:
            parts.append(_("shared topics: %(topics)s") % {"topics": ", ".join(topics[:4])})
        return "; ".join(parts)

    @property
    def why(self) -> str:
        parts = [self.overlap] if self.overlap else []
        if self.best_sentence:
            parts.append(_("best match: «%(sentence)s»") % {"sentence": self.best_sentence})
        if self.kind_reason:
            parts.append(self.kind_reason)
        return "; ".join(parts) or _("similar in meaning")


def concept_labels(keys: Iterable[str]) -> list[str]:
    """Readable labels of thesaurus concepts in the active language (nb, nn or en)."""
    thesaurus = engine.default_thesaurus()
    language = get_language() or "nb"
    return [c.label(language) for c in (thesaurus.concepts.get(k) for k in keys) if c is not None]


def kind_reason(item: CatalogItem, applicant: str = "municipality", today: dt.date | None = None) -> str:
    meta = item.meta or {}
    reason = registry.match_reason(item.kind)  # e.g. funding's eligibility for instruments
    if reason is not None:
        return str(reason(meta, applicant, today or timezone.localdate()))
    if item.kind == "person":
        bits = [meta.get("position", ""), item.organisation]
        return ", ".join(b for b in bits if b)
    if item.kind == "group":
        return item.organisation
    if item.kind == "need":
        name = meta.get("municipality_name") or item.organisation
        return _("also raised by %(municipality)s") % {"municipality": name}
    return ""


def _allowed(items: Any, *, county: str | None, municipality: str | None,
             applicant: str | None, open_only: bool) -> Callable[[str], bool] | None:
    if not (county or municipality or applicant or open_only):
        return None
    today = timezone.localdate().isoformat()

    def ok(external_id: str) -> bool:
        ci = items.get(external_id)
        if ci is None:
            return False
        meta = ci.meta or {}
        if ci.kind == "instrument":
            if applicant and applicant not in meta.get("applicants", [applicant]):
                return False
            if open_only and not (meta.get("rolling") or any(d >= today for d in meta.get("deadlines", []))):
                return False
            return True  # instruments are national or regional; county filters do not apply
        if county and meta.get("counties") and county not in meta["counties"]:
            return False
        if county and not meta.get("counties") and ci.kind in ("need", "case"):
            return False
        if municipality and ci.kind in ("need", "case") and municipality not in meta.get("municipalities", []):
            return False
        return True

    return ok


def check_kinds(kinds: Iterable[str] | None) -> list[str] | None:
    if kinds is None:
        return None
    kinds = [k for k in kinds if k]
    known = registered_kinds()
    unknown = [k for k in kinds if k not in known]
    if unknown:
        raise QueryError(_("Unknown kind %(kind)s; use one of %(kinds)s.") % {
            "kind": ", ".join(unknown), "kinds": ", ".join(known)})
    return kinds or None


class Results(list):
    """Search results; `truncated` says that an overlong query was cut to MAX_QUERY_CHARS,
    `below_floor` how many matches a search with the relevance floor left out as too weak, and
    `building` that the index is being built (no snapshot yet: no results for now)."""

    truncated: bool = False
    below_floor: int = 0
    building: bool = False


def clean_query(text: str | None) -> tuple[str, bool]:
    """The engine's query check, with messages in the user's language."""
    try:
        return engine.validate_query(text)
    except engine.QueryError as exc:
        if text is None or not str(text).strip():
            raise QueryError(_("The query is empty: write a few words describing the need.")) from exc
        raise QueryError(_("The query has no letters or digits.")) from exc


def _part_filter(part: _Part, *, county: str | None, municipality: str | None, applicant: str | None,
                 open_only: bool, exclude: Callable[[CatalogItem], bool] | None) -> Callable[[str], bool] | None:
    lookup = _Lookup(part)
    allowed = _allowed(lookup, county=county, municipality=municipality, applicant=applicant, open_only=open_only)
    if exclude is None:
        return allowed
    base = allowed

    def ok(external_id: str) -> bool:
        ci = lookup.get(external_id)
        return ci is not None and not exclude(ci) and (base is None or base(external_id))

    return ok


class _Lookup:
    """``items.get(id)`` for the filters, over an index part's kinds and meta."""

    def __init__(self, part: _Part):
        self.part = part

    def get(self, external_id: str) -> CatalogItem | None:
        return self.part.lookup(external_id)


def search(text: str, *, kinds: Iterable[str] | None = None, top: int = 10, county: str | None = None,
           municipality: str | None = None, applicant: str | None = None, open_only: bool = False,
           exclude_ids: Iterable[str] = (), exclude: Callable[[CatalogItem], bool] | None = None,
           mode: str = "hybrid", query_vector: Any = None, floor: bool = False) -> Results:
    """Hybrid search over the catalogue with filters; every result carries its reason.

    ``floor=True`` keeps only matches whose calibrated probability of relevance reaches
    ``engine.config.RELEVANCE_FLOOR`` (suggestion panels: fewer, better; "no good match yet").

    Queries longer than engine.MAX_QUERY_CHARS are cut there; the result's `truncated` says so.
    Every result is one that may be shown now (`_live`), whatever state the index is in.
    """
    text, truncated = clean_query(text)
    kind_list = check_kinds(kinds)
    top = max(1, min(int(top), 100))
    view = get_view()
    out = Results()
    out.truncated = truncated
    out.building = view.building
    excluded = set(exclude_ids)
    # A few more than asked for: the live check may drop some (the worker has not caught up yet).
    depth = top + 5
    filters: dict[str, Any] = {"county": county, "municipality": municipality, "applicant": applicant,
                               "open_only": open_only, "exclude": exclude}
    common = {"kinds": set(kind_list) if kind_list else None, "mode": mode, "query_vector": query_vector}
    matches: list[engine.Match] = []
    if view.snapshot is not None:
        matches = view.snapshot.index.search(
            text, top=depth, allowed_ids=_part_filter(view.snapshot, **filters),
            exclude_ids=excluded | view.delta_ids, **common)
    if view.delta is not None:
        delta_filter = _part_filter(view.delta, **filters)
        extra = view.delta.index.search(text, top=depth, allowed_ids=delta_filter, exclude_ids=excluded, **common)
        if view.snapshot is not None and view.unembedded:  # not embedded yet: searched by their words
            seen = {m.id for m in extra}

            def words_only(external_id: str) -> bool:
                return (external_id in view.unembedded and external_id not in seen
                        and (delta_filter is None or delta_filter(external_id)))

            extra += view.delta.index.search(text, top=depth, allowed_ids=words_only, exclude_ids=excluded,
                                             kinds=common["kinds"], mode="bm25")
        matches = _merge(matches, extra, view.unembedded, mode) if view.snapshot is not None else extra
    if not matches:
        return out
    rows = _live([m.id for m in matches])
    matches = [m for m in matches if m.id in rows][:top]
    if floor:
        kept = engine.above_floor(matches)
        out.below_floor = len(matches) - len(kept)
        matches = kept
    today = timezone.localdate()
    out.extend(Result(rows[m.id], float(m.score), list(m.shared_terms), m.best_sentence,
                      kind_reason(rows[m.id], applicant or "municipality", today), m.dense_score,
                      float(m.bm25_score), list(m.shared_concepts), m.relevance) for m in matches)
    return out


def matches_for_need(need: Any, *, top: int = 5, kinds: Iterable[str] | None = None,
                     floor: bool = True) -> dict[str, list[Result]]:
    """Suggestions for a need, grouped by kind, above the relevance floor (``floor=False``: the
    plain top ``top``); similar needs come from other municipalities."""
    text = need.full_text()
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


def similar_needs(text: str, *, top: int = 5, exclude_id: str | None = None,
                  municipality_ids: Iterable[str] = ()) -> Results:
    """Needs of other municipalities like the text, best first, above the relevance floor (the
    needs of ``municipality_ids``, the writer's own, are never suggested)."""
    own = {str(m) for m in municipality_ids}

    def exclude(ci: CatalogItem) -> bool:
        return bool(own & set((ci.meta or {}).get("municipalities", [])))

    return search(text, kinds=["need"], top=top, exclude_ids=[exclude_id] if exclude_id else [],
                  exclude=exclude if own else None, floor=True)


@dataclass
class Challenge:
    label: str
    items: list[CatalogItem]
    municipalities: list[str]
    trend: str | None = None


def _clusters(rows: list[CatalogItem], threshold: float | None = None) -> list[dict[str, Any]]:
    if len(rows) < 2:
        return []
    vectors = engine.vectors_from_bytes(bytes(cast("bytes | memoryview", r.vector)) for r in rows)
    texts = [engine.passage_text(_as_engine_item(r)) for r in rows]
    kwargs: dict[str, Any] = {"threshold": threshold} if threshold is not None else {}
    clusters = engine.cluster_needs([r.external_id for r in rows], vectors, texts, **kwargs)
    return [{"label": c.label, "ids": list(c.member_ids)} for c in clusters]


def _indexed_needs() -> list[CatalogItem]:
    return list(CatalogItem.objects.filter(kind="need").exclude(vector__isnull=True).order_by("pk"))


def _in_county(rows: list[CatalogItem], county: str | None) -> list[CatalogItem]:
    return [r for r in rows if not county or county in (r.meta or {}).get("counties", [])]


def compute_challenges() -> int:
    """Cluster the indexed needs of the whole country and of each county and store the result
    (`StoredChallenges`); the background worker runs it when needs change. Returns the number of sets."""
    version = _current_version()
    rows = _indexed_needs()
    counties = sorted({c for r in rows for c in (r.meta or {}).get("counties", [])})
    computed = {county: _clusters(_in_county(rows, county)) for county in ["", *counties]}
    with transaction.atomic():
        for county, clusters in computed.items():
            StoredChallenges.objects.update_or_create(county=county, defaults={"clusters": clusters,
                                                                               "version": version})
        StoredChallenges.objects.exclude(county__in=list(computed)).delete()
    return len(computed)


def shared_challenges(county: str | None = None, threshold: float | None = None) -> list[Challenge]:
    """A region's needs clustered into shared challenges (biggest first), as the worker stored them
    (`compute_challenges`). A read: it neither writes nor embeds nor clusters the catalogue -- except
    when nothing was ever stored and the catalogue is small, or for another ``threshold`` (tuning).
    Every member is checked against the live visibility rules."""
    clusters: list[dict[str, Any]] | None = None
    if threshold is None:
        stored = StoredChallenges.objects.filter(county=county or "").first()
        if stored is not None:
            clusters = list(stored.clusters)
        elif StoredChallenges.objects.exists():
            return []  # computed, and this county has no indexed needs
    if clusters is None:
        rows = _in_county(_indexed_needs()[:settings.SAMSKAP_INDEX_SMALL + 1], county)
        if len(rows) > settings.SAMSKAP_INDEX_SMALL:
            return []
        clusters = _clusters(rows, threshold)
    live = _live([i for c in clusters for i in c["ids"]])
    trends = registry.shared_trends()  # e.g. outlook's population trend
    out = []
    for cluster in clusters:
        members = [live[i] for i in cluster["ids"] if i in live]
        codes = sorted({c for m in members for c in (m.meta or {}).get("municipalities", [])})
        names = sorted({(m.meta or {}).get("municipality_name", m.organisation) for m in members})
        if len(codes) < 2:
            continue  # a shared challenge spans several municipalities
        trend = None
        for shared_trend in trends:
            trend = shared_trend(codes)
            if trend:
                break
        out.append(Challenge(label=cluster["label"], items=members, municipalities=names, trend=trend))
    out.sort(key=lambda c: -len(c.items))
    return out
