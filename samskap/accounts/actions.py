"""Every write about accounts: invitations, profile claims, roles, deactivation and deletion.

Each function checks who may do it and runs in one transaction. E-mails go out from background tasks once
the transaction commits (``samskap.core.tasks.enqueue_on_commit``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskap.accounts import notices, tasks
from samskap.accounts.changes import acting, log_change
from samskap.accounts.models import ClaimStatus, Invitation, InvitationStatus, ProfileClaim
from samskap.accounts.permissions import can_invite, can_manage_invitation
from samskap.accounts.tokens import new_nonce
from samskap.core.actors import Actor, SystemActor, is_system, user_of
from samskap.core.registry import registry
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.actions import grant_role
from samskap.directory.models import Municipality, Person, Role, RoleKind
from samskap.directory.permissions import require, require_coordinator


def _email_address_model() -> Any:
    from allauth.account.models import EmailAddress

    return EmailAddress


def _valid_days() -> int:
    return max(1, int(getattr(settings, "SAMSKAP_INVITATION_DAYS", 14)))


# --- Invitations ------------------------------------------------------------------------------------------

@transaction.atomic
def invite(email: str, role: str, municipality_codes: Iterable[str] = (), name: str = "", *,
           actor: Actor) -> Invitation:
    """Invite a person by e-mail with a role; a FoUI contact needs one or more municipalities."""
    email = (email or "").strip().lower()
    codes = sorted({c.strip() for c in municipality_codes if c and c.strip()})
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if role not in RoleKind.values:
        raise ValidationError({"role": _("Choose a role.")})
    municipalities = list(Municipality.objects.filter(code__in=codes, active=True))
    if len(municipalities) != len(codes):
        raise ValidationError({"municipalities": _("Choose active municipalities from the list.")})
    if role == RoleKind.FOUI_CONTACT and not municipalities:
        raise ValidationError({"municipalities": _("A FoUI contact needs at least one municipality.")})
    if role != RoleKind.FOUI_CONTACT and municipalities:
        raise ValidationError({"municipalities": _("Only a FoUI contact is invited for municipalities.")})
    require(can_invite(actor, role, codes),
            _("You may only invite colleagues as FoUI contacts of your own municipality."))
    pending = [i for i in Invitation.objects.filter(email__iexact=email, accepted_at=None, revoked_at=None)
               if i.status == InvitationStatus.PENDING]
    if pending:
        raise ValidationError({"email": _("An invitation to this address is already waiting. Resend it "
                                          "from the list instead.")})
    now = timezone.now()
    invitation = Invitation.objects.create(
        email=email, name=(name or "").strip()[:200], role=role, nonce=new_nonce(), invited_by=user_of(actor),
        created_at=now, sent_at=now, expires_at=now + dt.timedelta(days=_valid_days()),
        language=translation.get_language() or settings.LANGUAGE_CODE)
    invitation.municipalities.set(municipalities)
    log_change(actor, None, "invited", f"{email}: {role} {' '.join(codes)}".strip())
    enqueue_on_commit(tasks.send_invitation, invitation.pk)
    return invitation


def _manageable(invitation: Invitation, actor: Actor) -> Invitation:
    current = Invitation.objects.select_for_update().get(pk=invitation.pk)
    require(can_manage_invitation(actor, current), _("You may not change this invitation."))
    if current.accepted_at:
        raise ValidationError(_("This invitation has already been accepted."))
    return current


@transaction.atomic
def resend_invitation(invitation: Invitation, *, actor: Actor) -> Invitation:
    """A new link (the old one stops working) valid for the full period again."""
    current = _manageable(invitation, actor)
    now = timezone.now()
    current.nonce = new_nonce()
    current.sent_at = now
    current.expires_at = now + dt.timedelta(days=_valid_days())
    current.revoked_at = None
    current.save(update_fields=["nonce", "sent_at", "expires_at", "revoked_at"])
    log_change(actor, None, "invitation_resent", current.email)
    enqueue_on_commit(tasks.send_invitation, current.pk)
    return current


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, actor: Actor) -> Invitation:
    current = _manageable(invitation, actor)
    if current.revoked_at:
        return current
    current.revoked_at = timezone.now()
    current.nonce = new_nonce()
    current.save(update_fields=["revoked_at", "nonce"])
    log_change(actor, None, "invitation_revoked", current.email)
    return current


def _split_name(name: str) -> tuple[str, str]:
    first, _sep, last = name.strip().rpartition(" ")
    return (first or name.strip())[:150], last[:150]


@transaction.atomic
def accept_invitation(invitation: Invitation, nonce: str, *, actor: Actor,
                      username: str = "", name: str = "", password: str = "") -> Any:
    """Accept an invitation: the signed-in account (``actor``) takes the role, or a new account is made
    with ``username``, ``name`` and ``password``. The invited address counts as verified (the link came to
    it). Returns the account."""
    current = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if current.nonce != nonce or current.status != InvitationStatus.PENDING:
        raise ValidationError(_("This invitation link is no longer valid."))
    EmailAddress = _email_address_model()
    user = user_of(actor)
    User = get_user_model()
    if user is None:
        if is_system(actor):
            raise PermissionDenied(_("An invitation is accepted by the invited person."))
        username = (username or "").strip()
        name = (name or "").strip()
        errors: dict[str, list[str]] = {}
        if not name:
            errors.setdefault("name", []).append(_("Enter your name."))
        if not username:
            errors.setdefault("username", []).append(_("Choose a username."))
        elif User.objects.filter(username__iexact=username).exists():
            errors.setdefault("username", []).append(_("This username is taken. Choose another."))
        if EmailAddress.objects.filter(email__iexact=current.email).exists() or \
                User.objects.filter(email__iexact=current.email).exists():
            errors.setdefault("__all__", []).append(
                _("An account with this e-mail address exists. Log in first, then open the link again."))
        first, last = _split_name(name)
        candidate = User(username=username, email=current.email, first_name=first, last_name=last)
        try:
            password_validation.validate_password(password, candidate)
        except ValidationError as exc:
            errors.setdefault("password1", []).extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        candidate.set_password(password)
        try:
            with transaction.atomic():
                candidate.save()
        except IntegrityError:
            raise ValidationError({"username": _("This username is taken. Choose another.")}) from None
        user = candidate
    elif EmailAddress.objects.filter(email__iexact=current.email).exclude(user=user).exists():
        raise ValidationError(_("This address belongs to another account. Log out and open the link again."))
    address = EmailAddress.objects.filter(user=user, email__iexact=current.email).first()
    if address is None:
        address = EmailAddress.objects.create(user=user, email=current.email, verified=True,
                                              primary=not EmailAddress.objects.filter(user=user).exists())
    elif not address.verified:
        address.verified = True
        address.save(update_fields=["verified"])
    if not user.email:
        user.email = current.email
        user.save(update_fields=["email"])
    trusted = SystemActor("invitation")
    with acting(current.invited_by or trusted):
        municipalities: list[Municipality | None] = list(current.municipalities.all())
        for municipality in municipalities or [None]:
            grant_role(user, current.role, municipality if current.role == RoleKind.FOUI_CONTACT else None,
                       actor=trusted)
    current.accepted_at = timezone.now()
    current.accepted_by = user
    current.save(update_fields=["accepted_at", "accepted_by"])
    log_change(actor if user_of(actor) else user, user, "invitation_accepted", current.email)
    claim_verified_profile(user, current.email, actor=trusted, name=name or current.name)
    return user


# --- Profiles: claim by verified e-mail, or by a coordinator's approval -----------------------------------

@transaction.atomic
def claim_verified_profile(user: Any, email: str, *, actor: Actor, name: str = "") -> Person | None:
    """Link the account to the directory profile with this e-mail -- only when the address is verified for
    the account and exactly one unclaimed profile has it. Returns the account's profile, if any."""
    require(is_system(actor) or user_of(actor) == user, _("You may only claim a profile for yourself."))
    existing = Person.objects.filter(user=user).first()
    if existing is not None:
        return existing
    EmailAddress = _email_address_model()
    if not email or not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return None
    candidates = list(Person.objects.select_for_update().filter(user__isnull=True, email__iexact=email)[:2])
    if len(candidates) != 1:
        return None
    person = candidates[0]
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    log_change(actor, user, "profile_linked", person.name)
    return person


