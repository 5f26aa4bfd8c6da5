"""Notifications about accounts: a profile claim waiting for a coordinator, and the claimant told of the
decision. The kinds are registered from ``apps.ready``; the actions in ``actions.py`` emit them, and the
notifications app delivers them (in the app, and by e-mail at once or in the weekly digest, as each person
chooses)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.accounts.models import ClaimStatus, ProfileClaim
from samskap.core.actors import Actor
from samskap.core.registry import registry
from samskap.directory.models import RoleKind
from samskap.notifications.actions import notify
from samskap.notifications.models import Delivery

CLAIM_WAITING = "accounts.claim_waiting"
CLAIM_DECIDED = "accounts.claim_decided"


def render_claim_waiting(params: dict[str, Any]) -> str:
    return _("The account %(account)s asks to be linked to the directory profile «%(profile)s».") % {
        "account": params.get("account", ""), "profile": params.get("profile", "")}


def render_claim_decided(params: dict[str, Any]) -> str:
    if params.get("status") == ClaimStatus.APPROVED:
        return _("Your claim of the profile «%(profile)s» was approved. The profile is now linked to your "
                 "account.") % {"profile": params.get("profile", "")}
    return _("Your claim of the profile «%(profile)s» was not approved. Contact a coordinator if you think this "
             "is wrong.") % {"profile": params.get("profile", "")}


def register() -> None:
    registry.add_notification_kind(CLAIM_WAITING, gettext_lazy("A profile claim waits for approval (coordinators)"),
                                   Delivery.IMMEDIATE, render_claim_waiting, order=90)
    registry.add_notification_kind(CLAIM_DECIDED, gettext_lazy("Your profile claim is decided"),
                                   Delivery.IMMEDIATE, render_claim_decided, order=91)


def _params(claim: ProfileClaim) -> dict[str, Any]:
    return {"claim": claim.pk, "account": claim.user.get_username(), "profile": claim.person.name,
            "status": claim.status}


def claim_waiting(claim: ProfileClaim, *, actor: Actor) -> None:
    coordinators = (get_user_model().objects.filter(is_active=True, roles__kind=RoleKind.COORDINATOR)
                    .distinct().order_by("pk"))
    notify(coordinators, CLAIM_WAITING, _params(claim), reverse("accounts:claims"), actor=actor,
           key=f"claim:{claim.pk}")


def claim_decided(claim: ProfileClaim, *, actor: Actor) -> None:
    notify([claim.user], CLAIM_DECIDED, _params(claim), reverse("accounts:overview"), actor=actor,
           key=f"claim:{claim.pk}")
