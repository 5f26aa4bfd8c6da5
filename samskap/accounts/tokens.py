"""Invitation links: a signed (invitation id, nonce) pair. Forged links fail the signature; a resent or
revoked invitation has a new nonce, so older links stop working."""

from __future__ import annotations

import secrets

from django.core import signing

SALT = "samskap.accounts.invitation"


def new_nonce() -> str:
    return secrets.token_hex(16)


def make_token(invitation_pk: int, nonce: str) -> str:
    return signing.dumps([invitation_pk, nonce], salt=SALT, compress=False)


def read_token(token: str) -> tuple[int, str] | None:
    """(invitation id, nonce), or None for a forged or damaged link."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (not isinstance(value, list) or len(value) != 2 or not isinstance(value[0], int)
            or not isinstance(value[1], str)):
        return None
    return value[0], value[1]
