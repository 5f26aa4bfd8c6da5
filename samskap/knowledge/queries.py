"""Reads for the knowledge app's views and actions."""

from __future__ import annotations

from samskap.knowledge.models import Recipient, hash_token


def recipient_for_token(token: str) -> Recipient | None:
    if not token or len(token) > 100:
        return None
    return (Recipient.objects.select_related("survey", "municipality")
            .filter(token_hash=hash_token(token)).first())
