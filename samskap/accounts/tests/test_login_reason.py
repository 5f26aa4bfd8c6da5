"""A guest sent to the login page from a page for logged-in people is told why, in their language."""

import pytest


@pytest.mark.django_db
def test_guest_opening_the_network_is_told_why_they_must_log_in(client):
    response = client.get("/oppfolging/nettverk/", follow=True)
    assert response.redirect_chain and response.redirect_chain[-1][0].startswith("/logg-inn/?next=")
    assert "Siden du ba om er bare for innloggede" in response.content.decode()


@pytest.mark.django_db
def test_login_page_opened_directly_has_no_such_note(client):
    assert "bare for innloggede" not in client.get("/logg-inn/").content.decode()


@pytest.mark.django_db
def test_the_note_is_in_nynorsk_too(client):
    client.cookies["django_language"] = "nn"
    response = client.get("/oppfolging/nettverk/", follow=True)
    assert "Sida du bad om er berre for innlogga" in response.content.decode()
