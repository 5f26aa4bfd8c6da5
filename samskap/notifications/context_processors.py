from __future__ import annotations

import functools
from typing import Any

from django.http import HttpRequest

from samskap.notifications.queries import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the header's notifications link, counted only if a template asks (the kept
    header does not, once rendered): templates call it, once per request."""
    user = getattr(request, "user", None)
    return {"unread_notifications": functools.cache(lambda: unread_count(user))}
