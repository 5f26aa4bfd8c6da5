"""Account e-mails: invitations, profile claims, and the rendered allauth messages. Sent from tasks."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samskap.accounts.models import Invitation, ProfileClaim
from samskap.accounts.tokens import make_token

logger = logging.getLogger(__name__)


def invitation_url(invitation: Invitation) -> str:
    return settings.SITE_URL + reverse("accounts:invitation", args=[make_token(invitation.pk, invitation.nonce)])


def _send(subject: str, body: str, to: list[str]) -> bool:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send an account e-mail")
        return False
    return True


def _language(code: str) -> str:
    languages = {c for c, _name in settings.LANGUAGES}
    return code if code in languages else settings.LANGUAGE_CODE


def send_invitation(invitation_pk: int) -> bool:
    invitation = Invitation.objects.select_related("invited_by").prefetch_related("municipalities").get(
        pk=invitation_pk)
    if invitation.status != "pending":
        return False
    with translation.override(_language(invitation.language)):
        inviter = invitation.invited_by
        context = {"invitation": invitation, "url": invitation_url(invitation),
                   "inviter": (inviter.get_full_name() or inviter.get_username()) if inviter else "Samskap",
                   "role": invitation.get_role_display(),
                   "municipalities": ", ".join(m.name for m in invitation.municipalities.all()),
                   "expires": invitation.expires_at}
        body = render_to_string("accounts/email/invitation.txt", context)
        return _send(_("You are invited to Samskap"), body, [invitation.email])


def notify_coordinators_of_claim(claim_pk: int) -> int:
    from samskap.directory.models import Role, RoleKind

    claim = ProfileClaim.objects.select_related("user", "person").get(pk=claim_pk)
    emails = sorted({r.user.email for r in Role.objects.filter(kind=RoleKind.COORDINATOR, user__is_active=True)
                     .select_related("user") if r.user.email})
    if not emails:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("accounts/email/claim_waiting.txt", {
            "claim": claim, "url": settings.SITE_URL + reverse("accounts:claims")})
        sent = _send(_("A profile claim is waiting for you"), body, emails)
    return len(emails) if sent else 0


def send_claim_decision(claim_pk: int) -> bool:
    claim = ProfileClaim.objects.select_related("user", "person").get(pk=claim_pk)
    if not claim.user.email:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string("accounts/email/claim_decided.txt", {
            "claim": claim, "url": settings.SITE_URL + reverse("accounts:overview")})
        return _send(_("Your profile claim was decided"), body, [claim.user.email])


def send_rendered(message: dict[str, Any]) -> bool:
    msg = EmailMultiAlternatives(message["subject"], message["body"], message.get("from_email"), message["to"])
    if message.get("html"):
        msg.attach_alternative(message["html"], "text/html")
    try:
        msg.send()
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send an account e-mail")
        return False
    return True
