"""Answer repeated anonymous GET requests of public pages and the read API from memory.

A page opts in with ``@public_page`` (or is under ``/api/v1/``); the middleware then keys the rendered
answer on everything that can change it:

- the content version (``samskap.core.changes``), read from the database at most every
  ``SAMSKAP_PAGE_CACHE_CHECK_SECONDS`` (0.5 s) per process and at once after the process's own writes, so a
  committed write by any process on any machine makes every process render afresh within that time;
- the language, host, path with its query string, and htmx's request headers (a fragment is not the page);
- a time limit (``SAMSKAP_PAGE_CACHE_SECONDS``, 0 turns the cache off) for what changes with the clock alone
  (a deadline passing, a registration opening) and for writes Samskap cannot see.

Only anonymous visitors without a session or pending messages are served from the cache; signed-in people,
API clients with a token and anything that sets a cookie, writes the session, adds a message or does not
answer 200 always go to the view. The CSRF token in a page (the language menu, htmx's header) is rendered
as a placeholder and each visitor gets their own token in its place, with the CSRF cookie to match.

The store is the ``pages`` cache (per process by default: correctness never depends on it being shared,
only the hit rate does).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.crypto import salted_hmac
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from samskap.core.changes import recent_content_version

F = TypeVar("F", bound=Callable[..., Any])


def _placeholder(purpose: str) -> str:
    """Letters only (escaping leaves it as it is), the same in every process of one installation, and not
    guessable without the secret key: text a visitor puts in a page (a search box, a query string) can never
    contain it, so filling in a placeholder never touches what a visitor wrote."""
    digest = salted_hmac("samskap.core.pagecache.placeholder", purpose).hexdigest()[:40]
    return "Samskap" + digest.translate(str.maketrans("0123456789", "ghijklmnop"))


#: Stands for the CSRF token while a cached page is rendered.
CSRF_PLACEHOLDER = _placeholder("csrf")
#: Stands for the request's path with its query string in a kept part of the page (``{% current_path %}``),
#: so that one rendering serves every URL.
PATH_PLACEHOLDER = _placeholder("path")
#: Answers larger than this are never stored (a whole-country export, say).
MAX_BODY_BYTES = 512 * 1024
_HTMX_HEADERS = ("HX-Request", "HX-Target", "HX-Trigger", "HX-Trigger-Name", "HX-Boosted", "HX-History-Restore-Request")
_SKIPPED_HEADERS = {"set-cookie", "vary", "content-length"}
STATUS_HEADER = "X-Samskap-Cache"
#: The schema and its viewer do not depend on the data (ninja keeps the schema in memory already).
_API_UNCACHED = ("/api/v1/openapi.json", "/api/v1/docs")


def public_page(view: F) -> F:
    """Mark a view whose anonymous answer depends only on the data, the request's URL and the language."""
    view.samskap_public_page = True  # type: ignore[attr-defined]
    return view


def seconds() -> int:
    return int(getattr(settings, "SAMSKAP_PAGE_CACHE_SECONDS", 0) or 0)


def check_seconds() -> float:
    """How long a process trusts its last reading of the content version (other processes' writes)."""
    return float(getattr(settings, "SAMSKAP_PAGE_CACHE_CHECK_SECONDS", 0.5))


def _eligible(request: HttpRequest, view_func: Any) -> bool:
    if request.method not in ("GET", "HEAD") or seconds() <= 0:
        return False
    api = request.path.startswith("/api/v1/") and not request.path.startswith(_API_UNCACHED)
    if not (getattr(view_func, "samskap_public_page", False) or api):
        return False
    if "Authorization" in request.headers:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False  # a session can hold a signed-in user, a guest's state or messages
    return True


def cache_key(request: HttpRequest, version: int) -> str:
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    parts = [request.get_host(), request.get_full_path()] + [request.headers.get(h, "") for h in _HTMX_HEADERS]
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogateescape")).hexdigest()
    return f"page:{version}:{language}:{digest}"


