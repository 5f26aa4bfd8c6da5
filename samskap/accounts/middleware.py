"""Coordinators must use two-factor authentication; every request knows who acts (for the change log)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from samskap.accounts.changes import acting
from samskap.directory.permissions import is_coordinator


def has_totp(user: object) -> bool:
    from allauth.mfa.models import Authenticator

    return bool(Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists())


class CoordinatorMFAMiddleware:
    """With ``SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS``, a coordinator without an authenticator app is sent to
    set one up before any other page (logging out, language and the 2FA pages themselves stay open)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self._open: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        if self._open is None:
            self._open = (reverse("mfa_index"), reverse("account_reauthenticate"), reverse("logout"),
                          reverse("set_language"), settings.STATIC_URL or "/static/", "/api/")
        return self._open

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (getattr(settings, "SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS", False) and user is not None
                and user.is_authenticated and is_coordinator(user)
                and not request.path.startswith(self.open_paths()) and not has_totp(user)):
            messages.warning(request, _("Coordinators must use two-factor authentication. Set up an "
                                        "authenticator app to go on."))
            target = reverse("mfa_activate_totp")
            if request.method == "GET":
                target += "?" + urlencode({"next": request.get_full_path()})
            return HttpResponseRedirect(target)
        with acting(user):
            return self.get_response(request)
