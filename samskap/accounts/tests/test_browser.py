"""The account flows in real Chromium: e-mails arrive at a real SMTP server and their links are followed."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from samskap.accounts.models import Invitation
from samskap.accounts.tests.factories import body_of, verify
from samskap.conftest import assert_no_axe_violations, login
from samskap.directory.models import Person
from samskap.directory.testing import PASSWORD

pytestmark = pytest.mark.browser

NEW_PASSWORD = "Et-godt-passord-42"


def _wait_for_mail(received, count: int = 1):
    deadline = time.monotonic() + 15
    while len(received) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(received) >= count, "no e-mail arrived"
    return received[count - 1]


def _link(message, part: str) -> str:
    found = re.search(r"https?://\S*" + re.escape(part) + r"\S*", body_of(message))
    assert found, body_of(message)
    return found.group(0)


def _logout(page) -> None:
    # requestSubmit() returns before the navigation starts: wait for it, or the
    # old (signed-in) page may still be the one read below.
    with page.expect_navigation():
        page.locator("header form[action='/logg-ut/']").first.evaluate("form => form.requestSubmit()")
    page.wait_for_load_state()
    expect(page.locator("header")).to_contain_text("Logg inn")


def test_coordinator_invites_a_contact_who_accepts_by_email(page, live_server, settings, smtp_server,
                                                            coordinator):
    settings.SITE_URL = live_server.url
    login(page, coordinator.user.username)
    page.goto("/konto/invitasjoner/")
    assert_no_axe_violations(page)
    page.fill("input[name=email]", "nina.ny@steinkjer.example")
    page.fill("input[name=name]", "Nina Ny")
    page.select_option("select[name=role]", "foui_contact")
    page.select_option("select[name=municipalities]", ["5006"])
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    assert "nina.ny@steinkjer.example" in page.inner_text("main table")
    assert "Ikke godtatt ennå" in page.inner_text("main table")
    message = _wait_for_mail(smtp_server)
    assert message["To"] == "nina.ny@steinkjer.example"
    link = _link(message, "/konto/invitasjon/")
    _logout(page)

    page.goto(link)
    assert_no_axe_violations(page)
    page.fill("input[name=name]", "Nina Ny")
    page.fill("input[name=username]", "nina.ny")
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    assert page.url == live_server.url + "/kommuner/5006/"
    assert "Nina Ny" in page.inner_text("header")
    assert page.locator("a[href='/kommuner/5006/rediger/']").count() >= 1  # the role applies
    # The same link again: a clear page, not an error.
    page.goto(link)
    assert "allerede godtatt" in page.inner_text("main")
    assert_no_axe_violations(page)
    assert Invitation.objects.get().accepted_by.username == "nina.ny"


def test_researcher_signs_up_verifies_claims_and_is_approved(page, live_server, smtp_server, browser,
                                                             coordinator):
    profile = Person.objects.create(name="Nora Forsker", email="nora@ntnu.example", listed_in_directory=True)
    page.goto("/logg-inn/")
    page.click("a[href^='/konto/signup/']")
    assert_no_axe_violations(page)
    page.fill("input[name=name]", "Nora Forsker")
    page.fill("input[name=email]", "nora.privat@example.org")
    page.fill("input[name=username]", "nora")
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    assert "/konto/confirm-email/" in page.url
    assert_no_axe_violations(page)
    link = _link(_wait_for_mail(smtp_server), "/konto/confirm-email/")
    page.goto(link)
    assert_no_axe_violations(page)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "Nora Forsker" in page.inner_text("header")  # verified and logged in
    user = get_user_model().objects.get(username="nora")
    assert not user.roles.exists()

    page.goto("/konto/")
    assert_no_axe_violations(page)
    page.click("a[href='/konto/profil/']")
    assert_no_axe_violations(page)
    profile_box = page.get_by_role("combobox", name="Profil")  # a searchable select (issue 18)
    profile_box.fill("nora fors")
    expect(page.get_by_role("option", name="Nora Forsker")).to_be_visible()
    profile_box.press("ArrowDown")
    profile_box.press("Enter")
    expect(page.locator("input[type=hidden][name=person]")).to_have_value(str(profile.pk))
    page.fill("textarea[name=message]", "Jeg er Nora ved NTNU; privat adresse.")
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    assert "Venter på en koordinator" in page.inner_text("main")

    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    coordinator_page = context.new_page()
    login(coordinator_page, coordinator.user.username)
    coordinator_page.goto("/konto/profilkrav/")
    assert_no_axe_violations(coordinator_page)
    coordinator_page.click("button[value=approve]")
    coordinator_page.wait_for_load_state()
    context.close()

    page.goto("/konto/")
    assert "Nora Forsker" in page.inner_text("main") and "Forsker" in page.inner_text("main")
    profile.refresh_from_db()
    assert profile.user == user and user.roles.filter(kind="researcher").exists()


def test_a_forgotten_password_is_reset_through_the_email_link(page, live_server, smtp_server, contact_steinkjer):
    verify(contact_steinkjer.user)
    page.goto("/logg-inn/")
    page.click("a[href='/konto/password/reset/']")
    assert_no_axe_violations(page)
    page.fill("input[name=email]", "ola.steinkjer@example.org")
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    link = _link(_wait_for_mail(smtp_server), "/konto/password/reset/key/")
    page.goto(link)
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.fill("input[name=password1]", NEW_PASSWORD)
    page.fill("input[name=password2]", NEW_PASSWORD)
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    login(page, "ola.steinkjer", NEW_PASSWORD)
    assert page.locator("header form[action='/logg-ut/']").count() >= 1  # the log-out button, in the user menu
    # The link works once.
    page.context.clear_cookies()
    page.goto(link)
    assert "ugyldig" in page.inner_text("main").lower() or "brukt" in page.inner_text("main").lower()


def _totp(secret: str) -> str:
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_a_coordinator_must_set_up_two_factor_authentication(page, live_server, settings, coordinator):
    settings.SAMSKAP_REQUIRE_MFA_FOR_COORDINATORS = True
    login(page, coordinator.user.username)
    assert "2fa%2Ftotp%2Factivate" in page.url  # allauth confirms the password before adding a factor
    assert_no_axe_violations(page)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    assert "/konto/2fa/totp/activate/" in page.url
    assert_no_axe_violations(page)
    page.goto("/konto/personer/")
    assert "/konto/2fa/totp/activate/" in page.url  # no coordinator page before 2FA
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", _totp(secret))
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_load_state()
    page.goto("/konto/personer/")
    assert page.url.endswith("/konto/personer/")
    assert_no_axe_violations(page)
    # Next login asks for the code.
    page.context.clear_cookies()
    login(page, coordinator.user.username)
    assert "/konto/2fa/authenticate/" in page.url
    assert_no_axe_violations(page)
