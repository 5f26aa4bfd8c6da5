"""Role management with its change log, deactivation by a coordinator, deletion by the person."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samskap.accounts import actions
from samskap.accounts.models import AccountChange
from samskap.accounts.tests.factories import verify
from samskap.directory.models import Municipality, Person, Role, RoleKind
from samskap.directory.testing import PASSWORD
from samskap.followup.models import DeletionRequest, DeletionStatus


def test_coordinator_changes_roles_and_every_change_is_logged(client, coordinator, researcher):
    before = AccountChange.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    client.force_login(coordinator.user)
    url = reverse("accounts:person", args=[researcher.user.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"do": "add_role", "kind": "foui_contact", "municipality": "5006"})
    assert response.status_code == 302
    role = Role.objects.get(user=researcher.user, kind="foui_contact")
    assert role.municipality_id == "5006"
    client.post(url, {"do": "remove_role", "role": role.pk})
    assert not Role.objects.filter(pk=role.pk).exists()
    log = list(AccountChange.objects.filter(user=researcher.user, pk__gt=before).order_by("pk"))
    assert [(c.what, c.detail, c.by) for c in log] == [
        ("role_added", "foui_contact 5006", coordinator.user), ("role_removed", "foui_contact 5006", coordinator.user)]
    page = client.get(url).content.decode()
    assert "role_removed" in page and "Kari Koordinator" in page


def test_a_contact_needs_a_municipality(coordinator, researcher):
    with pytest.raises(ValidationError):
        actions.add_role(researcher.user, "foui_contact", None, actor=coordinator.user)


def test_only_coordinators_manage_roles(client, contact_steinkjer, researcher):
    with pytest.raises(PermissionDenied):
        actions.add_role(researcher.user, RoleKind.COORDINATOR, actor=contact_steinkjer.user)
    client.force_login(contact_steinkjer.user)
    assert client.get(reverse("accounts:people")).status_code == 403
    assert client.post(reverse("accounts:person", args=[researcher.user.pk]),
                       {"do": "add_role", "kind": "coordinator"}).status_code == 403
    assert not researcher.user.roles.filter(kind="coordinator").exists()


def test_roles_changed_elsewhere_are_logged_too(coordinator, researcher):
    steinkjer = Municipality.objects.get(code="5006")
    Role.objects.create(user=researcher.user, kind="foui_contact", municipality=steinkjer)  # e.g. the admin
    assert AccountChange.objects.filter(user=researcher.user, what="role_added").exists()


def test_people_page_lists_roles_and_searches(client, coordinator, contact_steinkjer, researcher):
    client.force_login(coordinator.user)
    page = client.get(reverse("accounts:people")).content.decode()
    assert "Ola Nordmo" in page and "Per Forsker" in page and "Steinkjer" in page
    page = client.get(reverse("accounts:people"), {"q": "forsker"}).content.decode()
    assert "Per Forsker" in page and "Ola Nordmo" not in page


def test_deactivated_account_cannot_log_in(client, coordinator, contact_steinkjer):
    other = client.__class__()
    assert other.login(username="ola.steinkjer", password=PASSWORD)
    actions.set_account_active(contact_steinkjer.user, False, actor=coordinator.user)
    assert other.get(reverse("accounts:overview")).status_code == 302  # the open session ended
    response = client.post(reverse("login"), {"login": "ola.steinkjer", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 302)
    with pytest.raises(ValidationError):
        actions.set_account_active(coordinator.user, False, actor=coordinator.user)
    assert AccountChange.objects.filter(user=contact_steinkjer.user, what="deactivated").exists()


def test_a_person_deletes_their_account(client, researcher):
    verify(researcher.user)
    client.force_login(researcher.user)
    assert client.get(reverse("accounts:delete")).status_code == 200
    response = client.post(reverse("accounts:delete"), {"password": "wrong", "confirm": "on"})
    assert response.status_code == 200 and Person.objects.filter(pk=researcher.person.pk).exists()
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    user = get_user_model().objects.get(pk=researcher.user.pk)
    assert user.username == f"deleted-{user.pk}" and not user.is_active and not user.email
    assert not Person.objects.filter(pk=researcher.person.pk).exists()
    assert not EmailAddress.objects.filter(user=user).exists() and not user.roles.exists()
    request = DeletionRequest.objects.get()
    assert request.status == DeletionStatus.CONFIRMED and request.person_name == "(slettet person)"
    assert "_auth_user_id" not in client.session
    assert not client.login(username="per.forsker", password=PASSWORD)


def test_nobody_deletes_someone_else(coordinator, researcher):
    with pytest.raises(PermissionDenied):
        actions.delete_own_account(researcher.user, PASSWORD, actor=coordinator.user)
