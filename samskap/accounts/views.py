"""Account pages: overview, invitations (send, list, accept), profile claims, people and roles, deletion."""

from __future__ import annotations

from typing import Any

from allauth.account.views import EmailView as AllauthEmailView
from allauth.account.views import LoginView as AllauthLoginView
from allauth.core.internal import ratelimit
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import FormView

from samskap.accounts import actions, queries
from samskap.accounts.forms import (
    AcceptInvitationForm,
    ClaimForm,
    DeleteAccountForm,
    InvitationForm,
    RoleForm,
)
from samskap.accounts.middleware import has_totp
from samskap.accounts.models import AccountChange, Invitation, ProfileClaim
from samskap.accounts.permissions import can_manage_invitation, can_see_invitations
from samskap.core.forms import add_action_errors
from samskap.core.http import AuthenticatedHttpRequest, posted_id
from samskap.core.options import options_response
from samskap.directory.models import Person, Role
from samskap.directory.permissions import contact_municipality_codes, is_coordinator, require_coordinator


class LoginView(AllauthLoginView):
    """allauth's login at Samskap's address (``/logg-inn/``)."""

    template_name = "account/login.html"


login_view = LoginView.as_view()


class EmailView(AllauthEmailView):
    """allauth's e-mail addresses page, without its write on a GET (allauth copies the account's address into
    its table on every request; here only when the person changes something)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if request.method in ("GET", "HEAD"):
            self._did_send_verification_email = False
            return FormView.dispatch(self, request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)


email_view = login_required(EmailView.as_view())


def _throttled(request: HttpRequest, action: str) -> HttpResponse | None:
    if ratelimit.consume(request, app="allauth.account", action=action, limit_get=True) is None:
        return render(request, "429.html", status=429)
    return None


@login_required
def overview(request: AuthenticatedHttpRequest) -> HttpResponse:
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    user = request.user
    return render(request, "accounts/overview.html", {
        "display_name": queries.display_name(user),
        "emails": EmailAddress.objects.filter(user=user),
        "has_totp": has_totp(user),
        "sso_accounts": SocialAccount.objects.filter(user=user),
        "person": Person.objects.filter(user=user).first(),
        "roles": Role.objects.filter(user=user).select_related("municipality"),
        "claims": ProfileClaim.objects.filter(user=user).select_related("person"),
        "usable_password": user.has_usable_password(),
    })


# --- Invitations ------------------------------------------------------------------------------------------

@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    if not can_see_invitations(request.user):
        raise PermissionDenied(_("Only coordinators and FoUI contacts invite people."))
    form = InvitationForm(request.POST or None, actor=request.user)
    if request.method == "POST":
        limited = _throttled(request, "invite")
        if limited:
            return limited
        if form.is_valid():
            try:
                invitation = actions.invite(form.cleaned_data["email"], form.cleaned_data["role"],
                                            form.cleaned_data["municipalities"], form.cleaned_data["name"],
                                            actor=request.user)
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, _("The invitation to %(email)s was sent.") % {"email": invitation.email})
                return redirect("accounts:invitations")
    status = request.GET.get("status", "")
    items = list(queries.visible_invitations(request.user))
    if status in {"pending", "accepted", "expired", "revoked"}:
        items = [i for i in items if i.status == status]
    page = Paginator(items, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/invitations.html", {"form": form, "page": page, "status": status,
                                                         "statuses": [("", _("All")), ("pending", _("Not accepted yet")),
                                                                      ("accepted", _("Accepted")),
                                                                      ("expired", _("Expired")),
                                                                      ("revoked", _("Revoked"))]})


@require_POST
@login_required
def invitation_manage(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(Invitation, pk=pk)
    if not can_manage_invitation(request.user, invitation):
        raise PermissionDenied(_("You may not change this invitation."))
    try:
        if request.POST.get("do") == "revoke":
            actions.revoke_invitation(invitation, actor=request.user)
            messages.success(request, _("The invitation was revoked."))
        else:
            limited = _throttled(request, "invite")
            if limited:
                return limited
            actions.resend_invitation(invitation, actor=request.user)
            messages.success(request, _("The invitation was sent again with a new link."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("accounts:invitations")


def _landing(user: Any) -> str:
    codes = sorted(contact_municipality_codes(user))
    if codes and not is_coordinator(user):
        return reverse("directory:municipality", args=[codes[0]])
    return reverse("core:home")


def invitation(request: HttpRequest, token: str) -> HttpResponse:
    limited = _throttled(request, "invitation")
    if limited:
        return limited
    found, state = queries.invitation_for_token(token)
    if found is None:
        return render(request, "accounts/invitation_invalid.html", {"state": state}, status=410 if state != "forged" else 404)
    form = AcceptInvitationForm(request.POST or None, initial={"name": found.name})
    signed_in = request.user.is_authenticated
    if request.method == "POST":
        nonce = found.nonce
        try:
            if signed_in:
                user = actions.accept_invitation(found, nonce, actor=request.user)
            elif form.is_valid():
                data = form.cleaned_data
                user = actions.accept_invitation(found, nonce, actor=request.user, username=data["username"],
                                                 name=data["name"], password=data["password1"])
                login(request, user, backend="samskap.accounts.backends.AccountBackend")
            else:
                user = None
        except ValidationError as exc:
            add_action_errors(form, exc)
            user = None
        if user is not None:
            messages.success(request, _("Welcome to Samskap. Your role: %(role)s.") % {"role": found.get_role_display()})
            return redirect(_landing(user))
    return render(request, "accounts/invitation_accept.html", {
        "invitation": found, "form": form, "signed_in": signed_in,
        "municipalities": found.municipalities.all(), "next": request.path})


# --- Profile claims ---------------------------------------------------------------------------------------

@require_GET
@login_required
def claim_options(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Options of the claim form's searchable profile select (read-only): listed profiles no account has."""
    return options_response(request, ClaimForm())