def csrf_placeholder(request: HttpRequest) -> dict[str, Any]:
    """Context processor: while a page or fragment is rendered for the cache, its CSRF token is the
    placeholder (the middleware puts each visitor's own token in its place)."""
    if rendering_for_cache(request):
        return {"csrf_token": CSRF_PLACEHOLDER}
    return {}


def cached_fragment(request: HttpRequest, name: str, audience: str, render: Callable[[], str]) -> SafeString:
    """A part of a page that is the same for everyone in ``audience`` (e.g. "everyone", "coordinator"), kept
    rendered in the ``pages`` cache under the same rules as whole pages (content version, language, time
    limit), for signed-in people too. ``render`` makes it; it must not depend on who asks beyond
    ``audience``. Its CSRF tokens become the placeholder, replaced per response by the middleware."""
    if seconds() <= 0:
        return mark_safe(render())  # noqa: S308 - rendered by our own template
    try:
        version = recent_content_version(check_seconds())
    except DatabaseError:
        return mark_safe(render())  # noqa: S308
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    key = f"fragment:{name}:{audience}:{version}:{language}:{request.get_host()}"
    html: str | None = caches["pages"].get(key)
    if html is None:
        outer = getattr(request, "samskap_fragment_render", False)  # a kept part inside another one
        request.samskap_fragment_render = True  # type: ignore[attr-defined]
        try:
            html = render()
        finally:
            request.samskap_fragment_render = outer  # type: ignore[attr-defined]
        caches["pages"].set(key, html, seconds())
    request.samskap_has_placeholder = True  # type: ignore[attr-defined]
    return mark_safe(html)  # noqa: S308


def cached_section(request: HttpRequest, name: str, audience: str, template: str,
                   context: Callable[[], dict[str, Any]]) -> SafeString:
    """The main part of a list page (filters, table, pages) kept rendered per URL and ``audience``: a
    :func:`cached_fragment` named after the page and its full path (the query string selects the rows).
    ``context`` makes the template's context, only when the part has to be rendered."""
    url = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return cached_fragment(request, f"{name}:{url}", audience,
                           lambda: render_to_string(template, context(), request))


def rendering_for_cache(request: HttpRequest | None) -> bool:
    """True while a page or part of one is rendered to be kept: what differs per request must be a placeholder."""
    return bool(getattr(request, "samskap_page_cache_key", None) or getattr(request, "samskap_fragment_render", False))


def _personalise(content: bytes, request: HttpRequest) -> bytes:
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in content:
        content = content.replace(placeholder, get_token(request).encode())
    placeholder = PATH_PLACEHOLDER.encode()
    if placeholder in content:
        content = content.replace(placeholder, escape(request.get_full_path()).encode())
    return content


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if "no-store" in response.get("Cache-Control", "") or "private" in response.get("Cache-Control", ""):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    messages = getattr(request, "_messages", None)
    if messages is not None and getattr(messages, "added_new", False):
        return False
    return len(response.content) <= MAX_BODY_BYTES


class PublicPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if isinstance(getattr(request, "samskap_page_cache_hit", None), HttpResponse):
            return response
        key = getattr(request, "samskap_page_cache_key", None)
        if key is not None and _storable(request, response):
            headers = {k: v for k, v in response.items() if k.lower() not in _SKIPPED_HEADERS}
            caches["pages"].set(key, (response.status_code, headers, bytes(response.content)), seconds())
            response[STATUS_HEADER] = "miss"
        if (key is not None or getattr(request, "samskap_has_placeholder", False)) and not response.streaming:
            response.content = _personalise(response.content, request)
        return response

    def process_view(self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if not _eligible(request, view_func):
            return None
        try:
            version = recent_content_version(check_seconds())
        except DatabaseError:  # a database not migrated yet: serve from the view
            return None
        key = cache_key(request, version)
        hit = caches["pages"].get(key)
        if hit is not None:
            status, headers, content = hit
            response = HttpResponse(_personalise(content, request), status=status, headers=headers)
            response[STATUS_HEADER] = "hit"
            request.samskap_page_cache_key = key  # type: ignore[attr-defined]
            request.samskap_page_cache_hit = response  # type: ignore[attr-defined]
            return response
        request.samskap_page_cache_key = key  # type: ignore[attr-defined]
        return None
