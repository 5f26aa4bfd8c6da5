"""A published plan tells each participant their group, host and note-taker, with their personal link; a
participant moved by hand is told where to."""

from __future__ import annotations

import pytest

from samskap.followup.tests.factories import add_group, organisation, person, workshop
from samskap.notifications.models import Notification
from samskap.notifications.tests.factories import body, kinds_of, messages_to
from samskap.workshops import actions as workshop_actions
from samskap.workshops import notices
from samskap.workshops.models import Assignment, Plan, RegistrationStatus


@pytest.fixture
def w(reference):
    ntnu = organisation("NTNU")
    host = person("Hanne Vert", ntnu, email="hanne@example.org")
    note = person("Nils Notat", ntnu, username="nils.notat")
    guest = person("Gro Gjest", ntnu, email="gro@example.org")  # no account
    member = person("Mona Medlem", ntnu, username="mona.medlem")
    made = workshop(host=host, note_taker=note, participants=(guest, member), title="Helseverkstedet")
    Plan.objects.filter(pk=made.plan.pk).update(published=False)
    made.plan.refresh_from_db()
    return made


def test_publishing_sends_each_participant_their_group(w, coordinator, smtp_server, settings,
                                                       django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://samskap.example"
    with django_capture_on_commit_callbacks(execute=True):
        workshop_actions.publish_plan(w.plan, actor=coordinator.user)
    addresses = sorted(m["To"] for m in smtp_server)
    assert addresses == sorted(r.email for r in w.registrations.values())
    [guest_mail] = messages_to(smtp_server, "gro@example.org")
    text = body(guest_mail)
    assert "Helseverkstedet" in text
    assert "gruppe 1, «Samarbeid om kompetanse og FoU»" in text
    assert "Vert: Hanne Vert" in text and "Referent: Nils Notat" in text
    guest = w.registrations["p0"]
    assert f"https://samskap.example/verksted/{w.event.slug}/min/{guest.token}/" in text  # the personal link
    assert "/varsler/avmelding/" in text
    # the host is told they host; the note-taker that they take the notes
    assert "Du er vert for denne gruppen." in body(messages_to(smtp_server, "hanne@example.org")[0])
    note_mail = body(messages_to(smtp_server, w.registrations["note_taker"].email)[0])
    assert "Du er referent i denne gruppen." in note_mail
    # participants with an account also see it in Samskap; the guest has no account, so only e-mail
    member_user = w.registrations["p1"].person.user
    assert kinds_of(member_user) == [notices.PLAN_PUBLISHED]
    assert Notification.objects.filter(recipient__isnull=True, email="gro@example.org").count() == 1
    # publishing the same plan again does not tell anyone twice
    with django_capture_on_commit_callbacks(execute=True):
        workshop_actions.publish_plan(w.plan, actor=coordinator.user)
    assert len(smtp_server) == 4
    assert coordinator.user.notifications.count() == 0


def test_cancelled_participants_are_not_told(w, coordinator, smtp_server, django_capture_on_commit_callbacks):
    w.registrations["p0"].status = RegistrationStatus.CANCELLED
    w.registrations["p0"].save()
    with django_capture_on_commit_callbacks(execute=True):
        workshop_actions.publish_plan(w.plan, actor=coordinator.user)
    assert messages_to(smtp_server, "gro@example.org") == []


def test_moved_participant_is_told_where_to(w, coordinator, smtp_server, django_capture_on_commit_callbacks):
    workshop_actions.publish_plan(w.plan, actor=coordinator.user)
    other = add_group(w, theme_title="Digital hjemmeoppfølging", number=2)
    member = w.registrations["p1"]
    assignment = Assignment.objects.get(registration=member, plan=w.plan)
    with django_capture_on_commit_callbacks(execute=True):
        workshop_actions.move_assignment(assignment, other, actor=coordinator.user)
    moved = Notification.objects.get(kind=notices.MOVED)
    assert moved.recipient == member.person.user
    assert "gruppe 2, «Digital hjemmeoppfølging»" in moved.message
    assert Notification.objects.filter(kind=notices.MOVED).count() == 1  # nobody else


def test_no_move_notice_before_the_plan_is_published(w, coordinator):
    other = add_group(w, theme_title="Digital hjemmeoppfølging", number=2)
    assignment = Assignment.objects.get(registration=w.registrations["p1"], plan=w.plan)
    workshop_actions.move_assignment(assignment, other, actor=coordinator.user)
    assert not Notification.objects.filter(kind=notices.MOVED).exists()
