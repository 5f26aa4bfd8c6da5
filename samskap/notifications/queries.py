"""Reads: who gets what how, and the in-app list."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from samskap.core.middleware import preferred_language
from samskap.core.registry import registry
from samskap.notifications.models import Delivery, MailOptOut, Notification, NotificationPreference


def delivery_for(user: Any, kind: str) -> str:
    """How ``user`` gets ``kind``: their choice, else the kind's default."""
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    if chosen:
        return str(chosen)
    registered = registry.notification_kind(kind)
    return registered.default_delivery if registered is not None else Delivery.APP


def preferences(user: Any) -> list[dict[str, Any]]:
    """Every registered kind with the person's delivery for it (for the preferences page)."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return [{"key": k.key, "label": k.label, "default": k.default_delivery,
             "delivery": chosen.get(k.key, k.default_delivery)} for k in registry.notification_kinds()]


def email_of(user: Any) -> str:
    person = getattr(user, "person", None) if user is not None else None
    email = (getattr(user, "email", "") or getattr(person, "email", "") or "").strip().lower()
    return str(email)


def language_of(notification: Notification) -> str:
    """The language an e-mail is written in: the reader's."""
    languages = {code for code, _name in settings.LANGUAGES}
    if notification.recipient_id is not None:
        language = preferred_language(notification.recipient)
    else:
        language = notification.language
    return language if language in languages else settings.LANGUAGE_CODE


def is_unsubscribed(email: str) -> bool:
    return MailOptOut.objects.filter(email=email.strip().lower(), unsubscribed_at__isnull=False).exists()


def wants_mail(email: str, kind: str) -> bool:
    """Whether another app's own e-mail of ``kind`` (the follow-up reminders) may go to ``email``: not when
    the address unsubscribed here, nor when the account behind it chose the digest or the app only."""
    email = email.strip().lower()
    if is_unsubscribed(email):
        return False
    user = (get_user_model().objects.filter(Q(email__iexact=email) | Q(person__email__iexact=email), is_active=True)
            .order_by("pk").first())
    return user is None or delivery_for(user, kind) == Delivery.IMMEDIATE


def users_with_email(emails: list[str]) -> dict[str, Any]:
    """Active accounts by (lower-case) address."""
    wanted = {e.strip().lower() for e in emails if e}
    out: dict[str, Any] = {}
    for user in (get_user_model().objects.filter(Q(email__in=wanted) | Q(person__email__in=wanted), is_active=True)
                 .select_related("person").order_by("pk")):
        for address in (email_of(user), (user.email or "").lower()):
            if address in wanted:
                out.setdefault(address, user)
    return out


def for_user(user: Any) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")


def unread_count(user: Any) -> int:
    if user is None or not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
