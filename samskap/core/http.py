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
