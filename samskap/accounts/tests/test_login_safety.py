"""Login by username or e-mail, brute-force lockout (django-axes), throttled endpoints, password reset
that reveals nothing, and two-factor authentication required for coordinators."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from samskap.accounts.tests.factories import verify
from samskap.directory.testing import PASSWORD


def test_login_by_username_or_email(client, contact_steinkjer):
    response = client.post(reverse("login"), {"login": "ola.steinkjer", "password": PASSWORD})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == contact_steinkjer.user.pk
    client.logout()
    verify(contact_steinkjer.user)
    response = client.post(reverse("login"), {"login": "ola.steinkjer@example.org", "password": PASSWORD})
    assert response.status_code == 302 and int(client.session["_auth_user_id"]) == contact_steinkjer.user.pk


def test_wrong_password_gives_a_translated_message(client, contact_steinkjer):
    response = client.post(reverse("login"), {"login": "ola.steinkjer", "password": "feil"})
    assert response.status_code == 200
    assert "ikke riktig" in response.content.decode() or "feil" in response.content.decode().lower()


def test_a_brute_force_is_locked_out_even_with_the_right_password(client, contact_steinkjer, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": None, "login": None}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"login": "ola.steinkjer", "password": "feil"})
    response = client.post(reverse("login"), {"login": "ola.steinkjer", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    page = response.content.decode()
    assert "sperret" in page and reverse("account_reset_password") in page


def test_the_admin_login_is_locked_out_too(client, coordinator, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "kari.koordinator", "password": "feil"})
    response = client.post("/admin/login/", {"username": "kari.koordinator", "password": PASSWORD})
    assert response.status_code == 429


def test_password_reset_answers_the_same_for_unknown_addresses(client, contact_steinkjer, mailoutbox,
                                                                 django_capture_on_commit_callbacks):
    verify(contact_steinkjer.user)
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(reverse("account_reset_password"), {"email": "ola.steinkjer@example.org"})
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post(reverse("account_reset_password"), {"email": "ingen@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [m.to for m in mailoutbox] == [["ola.steinkjer@example.org"]]


def test_reset_requests_are_throttled(client, reference):
    statuses = [client.post(reverse("account_reset_password"), {"email": "x@example.org"}).status_code
                for _ in range(4)]
    assert statuses[:3] == [302, 302, 302] and statuses[3] == 429


def test_invitation_links_are_throttled(client, reference):
    statuses = [client.get(reverse("accounts:invitation", args=[f"forged{i}"])).status_code for i in range(31)]
    assert set(statuses[:30]) == {404} and statuses[30] == 429


def test_signups_are_throttled(client, reference, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/h/ip"}
    for i in range(2):
        client.post(reverse("account_signup"), {"name": "X", "email": f"x{i}@example.org", "username": f"x{i}",
                                                "password1": "Et-godt-passord-42", "password2": "Et-godt-passord-42"})
    response = client.post(reverse("account_signup"), {"name": "X", "email": "x9@example.org", "username": "x9",
                                                       "password1": "Et-godt-passord-42",
                                                       "password2": "Et-godt-passord-42"})
    assert response.status_code == 429


@pytest.fixture
def require_mfa(settings):
    settings.SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS = True


def test_a_coordinator_without_2fa_is_sent_to_set_it_up(client, coordinator, require_mfa):
    client.force_login(coordinator.user)
    for url in (reverse("core:home"), reverse("accounts:people"), reverse("needs:list")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("mfa_activate_totp")), url
    response = client.post(reverse("accounts:invitations"), {"email": "x@example.org", "role": "coordinator"})
    assert response.status_code == 302 and not coordinator.user.roles.filter(kind="researcher").exists()
    from samskap.accounts.models import Invitation

    assert not Invitation.objects.exists()  # the write did not happen
    setup = client.get(reverse("mfa_activate_totp"))  # open (after confirming the password, if it is not fresh)
    assert setup.status_code == 200 or setup["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    Authenticator.objects.create(user=coordinator.user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    assert client.get(reverse("accounts:people")).status_code == 200


def test_others_are_not_forced(client, contact_steinkjer, require_mfa):
    client.force_login(contact_steinkjer.user)
    assert client.get(reverse("core:home")).status_code == 200


def test_demo_setting_off_lets_coordinators_in(client, coordinator, settings):
    settings.SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS = False
    client.force_login(coordinator.user)
    assert client.get(reverse("accounts:people")).status_code == 200


@pytest.mark.parametrize("language, text", [
    ("nb", "Glemt passordet"), ("nn", "Tilbakestill passordet mitt"), ("en", "Reset My Password")])
def test_account_pages_speak_the_chosen_language(client, reference, settings, language, text):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("account_reset_password")).content.decode()
    assert text in page
    login_page = client.get(reverse("login")).content.decode()
    assert {"nb": "Glemt passordet?", "nn": "Gløymt passordet?", "en": "Forgot your password?"}[language] in login_page
