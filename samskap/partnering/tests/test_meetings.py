"""One-to-one meetings through the actions and pages: profiles, suggestions, requests, scheduling,
publishing (notifications, agenda e-mail, iCal) and reminders."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from samskap.notifications.models import Notification
from samskap.partnering import actions, queries
from samskap.partnering.models import RunStatus, ScheduledMeeting
from samskap.partnering.suggestions import suggestions
from samskap.workshops import actions as workshop_actions
from samskap.workshops.tests.factories import make_event

GUEST = AnonymousUser()


def _join(event, name, coordinator):
    return workshop_actions.register(event, {
        "name": name, "email": f"{name.lower().replace(' ', '.')}@example.no", "organisation_name": f"{name} AS",
        "actor_type": "other", "accepted_terms": True}, {}, notify=False, actor=coordinator.user)


@pytest.fixture
def day(coordinator):
    event = make_event(coordinator.user, slug="motedag")
    people = [_join(event, n, coordinator) for n in ("Ada Aune", "Bo Berg", "Cai Dahl")]
    actions.add_slots(event, dt.time(10, 0), 20, 3, actor=coordinator.user, break_after=1)
    actions.set_tables(event, 1, actor=coordinator.user)
    return event, people


def test_request_accept_schedule_publish(day, coordinator, django_capture_on_commit_callbacks, mailoutbox):
    event, (a, b, c) = day
    req = actions.request_meeting(a, b, "Skal vi snakke om velferd?", actor=GUEST, token=a.token)
    assert Notification.objects.filter(kind="partnering.requested", email=b.email).exists()
    with pytest.raises(PermissionDenied):  # only b (or an organiser) may answer
        actions.answer_request(req, True, actor=GUEST, token=a.token)
    actions.answer_request(req, True, actor=GUEST, token=b.token)
    assert Notification.objects.filter(kind="partnering.accepted", email=a.email).exists()
    with pytest.raises(ValidationError):  # one active request per pair
        actions.request_meeting(b, a, actor=GUEST, token=b.token)
    actions.book_meeting(b, c, actor=coordinator.user)
    with pytest.raises(PermissionDenied):
        actions.book_meeting(a, c, actor=GUEST)
    actions.set_availability(c, set(), actor=GUEST, token=c.token)  # c cannot meet at all
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.start_schedule(event, actor=coordinator.user, time_limit=5)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE, run.error
    assert (run.placed, run.unplaced) == (1, 1)
    assert queries.agenda(a) == []  # not published yet
    with django_capture_on_commit_callbacks(execute=True):
        actions.publish_schedule(event, actor=coordinator.user)
    agenda = queries.agenda(a)
    assert len(agenda) == 1 and agenda[0].request == req
    assert any(a.email in m.to and "Bo Berg" in m.body for m in mailoutbox)
    assert Notification.objects.filter(kind="partnering.published", email=a.email).exists()
    # re-plan: the published meeting stays where it is
    fixed = ScheduledMeeting.objects.get(request=req)
    actions.set_availability(a, set(), actor=GUEST, token=a.token)
    with django_capture_on_commit_callbacks(execute=True):
        actions.start_schedule(event, actor=coordinator.user, time_limit=5)
    again = ScheduledMeeting.objects.get(request=req)
    assert (again.pk, again.slot_id, again.table_id) == (fixed.pk, fixed.slot_id, fixed.table_id)
    # reminders: c has an accepted (booked) meeting; nobody is without one but ... a new participant is
    d = _join(event, "Dag Eid", coordinator)
    call_command("meetings_remind", event.slug)
    assert Notification.objects.filter(kind="partnering.reminder", email=d.email).count() == 1
    call_command("meetings_remind", event.slug)  # idempotent on the same day
    assert Notification.objects.filter(kind="partnering.reminder", email=d.email).count() == 1


def test_profile_and_suggestions_with_reasons(day):
    event, (a, b, c) = day
    actions.save_profile(a, {"seek": "forskning på skolemiljø og mobbing", "published": True}, actor=GUEST,
                         token=a.token)
    actions.save_profile(b, {"offer": "Vi forsker på skolemiljø i ungdomsskolen.", "tags": "skole",
                             "published": True}, actor=GUEST, token=b.token)
    actions.save_profile(c, {"offer": "Vi lager sykkelveier.", "published": True}, actor=GUEST, token=c.token)
    found = suggestions(a)
    assert [s.registration for s in found] == [b]
    assert "skolemiljø" in found[0].reason
    with pytest.raises(PermissionDenied):
        actions.save_profile(a, {"offer": "x"}, actor=GUEST, token=b.token)
    with pytest.raises(ValidationError):
        actions.save_profile(a, {"published": True}, actor=GUEST, token=a.token)


def test_pages(day, client, coordinator):
    event, (a, b, c) = day
    actions.request_meeting(a, b, actor=GUEST, token=a.token)
    page = client.get(f"/motebors/{event.slug}/min/{b.token}/")
    assert page.status_code == 200 and "Ada Aune" in page.content.decode()
    assert client.get(f"/motebors/{event.slug}/min/feil/").status_code == 404
    assert client.get(f"/motebors/{event.slug}/arrangor/").status_code == 302  # login first
    response = client.post(f"/motebors/{event.slug}/min/{b.token}/foresporsel/{a.meeting_requests_sent.get().pk}/svar/",
                           {"answer": "accept"})
    assert response.status_code == 302
    assert a.meeting_requests_sent.get().status == "accepted"
    client.force_login(coordinator.user)
    assert client.get(f"/motebors/{event.slug}/arrangor/").status_code == 200
    assert client.get(f"/motebors/{event.slug}/arrangor/utskrift/").status_code == 200
    ics = client.get(f"/motebors/{event.slug}/min/{a.token}/motebors.ics")
    assert ics.status_code == 200 and b"BEGIN:VCALENDAR" in ics.content


def test_a_declined_or_called_off_meeting_is_told_to_the_other_person(day, coordinator):
    event, (a, b, c) = day
    req = actions.request_meeting(a, b, actor=GUEST, token=a.token)
    actions.answer_request(req, False, actor=GUEST, token=b.token)
    assert Notification.objects.filter(kind="partnering.declined", email=a.email).count() == 1
    assert not Notification.objects.filter(kind="partnering.declined", email=b.email).exists()

    req = actions.request_meeting(a, c, actor=GUEST, token=a.token)
    actions.answer_request(req, True, actor=GUEST, token=c.token)
    actions.cancel_request(req, actor=GUEST, token=c.token, registration=c)  # c calls it off: a is told
    assert Notification.objects.filter(kind="partnering.cancelled", email=a.email).count() == 1
    assert not Notification.objects.filter(kind="partnering.cancelled", email=c.email).exists()

    req = actions.book_meeting(b, c, actor=coordinator.user)
    actions.cancel_request(req, actor=coordinator.user)  # an organiser calls it off: both are told
    assert Notification.objects.filter(kind="partnering.cancelled", email__in=[b.email, c.email]).count() == 2
