"""Shared challenges: a region's needs clustered by meaning, stored by the worker, read by the pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db import transaction

from samskap.core.registry import registry
from samskap.matching import engine
from samskap.matching.models import CatalogItem, StoredChallenges
from samskap.matching.services.catalogue import as_engine_item, current_version
from samskap.matching.services.live import live_rows


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
    texts = [engine.passage_text(as_engine_item(r)) for r in rows]
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
    version = current_version()
    rows = _indexed_needs()
    counties = sorted({c for r in rows for c in (r.meta or {}).get("counties", [])})
    computed = {county: _clusters(_in_county(rows, county)) for county in ["", *counties]}
    with transaction.atomic():
        for county, clusters in computed.items():
            StoredChallenges.objects.update_or_create(county=county, defaults={"clusters": clusters,
                                                                               "version": version})
        StoredChallenges.objects.exclude(county__in=list(computed)).delete()
    return len(computed)


def shared_challenges(county: str | None = None, threshold: float | None = None, *,
                      with_trends: bool = True, stored_only: bool = False,
                      limit: int | None = None) -> list[Challenge]:
    """A region's needs clustered into shared challenges (biggest first), as the worker stored them
    (`compute_challenges`). A read: it neither writes nor embeds nor clusters the catalogue -- except
    when nothing was ever stored and the catalogue is small, or for another ``threshold`` (tuning).
    Every member is checked against the live visibility rules. ``with_trends=False`` leaves out the
    registered trends (the front page shows none); ``stored_only=True`` never clusters (the front page,
    on every request, shows nothing until the worker has stored its clusters); ``limit`` stops after that
    many challenges (the biggest), so that only their members are checked."""
    clusters: list[dict[str, Any]] | None = None
    if threshold is None:
        stored = StoredChallenges.objects.filter(county=county or "").first()
        if stored is not None:
            clusters = list(stored.clusters)
        elif StoredChallenges.objects.exists():
            return []  # computed, and this county has no indexed needs
    if clusters is None and stored_only:
        return []
    if clusters is None:
        rows = _in_county(_indexed_needs()[:settings.SAMSKAP_INDEX_SMALL + 1], county)
        if len(rows) > settings.SAMSKAP_INDEX_SMALL:
            return []
        clusters = _clusters(rows, threshold)
    if limit is not None:
        clusters = clusters[:limit * 2]  # biggest first; spare ones for clusters the live check empties
    live = live_rows([i for c in clusters for i in c["ids"]])
    trends = registry.shared_trends() if with_trends else []  # e.g. outlook's population trend
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
    return out[:limit] if limit is not None else out
