"""API tokens: expiry, revocation, the owner's token page, and 401 with WWW-Authenticate for bad tokens."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from samskap.directory.models import ApiToken

NEED = {"title": "Digital heimeoppfølging", "description": "Korleis kan vi følgje opp eldre heime med digitale verktøy?",
        "sector": "health", "language": "nn", "municipality": "5006"}


def post_need(client, **headers):
    return client.post("/api/v1/needs", data=json.dumps(NEED), content_type="application/json", **headers)


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Bearer ", "Basic Zm9vOmJhcg=="])
def test_missing_or_wrong_token_is_401_with_www_authenticate_not_csrf_403(csrf_client, contact_steinkjer, header):
    headers = {"HTTP_AUTHORIZATION": header} if header else {}
    response = post_need(csrf_client, **headers)
    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "CSRF" not in response.content.decode()


def test_expired_and_revoked_tokens_are_refused(csrf_client, contact_steinkjer, settings):
    token, key = ApiToken.issue(contact_steinkjer.user, "script")
    assert token.expires_at - timezone.now() > dt.timedelta(days=settings.API_TOKEN_LIFETIME_DAYS - 1)
    assert post_need(csrf_client, HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 201
    token.refresh_from_db()
    assert token.last_used_at is not None

    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = post_need(csrf_client, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 401 and 'error="invalid_token"' in response["WWW-Authenticate"]

    token2, key2 = ApiToken.issue(contact_steinkjer.user, "other")
    ApiToken.objects.filter(pk=token2.pk).update(revoked_at=timezone.now())
    assert post_need(csrf_client, HTTP_AUTHORIZATION=f"Bearer {key2}").status_code == 401


def test_session_writes_still_need_csrf(csrf_client, contact_steinkjer):
    csrf_client.force_login(contact_steinkjer.user)
    assert post_need(csrf_client).status_code == 403


def test_token_page_create_list_revoke_own_only(client, contact_steinkjer, contact_namsos):
    client.force_login(contact_steinkjer.user)
    response = client.post("/konto/token/", {"name": "Rapportskript"})
    assert response.status_code == 200
    key = response.context["new_key"]
    assert key.startswith("smk_") and key in response.content.decode()
    token = ApiToken.objects.get(user=contact_steinkjer.user)
    assert token.name == "Rapportskript" and token.key_hash == ApiToken.hash_key(key)
    listing = client.get("/konto/token/").content.decode()
    assert "Rapportskript" in listing and key not in listing  # the key is shown once

    others, _other_key = ApiToken.issue(contact_namsos.user, "Namsos sitt")
    client.post("/konto/token/", {"revoke": str(others.pk)})
    others.refresh_from_db()
    assert others.revoked_at is None  # someone else's token cannot be revoked
    assert "Namsos sitt" not in client.get("/konto/token/").content.decode()

    client.post("/konto/token/", {"revoke": str(token.pk)})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert post_need(Client(), HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_token_page_needs_login(client, reference):
    response = client.get("/konto/token/")
    assert response.status_code == 302 and "logg-inn" in response["Location"]
