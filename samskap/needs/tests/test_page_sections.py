"""What needs adds to pages of lower apps through the registry: the front page and a municipality's page."""

import datetime as dt

import pytest
from django.utils import timezone

from samskap.directory.models import County, Municipality
from samskap.needs import actions

SUBMITTED = {"title": "Felles legevakt", "description": "Vi trenger et bedre tilbud ved akutt sykdom.",
             "sector": "health"}
DRAFT = {"title": "Uferdig utkast om skoleskyss", "description": "Skisse.", "sector": "education",
         "status": "draft"}


@pytest.fixture
def needs(contact_steinkjer, coordinator):
    steinkjer = Municipality.objects.get(code="5006")
    call = actions.open_call(title="Innspill 2027", question="Hvilke tema bør diskuteres?",
                             deadline=timezone.now() + dt.timedelta(days=14), county=County.objects.get(code="50"), actor=coordinator.user)
    return (actions.submit_need(steinkjer, SUBMITTED, actor=contact_steinkjer.user),
            actions.submit_need(steinkjer, DRAFT, actor=contact_steinkjer.user), call)


def test_front_page_shows_open_calls_and_newest_needs_but_no_drafts(client, needs):
    submitted, draft, call = needs
    page = client.get("/").content.decode()
    assert call.title in page
    assert f'href="/behov/{submitted.pk}/"' in page and submitted.title in page
    assert draft.title not in page


def test_municipality_page_lists_its_needs_but_no_drafts(client, needs):
    submitted, draft, _call = needs
    page = client.get("/kommuner/5006/").content.decode()
    assert f'href="/behov/{submitted.pk}/"' in page
    assert draft.title not in page
    assert "Felles legevakt" not in client.get("/kommuner/5007/").content.decode()
