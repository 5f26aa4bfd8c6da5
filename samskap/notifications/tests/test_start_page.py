"""The personal start page ("Mitt Samskap"): each persona sees what is theirs; guests keep the front page;
a GET writes nothing and embeds nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samskap.core.tests.test_get_is_read_only import writes
from samskap.followup import actions as followup_actions
from samskap.followup.models import Action
from samskap.matching import actions as matching_actions
from samskap.matching import engine, services
from samskap.matching.models import CatalogItem
from samskap.needs import actions as need_actions
from samskap.workshops import actions as workshop_actions


def _home(client, user):
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert writes(captured.captured_queries) == []
    return response.content.decode()


@pytest.fixture
def call(coordinator):
    return need_actions.open_call(actor=coordinator.user, title="Eldreomsorg 2030", question="Hva trenger dere?",
                                  deadline=timezone.now() + dt.timedelta(days=3))


def test_guest_keeps_the_front_page(client, call):
    page = client.get(reverse("core:home")).content.decode()
    assert "Mitt Samskap" not in page and "Eldreomsorg 2030" in page


def test_contact_sees_calls_waiting_and_own_needs_and_suggestions(client, call, contact_steinkjer, contact_namsos,
                                                                  coordinator):
    need = need_actions.submit_need(contact_steinkjer.municipality, {
        "title": "Rekruttering av sykepleiere", "description": "Mangler folk.", "sector": "health"},
        actor=contact_steinkjer.user)
    item = CatalogItem.objects.create(external_id="instrument:7", kind="instrument", title="DigiFin")
    matching_actions.decide_suggestion(need, item, "accepted", actor=coordinator.user)
    page = _home(client, contact_steinkjer.user)
    assert "Mitt Samskap" in page
    assert "Innspillsrunder som venter på svaret ditt" in page and "Eldreomsorg 2030" in page
    assert "Rekruttering av sykepleiere" in page
    assert "DigiFin" in page  # the accepted suggestion
    assert "Innspillsrunder som stenger innen en uke" not in page  # the coordinators' panel
    assert "Behov som passer profilen din" not in page  # the researchers' panel
    # once Steinkjer has answered, the call no longer waits for it
    need_actions.submit_need(contact_steinkjer.municipality, {
        "title": "Svar på runden", "description": "Vårt svar.", "sector": "health"},
        actor=contact_steinkjer.user, call=call)
    page = _home(client, contact_steinkjer.user)
    assert "Ingen åpen innspillsrunde venter på svar fra kommunen din." in page
    # Namsos's own panels do not show Steinkjer's needs (the public "newest needs" below them may)
    namsos = _home(client, contact_namsos.user)
    assert "Rekruttering av sykepleiere" not in namsos[:namsos.index("I Samskap</h2>")]


def test_coordinator_sees_what_needs_attention(client, call, coordinator, world):
    Action.objects.filter(pk=world.action.pk).update(due_date=timezone.localdate() - dt.timedelta(days=3))
    workshop_actions.create_event({
        "title": "Vårverkstedet", "slug": "vaar", "date": timezone.localdate() + dt.timedelta(days=30),
        "place": "Steinkjer", "registration_deadline": timezone.now() + dt.timedelta(days=20), "capacity": 40},
        sessions=1, actor=coordinator.user)
    followup_actions.request_deletion(world.unlisted, actor=world.unlisted.user)
    page = _home(client, coordinator.user)
    assert "1 forespørsel om sletting av personopplysninger" in page
    assert "Innspillsrunder som stenger innen en uke" in page and "Eldreomsorg 2030" in page
    assert "Verksteder uten publiserte grupper" in page and "Vårverkstedet" in page
    assert "1 forsinket tiltak" in page and world.action.title in page


def test_owner_sees_their_actions_and_workshops(client, world):
    page = _home(client, world.freelancer.user)
    assert "Tiltak du er ansvarlig for" in page and world.action.title in page


def test_participant_sees_workshops_registered_for(client, coordinator, contact_steinkjer):
    event = workshop_actions.create_event({
        "title": "Vårverkstedet", "slug": "vaar", "date": timezone.localdate() + dt.timedelta(days=30),
        "place": "Steinkjer", "registration_deadline": timezone.now() + dt.timedelta(days=20), "capacity": 40},
        sessions=1, actor=coordinator.user)
    from samskap.workshops.models import Registration

    registration = Registration.objects.create(event=event, person=contact_steinkjer.person, name="Ola Nordmo",
                                               email=contact_steinkjer.user.email, organisation_name="Steinkjer",
                                               accepted_terms=True)
    page = _home(client, contact_steinkjer.user)
    assert "Verksteder du er påmeldt" in page
    assert reverse("workshops:mine", args=[event.slug, registration.token]) in page


def test_a_guest_registration_shows_only_for_a_verified_address(client, coordinator, contact_steinkjer,
                                                                contact_namsos):
    """Someone who types another person's address into their account must not see that person's guest
    registration (with its personal link); the owner sees it once the address is proved."""
    from allauth.account.models import EmailAddress

    from samskap.workshops.models import Registration

    event = workshop_actions.create_event({
        "title": "Vårverkstedet", "slug": "vaar", "date": timezone.localdate() + dt.timedelta(days=30),
        "place": "Steinkjer", "registration_deadline": timezone.now() + dt.timedelta(days=20), "capacity": 40},
        sessions=1, actor=coordinator.user)
    guest = Registration.objects.create(event=event, name="Ola Nordmo", email="ola.privat@example.org",
                                        organisation_name="Steinkjer", accepted_terms=True)
    link = reverse("workshops:mine", args=[event.slug, guest.token])
    intruder = contact_namsos.user
    intruder.email = "OLA.PRIVAT@example.org"
    intruder.save(update_fields=["email"])
    EmailAddress.objects.create(user=intruder, email=intruder.email, verified=False, primary=True)
    assert link not in _home(client, intruder)
    owner = contact_steinkjer.user
    EmailAddress.objects.create(user=owner, email="ola.privat@example.org", verified=True, primary=False)
    client.logout()
    assert link in _home(client, owner)


@pytest.fixture
def indexed(researcher, contact_steinkjer, contact_namsos):
    researcher.person.research_fields = "Rekruttering og kompetanse i helse- og omsorgstjenester, sykepleie."
    researcher.person.methods = "Intervju og registerdata."
    researcher.person.save()
    fits = need_actions.submit_need(contact_steinkjer.municipality, {
        "title": "Rekruttering av sykepleiere", "description": "Vi får ikke tak i sykepleiere til omsorgstjenestene.",
        "sector": "health"}, actor=contact_steinkjer.user)
    other = need_actions.submit_need(contact_namsos.municipality, {
        "title": "Bredbånd i grendene", "description": "Fiber mangler i flere grender.", "sector": "health"},
        actor=contact_namsos.user)
    services.reset_cache()
    services.sync_all()
    services.embed_pending()
    yield fits, other
    services.reset_cache()


def test_researcher_sees_fitting_needs_with_reasons_and_can_say_interested(client, indexed, researcher,
                                                                          contact_steinkjer, monkeypatch):
    fits, _other = indexed
    embedded = []
    monkeypatch.setattr(engine, "embed_query", lambda *a, **k: embedded.append(a) or None)
    page = _home(client, researcher.user)
    assert embedded == []  # the page searches with the profile's stored vector: nothing is embedded
    assert "Behov som passer profilen din" in page
    assert "Kommunens behov" not in page and "forsinket tiltak" not in page
    first = page.index("Behov som passer profilen din")
    assert "Rekruttering av sykepleiere" in page[first:]
    assert "Hvorfor" in page[first:]
    assert reverse("matching:interested", args=[fits.pk]) in page
    response = client.post(reverse("matching:interested", args=[fits.pk]), {"next": reverse("core:home")})
    assert response.status_code == 302
    assert contact_steinkjer.user.notifications.filter(kind="matching.interest").count() == 1
    page = _home(client, researcher.user)
    assert "Du har meldt interesse" in page


def test_researcher_sees_where_they_were_suggested(client, researcher, contact_steinkjer, coordinator):
    need = need_actions.submit_need(contact_steinkjer.municipality, {
        "title": "Rekruttering av sykepleiere", "description": "Mangler folk.", "sector": "health"},
        actor=contact_steinkjer.user)
    item = CatalogItem.objects.create(external_id=f"person:{researcher.person.pk}", kind="person",
                                      title=researcher.person.name)
    matching_actions.decide_suggestion(need, item, "accepted", actor=coordinator.user)
    page = _home(client, researcher.user)
    second = page.index("Der du er foreslått")
    assert "Rekruttering av sykepleiere" in page[second:]
