"""Single sign-on in real Chromium against a real OpenID Connect provider (npm oidc-provider)."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount

from samskap.conftest import assert_no_axe_violations

pytestmark = pytest.mark.browser


def _sso_login(page, login_name: str = "sso-user") -> None:
    page.goto("/logg-inn/")
    assert_no_axe_violations(page)
    page.click("a[href^='/konto/oidc/sso/login/']")
    # allauth asks before leaving for the provider (a POST, so no login CSRF through a GET).
    page.click("main form button[type=submit]")
    # The provider's own (development) login page and consent.
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", login_name)
    page.fill("input[name=password]", "any-password")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if page.locator("button[type=submit]").count() and "127.0.0.1" in page.url:
        page.click("button[type=submit]")  # consent ("Continue")
    page.wait_for_url(lambda url: "127.0.0.1:" not in url or "localhost" in url)
    page.wait_for_load_state()


def test_sso_login_links_an_existing_account_by_verified_email(page, live_server, oidc_provider,
                                                                contact_steinkjer):
    user = contact_steinkjer.user
    user.email = oidc_provider["email"]
    user.save()
    EmailAddress.objects.create(user=user, email=oidc_provider["email"], verified=True, primary=True)

    _sso_login(page)

    assert page.url.rstrip("/") == live_server.url.rstrip("/")
    header = page.locator("header")
    assert header.locator("form[action='/logg-ut/']").count() >= 1  # logged in: the log-out buttons are there
    assert SocialAccount.objects.filter(user=user, provider="sso").exists()
    # The FoUI contact's role applies: they may edit their municipality.
    page.goto("/kommuner/5006/")
    assert page.locator("a[href='/kommuner/5006/rediger/']").count() >= 1


def test_sso_does_not_link_through_an_unverified_address(page, live_server, oidc_provider, contact_steinkjer):
    """Someone typed the SSO person's address into an account without proving it: SSO must not log into it."""
    user = contact_steinkjer.user
    user.email = oidc_provider["email"]
    user.save()
    EmailAddress.objects.create(user=user, email=oidc_provider["email"], verified=False, primary=True)

    _sso_login(page)

    assert not SocialAccount.objects.filter(user=user).exists()
    assert page.locator("header form[action='/logg-ut/']").count() == 0  # not logged in as that account
    for account in SocialAccount.objects.filter(provider="sso"):  # if a new account was made: no role
        assert account.user != user and not account.user.roles.exists()


def test_an_invitation_is_accepted_with_single_sign_on(page, live_server, oidc_provider, coordinator):
    from samskap.accounts import actions
    from samskap.accounts.tests.factories import token

    invitation = actions.invite(oidc_provider["email"], "foui_contact", ["5006"], actor=coordinator.user)
    page.goto(f"/konto/invitasjon/{token(invitation)}/")
    assert_no_axe_violations(page)
    page.click("main a[href^='/konto/oidc/sso/login/']")
    page.click("main form button[type=submit]")
    page.wait_for_selector("input[name=login]")
    page.fill("input[name=login]", "sso-user")
    page.fill("input[name=password]", "any-password")
    page.click("button[type=submit]")
    page.wait_for_load_state()
    if "127.0.0.1" in page.url:
        page.click("button[type=submit]")  # consent
    page.wait_for_url("**/konto/invitasjon/**")
    page.click("main form.form-grid button[type=submit]")  # accept as the signed-in SSO account
    page.wait_for_load_state()
    assert page.url == live_server.url + "/kommuner/5006/"
    assert "Sigrid Solberg" in page.inner_text("header")
    user = SocialAccount.objects.get(provider="sso").user
    assert user.roles.filter(kind="foui_contact", municipality_id="5006").exists()
