"""Request types for annotating views (static typing only; nothing here changes a request).

``HttpRequest`` does not know about attributes that middleware adds or narrows:

* ``HtmxHttpRequest`` -- ``request.htmx``, set by ``django_htmx.middleware.HtmxMiddleware``;
* ``AuthenticatedHttpRequest`` -- ``request.user`` in views behind ``login_required``.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    user: User


def safe_next(request: HttpRequest, value: str | None, fallback: str) -> str:
    """``value`` if it is a safe place to send the user back to on this site, else ``fallback``.

    Every ``next`` / redirect target taken from a request goes through here (Django's
    ``url_has_allowed_host_and_scheme``: same host, http(s) only, no ``//evil.example`` or ``/\\\\evil``)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    if value and url_has_allowed_host_and_scheme(value, allowed_hosts={request.get_host()},
                                                 require_https=request.is_secure()):
        return value
    return fallback


#: The largest primary key the databases store (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def posted_id(value: str | None) -> int | None:
    """A primary key from a form value, or None when it is not one (text, negative, beyond 64 bits):
    hostile values must give a 404 or a form error, never a database error."""
    value = (value or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def posted_ids(values: list[str], *, limit: int = 500) -> list[int]:
    """The primary keys among form values (see ``posted_id``), at most ``limit``, in order, without repeats."""
    out: list[int] = []
    for value in values:
        number = posted_id(value)
        if number is not None and number not in out:
            out.append(number)
            if len(out) >= limit:
                break
    return out
