"""Searchable participant selects (issue 18): the options offer whom the form would accept, nobody else."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from samskap.partnering import actions
from samskap.workshops import actions as workshop_actions
from samskap.workshops.tests.factories import make_event

GUEST = AnonymousUser()


def _join(event, name, coordinator):
    return workshop_actions.register(event, {
        "name": name, "email": f"{name.lower().replace(' ', '.').replace('ø', 'o').replace('å', 'a')}@example.no", "organisation_name": f"{name} AS",
        "actor_type": "other", "accepted_terms": True}, {}, notify=False, actor=coordinator.user)


@pytest.fixture
def day(coordinator):
    event = make_event(coordinator.user, slug="motedag")
    people = [_join(event, n, coordinator) for n in ("Ada Aune", "Bo Berg", "Cai Dahl", "Dag Ødegård")]
    actions.add_slots(event, dt.time(10, 0), 20, 3, actor=coordinator.user)
    for who in people[1:]:
        actions.save_profile(who, {"offer": "Erfaring", "published": who.name != "Cai Dahl"}, actor=GUEST,
                             token=who.token)
    return event, people


def test_a_participant_finds_only_published_profiles_not_already_asked(client, day):
    event, (ada, bo, cai, dag) = day
    url = reverse("partnering:request_options", args=[event.slug, ada.token])
    html = client.get(url, {"field": "recipient", "q": ""}).content.decode()
    assert "Bo Berg (Bo Berg AS)" in html and "Dag Ødegård" in html
    assert "Cai Dahl" not in html and "Ada Aune" not in html  # unpublished; oneself
    assert "Dag Ødegård" in client.get(url, {"field": "recipient", "q": "odegard"}).content.decode()
    assert "Bo Berg" in client.get(url, {"field": "recipient", "q": "berg as"}).content.decode()
    actions.request_meeting(ada, bo, "Hei", actor=GUEST, token=ada.token)
    assert "Bo Berg" not in client.get(url, {"field": "recipient", "q": ""}).content.decode()
    assert client.get(reverse("partnering:request_options", args=[event.slug, "feil-token"]),
                      {"field": "recipient"}).status_code == 404


def test_the_organisers_options_need_an_organiser(client, day, coordinator, researcher):
    event, _people = day
    url = reverse("partnering:book_options", args=[event.slug])
    assert client.get(url, {"field": "sender"}).status_code == 302
    client.force_login(researcher.user)
    assert client.get(url, {"field": "sender"}).status_code == 403
    client.force_login(coordinator.user)
    html = client.get(url, {"field": "recipient", "q": "CAI"}).content.decode()
    assert "Cai Dahl (Cai Dahl AS)" in html  # the organiser books anyone taking part
    page = client.get(reverse("partnering:organise", args=[event.slug])).content.decode()
    assert f'data-options-url="{url}?field=sender"' in page and 'id="book_sender"' in page
