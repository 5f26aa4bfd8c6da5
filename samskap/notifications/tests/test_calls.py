"""Calls for topics: the invited municipalities' contacts are told when a call opens; before the deadline,
those who have not answered (once per call, however often the reminder runs)."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from samskap.directory.models import County
from samskap.needs import actions as need_actions
from samskap.needs import notices
from samskap.notifications.models import Notification
from samskap.notifications.tests.factories import body, kinds_of, messages_to


def _open(coordinator, days=20, county=None):
    return need_actions.open_call(actor=coordinator.user, title="Eldreomsorg", question="Hva trenger dere?",
                                  deadline=timezone.now() + dt.timedelta(days=days), county=county)


def test_opening_a_call_tells_the_invited_contacts(coordinator, contact_steinkjer, contact_namsos, contact_surnadal,
                                                   researcher, smtp_server, django_capture_on_commit_callbacks):
    trondelag = County.objects.get(municipalities__code="5006")
    with django_capture_on_commit_callbacks(execute=True):
        call = _open(coordinator, county=trondelag)
    assert kinds_of(contact_steinkjer.user) == [notices.CALL_OPENED]
    assert kinds_of(contact_namsos.user) == [notices.CALL_OPENED]
    assert kinds_of(contact_surnadal.user) == []  # Surnadal is in Møre og Romsdal: not invited
    assert kinds_of(researcher.user) == [] and kinds_of(coordinator.user) == []
    [message] = messages_to(smtp_server, contact_steinkjer.user.email)
    assert "Eldreomsorg" in body(message) and f"/behov/innspill/{call.pk}/" in body(message)
    assert messages_to(smtp_server, contact_surnadal.user.email) == []


def test_surnadal_reads_it_in_nynorsk(coordinator, contact_surnadal, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _open(coordinator)
    [message] = messages_to(smtp_server, contact_surnadal.user.email)
    text = body(message)
    assert "Eldreomsorg" in text
    assert "Kommunen din er invitert til å svare innan" in text and "Hei" in text  # nynorsk (Surnadal's language form)


def test_deadline_reminder_only_to_silent_municipalities_and_once(coordinator, contact_steinkjer, contact_namsos):
    call = _open(coordinator, days=2)
    need_actions.submit_need(contact_steinkjer.municipality, {"title": "Rekruttering", "description": "Mangler folk.", "sector": "health"},
                             actor=contact_steinkjer.user, call=call)
    assert notices.remind_deadlines() > 0
    assert notices.CALL_DEADLINE not in kinds_of(contact_steinkjer.user)  # Steinkjer has answered
    assert kinds_of(contact_namsos.user).count(notices.CALL_DEADLINE) == 1
    notices.remind_deadlines()
    call_command("calls", "remind", "--now")
    assert kinds_of(contact_namsos.user).count(notices.CALL_DEADLINE) == 1  # idempotent


def test_no_reminder_long_before_the_deadline(coordinator, contact_namsos):
    _open(coordinator, days=20)
    assert notices.remind_deadlines() == 0
    assert not Notification.objects.filter(kind=notices.CALL_DEADLINE).exists()