@login_required
def claim(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_profile_claim(form.cleaned_data["person"], form.cleaned_data["message"],
                                          actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your claim was sent. A coordinator will decide."))
            return redirect("accounts:overview")
    return render(request, "accounts/claim.html", {"form": form,
                                                   "has_profile": Person.objects.filter(user=request.user).exists()})


@login_required
def claims(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    if request.method == "POST":
        item = get_object_or_404(ProfileClaim, pk=posted_id(request.POST.get("claim")) or 0)
        try:
            actions.decide_profile_claim(item, request.POST.get("do") == "approve", actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The claim was decided."))
        return redirect("accounts:claims")
    return render(request, "accounts/claims.html", {"claims": queries.pending_claims()})


# --- People and roles (coordinators) ----------------------------------------------------------------------

@login_required
def people(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    search = request.GET.get("q", "").strip()[:100]
    page = Paginator(queries.people_with_roles(search), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/people.html", {"page": page, "q": search})


@login_required
def person(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    account = get_object_or_404(get_user_model().objects.exclude(username__startswith="deleted-"), pk=pk)
    form = RoleForm(request.POST or None)
    if request.method == "POST":
        do = request.POST.get("do")
        try:
            if do == "add_role":
                if form.is_valid():
                    actions.add_role(account, form.cleaned_data["kind"], form.cleaned_data["municipality"],
                                     actor=request.user)
                    messages.success(request, _("The role was added."))
                    return redirect("accounts:person", pk=pk)
            elif do == "remove_role":
                role = get_object_or_404(Role, pk=posted_id(request.POST.get("role")) or 0, user=account)
                actions.remove_role(role, actor=request.user)
                messages.success(request, _("The role was removed."))
                return redirect("accounts:person", pk=pk)
            elif do in {"deactivate", "activate"}:
                actions.set_account_active(account, do == "activate", actor=request.user)
                messages.success(request, _("The account was deactivated.") if do == "deactivate"
                                 else _("The account was activated."))
                return redirect("accounts:person", pk=pk)
        except ValidationError as exc:
            add_action_errors(form, exc)
    return render(request, "accounts/person.html", {
        "account": account, "name": queries.display_name(account), "form": form,
        "roles": Role.objects.filter(user=account).select_related("municipality"),
        "changes": AccountChange.objects.filter(user=account).select_related("by")[:100],
        "has_totp": has_totp(account)})


# --- Deleting one's own account ---------------------------------------------------------------------------

@login_required
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.delete_own_account(request.user, form.cleaned_data["password"], actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            logout(request)
            messages.success(request, _("Your account and personal data were deleted."))
            return redirect("core:home")
    return render(request, "accounts/delete.html", {"form": form,
                                                    "usable_password": request.user.has_usable_password()})


# --- API tokens -------------------------------------------------------------------------------------------

@login_required
def api_tokens(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's own API tokens: list them, create one (its key is shown once, in this response only, and
    never stored) and revoke one."""
    from django.conf import settings

    from samskap.directory import actions as directory_actions
    from samskap.directory.models import ApiToken

    new_key = None
    if request.method == "POST":
        try:
            if "revoke" in request.POST:
                token_id = int(request.POST["revoke"]) if request.POST["revoke"].isdigit() else 0
                directory_actions.revoke_api_token(token_id, actor=request.user)
                messages.success(request, _("The token was revoked; it no longer works."))
                return redirect("accounts:tokens")
            new_key = directory_actions.issue_api_token(request.POST.get("name", ""), actor=request.user)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
            return redirect("accounts:tokens")
    return render(request, "accounts/tokens.html", {
        "tokens": ApiToken.objects.filter(user=request.user),
        "new_key": new_key,
        "lifetime_days": settings.API_TOKEN_LIFETIME_DAYS,
    })
