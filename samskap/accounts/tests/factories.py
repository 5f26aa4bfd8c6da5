"""Builders for the accounts tests."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from allauth.account.models import EmailAddress
from django.utils import timezone

from samskap.accounts import actions
from samskap.accounts.models import Invitation
from samskap.accounts.tokens import make_token


def verify(user: Any, email: str | None = None) -> EmailAddress:
    address, _created = EmailAddress.objects.update_or_create(
        user=user, email=email or user.email, defaults={"verified": True, "primary": True})
    return address


def token(invitation: Invitation) -> str:
    invitation.refresh_from_db()
    return make_token(invitation.pk, invitation.nonce)


def invite_contact(coordinator: Any, email: str = "ny.kontakt@example.org", codes: tuple[str, ...] = ("5006",),
                   ) -> Invitation:
    return actions.invite(email, "foui_contact", codes, "Nina Ny", actor=coordinator)


def expire(invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))


def link_in(text: str) -> str:
    found = re.search(r"https?://\S+", text)
    assert found, text
    return found.group(0)


def body_of(message: Any) -> str:
    """The text part of an e-mail from the SMTP test server."""
    if message.is_multipart():
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                return str(part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8"))
    return str(message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8"))
