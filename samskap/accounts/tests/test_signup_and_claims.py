"""Sign-up with mandatory e-mail verification; profiles claimed by verified e-mail or a coordinator's approval."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samskap.accounts import actions
from samskap.accounts.models import ClaimStatus
from samskap.directory.models import Person, RoleKind
from samskap.notifications.models import Notification

PASSWORD = "Et-godt-passord-42"


def _signup(client, email="ny.forsker@example.org", username="ny.forsker"):
    return client.post(reverse("account_signup"), {
        "name": "Nora Forsker", "email": email, "username": username, "password1": PASSWORD,
        "password2": PASSWORD})


def _confirm_link(mailoutbox) -> str:
    body = mailoutbox[-1].body
    found = re.search(r"https?://[^\s]+/konto/confirm-email/[^\s]+", body)
    assert found, body
    return found.group(0).replace("http://testserver", "")


def test_signup_needs_a_verified_address_and_gives_no_role(client, reference, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client)
    assert response.status_code == 302
    user = get_user_model().objects.get(username="ny.forsker")
    assert not user.roles.exists()
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session  # not logged in before the address is confirmed
    # Logging in is refused until the address is confirmed.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("login"), {"login": "ny.forsker", "password": PASSWORD})
    assert response.status_code == 302 and "confirm-email" in response["Location"]
    assert "_auth_user_id" not in client.session
    link = _confirm_link(mailoutbox)
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert int(client.session["_auth_user_id"]) == user.pk
    assert user.get_full_name() == "Nora Forsker"


def test_verification_links_the_profile_with_that_address(client, reference, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    person = Person.objects.create(name="Nora Forsker", email="Ny.Forsker@example.org", listed_in_directory=True)
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client)
    person.refresh_from_db()
    assert person.user is None  # nothing keyed on an address before it is verified
    client.post(_confirm_link(mailoutbox))
    person.refresh_from_db()
    assert person.user == get_user_model().objects.get(username="ny.forsker")
    assert not person.user.roles.exists()  # a profile, still no role


def test_two_profiles_with_the_address_are_not_linked_automatically(client, reference, mailoutbox,
                                                                    django_capture_on_commit_callbacks):
    Person.objects.create(name="Nora A", email="ny.forsker@example.org")
    Person.objects.create(name="Nora B", email="ny.forsker@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        _signup(client)
    client.post(_confirm_link(mailoutbox))
    assert not Person.objects.filter(user__isnull=False, email="ny.forsker@example.org").exists()


def test_an_unverified_address_links_nothing(reference):
    user = get_user_model().objects.create_user("typist", email="kari.koordinator@example.org", password="x")
    Person.objects.create(name="Someone", email="kari.koordinator@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    from samskap.core.actors import SYSTEM

    assert actions.claim_verified_profile(user, user.email, actor=SYSTEM) is None


def test_a_claim_is_approved_by_a_coordinator(coordinator, reference, mailoutbox,
                                              django_capture_on_commit_callbacks):
    person = Person.objects.create(name="Nora Forsker", email="nora@ntnu.example", listed_in_directory=True)
    user = get_user_model().objects.create_user("nora", email="nora.privat@example.org", password="x")
    with django_capture_on_commit_callbacks(execute=True):
        claim = actions.request_profile_claim(person, "Jeg er Nora ved NTNU.", actor=user)
    assert mailoutbox[-1].to == [coordinator.user.email]
    waiting = Notification.objects.get(recipient=coordinator.user, kind="accounts.claim_waiting")
    assert "Nora Forsker" in waiting.message and waiting.url == "/konto/profilkrav/"
    with pytest.raises(PermissionDenied):
        actions.decide_profile_claim(claim, True, actor=user)
    with django_capture_on_commit_callbacks(execute=True):
        actions.decide_profile_claim(claim, True, actor=coordinator.user)
    person.refresh_from_db()
    claim.refresh_from_db()
    assert person.user == user and claim.status == ClaimStatus.APPROVED
    assert user.roles.filter(kind=RoleKind.RESEARCHER).exists()
    assert mailoutbox[-1].to == ["nora.privat@example.org"]
    decided = Notification.objects.get(recipient=user, kind="accounts.claim_decided")
    assert "godkjent" in decided.message or "approved" in decided.message
    with pytest.raises(ValidationError):
        actions.decide_profile_claim(claim, False, actor=coordinator.user)


def test_a_claimed_profile_cannot_be_claimed(researcher, reference):
    other = get_user_model().objects.create_user("other", password="x")
    with pytest.raises(ValidationError):
        actions.request_profile_claim(researcher.person, actor=other)


def test_the_claim_pages(client, coordinator, reference):
    person = Person.objects.create(name="Nora Forsker", listed_in_directory=True)
    user = get_user_model().objects.create_user("nora", password="x")
    client.force_login(user)
    assert client.get(reverse("accounts:claim")).status_code == 200
    response = client.post(reverse("accounts:claim"), {"person": person.pk, "message": "Det er meg."})
    assert response.status_code == 302
    assert client.get(reverse("accounts:claims")).status_code == 403
    client.force_login(coordinator.user)
    page = client.get(reverse("accounts:claims")).content.decode()
    assert "Nora Forsker" in page
    claim = person.claims.get()
    client.post(reverse("accounts:claims"), {"claim": claim.pk, "do": "reject"})
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED
    person.refresh_from_db()
    assert person.user is None


def test_the_claim_forms_profile_search_offers_only_listed_unclaimed_profiles(client, researcher, reference):
    """The searchable profile select (issue 18) asks an endpoint that offers what the form accepts: listed
    profiles without an account; not a hidden one, not one an account has."""
    Person.objects.create(name="Nora Forsker", listed_in_directory=True)
    Person.objects.create(name="Nils Forsker", listed_in_directory=False)
    researcher.person.name = "Nina Forsker"
    researcher.person.save()
    url = reverse("accounts:claim_options")
    assert client.get(url, {"field": "person", "q": "forsker"}).status_code == 302  # log in first
    client.force_login(get_user_model().objects.create_user("nora", password="x"))
    html = client.get(url, {"field": "person", "q": "FORSKER"}).content.decode()
    assert "Nora Forsker" in html and "Nils Forsker" not in html and "Nina Forsker" not in html
    assert "Personer" in html
    assert client.get(url, {"field": "message", "q": "x"}).status_code == 404
    assert client.post(url, {"field": "person"}).status_code == 405
