"""Per-client rate limits of search and similar needs: 429 with Retry-After, per client, per scope."""

import json

import pytest
from django.test import override_settings

LIMITS = {"search": "3/60", "similar": "2/60"}


def post_match(client, text="skolemiljø og mobbing", **extra):
    return client.post("/api/v1/match", data=json.dumps({"text": text, "top": 2}),
                       content_type="application/json", **extra)


@pytest.mark.django_db
@override_settings(SAMSKAP_RATELIMITS=LIMITS)
def test_anonymous_api_search_is_limited_per_client_with_retry_after(client):
    assert [post_match(client).status_code for _ in range(3)] == [200, 200, 200]
    refused = post_match(client)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()
    # Another client (address) still gets answers.
    assert post_match(client, REMOTE_ADDR="10.1.2.3").status_code == 200


@pytest.mark.django_db
@override_settings(SAMSKAP_RATELIMITS=LIMITS)
def test_search_page_answers_429_in_the_users_language(client):
    for _ in range(3):
        assert client.get("/megling/", {"q": "mobbing i skulen"}).status_code == 200
    refused = client.get("/megling/", {"q": "mobbing i skulen"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert "Prøv igjen om" in refused.content.decode()
    # Opening the empty search form is not a search and is never refused.
    assert client.get("/megling/").status_code == 200


@pytest.mark.django_db
@override_settings(SAMSKAP_RATELIMITS=LIMITS)
def test_similar_needs_has_its_own_limit(client):
    params = {"title": "Sjukepleiarar", "description": "Vi manglar sjukepleiarar i heimetenesta"}
    assert [client.get("/megling/like-behov/", params).status_code for _ in range(2)] == [200, 200]
    assert client.get("/megling/like-behov/", params).status_code == 429
    assert post_match(client).status_code == 200  # the search scope is counted apart


@pytest.mark.django_db
@override_settings(SAMSKAP_RATELIMITS={"search": "0", "similar": ""})
def test_a_zero_limit_turns_the_scope_off(client):
    assert {post_match(client).status_code for _ in range(10)} == {200}


def test_a_malformed_limit_is_a_configuration_error():
    from django.core.exceptions import ImproperlyConfigured

    from samskap.core.ratelimit import parse
    assert parse("30/60").requests == 30
    for bad in ("30", "a/b", "0/60", "5/0"):
        with pytest.raises(ImproperlyConfigured):
            parse(bad)
