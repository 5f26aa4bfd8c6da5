"""Background work of needs: the reminder before a call's deadline. Run daily (``samskap calls remind``)."""

from __future__ import annotations

from django_tasks import task

from samskap.needs import notices


@task()
def remind_call_deadlines(days: int = notices.DEFAULT_REMINDER_DAYS) -> int:
    """Tell the contacts of municipalities that have not answered a call closing within ``days`` days."""
    return notices.remind_deadlines(days=days)
