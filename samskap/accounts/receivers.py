"""Signal receivers: log every change to a role (whoever makes it), and link a directory profile when an
account's e-mail address becomes verified."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save


def _role_saved(sender: Any, instance: Any, created: bool, raw: bool = False, **kwargs: Any) -> None:
    if raw or not created:
        return
    from samskap.accounts.changes import current_actor, log_change

    log_change(current_actor(), instance.user, "role_added", _describe(instance))


def _role_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    from django.contrib.auth import get_user_model

    from samskap.accounts.changes import current_actor, log_change

    user = get_user_model().objects.filter(pk=instance.user_id).first()
    log_change(current_actor(), user, "role_removed", _describe(instance))


def _describe(role: Any) -> str:
    text = str(role.kind)
    if role.municipality_id:
        text += f" {role.municipality_id}"
    return text


def _email_confirmed(request: Any, email_address: Any, **kwargs: Any) -> None:
    from samskap.accounts.actions import claim_verified_profile
    from samskap.core.actors import SystemActor

    claim_verified_profile(email_address.user, email_address.email, actor=SystemActor("e-mail verified"))


def _signed_up(request: Any, user: Any, **kwargs: Any) -> None:
    """Record the sign-up (it decides that the address must be confirmed before a login). Single sign-on
    sign-ups arrive with addresses the provider verified (no confirmation e-mail): link the profile."""
    from allauth.account.models import EmailAddress

    from samskap.accounts.actions import claim_verified_profile
    from samskap.accounts.changes import log_change
    from samskap.core.actors import SystemActor

    sociallogin = kwargs.get("sociallogin")
    log_change(user, user, "signed_up", f"sso {sociallogin.account.provider}" if sociallogin else "form")

    for address in EmailAddress.objects.filter(user=user, verified=True):
        if claim_verified_profile(user, address.email, actor=SystemActor("single sign-on")) is not None:
            break


def connect() -> None:
    from allauth.account.signals import email_confirmed, user_signed_up

    from samskap.directory.models import Role

    post_save.connect(_role_saved, sender=Role, dispatch_uid="accounts_role_saved")
    post_delete.connect(_role_deleted, sender=Role, dispatch_uid="accounts_role_deleted")
    email_confirmed.connect(_email_confirmed, dispatch_uid="accounts_email_confirmed")
    user_signed_up.connect(_signed_up, dispatch_uid="accounts_signed_up")
