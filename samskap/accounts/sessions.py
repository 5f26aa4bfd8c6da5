"""Stored sessions: moving the sessions of one authentication backend to another."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing

ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
ACCOUNT_BACKEND = "samskap.accounts.backends.AccountBackend"


def move_sessions(sessions: Any, old: str, new: str) -> int:
    """Rewrite the backend path ``old`` to ``new`` in every stored session (``sessions``: the Session
    model's manager, or a migration's historical one), so the people signed in stay signed in after the
    backend is renamed: Django treats a session whose backend is not in ``AUTHENTICATION_BACKENDS`` as
    signed out. Sessions that cannot be decoded (another secret key, damaged) are left as they are; Django
    ignores them too. Returns the number of sessions rewritten."""
    store = SessionStore()
    moved = 0
    for row in sessions.only("session_key", "session_data").iterator():
        try:  # as SessionStore.decode, without its "Session data corrupted" warning for each one left alone
            data = signing.loads(row.session_data, salt=store.key_salt, serializer=store.serializer)
        except Exception:  # noqa: BLE001 - any undecodable session is one Django ignores too
            continue
        if not isinstance(data, dict) or data.get(BACKEND_SESSION_KEY) != old:
            continue
        data[BACKEND_SESSION_KEY] = new
        sessions.filter(session_key=row.session_key).update(session_data=store.encode(data))
        moved += 1
    return moved
