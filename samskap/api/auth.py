"""API authentication: bearer tokens (for scripts) or the browser session (for htmx pages).

A request that is neither -- no token, a wrong, expired or revoked token, and no logged-in session -- gets
401 with ``WWW-Authenticate: Bearer`` (see ``samskap.api.api``), not a CSRF error: the CSRF check belongs
to the session, so it runs only when there is a logged-in session to protect.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from samskap.directory.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = (ApiToken.objects.select_related("user")
                     .filter(key_hash=ApiToken.hash_key(token)).first())
        if api_token is None or not api_token.is_active or not api_token.user.is_active:
            return None
        api_token.touch()
        request.user = api_token.user
        return api_token.user


class BrowserSessionAuth(SessionAuth):
    """ninja's session auth, with its CSRF check only for a logged-in session (an anonymous request has no
    session to forge; it must get 401, not "CSRF check Failed")."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


WRITE_AUTH = [TokenAuth(), BrowserSessionAuth()]
