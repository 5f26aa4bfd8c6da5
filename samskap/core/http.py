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
