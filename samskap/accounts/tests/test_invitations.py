"""Invitations: who may invite whom, links that expire, are resent, revoked, reused or forged."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samskap.accounts import actions, queries
from samskap.accounts.models import AccountChange, InvitationStatus
from samskap.accounts.tests.factories import expire, invite_contact, link_in, token
from samskap.directory.models import Person, RoleKind
from samskap.directory.testing import PASSWORD


def _accept(invitation, **data):
    return actions.accept_invitation(invitation, invitation.nonce, actor=_anonymous(), **data)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


NEW = {"username": "nina.ny", "name": "Nina Ny", "password": "Et-godt-passord-42"}


def test_coordinator_invites_a_contact_for_two_municipalities(coordinator, mailoutbox,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite_contact(coordinator.user, codes=("5006", "5007"))
    assert {m.code for m in invitation.municipalities.all()} == {"5006", "5007"}
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["ny.kontakt@example.org"]
    assert "/konto/invitasjon/" in link_in(mailoutbox[0].body)
    user = _accept(invitation, **NEW)
    assert set(user.roles.values_list("kind", "municipality_id")) == {
        (RoleKind.FOUI_CONTACT, "5006"), (RoleKind.FOUI_CONTACT, "5007")}
    assert EmailAddress.objects.get(user=user).verified
    assert AccountChange.objects.filter(user=user, what="role_added").count() == 2


def test_a_contact_invites_a_colleague_to_their_own_municipality_only(contact_steinkjer):
    own = actions.invite("kollega@example.org", "foui_contact", ["5006"], actor=contact_steinkjer.user)
    assert own.invited_by == contact_steinkjer.user
    with pytest.raises(PermissionDenied):
        actions.invite("andre@example.org", "foui_contact", ["5007"], actor=contact_steinkjer.user)
    with pytest.raises(PermissionDenied):
        actions.invite("andre@example.org", "foui_contact", ["5006", "5007"], actor=contact_steinkjer.user)
    with pytest.raises(PermissionDenied):
        actions.invite("sjef@example.org", "coordinator", [], actor=contact_steinkjer.user)


def test_a_researcher_cannot_invite(researcher, client):
    with pytest.raises(PermissionDenied):
        actions.invite("x@example.org", "foui_contact", ["5006"], actor=researcher.user)
    client.force_login(researcher.user)
    assert client.get(reverse("accounts:invitations")).status_code == 403


def test_the_invitation_form_refuses_another_municipality(client, contact_steinkjer):
    client.force_login(contact_steinkjer.user)
    response = client.post(reverse("accounts:invitations"), {
        "email": "x@example.org", "role": "foui_contact", "municipalities": ["5007"]})
    assert response.status_code == 200
    assert not queries.visible_invitations(contact_steinkjer.user).exists()


def test_bad_input_is_named(coordinator):
    with pytest.raises(ValidationError) as exc:
        actions.invite("not-an-address", "foui_contact", ["5006"], actor=coordinator.user)
    assert "email" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        actions.invite("a@example.org", "foui_contact", [], actor=coordinator.user)
    assert "municipalities" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        actions.invite("a@example.org", "foui_contact", ["9999"], actor=coordinator.user)
    assert "municipalities" in exc.value.error_dict


def test_links_reused_expired_revoked_and_forged(coordinator):
    invitation = invite_contact(coordinator.user)
    first = token(invitation)
    assert queries.invitation_for_token(first) == (invitation, "ok")
    actions.resend_invitation(invitation, actor=coordinator.user)
    second = token(invitation)
    assert queries.invitation_for_token(first)[1] == "revoked"  # the older link stopped working
    assert queries.invitation_for_token(second)[1] == "ok"
    assert queries.invitation_for_token(second[:-2] + "xx")[1] == "forged"
    assert queries.invitation_for_token("garbage")[1] == "forged"
    expire(invitation)
    assert queries.invitation_for_token(second)[1] == "expired"
    actions.resend_invitation(invitation, actor=coordinator.user)
    third = token(invitation)
    found, state = queries.invitation_for_token(third)
    assert state == "ok"
    _accept(found, **NEW)
    assert queries.invitation_for_token(third)[1] == "used"
    with pytest.raises(ValidationError):
        actions.resend_invitation(invitation, actor=coordinator.user)


def test_a_revoked_invitation_cannot_be_accepted(coordinator):
    invitation = invite_contact(coordinator.user)
    nonce = invitation.nonce
    actions.revoke_invitation(invitation, actor=coordinator.user)
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.REVOKED
    with pytest.raises(ValidationError):
        actions.accept_invitation(invitation, nonce, actor=_anonymous(), **NEW)
    assert not get_user_model().objects.filter(username="nina.ny").exists()


@pytest.mark.parametrize("state, status, text", [
    ("forged", 404, "ikke en gyldig invitasjon"),
    ("expired", 410, "utløpt"),
    ("used", 410, "allerede godtatt"),
])
def test_bad_links_get_a_clear_page(client, coordinator, state, status, text):
    invitation = invite_contact(coordinator.user)
    link = token(invitation)
    if state == "forged":
        link = link[:-3] + "abc"
    elif state == "expired":
        expire(invitation)
    else:
        _accept(invitation, **NEW)
    response = client.get(reverse("accounts:invitation", args=[link]))
    assert response.status_code == status
    page = response.content.decode()
    assert "<h1" in page and text in page.lower()


def test_accepting_through_the_page_logs_in_and_lands_on_the_municipality(client, coordinator):
    invitation = invite_contact(coordinator.user)
    url = reverse("accounts:invitation", args=[token(invitation)])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Nina Ny", "username": "nina.ny", "password1": NEW["password"],
                                 "password2": NEW["password"]})
    assert response.status_code == 302 and response["Location"] == "/kommuner/5006/"
    user = get_user_model().objects.get(username="nina.ny")
    assert int(client.session["_auth_user_id"]) == user.pk
    # The link cannot be used again.
    assert client.post(url, {}).status_code == 410


def test_a_weak_password_is_refused_with_a_message(client, coordinator):
    invitation = invite_contact(coordinator.user)
    url = reverse("accounts:invitation", args=[token(invitation)])
    response = client.post(url, {"name": "Nina Ny", "username": "nina.ny", "password1": "123",
                                 "password2": "123"})
    assert response.status_code == 200
    assert "ds-validation-message" in response.content.decode()
    assert not get_user_model().objects.filter(username="nina.ny").exists()


def test_a_signed_in_account_takes_the_role(client, coordinator, researcher):
    invitation = actions.invite(researcher.user.email, "foui_contact", ["5007"], actor=coordinator.user)
    client.force_login(researcher.user)
    response = client.post(reverse("accounts:invitation", args=[token(invitation)]))
    assert response.status_code == 302
    assert researcher.user.roles.filter(kind="foui_contact", municipality_id="5007").exists()


def test_accepting_links_the_unclaimed_profile_with_the_invited_address(coordinator):
    person = Person.objects.create(name="Nina Ny", email="NY.kontakt@example.org")
    user = _accept(invite_contact(coordinator.user), **NEW)
    person.refresh_from_db()
    assert person.user == user


def test_an_existing_address_must_log_in_first(coordinator, contact_namsos):
    invitation = actions.invite(contact_namsos.user.email, "foui_contact", ["5006"], actor=coordinator.user)
    with pytest.raises(ValidationError):
        _accept(invitation, username="ny.bruker", name="Ny", password=PASSWORD)


def test_the_coordinator_sees_pending_accepted_and_expired(client, coordinator):
    a = invite_contact(coordinator.user, "a@example.org")
    b = invite_contact(coordinator.user, "b@example.org")
    invite_contact(coordinator.user, "c@example.org")
    expire(a)
    _accept(b, **NEW)
    client.force_login(coordinator.user)
    page = client.get(reverse("accounts:invitations")).content.decode()
    for text in ("a@example.org", "b@example.org", "c@example.org", "Utløpt", "Godtatt", "Ikke godtatt ennå"):
        assert text in page
    pending = client.get(reverse("accounts:invitations"), {"status": "pending"}).content.decode()
    assert "c@example.org" in pending and "b@example.org" not in pending