@transaction.atomic
def request_profile_claim(person: Person, message: str = "", *, actor: Actor) -> ProfileClaim:
    """Ask a coordinator to link the signed-in account to an existing directory profile."""
    user = user_of(actor)
    require(user is not None, _("Log in to claim a profile."))
    current = Person.objects.select_for_update().get(pk=person.pk)
    if current.user_id is not None:
        raise ValidationError(_("This profile already belongs to an account."))
    if Person.objects.filter(user=user).exists():
        raise ValidationError(_("Your account already has a profile."))
    if ProfileClaim.objects.filter(user=user, person=current, status=ClaimStatus.PENDING).exists():
        raise ValidationError(_("You have already asked for this profile; a coordinator will decide."))
    claim = ProfileClaim.objects.create(user=user, person=current, message=(message or "").strip()[:2000])
    log_change(actor, user, "profile_claimed", current.name)
    notices.claim_waiting(claim, actor=actor)
    return claim


@transaction.atomic
def decide_profile_claim(claim: ProfileClaim, approve: bool, *, actor: Actor) -> ProfileClaim:
    """A coordinator approves (the account gets the profile and, for a researcher's profile, the researcher
    role) or rejects a claim."""
    require_coordinator(actor)
    current = ProfileClaim.objects.select_for_update().select_related("person", "user").get(pk=claim.pk)
    if current.status != ClaimStatus.PENDING:
        raise ValidationError(_("This claim has already been decided."))
    now = timezone.now()
    current.decided_by, current.decided_at = user_of(actor), now
    if approve:
        person = Person.objects.select_for_update().get(pk=current.person_id)
        if person.user_id is not None:
            raise ValidationError(_("This profile already belongs to an account."))
        if Person.objects.filter(user=current.user).exists():
            raise ValidationError(_("This account already has a profile."))
        person.user = current.user
        person.save(update_fields=["user", "updated_at"])
        with acting(actor):
            grant_role(current.user, RoleKind.RESEARCHER, actor=actor)
        current.status = ClaimStatus.APPROVED
        ProfileClaim.objects.filter(person=person, status=ClaimStatus.PENDING).exclude(pk=current.pk).update(
            status=ClaimStatus.REJECTED, decided_by=user_of(actor), decided_at=now)
    else:
        current.status = ClaimStatus.REJECTED
    current.save(update_fields=["status", "decided_by", "decided_at"])
    log_change(actor, current.user, "claim_" + current.status, current.person.name)
    notices.claim_decided(current, actor=actor)
    return current


