"""samskap notifications send_digests [--now]

Run `send_digests` weekly from a timer: it enqueues a background task (run by `samskap db_worker`), or runs
it at once with --now. A notification is never in two digests, nor e-mailed both at once and in a digest.
"""

from __future__ import annotations

import smtplib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.notifications import tasks


class Command(BaseCommand):
    help = "Notification e-mail: the weekly digest."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{send_digests}")
        digests = sub.add_parser("send_digests", help="Send each person the digest of their notifications.")
        digests.add_argument("--now", action="store_true", help="Run here and now instead of enqueuing.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["now"]:
            try:
                result = tasks.send_digests.call()
            except (OSError, smtplib.SMTPException) as exc:
                raise CommandError(f"Cannot send e-mail through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {exc}. "
                                   "Nothing was recorded as sent.") from None
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
            return
        queued = tasks.send_digests.enqueue()
        self.stdout.write(f"Enqueued {tasks.send_digests.name} as {queued.id}; `samskap db_worker` runs it.")
