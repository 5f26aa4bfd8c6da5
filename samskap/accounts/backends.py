"""Brute-force protection with django-axes, for every login that comes with a request."""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend
from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist


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


class AccountBackend(AuthenticationBackend):
    """allauth's backend (a username or an e-mail address and a password), which also loads the signed-in
    person's directory entry with the user: every signed-in request reads the person (the header, the UI
    language), so one query instead of two.

    Sessions record the backend's path; ``accounts/migrations/0002`` moves sessions made with allauth's
    own path to this one (``accounts.sessions.move_sessions``)."""

    def get_user(self, user_id: Any) -> Any:
        users = get_user_model()._default_manager.select_related("person")
        try:
            user = users.get(pk=user_id)
        except ObjectDoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