# --- Roles and accounts (coordinators) --------------------------------------------------------------------

@transaction.atomic
def add_role(user: Any, kind: str, municipality: Municipality | None = None, *, actor: Actor) -> Role:
    require_coordinator(actor)
    if kind not in RoleKind.values:
        raise ValidationError({"kind": _("Choose a role.")})
    if kind == RoleKind.FOUI_CONTACT and municipality is None:
        raise ValidationError({"municipality": _("A FoUI contact needs a municipality.")})
    if kind != RoleKind.FOUI_CONTACT:
        municipality = None
    with acting(actor):
        return grant_role(user, kind, municipality, actor=actor)


@transaction.atomic
def remove_role(role: Role, *, actor: Actor) -> None:
    require_coordinator(actor)
    if role.kind == RoleKind.COORDINATOR and user_of(actor) == role.user and not is_system(actor):
        raise ValidationError(_("You cannot remove your own coordinator role."))
    with acting(actor):
        role.delete()


@transaction.atomic
def set_account_active(user: Any, active: bool, *, actor: Actor) -> Any:
    """Deactivate (or reactivate) an account: a deactivated account cannot log in; its data stay."""
    require_coordinator(actor)
    if not active and user_of(actor) == user:
        raise ValidationError(_("You cannot deactivate your own account."))
    if user.username.startswith("deleted-"):
        raise ValidationError(_("A deleted account cannot be changed."))
    if user.is_active == active:
        return user
    user.is_active = active
    user.save(update_fields=["is_active"])
    log_change(actor, user, "activated" if active else "deactivated", user.get_username())
    if not active:
        from django.contrib.sessions.models import Session

        for session in Session.objects.filter(expire_date__gt=timezone.now()):
            if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
                session.delete()
    return user


@transaction.atomic
def delete_own_account(user: Any, password: str, *, actor: Actor) -> None:
    """The person deletes their own account: the GDPR deletion (registered erasers anonymise the person in
    outcomes, actions, registrations ...), then the account is emptied and deactivated. All or nothing."""
    require(user_of(actor) == user, _("You may only delete your own account."))
    if user.has_usable_password() and not user.check_password(password or ""):
        raise ValidationError({"password": _("The password is wrong.")})
    person = Person.objects.filter(user=user).first()
    log_change(actor, user, "deleted", "")
    for eraser in registry.account_erasers():
        eraser.erase(user, person, actor)
    from allauth.mfa.models import Authenticator
    from allauth.socialaccount.models import SocialAccount

    _email_address_model().objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    ProfileClaim.objects.filter(user=user).delete()
    Person.objects.filter(user=user).delete()
    user.refresh_from_db()
    user.username = f"deleted-{user.pk}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    with acting(actor):
        for role in user.roles.all():
            role.delete()
    user.api_tokens.all().delete()
    user.groups.clear()

