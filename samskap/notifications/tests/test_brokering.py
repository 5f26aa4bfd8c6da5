"""Brokering: an accepted suggestion tells the need's contacts; an accepted expert is told and answers
"interested" / "not now" from the notification page; a researcher's "I'm interested" tells the contacts."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from samskap.matching import actions as matching_actions
from samskap.matching import notices
from samskap.matching.models import CatalogItem
from samskap.needs import actions as need_actions
from samskap.notifications import actions
from samskap.notifications.models import Notification
from samskap.notifications.tests.factories import kinds_of


@pytest.fixture
def need(contact_steinkjer):
    return need_actions.submit_need(contact_steinkjer.municipality, {
        "title": "Rekruttering av sykepleiere", "description": "Vi får ikke tak i sykepleiere.", "sector": "health"},
        actor=contact_steinkjer.user)


@pytest.fixture
def expert_item(researcher):
    return CatalogItem.objects.create(external_id=f"person:{researcher.person.pk}", kind="person",
                                      title=researcher.person.name)


def test_accepting_an_expert_tells_contacts_and_expert(need, expert_item, coordinator, contact_steinkjer,
                                                       contact_namsos, researcher):
    matching_actions.decide_suggestion(need, expert_item, "accepted", actor=coordinator.user)
    assert kinds_of(contact_steinkjer.user) == [notices.SUGGESTION_ACCEPTED]
    assert kinds_of(researcher.user) == [notices.EXPERT_ACCEPTED]
    assert kinds_of(contact_namsos.user) == [] and kinds_of(coordinator.user) == []
    # deciding again (accepted -> accepted) tells nobody again
    matching_actions.decide_suggestion(need, expert_item, "accepted", actor=coordinator.user)
    assert Notification.objects.count() == 2


def test_rejecting_tells_nobody(need, expert_item, coordinator):
    matching_actions.decide_suggestion(need, expert_item, "rejected", actor=coordinator.user)
    assert not Notification.objects.exists()


def test_a_non_person_suggestion_tells_only_the_contacts(need, coordinator, contact_steinkjer, researcher):
    item = CatalogItem.objects.create(external_id="instrument:99", kind="instrument", title="DigiFin")
    matching_actions.decide_suggestion(need, item, "accepted", actor=coordinator.user)
    assert kinds_of(contact_steinkjer.user) == [notices.SUGGESTION_ACCEPTED]
    assert kinds_of(researcher.user) == []


def test_expert_answers_from_the_notification_page(client, need, expert_item, coordinator, contact_steinkjer,
                                                   researcher):
    matching_actions.decide_suggestion(need, expert_item, "accepted", actor=coordinator.user)
    request = Notification.objects.get(recipient=researcher.user)
    client.force_login(researcher.user)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Rekruttering av sykepleiere" in page and 'value="interested"' in page and 'value="not_now"' in page
    client.post(reverse("notifications:answer", args=[request.pk]), {"reply": "interested"})
    request.refresh_from_db()
    assert request.reply == "interested" and request.read_at is not None
    answer = Notification.objects.get(recipient=contact_steinkjer.user, kind=notices.EXPERT_ANSWER)
    assert "Per Forsker" in answer.message
    # one answer only
    with pytest.raises(ValidationError):
        actions.reply(request, "not_now", actor=researcher.user)


def test_nobody_else_can_answer(need, expert_item, coordinator, contact_steinkjer, researcher):
    matching_actions.decide_suggestion(need, expert_item, "accepted", actor=coordinator.user)
    request = Notification.objects.get(recipient=researcher.user)
    with pytest.raises(PermissionDenied):
        actions.reply(request, "interested", actor=contact_steinkjer.user)
    with pytest.raises(ValidationError):
        actions.reply(request, "maybe", actor=researcher.user)


def test_interested_tells_the_contacts_once(need, researcher, contact_steinkjer, contact_namsos):
    matching_actions.express_interest(need, actor=researcher.user)
    [told] = Notification.objects.filter(kind=notices.INTEREST)
    assert told.recipient == contact_steinkjer.user
    assert "Per Forsker" in told.message and "NTNU" in told.message
    with pytest.raises(ValidationError):
        matching_actions.express_interest(need, actor=researcher.user)
    assert Notification.objects.filter(kind=notices.INTEREST).count() == 1


def test_interested_permissions(client, need, contact_steinkjer, contact_namsos, coordinator, reference):
    # FoUI contacts and coordinators are not researchers; nor is an anonymous visitor
    for actor in (contact_steinkjer.user, contact_namsos.user, coordinator.user):
        with pytest.raises(PermissionDenied):
            matching_actions.express_interest(need, actor=actor)
    response = client.post(reverse("matching:interested", args=[need.pk]))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    assert not Notification.objects.exists()


def test_not_interested_in_a_closed_need(need, researcher, contact_steinkjer):
    need_actions.set_need_status(need, "closed", actor=contact_steinkjer.user)
    with pytest.raises(PermissionDenied):
        matching_actions.express_interest(need, actor=researcher.user)


def test_interested_button_through_the_view(client, need, researcher, contact_steinkjer):
    client.force_login(researcher.user)
    response = client.post(reverse("matching:interested", args=[need.pk]), {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert kinds_of(contact_steinkjer.user) == [notices.INTEREST]


def test_interested_button_on_the_need_page_only_for_researchers(client, need, researcher, contact_namsos):
    url = reverse("needs:detail", args=[need.pk])
    button = reverse("matching:interested", args=[need.pk])
    client.force_login(contact_namsos.user)
    assert button not in client.get(url).content.decode()
    client.force_login(researcher.user)
    assert button in client.get(url).content.decode()
    client.post(button)
    page = client.get(url).content.decode()
    assert button not in page and "Du har meldt interesse" in page
