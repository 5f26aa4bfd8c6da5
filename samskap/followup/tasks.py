"""Background work: reminders before and after due dates, weekly digests. Run by `samskap db_worker`."""

from __future__ import annotations

import datetime as dt

from django_tasks import task

from samskap.followup import mail


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


@task()
def send_reminders(today: str | None = None, days: int | None = None) -> dict[str, int]:
    """Remind the owners' contacts `days` days before the due date and again when an action is overdue."""
    return mail.send_reminders(_day(today), days)


@task()
def send_digests(today: str | None = None) -> dict[str, int]:
    """The weekly digest to each organisation's contacts."""
    return mail.send_digests(_day(today))
