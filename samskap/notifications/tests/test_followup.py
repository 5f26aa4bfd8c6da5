"""Follow-up: the new responsible person is told; the due-date reminders are notification kinds that follow
each person's choice (e-mail at once as before, or the digest, or Samskap only) and are never sent twice."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samskap.followup import actions as followup_actions
from samskap.followup import mail as followup_mail
from samskap.followup import notices
from samskap.followup.models import Action
from samskap.notifications import actions
from samskap.notifications.models import Delivery, Notification
from samskap.notifications.tests.factories import kinds_of, messages_to


def test_new_owner_is_told(world, coordinator, contact_steinkjer, contact_namsos):
    action = world.action
    followup_actions.update_action(action, {"owner_person": contact_steinkjer.person}, actor=coordinator.user,
                                   version=action.version)
    assert kinds_of(contact_steinkjer.user) == [notices.OWNER]
    assert "«" + action.title + "»" in Notification.objects.get(kind=notices.OWNER, recipient=contact_steinkjer.user).message
    assert kinds_of(world.freelancer.user) == [notices.OWNER]  # named when the action was made
    assert kinds_of(contact_namsos.user) == [] and kinds_of(coordinator.user) == []


def test_reminder_mail_and_in_app_once(world, contact_steinkjer, smtp_server):
    action = world.action
    Action.objects.filter(pk=action.pk).update(owner_person=contact_steinkjer.person,
                                               due_date=timezone.localdate() + dt.timedelta(days=2))
    followup_mail.send_reminders()
    assert len(messages_to(smtp_server, contact_steinkjer.user.email)) == 1
    [n] = Notification.objects.filter(recipient=contact_steinkjer.user, kind=notices.DUE_SOON)
    assert n.emailed_at is not None  # the reminder e-mail was the e-mail: not sent again by notifications
    followup_mail.send_reminders()
    assert len(messages_to(smtp_server, contact_steinkjer.user.email)) == 1
    assert Notification.objects.filter(kind=notices.DUE_SOON).count() == 1


def test_reminder_in_app_only_when_chosen(world, contact_steinkjer, smtp_server):
    action = world.action
    Action.objects.filter(pk=action.pk).update(owner_person=contact_steinkjer.person,
                                               due_date=timezone.localdate() - dt.timedelta(days=1))
    actions.set_preferences({notices.OVERDUE: Delivery.APP}, actor=contact_steinkjer.user)
    followup_mail.send_reminders()
    assert messages_to(smtp_server, contact_steinkjer.user.email) == []
    assert kinds_of(contact_steinkjer.user) == [notices.OVERDUE]
    followup_mail.send_reminders()
    assert kinds_of(contact_steinkjer.user) == [notices.OVERDUE]
