"""E-mails to participants: confirmation (with the cancel link), promotion from the waiting list, and
"you are already registered" when someone registers an address again.

Queued after commit by the actions and sent by the task worker (``tasks.py``), in the language the person
registered in, through Django's e-mail backend (SMTP in production).
"""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samskap.workshops.models import Registration, RegistrationStatus

logger = logging.getLogger(__name__)


def registration_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("workshops:mine", args=[registration.event.slug, registration.token])


def _send(registration: Registration, template: str, subject: str) -> bool:
    context = {"registration": registration, "event": registration.event, "url": registration_url(registration),
               "choices": registration.choices.select_related("theme", "session")}
    body = render_to_string(template, context)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [registration.email])
    except (OSError, smtplib.SMTPException):
        logger.exception("Could not send workshop e-mail to registration %s", registration.pk)
        return False
    return True


def _language(registration: Registration) -> str:
    languages = {code for code, _name in settings.LANGUAGES}
    return registration.language if registration.language in languages else settings.LANGUAGE_CODE


def send_confirmation(registration_pk: int) -> bool:
    registration = Registration.objects.select_related("event").get(pk=registration_pk)
    if not registration.email:
        return False
    with translation.override(_language(registration)):
        if registration.status == "waitlisted":
            subject = _("On the waiting list: %(title)s") % {"title": registration.event.title}
        else:
            subject = _("Registration confirmed: %(title)s") % {"title": registration.event.title}
        return _send(registration, "workshops/email/confirmation.txt", subject)


def send_promotion(registration_pk: int) -> bool:
    registration = Registration.objects.select_related("event").get(pk=registration_pk)
    if not registration.email:
        return False
    with translation.override(_language(registration)):
        subject = _("You have a place: %(title)s") % {"title": registration.event.title}
        return _send(registration, "workshops/email/promotion.txt", subject)


def send_already_registered(event_pk: int, email: str) -> bool:
    """Tell the owner of an address that it is already registered, with the personal link.

    The registration form answers the same for a new and an already registered address (so it does not
    tell anyone who is registered); this e-mail, to the address itself, says what happened.
    """
    registration = (Registration.objects.select_related("event")
                    .filter(event_id=event_pk, email__iexact=email.strip())
                    .exclude(status=RegistrationStatus.CANCELLED).order_by("pk").first())
    if registration is None or not registration.email:
        return False
    with translation.override(_language(registration)):
        subject = _("Already registered: %(title)s") % {"title": registration.event.title}
        return _send(registration, "workshops/email/already_registered.txt", subject)
