"""The authentication backend: the signed-in person is loaded with the user, and sessions made with
allauth's own backend path stay signed in once they are moved to ours.

Personas: Ola (Steinkjer's FoUI contact), Siri (Namsos's FoUI contact).
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps as django_apps
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samskap.accounts.sessions import ACCOUNT_BACKEND, ALLAUTH_BACKEND, move_sessions
from samskap.directory.testing import PASSWORD

pytestmark = pytest.mark.postgres

MIGRATION = "samskap.accounts.migrations.0002_sessions_account_backend"


def _signed_in(client: Client) -> bool:
    body = client.get(reverse("directory:municipalities")).content.decode()
    return f'action="{reverse("logout")}"' in body


def _session(user: Any, backend: str) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    assert store.session_key is not None
    return store.session_key


def _client(session_key: str) -> Client:
    client = Client()
    client.cookies["sessionid"] = session_key
    return client


def test_logging_in_records_our_backend_and_a_page_reads_the_person_with_the_user(contact_steinkjer: Any) -> None:
    client = Client()
    response = client.post(reverse("login"), {"login": "ola.steinkjer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == ACCOUNT_BACKEND
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("directory:municipalities")).content.decode()
    assert "Ola Nordmo" in body
    person = connection.ops.quote_name("directory_person")
    user_queries = [q["sql"] for q in queries.captured_queries if 'FROM "auth_user"' in q["sql"]]
    assert len(user_queries) == 1 and f"JOIN {person}" in user_queries[0]
    assert not [q for q in queries.captured_queries if q["sql"].split(" WHERE ")[0].endswith(f"FROM {person}")]


def test_a_session_made_with_allauths_path_is_moved_and_stays_signed_in(contact_steinkjer: Any,
                                                                      contact_namsos: Any) -> None:
    old = _session(contact_steinkjer.user, ALLAUTH_BACKEND)
    other = _session(contact_namsos.user, "some.other.Backend")
    Session.objects.create(session_key="damaged0session0key0000000000000", session_data="not a session",
                           expire_date=Session.objects.get(pk=old).expire_date)
    before = {s.pk: s.session_data for s in Session.objects.all()}
    # allauth's path is no longer listed: Django treats the session as signed out ...
    assert not _signed_in(_client(old))
    assert move_sessions(Session.objects, ALLAUTH_BACKEND, ACCOUNT_BACKEND) == 1
    # ... until it is moved; the person, the expiry and the rest of the session are kept
    client = _client(old)
    assert _signed_in(client)
    assert client.session[SESSION_KEY] == str(contact_steinkjer.user.pk)
    after = {s.pk: s.session_data for s in Session.objects.all()}
    assert after[other] == before[other] and after["damaged0session0key0000000000000"] == "not a session"
    assert SessionStore().decode(after[other])[BACKEND_SESSION_KEY] == "some.other.Backend"


def test_the_migration_moves_sessions_forwards_and_back(contact_steinkjer: Any) -> None:
    migration = importlib.import_module(MIGRATION)
    key = _session(contact_steinkjer.user, ALLAUTH_BACKEND)

    def backend() -> str:
        return str(SessionStore(session_key=key).load()[BACKEND_SESSION_KEY])

    migration.forwards(django_apps, None)
    assert backend() == ACCOUNT_BACKEND and _signed_in(_client(key))
    migration.backwards(django_apps, None)
    assert backend() == ALLAUTH_BACKEND
