"""Who may do what with workshops (built on samskap.directory.permissions)."""

from __future__ import annotations

import hmac
from typing import Any

from samskap.directory.permissions import is_coordinator
from samskap.workshops.models import Registration


def can_cancel(actor: Any, registration: Registration, token: str | None = None) -> bool:
    if token and hmac.compare_digest(str(token), registration.token):
        return True
    if is_coordinator(actor):
        return True
    user = actor if getattr(actor, "is_authenticated", False) else None
    return bool(user and registration.person is not None and registration.person.user_id == user.pk)
