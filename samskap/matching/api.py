from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import ngettext
from ninja import Router, Schema, Status

from samskap.core import ratelimit
from samskap.matching import services
from samskap.needs.queries import visible_needs

router = Router()
#: Brokering's endpoints under /api/v1/needs/ (mounted right after the needs app's router, tag "needs").
needs_router = Router()


class MatchIn(Schema):
    text: str
    kind: str | None = None
    top: int = 10


class MatchOut(Schema):
    id: str
    kind: str
    title: str
    score: float
    why: str
    url: str
    shared_terms: list[str] = []
    topics: list[str] = []


class MatchError(Schema):
    detail: str


def _too_many(wait: int) -> str:
    return ngettext("Too many searches in a short while: try again in %(n)d second.",
                    "Too many searches in a short while: try again in %(n)d seconds.", wait) % {"n": wait}


def to_out(results: list[services.Result]) -> list[dict[str, Any]]:
    return [{"id": r.id, "kind": r.kind, "title": r.title, "score": round(r.score, 6), "why": r.why, "url": r.url,
             "shared_terms": list(r.shared_terms), "topics": r.topics}
            for r in results]


@router.post("", response={200: list[MatchOut], 422: MatchError, 429: MatchError},
             summary="Match a text against the catalogue")
def match(request: HttpRequest, payload: MatchIn,
          response: HttpResponse) -> Status[list[dict[str, Any]]] | Status[dict[str, str]]:
    """Results best first. An overlong text is cut; the header X-Query-Truncated: 1 says so.

    Searches are limited per client (``SAMSKAP_RATELIMIT_SEARCH``); over the limit the answer is 429
    with Retry-After."""
    wait = ratelimit.hit(request, "search")
    if wait is not None:
        response["Retry-After"] = str(wait)
        return Status(429, {"detail": _too_many(wait)})
    try:
        results = services.search(payload.text, kinds=[payload.kind] if payload.kind else None,
                                  top=max(1, min(payload.top, 100)))
    except services.QueryError as exc:
        return Status(422, {"detail": str(exc)})
    if results.truncated:
        response["X-Query-Truncated"] = "1"
    return Status(200, to_out(results))


# The operation id is the one the endpoint had when it lived in samskap/needs/api.py.
@needs_router.get("/{int:need_id}/matches", response={200: dict[str, list[MatchOut]], 422: MatchError},
                  summary="Suggestions for a need, grouped by kind",
                  operation_id="samskap_needs_api_need_matches")
def need_matches(request: HttpRequest, need_id: int, kind: str | None = None,
                 top: int = 5) -> dict[str, list[dict[str, Any]]] | Status[dict[str, str]]:
    need = get_object_or_404(visible_needs(request.user), pk=need_id)
    try:
        grouped = services.matches_for_need(need, top=max(1, min(top, 50)), kinds=[kind] if kind else None)
    except services.QueryError as exc:
        return Status(422, {"detail": str(exc)})
    return {k: to_out(v) for k, v in grouped.items()}
