"""Registration opens when the coordinator opens it: a new workshop is not open, the event page says so,
only coordinators open or close it, and attempts while it is not open are refused with a clear message."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from samskap.workshops import actions
from samskap.workshops.models import Event, Registration, RegistrationState

from .test_registration import form_data


@pytest.fixture
def new_event(coordinator):  # type: ignore[no-untyped-def]
    event = actions.create_event({
        "title": "Nytt verksted", "slug": "nytt", "date": timezone.localdate() + dt.timedelta(days=30),
        "place": "Steinkjer", "capacity": 20, "registration_deadline": timezone.now() + dt.timedelta(days=20)},
        sessions=1, actor=coordinator.user)
    actions.create_theme(event.sessions.get(), {"title": "Laboratorium for folkehelse"}, actor=coordinator.user)
    return event


def guest_data() -> dict:
    return {"name": "Guro Gjest", "email": "guro@example.no", "organisation_name": "Verdal kommune",
            "actor_type": "municipality", "accepted_terms": True}


def test_a_new_workshop_is_not_open_until_the_coordinator_opens_it(client, coordinator, new_event):
    assert new_event.registration_state == RegistrationState.NOT_OPEN and not new_event.registration_open
    page = client.get(reverse("workshops:detail", args=[new_event.slug])).content.decode()
    assert "Påmeldingen er ikke åpnet ennå." in page
    assert reverse("workshops:register", args=[new_event.slug]) not in page
    response = client.post(reverse("workshops:register", args=[new_event.slug]),
                           form_data(new_event, choices={1: ["Laboratorium for folkehelse"]}))
    assert "Påmeldingen til dette verkstedet er ikke åpnet ennå." in response.content.decode()
    assert not Registration.objects.exists()
    with pytest.raises(ValidationError, match="ikke åpnet ennå"):
        actions.register(new_event, guest_data(), {}, notify=False, actor=AnonymousUser())

    client.force_login(coordinator.user)
    page = client.get(reverse("workshops:detail", args=[new_event.slug])).content.decode()
    assert "Åpne påmeldingen" in page
    client.post(reverse("workshops:registration_open", args=[new_event.slug]))
    new_event.refresh_from_db()
    assert new_event.registration_open
    client.logout()
    page = client.get(reverse("workshops:detail", args=[new_event.slug])).content.decode()
    assert "Påmeldingen er åpen." in page
    actions.register(new_event, guest_data(), {}, notify=False, actor=AnonymousUser())
    assert Registration.objects.count() == 1


def test_closing_refuses_registrations(client, coordinator, new_event):
    actions.open_registration(new_event, actor=coordinator.user)
    client.force_login(coordinator.user)
    client.post(reverse("workshops:registration_close", args=[new_event.slug]))
    new_event.refresh_from_db()
    assert new_event.registration_state == RegistrationState.CLOSED
    client.logout()
    assert "Påmeldingen er stengt." in client.get(reverse("workshops:detail", args=[new_event.slug])).content.decode()
    with pytest.raises(ValidationError, match="er stengt"):
        actions.register(new_event, guest_data(), {}, notify=False, actor=AnonymousUser())
    api = client.get(f"/api/v1/workshops/{new_event.slug}").json()
    assert api["registration_open"] is False and api["registration_status"] == "closed"
    # coordinators can still add people
    actions.register(new_event, guest_data(), {}, notify=False, actor=coordinator.user)


def test_only_coordinators_open_and_close(client, contact_steinkjer, new_event):
    with pytest.raises(PermissionDenied):
        actions.open_registration(new_event, actor=contact_steinkjer.user)
    with pytest.raises(PermissionDenied):
        actions.close_registration(new_event, actor=AnonymousUser())
    client.force_login(contact_steinkjer.user)
    assert client.post(reverse("workshops:registration_open", args=[new_event.slug])).status_code == 403
    assert client.get(reverse("workshops:registration_open", args=[new_event.slug])).status_code == 405
    new_event.refresh_from_db()
    assert new_event.registration_status == RegistrationState.NOT_OPEN


def test_opening_after_the_deadline_is_refused(coordinator, new_event):
    Event.objects.filter(pk=new_event.pk).update(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    with pytest.raises(ValidationError, match="fristen er passert"):
        actions.open_registration(new_event, actor=coordinator.user)


def test_an_open_workshop_closes_at_the_deadline(coordinator, new_event):
    actions.open_registration(new_event, actor=coordinator.user)
    Event.objects.filter(pk=new_event.pk).update(registration_deadline=timezone.now() - dt.timedelta(hours=1))
    new_event.refresh_from_db()
    assert new_event.registration_state == RegistrationState.CLOSED


def test_the_migration_keeps_existing_events_open():
    import importlib

    migration = importlib.import_module("samskap.workshops.migrations.0003_event_registration_status")
    add, alter = migration.Migration.operations
    assert add.field.default == "open" and alter.field.default == "not_open"
