"""Per-client rate limits of expensive endpoints (search, similar needs), counted in the cache.

A limit is ``settings.SAMSKAP_RATELIMITS[scope]``, written ``"requests/seconds"`` (``"30/60"``: 30
requests a minute). Logged-in clients are counted per account, anonymous ones per IP address (the
address allauth trusts, so ``ALLAUTH_TRUSTED_PROXY_COUNT`` behind a proxy applies here too). The count
is a fixed window keyed on the window's number, raised with the cache's atomic ``add``/``incr``; with
several worker processes, configure a shared cache (Redis or Memcached in ``CACHES``) or each worker
counts alone, so the effective limit is the setting times the number of workers.

``hit(request, scope)`` counts one request and returns ``None`` when it is allowed, or the number of
seconds to wait (for ``Retry-After``) when the client is over its limit. An empty or ``"0"`` limit
turns the scope off.
"""
from __future__ import annotations

import math
import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Limit:
    requests: int
    seconds: int


def parse(spec: str) -> Limit | None:
    """``"30/60"`` -> Limit(30, 60); ``""`` or ``"0"`` -> None (no limit)."""
    spec = (spec or "").strip()
    if spec in {"", "0"}:
        return None
    try:
        requests, seconds = (int(part) for part in spec.split("/", 1))
    except ValueError:
        raise ImproperlyConfigured(f"A rate limit is written 'requests/seconds', not {spec!r}") from None
    if requests < 1 or seconds < 1:
        raise ImproperlyConfigured(f"A rate limit needs at least one request and one second, not {spec!r}")
    return Limit(requests, seconds)


def limit_for(scope: str) -> Limit | None:
    return parse(getattr(settings, "SAMSKAP_RATELIMITS", {}).get(scope, ""))


def client_key(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{get_adapter().get_client_ip(request)}"


def hit(request: HttpRequest, scope: str) -> int | None:
    """Count one request of ``scope``; ``None`` if allowed, else the seconds until the window ends."""
    limit = limit_for(scope)
    if limit is None:
        return None
    now = time.time()
    window = int(now // limit.seconds)
    key = f"samskap-rl:{scope}:{client_key(request)}:{window}"
    cache.add(key, 0, timeout=limit.seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr: this request opens a new window
        cache.add(key, 1, timeout=limit.seconds + 1)
        count = 1
    if count <= limit.requests:
        return None
    return max(1, math.ceil((window + 1) * limit.seconds - now))


def too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The page for a client over its limit: 429 with Retry-After."""
    response = render(request, "429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
