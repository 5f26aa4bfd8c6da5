"""Brute-force protection with django-axes, for every login that comes with a request."""

from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend


class AxesBackend(AxesStandaloneBackend):
    """django-axes for logins through a request (the login page, the admin, allauth's flows).

    ``authenticate()`` without a request (the test client's ``login``, the shell) is not a brute-force
    channel and is passed on to the next backend instead of failing."""

    def authenticate(self, request: Any, username: str | None = None, password: str | None = None,
                     **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def axes_username(request: Any, credentials: dict[str, Any] | None = None) -> str | None:
    """The account a login attempt is for: a username or an e-mail address (allauth's ``login`` field)."""
    credentials = credentials or {}
    value = credentials.get("username") or credentials.get("email")
    if not value and request is not None:
        data = getattr(request, "POST", {})
        value = data.get("login") or data.get("username")
    return str(value).strip().lower() if value else None
