"""Ids posted in forms or query strings are user input: text, negative or 21-digit values give a 404 or a
form message, never a database error (OverflowError on SQLite, DataError on PostgreSQL) or a 500."""

from __future__ import annotations

import pytest
from django.test import Client

from samskap.core.http import MAX_ID, posted_id, posted_ids
from samskap.directory import testing
from samskap.workshops.tests.factories import make_event

HOSTILE = ["abc", "-1", "0", "1.5", "99999999999999999999", str(MAX_ID + 1), "١٢", " ", "1 OR 1=1"]


def test_posted_id_accepts_only_database_ids() -> None:
    assert posted_id("42") == 42 and posted_id(" 7 ") == 7 and posted_id(str(MAX_ID)) == MAX_ID
    for value in [*HOSTILE, None, ""]:
        assert posted_id(value) is None, value
    assert posted_ids(["3", "x", "3", "4", "99999999999999999999"]) == [3, 4]
    assert posted_ids([str(i) for i in range(1, 50)], limit=5) == [1, 2, 3, 4, 5]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_ids_are_not_server_errors(value: str, coordinator: testing.Persona,
                                           contact_steinkjer: testing.Persona) -> None:
    event = make_event(coordinator.user)
    coord = Client(raise_request_exception=False)
    coord.force_login(coordinator.user)
    contact = Client(raise_request_exception=False)
    contact.force_login(contact_steinkjer.user)
    responses = [
        contact.get("/behov/ny/", {"call": value}),
        contact.post("/behov/innspill/1/knytt-til/", {"needs": [value]}),
        coord.post("/konto/profilkrav/", {"claim": value, "do": "approve"}),
        coord.post(f"/konto/personer/{contact_steinkjer.user.pk}/", {"do": "remove_role", "role": value}),
        coord.post(f"/verksted/{event.slug}/tema/fra-behov/", {"session": value, "need": value}),
        coord.post(f"/verksted/{event.slug}/tema/fra-utfordring/", {"session": value, "needs": [value]}),
        coord.post("/verksted/tema-fra-felles-utfordring/", {"session": value, "needs": [value], "title": "X"}),
    ]
    for response in responses:
        assert response.status_code in (200, 302, 404), (response.request["PATH_INFO"], response.status_code)
