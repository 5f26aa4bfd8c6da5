"""notify(): in-app for everyone, e-mail at once / in the weekly digest / not at all as each person chose,
never twice, and the unsubscribe link in every e-mail."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from samskap.core.actors import SYSTEM
from samskap.needs.notices import CALL_OPENED
from samskap.notifications import actions, mail
from samskap.notifications.models import Delivery, MailOptOut, Notification
from samskap.notifications.tests.factories import body, messages_to

PARAMS = {"call": 1, "title": "Eldreomsorg 2030", "deadline": "2030-03-01T12:00:00+00:00"}


def test_message_is_written_in_the_readers_language(contact_steinkjer):
    [n] = actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "/behov/innspill/1/", actor=SYSTEM)
    assert n.params == PARAMS  # the kind and its parameters are stored, not a sentence
    with translation.override("en"):
        assert "A call for topics has opened: «Eldreomsorg 2030»" in n.message
        assert "1 March 2030" in n.message
    with translation.override("nb"):
        assert "Eldreomsorg 2030" in n.message and "A call" not in n.message
    with translation.override("nb"):
        bokmal = n.message
    with translation.override("nn"):
        assert "Eldreomsorg 2030" in n.message and n.message != bokmal


def test_unknown_kind_is_refused(contact_steinkjer):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.notify([contact_steinkjer.user], "nope.kind", {}, "", actor=SYSTEM)
    assert not Notification.objects.exists()


def test_each_recipient_once_and_not_the_actor(contact_steinkjer, contact_namsos, coordinator):
    made = actions.notify([contact_steinkjer.user, contact_steinkjer.user, contact_namsos.user, coordinator.user],
                          CALL_OPENED, PARAMS, "", actor=coordinator.user)
    assert sorted(n.recipient_id for n in made) == sorted([contact_steinkjer.user.pk, contact_namsos.user.pk])


@pytest.mark.postgres
def test_key_tells_once_however_often_called(contact_steinkjer):
    actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM, key="call:1")
    again = actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM, key="call:1")
    assert again == []
    assert Notification.objects.filter(recipient=contact_steinkjer.user).count() == 1


def test_immediate_mail_arrives_with_unsubscribe_link(contact_steinkjer, smtp_server, settings,
                                                      django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://samskap.example"
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "/behov/innspill/1/", actor=SYSTEM)
    [message] = messages_to(smtp_server, contact_steinkjer.user.email)
    text = body(message)
    assert "Eldreomsorg 2030" in text
    assert "https://samskap.example/behov/innspill/1/" in text  # links use the configured site URL
    token = MailOptOut.objects.get(email=contact_steinkjer.user.email).token
    assert f"https://samskap.example/varsler/avmelding/{token}/" in text
    assert token in message["List-Unsubscribe"]
    assert Notification.objects.get().emailed_at is not None


@pytest.mark.postgres
def test_mail_is_never_sent_twice(contact_steinkjer, smtp_server, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [n] = actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM)
    mail.send_notifications([n.pk])  # a second run (a retried task) finds it claimed
    assert len(smtp_server) == 1


def test_in_app_only_sends_no_mail(contact_steinkjer, smtp_server, django_capture_on_commit_callbacks):
    actions.set_preferences({CALL_OPENED: Delivery.APP}, actor=contact_steinkjer.user)
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM)
    assert smtp_server == []
    assert mail.send_digests()["messages"] == 0
    assert Notification.objects.filter(recipient=contact_steinkjer.user, read_at__isnull=True).count() == 1


@pytest.mark.postgres
def test_digest_collects_unread_once(contact_steinkjer, contact_namsos, smtp_server,
                                     django_capture_on_commit_callbacks):
    actions.set_preferences({CALL_OPENED: Delivery.DIGEST}, actor=contact_steinkjer.user)
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify([contact_steinkjer.user, contact_namsos.user], CALL_OPENED, PARAMS, "/behov/innspill/1/",
                       actor=SYSTEM)
        actions.notify([contact_steinkjer.user], CALL_OPENED, {**PARAMS, "title": "Klima"}, "", actor=SYSTEM)
    # Namsos (default: at once) got their e-mail; Steinkjer chose the digest and got nothing yet.
    assert len(messages_to(smtp_server, contact_namsos.user.email)) == 1
    assert messages_to(smtp_server, contact_steinkjer.user.email) == []
    assert mail.send_digests() == {"messages": 1, "notifications": 2, "failed": 0}
    [digest] = messages_to(smtp_server, contact_steinkjer.user.email)
    text = body(digest)
    assert "Eldreomsorg 2030" in text and "Klima" in text and "/varsler/avmelding/" in text
    assert mail.send_digests()["messages"] == 0  # never twice
    assert len(smtp_server) == 2


def test_digest_leaves_out_what_was_read(contact_steinkjer, smtp_server):
    actions.set_preferences({CALL_OPENED: Delivery.DIGEST}, actor=contact_steinkjer.user)
    [n] = actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM)
    actions.mark_read(n, actor=contact_steinkjer.user)
    assert mail.send_digests()["messages"] == 0
    assert smtp_server == []


def test_unsubscribe_link_stops_mail_but_not_the_list(client, contact_steinkjer, smtp_server,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM)
    url = re.search(r"https?://\S+/varsler/avmelding/\S+/", body(smtp_server[0])).group(0)
    path = url[url.index("/varsler/"):]
    page = client.get(path)
    assert page.status_code == 200 and contact_steinkjer.user.email in page.content.decode()
    assert MailOptOut.objects.get().unsubscribed_at is None  # a GET does not unsubscribe
    client.post(path)
    assert MailOptOut.objects.get().unsubscribed_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        actions.notify([contact_steinkjer.user], CALL_OPENED, {**PARAMS, "title": "Neste"}, "", actor=SYSTEM)
    assert len(smtp_server) == 1
    assert Notification.objects.filter(recipient=contact_steinkjer.user).count() == 2
    client.post(path, {"resubscribe": "1"})
    assert MailOptOut.objects.get().unsubscribed_at is None


def test_forged_unsubscribe_link_gets_a_clear_page(client, reference):
    page = client.get(reverse("notifications:unsubscribe", args=["forged-token"]))
    assert page.status_code == 404
    assert "not valid" in page.content.decode() or "ikkje" in page.content.decode() or "ikke" in page.content.decode()


def test_smtp_down_releases_the_claim(contact_steinkjer, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    [n] = actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM)
    with pytest.raises(OSError):
        mail.send_notifications([n.pk])
    n.refresh_from_db()
    assert n.emailed_at is None  # the next run tries again


def test_send_pending_retries_once_the_server_is_back(contact_steinkjer, smtp_server):
    from django.core.management import call_command

    [n] = actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "", actor=SYSTEM)  # its task never ran
    call_command("notifications", "send_pending", "--now")
    call_command("notifications", "send_pending", "--now")
    assert len(messages_to(smtp_server, contact_steinkjer.user.email)) == 1


@pytest.mark.postgres
def test_worker_sends_the_mail(transactional_db, contact_steinkjer, smtp_server, settings):
    """With the database task backend the mail goes out when `db_worker` runs the task after commit."""
    from django.core.management import call_command

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    actions.notify([contact_steinkjer.user], CALL_OPENED, PARAMS, "/behov/innspill/1/", actor=SYSTEM)
    assert smtp_server == []
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")
    [message] = messages_to(smtp_server, contact_steinkjer.user.email)
    assert "Eldreomsorg 2030" in body(message)
