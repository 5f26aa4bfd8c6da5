from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from samskap.notifications.queries import unread_count


def notifications(request: HttpRequest) -> dict[str, Any]:
    """The unread count for the header's notifications link."""
    return {"unread_notifications": unread_count(getattr(request, "user", None))}
