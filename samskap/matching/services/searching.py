"""Search over the index: the query and kind checks, the filters, and `search` itself (free search, and
the searches of the suggestion panels and similar needs)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.matching import engine
from samskap.matching.models import CatalogItem
from samskap.matching.services.delta import merge
from samskap.matching.services.index import get_view
from samskap.matching.services.live import live_rows
from samskap.matching.services.parts import Part
from samskap.matching.services.results import Result, Results, kind_reason
from samskap.matching.sources import kinds as registered_kinds

QueryError = engine.QueryError


def clean_query(text: str | None) -> tuple[str, bool]:
    """The engine's query check, with messages in the user's language."""
    try:
        return engine.validate_query(text)
    except engine.QueryError as exc:
        if text is None or not str(text).strip():
            raise QueryError(_("The query is empty: write a few words describing the need.")) from exc
        raise QueryError(_("The query has no letters or digits.")) from exc


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


def _allowed(items: Part, *, county: str | None, municipality: str | None,
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


def _part_filter(part: Part, *, county: str | None, municipality: str | None, applicant: str | None,
                 open_only: bool, exclude: Callable[[CatalogItem], bool] | None) -> Callable[[str], bool] | None:
    allowed = _allowed(part, county=county, municipality=municipality, applicant=applicant, open_only=open_only)
    if exclude is None:
        return allowed
    base = allowed

    def ok(external_id: str) -> bool:
        ci = part.get(external_id)
        return ci is not None and not exclude(ci) and (base is None or base(external_id))

    return ok


def search(text: str, *, kinds: Iterable[str] | None = None, top: int = 10, county: str | None = None,
           municipality: str | None = None, applicant: str | None = None, open_only: bool = False,
           exclude_ids: Iterable[str] = (), exclude: Callable[[CatalogItem], bool] | None = None,
           mode: str = "hybrid", query_vector: Any = None, floor: bool = False) -> Results:
    """Hybrid search over the catalogue with filters; every result carries its reason.

    ``floor=True`` keeps only matches whose calibrated probability of relevance reaches
    ``engine.config.RELEVANCE_FLOOR`` (suggestion panels: fewer, better; "no good match yet").

    Queries longer than engine.MAX_QUERY_CHARS are cut there; the result's `truncated` says so.
    Every result is one that may be shown now (`live.live_rows`), whatever state the index is in.
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
        matches = merge(matches, extra, view.unembedded, mode) if view.snapshot is not None else extra
    if not matches:
        return out
    rows = live_rows([m.id for m in matches])
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
