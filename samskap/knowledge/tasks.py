"""Background work: e-mailing barometer answer links."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from samskap.knowledge import actions
from samskap.knowledge.barometer import THRESHOLD
from samskap.knowledge.models import Recipient, Survey, SurveyStatus

logger = logging.getLogger(__name__)


def answer_url(token: str) -> str:
    return settings.SITE_URL + reverse("knowledge:answer", kwargs={"token": token})


@task()
def send_invitations(survey_id: int) -> dict[str, int]:
    """E-mail a fresh, single-use link to each recipient of an open survey who has not been sent one.

    The token is stored only as a hash, after the message was accepted by the SMTP server; a recipient whose
    message failed keeps no token and gets one on the next run.
    """
    survey = Survey.objects.filter(pk=survey_id, status=SurveyStatus.OPEN).first()
    if survey is None:
        return {"sent": 0, "failed": 0}
    pending = list(Recipient.objects.filter(survey=survey, sent_at__isnull=True, answered_at__isnull=True)
                   .select_related("municipality"))
    sent = failed = 0
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        for recipient in pending:
            token = recipient.issue_token()
            with translation.override(recipient.municipality.ui_language):
                context = {"survey": survey, "recipient": recipient, "url": answer_url(token), "threshold": THRESHOLD}
                subject = render_to_string("knowledge/email/invitation_subject.txt", context).strip()
                body = render_to_string("knowledge/email/invitation.txt", context)
            message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL,
                                   to=[recipient.email], connection=connection)
            try:
                message.send()
            except (smtplib.SMTPException, OSError):
                logger.exception("Could not send the barometer link to recipient %s", recipient.pk)
                failed += 1
                continue
            actions.record_invitation_sent(recipient)
            sent += 1
    finally:
        connection.close()
    return {"sent": sent, "failed": failed}
