"""API authentication: bearer tokens (for scripts) or the browser session (for htmx pages)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, django_auth

from samskap.directory.models import ApiToken


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        try:
            api_token = ApiToken.objects.select_related("user").get(key_hash=ApiToken.hash_key(token))
        except ApiToken.DoesNotExist:
            return None
        if not api_token.user.is_active:
            return None
        api_token.touch()
        request.user = api_token.user
        return api_token.user


WRITE_AUTH = [TokenAuth(), django_auth]
