"""Account e-mails: invitations and the rendered allauth messages. Sent from tasks. (Profile claims are
notifications: ``notices.py``.)"""

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

from samskap.accounts.models import Invitation
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
