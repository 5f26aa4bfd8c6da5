"""Periodic jobs: each registered job is started once per interval, however often `samskap periodic` runs."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from samskap.core import periodic
from samskap.core.models import PeriodicRun
from samskap.core.registry import Registry, registry

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)


def test_the_apps_register_their_reminders_digests_and_retries():
    jobs = {job.name: job.every for job in registry.periodic_jobs()}
    assert jobs["notifications.send_pending"] == dt.timedelta(hours=1)
    assert jobs["notifications.send_digests"] == dt.timedelta(days=7)
    assert jobs["followup.send_reminders"] == dt.timedelta(days=1)
    assert jobs["followup.send_digests"] == dt.timedelta(days=7)
    assert jobs["needs.remind_call_deadlines"] == dt.timedelta(days=1)
    assert "opportunities.renewal_reminders" in jobs


def test_a_job_starts_once_per_interval_and_enqueues_its_task(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    started = dict(periodic.run_due(NOW))
    assert set(started) == {job.name for job in registry.periodic_jobs()}
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "samskap.followup.tasks.send_reminders" in queued and "samskap.notifications.tasks.send_digests" in queued
    # Ten minutes later nothing is due; an hour later only the hourly retry; a day later the daily jobs too.
    assert periodic.run_due(NOW + dt.timedelta(minutes=10)) == []
    hourly = {name for name, _ in periodic.run_due(NOW + dt.timedelta(hours=1))}
    assert hourly == {"notifications.send_pending"}
    daily = {name for name, _ in periodic.run_due(NOW + dt.timedelta(days=1))}
    assert daily == {"notifications.send_pending", "followup.send_reminders", "needs.remind_call_deadlines",
                     "opportunities.renewal_reminders"}
    weekly = {name for name, _ in periodic.run_due(NOW + dt.timedelta(days=7))}
    assert {"notifications.send_digests", "followup.send_digests"} <= weekly


def test_a_timer_a_little_early_does_not_push_a_daily_job_a_day_on():
    periodic.run_due(NOW, only="followup.send_reminders")
    assert periodic.run_due(NOW + dt.timedelta(days=1) - dt.timedelta(minutes=3), only="followup.send_reminders")


def test_a_failing_job_is_recorded_retried_and_does_not_stop_the_others(monkeypatch):
    fresh = Registry()
    calls = []

    def broken() -> str:
        raise OSError("mail server down")

    fresh.add_periodic_job("broken", dt.timedelta(days=1), broken, order=1)
    fresh.add_periodic_job("fine", dt.timedelta(days=1), lambda: calls.append(1) or "ok", order=2)
    monkeypatch.setattr(periodic, "registry", fresh)
    result = dict(periodic.run_due(NOW))
    assert result == {"broken": "failed: mail server down", "fine": "ok"}
    assert PeriodicRun.objects.get(name="broken").last_result == "failed: mail server down"
    assert [name for name, _ in periodic.run_due(NOW + dt.timedelta(minutes=1))] == ["broken"]


def test_the_command_lists_runs_and_refuses_unknown_jobs():
    out = io.StringIO()
    call_command("periodic", "--list", stdout=out)
    assert "followup.send_reminders" in out.getvalue() and "(due)" in out.getvalue()
    out = io.StringIO()
    call_command("periodic", "--job", "needs.remind_call_deadlines", stdout=out)
    assert "needs.remind_call_deadlines: enqueued" in out.getvalue()
    out = io.StringIO()
    call_command("periodic", "--job", "needs.remind_call_deadlines", stdout=out)
    assert "Nothing was due." in out.getvalue()
    call_command("periodic", "--job", "needs.remind_call_deadlines", "--force", stdout=io.StringIO())
    assert PeriodicRun.objects.get(name="needs.remind_call_deadlines").last_started_at > timezone.now() - dt.timedelta(
        minutes=1)
    with pytest.raises(CommandError, match="Unknown job"):
        call_command("periodic", "--job", "nope")
    with pytest.raises(CommandError, match="--force needs"):
        call_command("periodic", "--force")
