"""The coordinator's web flow from the call for topics to themes, programme, sessions and staff, and what
anonymous visitors see."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from samskap.directory.models import Municipality
from samskap.needs import actions as need_actions
from samskap.needs.models import Call
from samskap.workshops import proposals
from samskap.workshops.models import Event, ProgrammeItem, Registration, StaffMember, Theme

from .factories import sign_up


@pytest.fixture
def call(coordinator, contact_steinkjer, contact_namsos):
    call = need_actions.open_call(title="Innspill til verkstedet", question="Hvilke tema?",
                                  deadline=timezone.now() + dt.timedelta(days=20), actor=coordinator.user)
    need_actions.submit_need(Municipality.objects.get(code="5006"), {
        "title": "Tidlig oppdagelse av sepsis", "description": "Hjemmetjenesten trenger verktøy.",
        "sector": "health"}, call=call, actor=contact_steinkjer.user)
    need_actions.submit_need(Municipality.objects.get(code="5007"), {
        "title": "Akutt sykdom i hjemmet", "description": "Samhandling med sykehuset.", "sector": "health"},
        call=call, actor=contact_namsos.user)
    return call


@pytest.mark.postgres
def test_coordinator_builds_a_workshop_in_the_web(client, coordinator, call, contact_steinkjer):
    client.force_login(coordinator.user)
    response = client.post(reverse("workshops:create"), {
        "title": "Verksted 2031", "slug": "verksted-2031", "date": "2031-04-14", "place": "Levanger",
        "registration_deadline": "2031-03-31T12:00", "capacity": "50", "min_theme_size": "4",
        "max_group_size": "8", "tables_per_session": "8", "call": call.pk, "terms": "Navn på lister.",
        "sessions": "2"})
    assert response.status_code == 302, response.content.decode()
    event = Event.objects.get(slug="verksted-2031")
    assert event.sessions.count() == 2 and event.call == call and event.created_by == coordinator.user
    detail = client.get(reverse("workshops:detail", args=[event.slug])).content.decode()
    assert "Tidlig oppdagelse av sepsis" in detail and "Lag tema" in detail

    # a theme from a need records who proposed it
    session = event.sessions.get(number=1)
    need = call.needs.get(title="Tidlig oppdagelse av sepsis")
    client.post(reverse("workshops:theme_from_need", args=[event.slug]), {"need": need.pk, "session": session.pk})
    theme = Theme.objects.get(session=session, title="Tidlig oppdagelse av sepsis")
    assert list(theme.needs.all()) == [need]
    assert theme.proposed_by == contact_steinkjer.user and theme.proposed_by_name == "Steinkjer"
    assert "foreslått av Steinkjer" in client.get(reverse("workshops:detail", args=[event.slug])).content.decode()

    # a theme from a shared challenge of the call's answers (the brokering index is replaced here)
    both = list(call.needs.order_by("pk"))
    client_challenges = [proposals.ChallengeProposal("akutt sykdom", both)]
    from unittest import mock

    with mock.patch.object(proposals, "shared_challenges", return_value=client_challenges):
        panel = client.get(reverse("workshops:challenges", args=[event.slug]), HTTP_HX_REQUEST="true")
    assert "akutt sykdom" in panel.content.decode() and "<h1" not in panel.content.decode()
    session2 = event.sessions.get(number=2)
    client.post(reverse("workshops:theme_from_challenge", args=[event.slug]), {
        "title": "Akutt sykdom i kommunene", "session": session2.pk, "needs": [n.pk for n in both]})
    shared = Theme.objects.get(title="Akutt sykdom i kommunene")
    assert shared.session == session2 and set(shared.needs.all()) == set(both)
    assert shared.proposed_by_name.startswith("Namsos") and shared.proposed_by_name.endswith(", Steinkjer")

    # a theme proposed by the coordinator, programme, session times and staff
    client.post(reverse("workshops:theme_create", args=[event.slug]), {
        "session": session.pk, "title": "Samarbeid om kompetanse og FoU", "description": "Felles tema.",
        "proposed_by_name": ""})
    own = Theme.objects.get(title="Samarbeid om kompetanse og FoU")
    assert own.proposed_by == coordinator.user and own.proposed_by_name == "Kari Koordinator"
    response = client.post(reverse("workshops:theme_create", args=[event.slug]), {
        "session": session.pk, "title": "samarbeid om  kompetanse og FoU"})
    assert "Denne økta har allerede et tema med denne tittelen." in response.content.decode()
    client.post(reverse("workshops:programme_create", args=[event.slug]), {
        "start": "09:30", "end": "10:00", "title": "Registrering og kaffe", "speaker": ""})
    response = client.post(reverse("workshops:programme_create", args=[event.slug]), {
        "start": "11:00", "end": "10:00", "title": "Baklengs"})
    assert "Slutten må være etter starten." in response.content.decode()
    assert list(ProgrammeItem.objects.filter(event=event).values_list("title", flat=True)) == [
        "Registrering og kaffe"]
    client.post(reverse("workshops:session_edit", args=[event.slug, session.pk]), {
        "number": "1", "start": "12:30", "end": "13:25"})
    session.refresh_from_db()
    assert session.start == dt.time(12, 30)
    client.post(reverse("workshops:staff_create", args=[event.slug]), {"name": "Marte Vollan", "email": ""})
    assert StaffMember.objects.filter(event=event, name="Marte Vollan").exists()
    response = client.post(reverse("workshops:edit", args=[event.slug]), {
        "title": "Verksted 2031", "slug": "verksted-2031", "date": "2031-04-14", "place": "Levanger",
        "registration_deadline": "2031-05-01T12:00", "capacity": "50", "min_theme_size": "4",
        "max_group_size": "8", "tables_per_session": "8"})
    assert "Påmeldingsfristen må være senest på verkstedsdagen." in response.content.decode()


def test_anonymous_visitor_sees_the_public_page_only(client, event, coordinator):
    sign_up(event, "Anne", {1: ["Laboratorium for folkehelse"]})
    listing = client.get(reverse("workshops:list")).content.decode()
    assert "Utviklingsverksted" in listing and "Nytt verksted" not in listing
    html = client.get(reverse("workshops:detail", args=[event.slug])).content.decode()
    assert "Meld deg på" in html and "Laboratorium for folkehelse" in html
    assert "For koordinatorer" not in html and "førstevalg" not in html
    client.force_login(coordinator.user)
    html = client.get(reverse("workshops:detail", args=[event.slug])).content.decode()
    assert "For koordinatorer" in html and "1 førstevalg, 1 i alt" in html


def test_coordinator_cancels_a_registration_and_promotes(client, coordinator, event):
    from samskap.workshops import actions

    actions.update_event(event, {"capacity": 1}, actor=coordinator.user)
    first = sign_up(event, "Anne", {1: ["Laboratorium for folkehelse"]})
    second = sign_up(event, "Berit", {1: ["Laboratorium for folkehelse"]})
    client.force_login(coordinator.user)
    page = client.get(reverse("workshops:registrations", args=[event.slug])).content.decode()
    assert "På venteliste" in page and "berit@example.no" in page
    response = client.post(reverse("workshops:registration_cancel", args=[event.slug, first.pk]), follow=True)
    assert "Berit rykket opp fra ventelisten." in response.content.decode()
    assert Registration.objects.get(pk=second.pk).status == "confirmed"


def test_challenges_without_a_call_or_index(client, coordinator, event):
    client.force_login(coordinator.user)
    html = client.get(reverse("workshops:challenges", args=[event.slug])).content.decode()
    assert "Fant ingen felles utfordringer" in html
    assert Call.objects.count() == 0
