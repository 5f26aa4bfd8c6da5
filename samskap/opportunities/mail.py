"""E-mail about opportunities, sent by the background tasks in `tasks.py` (never in a request).

The owner side is reached through the opportunity's contact person, else the person who registered it;
a sketch's sender through their account's address. Each message is in the recipient's preferred language.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from samskap.directory.models import Person
from samskap.opportunities.models import Opportunity, Sketch

logger = logging.getLogger(__name__)


def _language(user: Any) -> str:
    person = Person.objects.filter(user=user).first() if user is not None else None
    return (person.preferred_language if person and person.preferred_language else "") or settings.LANGUAGE_CODE


def _owner(opportunity: Opportunity) -> tuple[str, Any]:
    contact = opportunity.contact
    if contact is not None and contact.email:
        return contact.email, contact.user
    user = opportunity.created_by
    if user is not None and user.email:
        return user.email, user
    return "", None


def _url(path: str) -> str:
    return settings.SITE_URL + path


def _send(email: str, user: Any, subject: Any, body: Any) -> int:
    if not email:
        return 0
    with translation.override(_language(user)):
        return send_mail(str(subject()), str(body()), settings.DEFAULT_FROM_EMAIL, [email])


def vetting_decided(opportunity: Opportunity) -> int:
    email, user = _owner(opportunity)
    link = _url(reverse("opportunities:detail", args=[opportunity.pk]))
    return _send(email, user,
                 lambda: _("Vetting of “%(title)s”: %(status)s") % {"title": opportunity.title,
                                                                     "status": opportunity.get_status_display()},
                 lambda: _("The opportunity “%(title)s” is now: %(status)s.\n\n%(note)s\n\nSee it at %(link)s")
                 % {"title": opportunity.title, "status": opportunity.get_status_display(),
                    "note": opportunity.vetting_note, "link": link})


def sketch_sent(sketch: Sketch) -> int:
    opportunity = sketch.opportunity
    email, user = _owner(opportunity)
    link = _url(reverse("opportunities:sketch", args=[sketch.pk]))
    return _send(email, user,
                 lambda: _("New sketch for “%(title)s”") % {"title": opportunity.title},
                 lambda: _("%(name)s has sent a sketch for “%(title)s”. Read it and answer at %(link)s")
                 % {"name": sketch.sender_name, "title": opportunity.title, "link": link})


def sketch_decided(sketch: Sketch) -> int:
    link = _url(reverse("opportunities:sketch", args=[sketch.pk]))
    return _send(sketch.sender.email, sketch.sender,
                 lambda: _("Your sketch for “%(title)s”: %(status)s") % {
                     "title": sketch.opportunity.title, "status": sketch.get_status_display()},
                 lambda: _("Your sketch for “%(title)s” was answered: %(status)s.\n\n%(message)s\n\nSee %(link)s")
                 % {"title": sketch.opportunity.title, "status": sketch.get_status_display(),
                    "message": sketch.owner_message, "link": link})


def renewal_requested(opportunity: Opportunity) -> int:
    email, user = _owner(opportunity)
    link = _url(reverse("opportunities:detail", args=[opportunity.pk]))
    return _send(email, user,
                 lambda: _("Renew “%(title)s”?") % {"title": opportunity.title},
                 lambda: _("The opportunity “%(title)s” expired on %(date)s and is hidden from the catalogue. "
                           "Renew it or archive it at %(link)s")
                 % {"title": opportunity.title, "date": opportunity.expires_on.isoformat(), "link": link})
