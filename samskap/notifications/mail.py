"""Notification e-mails: one message per notification on "immediate", one weekly digest per person with the
notifications on "digest". Each is written in the reader's language and carries the unsubscribe link of its
address. Notifications are claimed (``emailed_at``) before sending and released if the SMTP server refuses,
so nothing goes out twice.
"""

from __future__ import annotations

import logging
import smtplib
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from samskap.notifications import actions, queries
from samskap.notifications.models import Delivery, Notification

logger = logging.getLogger(__name__)


def site_url(path: str) -> str:
    """An absolute link for e-mail: the configured site URL (SAMSKAP_SITE_URL) and ``path``."""
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


def unsubscribe_url(email: str) -> str:
    return site_url(reverse("notifications:unsubscribe", kwargs={"token": actions.opt_out_for(email).token}))


def address_of(notification: Notification) -> str:
    return notification.email or queries.email_of(notification.recipient)


def name_of(notification: Notification) -> str:
    person = getattr(notification.recipient, "person", None)
    return str(getattr(person, "name", "") or (notification.params or {}).get("name", "") or "")


def _send(email: str, subject: str, body: str, connection: Any) -> bool:
    url = unsubscribe_url(email)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email],
                           connection=connection,
                           headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Notification mail to %s failed: %s", email, exc)
        return False
    return True


def _items(notifications: list[Notification]) -> list[dict[str, Any]]:
    return [{"notification": n, "message": n.message, "label": n.kind_label,
             "url": site_url(n.url) if n.url else ""} for n in notifications]


def _render(name: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    with translation.override(language):
        context = {**context, "items": _items(context["notifications"])}
        subject = " ".join(render_to_string(f"notifications/email/{name}_subject.txt", context).split())
        body = render_to_string(f"notifications/email/{name}.txt", context)
    return subject, body


def send_notifications(pks: list[int]) -> dict[str, int]:
    """E-mail each of these (immediate) notifications that has not been e-mailed yet."""
    stats = {"messages": 0, "skipped": 0, "failed": 0}
    claimed = actions.claim_mail(pks, Delivery.IMMEDIATE)
    if not claimed:
        return stats
    done: set[int] = set()
    try:
        with get_connection(fail_silently=False) as connection:
            _send_each(claimed, connection, stats, done)
    except (OSError, smtplib.SMTPException):
        actions.release_mail(n for n in claimed if n.pk not in done)  # the server is unreachable: try again later
        raise
    return stats


def _send_each(claimed: list[Notification], connection: Any, stats: dict[str, int], done: set[int]) -> None:
    for notification in claimed:
        done.add(notification.pk)
        email = address_of(notification)
        if not email or queries.is_unsubscribed(email):
            stats["skipped"] += 1
            continue
        context = {"notifications": [notification], "name": name_of(notification), "unsubscribe_url": unsubscribe_url(email),
                   "preferences_url": site_url(reverse("notifications:preferences"))}
        subject, body = _render("notification", context, queries.language_of(notification))
        if _send(email, subject, body, connection):
            stats["messages"] += 1
        else:
            actions.release_mail([notification])
            stats["failed"] += 1


def send_pending() -> dict[str, int]:
    """E-mail the "at once" notifications that are still not e-mailed (the mail server was down or refused
    them when their task ran). Run every few minutes or hourly (``samskap notifications send_pending``)."""
    pending = list(Notification.objects.filter(delivery=Delivery.IMMEDIATE, emailed_at__isnull=True)
                   .order_by("pk").values_list("pk", flat=True)[:1000])
    return send_notifications(pending) if pending else {"messages": 0, "skipped": 0, "failed": 0}


def send_digests() -> dict[str, int]:
    """One e-mail per person with their unread notifications on "digest" that no digest has carried yet.
    Run weekly (``samskap notifications send_digests``)."""
    stats = {"messages": 0, "notifications": 0, "failed": 0}
    pending = list(Notification.objects.filter(delivery=Delivery.DIGEST, emailed_at__isnull=True,
                                               recipient__isnull=False).values_list("pk", flat=True))
    if not pending:
        return stats
    claimed = actions.claim_mail(pending, Delivery.DIGEST)
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in claimed:
        if notification.read_at is None:  # what the person has already read is not repeated
            by_user[notification.recipient_id].append(notification)  # type: ignore[index]
    done: set[int] = set()
    try:
        with get_connection(fail_silently=False) as connection:
            _send_digests(list(by_user.values()), connection, stats, done)
    except (OSError, smtplib.SMTPException):
        actions.release_mail(n for n in claimed if n.pk not in done)
        raise
    return stats


def _send_digests(groups: list[list[Notification]], connection: Any, stats: dict[str, int], done: set[int]) -> None:
    for notifications in groups:
        done.update(n.pk for n in notifications)
        first = notifications[0]
        email = address_of(first)
        if not email or queries.is_unsubscribed(email):
            continue
        context = {"notifications": notifications, "name": name_of(first), "count": len(notifications),
                   "unsubscribe_url": unsubscribe_url(email),
                   "list_url": site_url(reverse("notifications:list")),
                   "preferences_url": site_url(reverse("notifications:preferences"))}
        subject, body = _render("digest", context, queries.language_of(first))
        if _send(email, subject, body, connection):
            stats["messages"] += 1
            stats["notifications"] += len(notifications)
        else:
            actions.release_mail(notifications)
            stats["failed"] += 1
