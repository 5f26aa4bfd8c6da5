"""Notifications: the kind and its parameters are stored, the sentence is written when it is shown (in the
reader's language) by the kind's ``render`` in the registry."""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskap.core.registry import registry


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Delivery(models.TextChoices):
    IMMEDIATE = "immediate", _("E-mail at once")
    DIGEST = "digest", _("In the weekly digest")
    APP = "app", _("Only in Samskap")


class Notification(models.Model):
    """One notification to one person (``recipient``) or, for someone without an account (a workshop
    participant), to an address only (``email``; no in-app list)."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="notifications", verbose_name=_("recipient"))
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("by"))
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.APP)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)
    reply = models.CharField(_("reply"), max_length=20, blank=True)
    #: set by emitters that must tell a person once only (a deadline reminder): (recipient, kind, key) is unique
    key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [models.UniqueConstraint(fields=["recipient", "email", "kind", "key"], condition=~models.Q(key=""),
                                               name="notification_once_per_key")]

    def __str__(self) -> str:
        return self.message

    @property
    def message(self) -> str:
        """The sentence in the active language."""
        kind = registry.notification_kind(self.kind)
        if kind is None:
            return str(_("Notification"))
        return kind.render(dict(self.params or {}))

    @property
    def kind_label(self) -> Any:
        kind = registry.notification_kind(self.kind)
        return kind.label if kind is not None else self.kind


class NotificationPreference(models.Model):
    """How a person gets one kind; without a row the kind's default applies."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField(_("kind"), max_length=60)
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind}: {self.delivery}"


class MailOptOut(models.Model):
    """One per e-mail address: the unsubscribe token in every notification e-mail, and whether the address
    has unsubscribed (then it gets no notification e-mail at all; the in-app list goes on)."""

    email = models.EmailField(_("e-mail"), unique=True)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail subscription")
        verbose_name_plural = _("e-mail subscriptions")

    def __str__(self) -> str:
        return self.email
