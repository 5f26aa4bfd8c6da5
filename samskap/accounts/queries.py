"""Reads: an invitation from its link, the invitations a user may see, people and their roles."""

from __future__ import annotations

import secrets
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from samskap.accounts.models import AccountChange, Invitation, InvitationStatus, ProfileClaim
from samskap.accounts.tokens import read_token
from samskap.directory.models import Role
from samskap.directory.permissions import contact_municipality_codes, is_coordinator


def invitation_for_token(token: str) -> tuple[Invitation | None, str]:
    """The invitation a link points to and its state: "ok", "forged", "used", "expired" or "revoked".

    Only an "ok" or a correctly signed link reveals the invitation; a forged one reveals nothing."""
    parsed = read_token(token)
    if parsed is None:
        return None, "forged"
    pk, nonce = parsed
    invitation = Invitation.objects.filter(pk=pk).prefetch_related("municipalities").first()
    if invitation is None or not secrets.compare_digest(invitation.nonce, nonce):
        # A resent or revoked invitation's earlier link.
        if invitation is not None and invitation.status == InvitationStatus.ACCEPTED:
            return None, "used"
        return None, "revoked" if invitation is not None else "forged"
    status = invitation.status
    if status == InvitationStatus.PENDING:
        return invitation, "ok"
    if status == InvitationStatus.ACCEPTED:
        return None, "used"
    return None, status


def visible_invitations(user: Any) -> QuerySet[Invitation]:
    qs = Invitation.objects.select_related("invited_by", "accepted_by").prefetch_related("municipalities")
    if is_coordinator(user):
        return qs
    codes = contact_municipality_codes(user)
    if not codes:
        return qs.none()
    return qs.filter(Q(invited_by=user) | Q(municipalities__code__in=codes)).distinct()


def people_with_roles(search: str = "") -> QuerySet[Any]:
    User = get_user_model()
    qs = (User.objects.exclude(username__startswith="deleted-")
          .select_related("person")
          .prefetch_related(Prefetch("roles", queryset=Role.objects.select_related("municipality")))
          .order_by("last_name", "first_name", "username"))
    if search:
        qs = qs.filter(Q(username__icontains=search) | Q(first_name__icontains=search)
                       | Q(last_name__icontains=search) | Q(email__icontains=search)
                       | Q(person__name__icontains=search))
    return qs


def pending_claims() -> QuerySet[ProfileClaim]:
    return ProfileClaim.objects.filter(status="pending").select_related("user", "person", "person__organisation")


def display_name(user: Any) -> str:
    person = getattr(user, "person", None) if user is not None else None
    if person is not None and person.name:
        return str(person.name)
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def signed_up_by_itself(user: Any) -> bool:
    """The account was made through the sign-up form (not by a coordinator, an invitation or the admin)."""
    return AccountChange.objects.filter(user=user, what="signed_up").exists()


def verified_emails(user: Any) -> set[str]:
    """The addresses the account holder has proved by a link (allauth's verified EmailAddress rows), lower
    case. Only these key records that carry an address but no account, such as guest registrations: an
    address typed into a profile, or an account's unverified one, could be anyone's."""
    if user is None or not getattr(user, "is_authenticated", False):
        return set()
    return {e.lower() for e in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)}
