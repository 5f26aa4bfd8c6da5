"""Write use cases of notifications. ``notify`` is called by the domain apps' actions after their write."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, is_system, user_of
from samskap.core.registry import registry
from samskap.core.tasks import enqueue_on_commit
from samskap.notifications.models import Delivery, MailOptOut, Notification, NotificationPreference
from samskap.notifications.queries import delivery_for, email_of


@dataclass(frozen=True)
class Address:
    """A recipient without an account (a workshop participant): e-mail only, no in-app list."""

    email: str
    name: str = ""
    language: str = ""


Recipient = Any  # a user (AbstractBaseUser) or an Address


def _check_kind(kind: str) -> None:
    if registry.notification_kind(kind) is None:
        raise ValidationError(_("Unknown kind of notification: %(kind)s.") % {"kind": kind})


@transaction.atomic
def notify(recipients: Iterable[Recipient], kind: str, params: Mapping[str, Any] | None = None, url: str = "", *,
           actor: Actor, mailed: Collection[str] = (), key: str = "") -> list[Notification]:
    """Tell each recipient (once, however often they are listed) about ``kind`` with ``params`` (JSON values;
    the sentence is written when shown, in the reader's language) and a link ``url`` (a path of this site).

    In-app for every user; e-mail at once (a background task after commit) for those whose delivery for
    ``kind`` is immediate; the weekly digest takes those on "digest". The acting user is not told about their
    own action. ``mailed``: addresses that already got this by e-mail from the emitting app (the follow-up
    reminders), which are not e-mailed again. ``key``: tell each recipient about (``kind``, ``key``) once only,
    however often this is called (a periodic reminder).
    """
    _check_kind(kind)
    acting = user_of(actor)
    done_mail = {m.strip().lower() for m in mailed}
    seen: set[Any] = set()
    if key:
        for user_id, email in Notification.objects.filter(kind=kind, key=key).values_list("recipient_id", "email"):
            seen.add(user_id if user_id is not None else ("@", email))
    created: list[Notification] = []
    for recipient in recipients:
        if isinstance(recipient, Address):
            email = recipient.email.strip().lower()
            if not email or ("@", email) in seen:
                continue
            seen.add(("@", email))
            created.append(Notification(email=email, language=recipient.language, kind=kind, params=dict(params or {}),
                                        url=url, actor=acting, delivery=Delivery.IMMEDIATE, key=key,
                                        emailed_at=timezone.now() if email in done_mail else None))
            continue
        if recipient is None or not recipient.is_active or recipient.pk in seen:
            continue
        if acting is not None and recipient.pk == acting.pk:
            continue
        seen.add(recipient.pk)
        delivery = delivery_for(recipient, kind)
        already = (email_of(recipient) or "").lower() in done_mail
        created.append(Notification(recipient=recipient, kind=kind, params=dict(params or {}), url=url, actor=acting,
                                    delivery=delivery, emailed_at=timezone.now() if already else None, key=key))
    Notification.objects.bulk_create(created)
    to_mail = [n.pk for n in created if n.delivery == Delivery.IMMEDIATE and n.emailed_at is None]
    if to_mail:
        from samskap.notifications import tasks  # tasks -> mail -> actions

        enqueue_on_commit(tasks.send_notifications, to_mail)
    return created


def _own(notification: Notification, actor: Actor) -> Notification:
    if is_system(actor) or getattr(actor, "pk", None) is None or notification.recipient_id != actor.pk:
        raise PermissionDenied(_("This notification is not yours."))
    return notification


@transaction.atomic
def mark_read(notification: Notification, *, actor: Actor) -> Notification:
    _own(notification, actor)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def mark_all_read(*, actor: Actor) -> int:
    user = user_of(actor)
    if user is None:
        raise PermissionDenied(_("Log in to see your notifications."))
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def reply(notification: Notification, value: str, *, actor: Actor) -> Notification:
    """The recipient answers a notification that offers answers (e.g. "interested" / "not now")."""
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    _own(notification, actor)
    kind = registry.notification_kind(notification.kind)
    allowed = {v for v, _label in (kind.replies if kind else ())}
    if value not in allowed:
        raise ValidationError(_("This notification cannot be answered like that."))
    if notification.reply:
        raise ValidationError(_("You have already answered."))
    notification.reply = value
    notification.read_at = notification.read_at or timezone.now()
    notification.save(update_fields=["reply", "read_at"])
    if kind is not None and kind.on_reply is not None:
        kind.on_reply(dict(notification.params or {}), value, actor)
    return notification


@transaction.atomic
def set_preferences(choices: Mapping[str, str], *, actor: Actor) -> None:
    """The signed-in person's delivery per kind; a choice equal to the kind's default removes the row."""
    user = user_of(actor)
    if user is None:
        raise PermissionDenied(_("Log in to choose how you are notified."))
    for key, delivery in choices.items():
        kind = registry.notification_kind(key)
        if kind is None:
            raise ValidationError(_("Unknown kind of notification: %(kind)s.") % {"kind": key})
        if delivery not in Delivery.values:
            raise ValidationError({key: _("Choose how you want to get “%(kind)s”.") % {"kind": kind.label}})
    for key, delivery in choices.items():
        kind = registry.notification_kind(key)
        if kind is not None and delivery == kind.default_delivery:
            NotificationPreference.objects.filter(user=user, kind=key).delete()
        else:
            NotificationPreference.objects.update_or_create(user=user, kind=key, defaults={"delivery": delivery})


# --- e-mail: system actions of the mail tasks (samskap/notifications/mail.py) and the unsubscribe link -------

def opt_out_for(email: str) -> MailOptOut:
    """System action (mail): the address's subscription, made on first use (it carries the unsubscribe token)."""
    return MailOptOut.objects.get_or_create(email=email.strip().lower())[0]


@transaction.atomic
def claim_mail(pks: Iterable[int], delivery: str) -> list[Notification]:
    """Mark the notifications as e-mailed before the message goes out; those already claimed are left out,
    so no notification is e-mailed twice (not even by two workers at once)."""
    pks = list(pks)
    now = timezone.now()
    claimed = Notification.objects.filter(pk__in=pks, emailed_at__isnull=True, delivery=delivery)
    ids = list(claimed.values_list("pk", flat=True))
    Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).update(emailed_at=now)
    return list(Notification.objects.filter(pk__in=ids, emailed_at=now).select_related("recipient")
                .order_by("created_at", "pk"))


@transaction.atomic
def release_mail(notifications: Iterable[Notification]) -> None:
    """The SMTP server refused the message: let the next run try again."""
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=None)


@transaction.atomic
def unsubscribe(token: str) -> MailOptOut:
    """Stop notification e-mails to the address the token belongs to. The token is the authority."""
    try:
        opt_out = MailOptOut.objects.select_for_update().get(token=token)
    except MailOptOut.DoesNotExist:
        raise ValidationError(_("This unsubscribe link is not valid.")) from None
    if opt_out.unsubscribed_at is None:
        opt_out.unsubscribed_at = timezone.now()
        opt_out.save(update_fields=["unsubscribed_at"])
    return opt_out


@transaction.atomic
def resubscribe(token: str) -> MailOptOut:
    try:
        opt_out = MailOptOut.objects.select_for_update().get(token=token)
    except MailOptOut.DoesNotExist:
        raise ValidationError(_("This unsubscribe link is not valid.")) from None
    opt_out.unsubscribed_at = None
    opt_out.save(update_fields=["unsubscribed_at"])
    return opt_out
