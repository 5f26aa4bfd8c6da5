"""Forms: allauth's login and sign-up with Samskap's styling, and the forms of invitations, claims and roles."""

from __future__ import annotations

from typing import Any

from allauth.account import app_settings as allauth_settings
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskap.accounts.permissions import invitation_roles_for
from samskap.accounts.queries import signed_up_by_itself
from samskap.core.forms import StyledForm, StyledFormMixin
from samskap.core.widgets import make_searchable
from samskap.directory.grouping import person_group
from samskap.directory.models import Municipality, Person, RoleKind
from samskap.directory.permissions import contact_municipality_codes, is_coordinator


class LoginForm(StyledFormMixin, AllauthLoginForm):
    """Username or e-mail and password.

    An account that signed up by itself must confirm its address before it can log in (allauth's mandatory
    verification). Accounts made by a coordinator, the demo or the admin log in at once; their address
    counts as verified only once the person confirms it (nothing is linked through it before)."""

    def _login_with_password(self, request: Any, redirect_url: Any, credentials: dict[str, Any]) -> Any:
        login = getattr(self, "_login", None)
        user = getattr(self, "user", None)
        if login is not None and user is not None and not signed_up_by_itself(user):
            login.email_verification = allauth_settings.EmailVerificationMethod.OPTIONAL
        return super()._login_with_password(request, redirect_url, credentials)


class SignupForm(StyledFormMixin, AllauthSignupForm):
    name = forms.CharField(label=_("Your name"), max_length=200)

    field_order = ["name", "email", "username", "password1", "password2"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)


class InvitationForm(StyledForm):
    email = forms.EmailField(label=_("E-mail"))
    name = forms.CharField(label=_("Name (optional)"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("Role"))
    municipalities = forms.MultipleChoiceField(
        label=_("Municipalities"), required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("For a FoUI contact: the municipality or municipalities they work for."))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role_field = self.fields["role"]
        assert isinstance(role_field, forms.ChoiceField)
        role_field.choices = invitation_roles_for(actor)
        qs = Municipality.objects.active().order_by("name")
        if not is_coordinator(actor):
            qs = qs.filter(code__in=contact_municipality_codes(actor))
        municipality_field = self.fields["municipalities"]
        assert isinstance(municipality_field, forms.ChoiceField)
        municipality_field.choices = [(m.code, m.name) for m in qs]


class AcceptInvitationForm(StyledForm):
    name = forms.CharField(label=_("Your name"), max_length=200)
    username = forms.CharField(label=_("Username"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password (again)"),
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class ClaimForm(StyledForm):
    person = forms.ModelChoiceField(label=_("Profile"), queryset=Person.objects.none(),
                                    help_text=_("Profiles in the directory that no account has claimed."))
    message = forms.CharField(label=_("Message to the coordinator"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("How the coordinator can tell that the profile is yours."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        person_field = self.fields["person"]
        assert isinstance(person_field, forms.ModelChoiceField)
        person_field.queryset = (Person.objects.filter(user__isnull=True, listed_in_directory=True)
                                          .select_related("organisation").order_by("name"))
        make_searchable(person_field, options_url=reverse("accounts:claim_options") + "?field=person",
                        group_of=person_group, search_fields=("name", "organisation__name"))
        self.style_widgets()


class RoleForm(StyledForm):
    kind = forms.ChoiceField(label=_("Role"), choices=RoleKind.choices)
    municipality = forms.ModelChoiceField(label=_("Municipality (FoUI contact)"), required=False,
                                          queryset=Municipality.objects.active().order_by("name"))


class DeleteAccountForm(StyledForm):
    password = forms.CharField(label=_("Your password"), required=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=_("I understand that my account and personal data will be deleted."))
