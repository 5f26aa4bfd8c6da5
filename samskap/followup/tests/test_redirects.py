"""Redirect targets taken from a request stay on this site (no open redirect)."""

import pytest


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example",
                                    "javascript:alert(1)", "http://evil.example/x"])
def test_withdraw_consent_never_redirects_off_site(client, world, target):
    client.force_login(world.users["note_taker"])
    response = client.post("/oppfolging/mine-data/trekk-samtykke/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/min-profil/" or response["Location"].startswith("/")
    assert "evil" not in response["Location"] and "javascript" not in response["Location"]


def test_withdraw_consent_keeps_a_local_next(client, world):
    client.force_login(world.users["note_taker"])
    response = client.post("/oppfolging/mine-data/trekk-samtykke/", {"next": "/kunnskap/"})
    assert response["Location"] == "/kunnskap/"
