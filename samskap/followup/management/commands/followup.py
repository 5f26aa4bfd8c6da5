"""samskap followup send_reminders [--date D] [--days N] [--now] | send_digests [--date D] [--now]

Run `send_reminders` daily and `send_digests` daily or weekly from a timer: each enqueues a background task
(run by `samskap db_worker`), or runs it at once with --now. A reminder or digest is never sent twice.
"""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.followup import tasks

if TYPE_CHECKING:
    from django_tasks.base import Task


def _date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise CommandError(f"--date: {value!r} is not a date (YYYY-MM-DD).") from None


class Command(BaseCommand):
    help = "Follow-up e-mail: reminders before and after due dates, weekly digests."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{send_reminders,send_digests}")
        reminders = sub.add_parser("send_reminders", help="Remind owners of actions due soon or overdue.")
        reminders.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")
        reminders.add_argument("--days", type=int, default=None,
                               help="Remind this many days before the due date (default: the setting, 7).")
        reminders.add_argument("--now", action="store_true", help="Run here and now instead of enqueuing.")
        digests = sub.add_parser("send_digests", help="Send each organisation its weekly digest.")
        digests.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")
        digests.add_argument("--now", action="store_true", help="Run here and now instead of enqueuing.")

    def handle(self, *args: Any, **options: Any) -> None:
        day = _date(options["date"]) if options.get("date") else None
        task: Task[..., dict[str, int]]
        kwargs: dict[str, Any]
        if options["subcommand"] == "send_reminders":
            if options["days"] is not None and options["days"] < 0:
                raise CommandError("--days must not be negative.")
            task, kwargs = tasks.send_reminders, {"today": day, "days": options["days"]}
        else:
            task, kwargs = tasks.send_digests, {"today": day}
        if options["now"]:
            try:
                result = task.call(**kwargs)
            except (OSError, smtplib.SMTPException) as exc:
                raise CommandError(f"Cannot send e-mail through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {exc}. "
                                   "Nothing was recorded as sent.") from None
            self.stdout.write(self._summary(result))
            return
        queued = task.enqueue(**kwargs)
        if queued.is_finished and queued.return_value is not None:
            self.stdout.write(self._summary(queued.return_value))
        else:
            self.stdout.write(f"Enqueued {task.name} as {queued.id}; `samskap db_worker` runs it.")

    @staticmethod
    def _summary(result: dict[str, int]) -> str:
        return ", ".join(f"{k}: {v}" for k, v in result.items())
