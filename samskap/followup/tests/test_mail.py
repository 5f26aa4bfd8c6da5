"""Reminders and digests through a real local SMTP server (aiosmtpd)."""

import datetime as dt
import io
import re
import socket
from email.header import decode_header, make_header

import pytest
from django.core.management import call_command
from django.utils import timezone

from samskap.followup import mail
from samskap.followup.models import Action, OrganisationContact, SentDigest, SentReminder
from samskap.notifications.models import MailOptOut


def body(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


def subject(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def recipients(messages) -> list[str]:
    return sorted(m["To"] for m in messages)


@pytest.fixture
def contact(world):
    return OrganisationContact.objects.create(organisation=world.steinkjer, name="Postmottak",
                                              email="post@steinkjer.example.no")


def test_a_reminder_arrives_before_the_due_date_with_an_unsubscribe_link(world, contact, smtp_server, client):
    due = world.action.due_date
    stats = mail.send_reminders(today=due - dt.timedelta(days=5), days=7)
    assert stats == {"messages": 2, "reminders": 2, "failed": 0}
    assert recipients(smtp_server) == ["frida.frilans@example.org", "post@steinkjer.example.no"]
    message = next(m for m in smtp_server if m["To"] == "post@steinkjer.example.no")
    text = body(message)
    assert "Kartlegge delte stillinger" in text and "Steinkjer kommune" in text
    assert subject(message) == "Samskap: 1 tiltak trenger oppfølging"
    link = re.search(r"http://\S+/varsler/avmelding/(\S+)/", text)
    assert link is not None
    assert "".join(message["List-Unsubscribe"].split()) == f"<{link.group(0)}>"
    assert f"/oppfolging/tiltak/{world.action.pk}/" in text

    # The same reminder is never sent twice.
    assert mail.send_reminders(today=due - dt.timedelta(days=4), days=7)["messages"] == 0
    assert len(smtp_server) == 2

    # Unsubscribing (by the link, no login) stops further mail to that address.
    path = link.group(0).split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "post@steinkjer.example.no" in page.content.decode()
    client.post("/" + path)
    assert MailOptOut.objects.get(email="post@steinkjer.example.no").unsubscribed_at is not None
    Action.objects.filter(pk=world.action.pk).update(due_date=due - dt.timedelta(days=30))
    mail.send_reminders(today=due - dt.timedelta(days=2), days=7)
    assert recipients(smtp_server[2:]) == ["frida.frilans@example.org"]
    assert "FORFALT" in body(smtp_server[2])


def test_overdue_reminder_is_sent_once_after_the_due_date(world, smtp_server):
    due = world.action.due_date
    mail.send_reminders(today=due + dt.timedelta(days=1), days=7)
    mail.send_reminders(today=due + dt.timedelta(days=2), days=7)
    assert len(smtp_server) == 1
    assert SentReminder.objects.get().kind == "overdue"
    Action.objects.filter(pk=world.action.pk).update(status="done")
    assert mail.send_reminders(today=due + dt.timedelta(days=30))["messages"] == 0


def test_an_organisation_without_contacts_reaches_its_users(world, smtp_server):
    Action.objects.filter(pk=world.action.pk).update(owner_person=None)
    mail.send_reminders(today=world.action.due_date, days=0)
    assert recipients(smtp_server) == ["ola.steinkjer@example.org"]


def test_a_refused_connection_sends_and_records_nothing(world, settings, smtp_server):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        closed_port = s.getsockname()[1]
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = closed_port
    with pytest.raises(OSError):
        mail.send_reminders(today=world.action.due_date, days=0)
    assert SentReminder.objects.count() == 0
    settings.EMAIL_PORT = working_port
    assert mail.send_reminders(today=world.action.due_date, days=0)["messages"] == 1


def test_weekly_digest_once_a_week_per_address(world, contact, smtp_server):
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    stats = mail.send_digests(today=monday)
    steinkjer = [m for m in smtp_server if "Steinkjer kommune" in subject(m)]
    assert recipients(steinkjer) == ["post@steinkjer.example.no"]
    text = body(steinkjer[0])
    assert "Kartlegge delte stillinger" in text
    assert "/varsler/avmelding/" in text and f"/oppfolging/aktorer/{world.steinkjer.pk}/" in text
    assert stats["messages"] == len(smtp_server)
    assert mail.send_digests(today=monday + dt.timedelta(days=3))["messages"] == 0
    assert mail.send_digests(today=monday + dt.timedelta(days=7))["messages"] == stats["messages"]
    assert SentDigest.objects.filter(organisation=world.steinkjer).count() == 2


def test_the_commands_enqueue_the_tasks(world, contact, smtp_server):
    out = io.StringIO()
    due = world.action.due_date
    call_command("followup", "send_reminders", "--date", (due - dt.timedelta(days=3)).isoformat(), stdout=out)
    assert "messages: 2" in out.getvalue()
    assert len(smtp_server) == 2
    out = io.StringIO()
    call_command("followup", "send_digests", "--now", stdout=out)
    assert "messages:" in out.getvalue()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("followup", "send_reminders", "--date", "igår")


def test_one_unsubscribe_stops_follow_up_mail_and_notification_mail_alike(world, contact, smtp_server, client):
    """Unsubscribing through the link in a notification e-mail also stops follow-up reminders (they were two
    separate subscriptions before), and an old follow-up link still leads to the same subscription."""
    from samskap.notifications.actions import opt_out_for

    token = opt_out_for("post@steinkjer.example.no").token
    old_link = client.post(f"/oppfolging/avmelding/{token}/")
    assert old_link.status_code == 307 and old_link["Location"] == f"/varsler/avmelding/{token}/"
    assert client.post(f"/varsler/avmelding/{token}/").status_code == 200
    assert MailOptOut.objects.get(email="post@steinkjer.example.no").unsubscribed_at is not None
    mail.send_reminders(today=world.action.due_date - dt.timedelta(days=5), days=7)
    assert recipients(smtp_server) == ["frida.frilans@example.org"]
    assert client.get("/oppfolging/avmelding/not-a-token/", follow=True).status_code == 404
