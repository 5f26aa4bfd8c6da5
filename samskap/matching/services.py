"""Brokering on top of the pure engine: catalogue sync, vectors, the in-process index, filters, reasons.

Reads go through `search()`, `matches_for_need()`, `similar_needs()` and `shared_challenges()`.
Catalogue writes (`upsert_entries`, `sync_kind`, `embed_pending`) are called by the catalogue actions,
the background task and the `catalog` command.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, cast

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samskap.core.registry import registry
from samskap.matching import engine
from samskap.matching.models import CatalogItem, IndexState
from samskap.matching.sources import kinds as registered_kinds
from samskap.matching.sources import source as catalogue_source

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
            fields: dict[str, Any] = {"vector": vector, "vector_model": engine.EMBEDDING_MODEL}
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


# -- the in-process index ---------------------------------------------------------------------------


@dataclass
class _Cache:
    version: int | None = None
    index: engine.Index | None = None
    items: dict[str, CatalogItem] = field(default_factory=dict)


_cache = _Cache()
_lock = threading.Lock()


def _current_version() -> int:
    state = IndexState.objects.filter(pk=1).first()
    return state.version if state else 0


def get_index() -> tuple[engine.Index | None, dict[str, CatalogItem]]:
    """The hybrid index of all items with vectors, rebuilt when the catalogue version changes."""
    version = _current_version()
    with _lock:
        if _cache.version == version and _cache.index is not None:
            return _cache.index, _cache.items
        rows = list(CatalogItem.objects.exclude(vector__isnull=True).filter(vector_model=engine.EMBEDDING_MODEL)
                    .order_by("pk"))
        if not rows:
            _cache.version, _cache.index, _cache.items = version, None, {}
            return None, {}
        vectors = engine.vectors_from_bytes(bytes(cast("bytes | memoryview", r.vector)) for r in rows)
        _cache.index = engine.Index([_as_engine_item(r) for r in rows], vectors)
        _cache.items = {r.external_id: r for r in rows}
        _cache.version = version
        return _cache.index, _cache.items


def reset_cache() -> None:
    with _lock:
        _cache.version, _cache.index, _cache.items = None, None, {}


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
    if item.kind == "case":
        names = meta.get("municipality_names") or meta.get("municipalities") or []
        bits = [", ".join(names), str(meta.get("year", "") or ""), str(meta.get("stage_label", meta.get("stage", "")) or "")]
        return " · ".join(b for b in bits if b)
    if item.kind == "need":
        name = meta.get("municipality_name") or item.organisation
        return _("also raised by %(municipality)s") % {"municipality": name}
    return ""


def _allowed(items: dict[str, CatalogItem], *, county: str | None, municipality: str | None,
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
    """Search results; `truncated` says that an overlong query was cut to MAX_QUERY_CHARS, and
    `below_floor` how many matches a search with the relevance floor left out as too weak."""

    truncated: bool = False
    below_floor: int = 0


def clean_query(text: str | None) -> tuple[str, bool]:
    """The engine's query check, with messages in the user's language."""
    try:
        return engine.validate_query(text)
    except engine.QueryError as exc:
        if text is None or not str(text).strip():
            raise QueryError(_("The query is empty: write a few words describing the need.")) from exc
        raise QueryError(_("The query has no letters or digits.")) from exc


def search(text: str, *, kinds: Iterable[str] | None = None, top: int = 10, county: str | None = None,
           municipality: str | None = None, applicant: str | None = None, open_only: bool = False,
           exclude_ids: Iterable[str] = (), exclude: Callable[[CatalogItem], bool] | None = None,
           mode: str = "hybrid", query_vector: Any = None, floor: bool = False) -> Results:
    """Hybrid search over the catalogue with filters; every result carries its reason.

    ``floor=True`` keeps only matches whose calibrated probability of relevance reaches
    ``engine.config.RELEVANCE_FLOOR`` (suggestion panels: fewer, better; "no good match yet").

    Queries longer than engine.MAX_QUERY_CHARS are cut there; the result's `truncated` says so.
    """
    text, truncated = clean_query(text)
    kind_list = check_kinds(kinds)
    top = max(1, min(int(top), 100))
    index, items = get_index()
    out = Results()
    out.truncated = truncated
    if index is None:
        return out
    allowed = _allowed(items, county=county, municipality=municipality, applicant=applicant, open_only=open_only)
    if exclude is not None:
        base = allowed

        def allowed(external_id: str) -> bool:
            ci = items.get(external_id)
            return ci is not None and not exclude(ci) and (base is None or base(external_id))

    matches = index.search(text, top=top, kinds=set(kind_list) if kind_list else None, allowed_ids=allowed,
                           exclude_ids=set(exclude_ids), mode=mode, query_vector=query_vector)
    if floor:
        kept = [m for m in matches if m.relevance is None or m.relevance >= engine.config.RELEVANCE_FLOOR]
        out.below_floor = len(matches) - len(kept)
        matches = kept
    today = timezone.localdate()
    out.extend(Result(items[m.id], float(m.score), list(m.shared_terms), m.best_sentence,
                      kind_reason(items[m.id], applicant or "municipality", today), m.dense_score,
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


def shared_challenges(county: str | None = None, threshold: float | None = None) -> list[Challenge]:
    """Cluster a region's needs into shared challenges (biggest first), from the needs already indexed.

    A read: it neither writes the catalogue nor embeds (re-indexing runs in the background after each write).
    """
    qs = CatalogItem.objects.filter(kind="need").exclude(vector__isnull=True).order_by("pk")
    rows = [r for r in qs if not county or county in (r.meta or {}).get("counties", [])]
    if len(rows) < 2:
        return []
    vectors = engine.vectors_from_bytes(bytes(cast("bytes | memoryview", r.vector)) for r in rows)
    texts = [engine.passage_text(_as_engine_item(r)) for r in rows]
    kwargs: dict[str, Any] = {"threshold": threshold} if threshold is not None else {}
    clusters = engine.cluster_needs([r.external_id for r in rows], vectors, texts, **kwargs)
    by_id = {r.external_id: r for r in rows}
    trends = registry.shared_trends()  # e.g. outlook's population trend
    out = []
    for cluster in clusters:
        members = [by_id[i] for i in cluster.member_ids]
        codes = sorted({c for m in members for c in (m.meta or {}).get("municipalities", [])})
        names = sorted({(m.meta or {}).get("municipality_name", m.organisation) for m in members})
        if len(codes) < 2:
            continue  # a shared challenge spans several municipalities
        trend = None
        for shared_trend in trends:
            trend = shared_trend(codes)
            if trend:
                break
        out.append(Challenge(label=cluster.label, items=members, municipalities=names, trend=trend))
    return out
