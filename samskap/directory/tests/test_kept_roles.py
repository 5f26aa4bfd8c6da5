"""Roles kept per process between requests (``permissions._roles``): read once per content version,
a change seen at once, never trusted inside a transaction, off with the page cache.

Personas: Ola (Steinkjer's FoUI contact), Eir (Surnadal's, nynorsk), Kari (the coordinator).
Transactional tests: the content version is raised after commit, as in production.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskap.accounts import actions as accounts
from samskap.directory import permissions
from samskap.directory.models import Municipality, Role, RoleKind
from samskap.directory.testing import PASSWORD

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _cache_on(settings: Any) -> None:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 60


def _fresh(persona: Any) -> Any:
    """The user as a new request loads it (nothing read for it yet)."""
    return get_user_model().objects.get(pk=persona.user.pk)


def _role_queries(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "directory_role" in q["sql"]]


def test_roles_are_read_once_per_content_version(contact_steinkjer: Any) -> None:
    with CaptureQueriesContext(connection) as first:
        assert permissions.contact_municipality_codes(_fresh(contact_steinkjer)) == {"5006"}
    with CaptureQueriesContext(connection) as second:
        assert permissions.contact_municipality_codes(_fresh(contact_steinkjer)) == {"5006"}
    assert len(_role_queries(first)) == 1 and _role_queries(second) == []


def test_a_signed_in_page_reads_no_roles_the_second_time(contact_steinkjer: Any) -> None:
    client = Client()
    assert client.login(username=contact_steinkjer.user.username, password=PASSWORD)
    client.get(reverse("directory:municipalities"))
    with CaptureQueriesContext(connection) as queries:
        assert "Ola Nordmo" in client.get(reverse("directory:municipalities")).content.decode()
    assert _role_queries(queries) == []


def test_a_role_granted_or_removed_is_seen_at_once(contact_steinkjer: Any, coordinator: Any) -> None:
    assert not permissions.is_coordinator(_fresh(contact_steinkjer))  # kept: not a coordinator
    role = accounts.add_role(contact_steinkjer.user, RoleKind.COORDINATOR, actor=coordinator.user)
    assert permissions.is_coordinator(_fresh(contact_steinkjer))
    accounts.remove_role(Role.objects.get(pk=role.pk), actor=coordinator.user)
    assert not permissions.is_coordinator(_fresh(contact_steinkjer))


def test_inside_a_transaction_roles_are_read_from_the_database(contact_steinkjer: Any) -> None:
    kept = permissions._kept_roles.current()
    assert kept is not None
    # what another process's change would leave here for up to half a second: a role Ola no longer has
    kept[contact_steinkjer.user.pk] = [(RoleKind.COORDINATOR, None)]
    user = _fresh(contact_steinkjer)
    assert permissions.is_coordinator(user)  # a page may show it for that long ...
    with transaction.atomic():
        # ... but no write is allowed on it: every action function checks inside a transaction
        assert not permissions.is_coordinator(user)
        assert not permissions.is_coordinator(_fresh(contact_steinkjer))


def test_off_when_the_page_cache_is_off(contact_steinkjer: Any, settings: Any) -> None:
    settings.SAMSKAP_PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        permissions.is_coordinator(_fresh(contact_steinkjer))
        permissions.is_coordinator(_fresh(contact_steinkjer))
    assert len(_role_queries(queries)) == 2


def test_the_language_kept_for_a_contact_follows_a_change_of_role(contact_surnadal: Any, coordinator: Any) -> None:
    client = Client()
    assert client.login(username=contact_surnadal.user.username, password=PASSWORD)
    for _ in range(2):  # the second time from what the process kept
        assert 'lang="nn"' in client.get(reverse("directory:municipalities")).content.decode()
    Role.objects.filter(user=contact_surnadal.user).delete()
    accounts.add_role(contact_surnadal.user, RoleKind.FOUI_CONTACT, Municipality.objects.get(code="5006"),
                      actor=coordinator.user)
    assert 'lang="nb"' in client.get(reverse("directory:municipalities")).content.decode()
