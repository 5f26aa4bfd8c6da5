"""The personal agenda by e-mail after the schedule is published (in the participant's language: nb, nn or
en), sent by the task worker."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samskap.partnering import queries
from samskap.workshops.models import Registration

logger = logging.getLogger(__name__)


def _language(registration: Registration) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    return registration.language if registration.language in languages else settings.LANGUAGE_CODE


def agenda_text(registration: Registration) -> tuple[str, str]:
    """(subject, body) of the agenda e-mail in the participant's language."""
    meetings = queries.agenda(registration)
    rows = [{"meeting": m, "other": m.request.other(registration)} for m in meetings]
    event = registration.event
    base = settings.SITE_URL
    with translation.override(_language(registration)):
        subject = _("Your meetings at %(title)s") % {"title": event.title}
        body = render_to_string("partnering/email/agenda.txt", {
            "registration": registration, "event": event, "rows": rows,
            "url": base + reverse("partnering:mine", args=[event.slug, registration.token]),
            "ical": base + reverse("partnering:ical", args=[event.slug, registration.token]),
        })
    return subject, body


def send_agenda(registration_pk: int) -> bool:
    registration = Registration.objects.select_related("event").get(pk=registration_pk)
    if not registration.email:
        return False
    subject, body = agenda_text(registration)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send the meeting agenda to registration %s", registration.pk)
        return False
    return True
