"""Helpers for the notification tests."""

from __future__ import annotations

from typing import Any

from samskap.notifications.models import Notification


def messages_to(received: list[Any], address: str) -> list[Any]:
    return [m for m in received if address in m["To"]]


def body(message: Any) -> str:
    payload = message.get_payload(decode=True)
    return payload.decode(message.get_content_charset() or "utf-8") if payload else str(message.get_payload())


def kinds_of(user: Any) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))
