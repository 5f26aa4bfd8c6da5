"""samskap calls remind [--days N] [--now]

Run daily from a timer: the FoUI contacts of municipalities that have not answered an open call closing within
N days (default 3) are told once per call. Enqueues a background task, or runs at once with --now.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.needs import notices, tasks


class Command(BaseCommand):
    help = "Calls for topics: remind municipalities that have not answered before the deadline."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{remind}")
        remind = sub.add_parser("remind", help="Remind the contacts of municipalities that have not answered.")
        remind.add_argument("--days", type=int, default=notices.DEFAULT_REMINDER_DAYS,
                            help="Remind this many days before the deadline (default 3).")
        remind.add_argument("--now", action="store_true", help="Run here and now instead of enqueuing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 0:
            raise CommandError("--days must not be negative.")
        if options["now"]:
            self.stdout.write(f"notified: {tasks.remind_call_deadlines.call(days=options['days'])}")
            return
        queued = tasks.remind_call_deadlines.enqueue(days=options["days"])
        self.stdout.write(f"Enqueued {tasks.remind_call_deadlines.name} as {queued.id}; `samskap db_worker` runs it.")
