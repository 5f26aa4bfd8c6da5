"""The notifications page: the unread count in the header, marking read (one, all), opening, preferences,
and nobody sees or changes another person's notifications."""

from __future__ import annotations

from django.urls import reverse

from samskap.core.actors import SYSTEM
from samskap.needs.notices import CALL_DEADLINE, CALL_OPENED
from samskap.notifications import actions
from samskap.notifications.models import Delivery, Notification, NotificationPreference

PARAMS = {"call": 1, "title": "Eldreomsorg 2030", "deadline": "2030-03-01T12:00:00+00:00"}


def _two(user):
    a = actions.notify([user], CALL_OPENED, PARAMS, "/behov/innspill/1/", actor=SYSTEM)[0]
    b = actions.notify([user], CALL_DEADLINE, PARAMS, "", actor=SYSTEM)[0]
    return a, b


def test_header_count_and_list(client, contact_steinkjer):
    _two(contact_steinkjer.user)
    client.force_login(contact_steinkjer.user)
    page = client.get(reverse("core:home")).content.decode()
    assert "2 uleste" in page and reverse("notifications:list") in page
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Du har 2 uleste varsler." in page
    assert "En innspillsrunde er åpnet: «Eldreomsorg 2030»" in page


def test_open_marks_read_and_goes_to_the_link(client, contact_steinkjer):
    a, b = _two(contact_steinkjer.user)
    client.force_login(contact_steinkjer.user)
    response = client.post(reverse("notifications:read", args=[a.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/behov/innspill/1/"
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.read_at is not None and b.read_at is None
    client.post(reverse("notifications:read_all"))
    b.refresh_from_db()
    assert b.read_at is not None
    assert "1 ulest" not in client.get(reverse("core:home")).content.decode()


def test_someone_elses_notification_is_not_found(client, contact_steinkjer, contact_namsos):
    a, _b = _two(contact_steinkjer.user)
    client.force_login(contact_namsos.user)
    assert client.post(reverse("notifications:read", args=[a.pk])).status_code == 404
    assert "Eldreomsorg" not in client.get(reverse("notifications:list")).content.decode()
    client.post(reverse("notifications:read_all"))
    a.refresh_from_db()
    assert a.read_at is None


def test_guests_are_sent_to_login(client, reference):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_preferences_are_saved_and_default_rows_dropped(client, contact_steinkjer):
    client.force_login(contact_steinkjer.user)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "En innspillsrunde åpner" in page and "I ukesoppsummeringen" in page
    response = client.post(reverse("notifications:preferences"), {
        f"kind-{CALL_OPENED}": Delivery.DIGEST, f"kind-{CALL_DEADLINE}": Delivery.IMMEDIATE})
    assert response.status_code == 302
    assert list(NotificationPreference.objects.values_list("kind", "delivery")) == [(CALL_OPENED, Delivery.DIGEST)]
    [n] = actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM)
    assert n.delivery == Delivery.DIGEST


def test_bad_preference_gets_a_message_and_changes_nothing(client, contact_steinkjer):
    client.force_login(contact_steinkjer.user)
    response = client.post(reverse("notifications:preferences"), {
        f"kind-{CALL_OPENED}": Delivery.APP, f"kind-{CALL_DEADLINE}": "pigeon"})
    assert response.status_code == 200
    assert "Velg hvordan du vil få «Fristen i en innspillsrunde nærmer seg»." in response.content.decode()
    assert not NotificationPreference.objects.exists()
    assert not Notification.objects.exists()
