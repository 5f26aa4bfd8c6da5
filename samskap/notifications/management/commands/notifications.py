"""samskap notifications send_digests [--now] | send_pending [--now]

Run `send_digests` weekly and `send_pending` hourly from a timer: each enqueues a background task (run by
`samskap db_worker`), or runs it at once with --now. `send_pending` retries the "at once" e-mails the mail
server did not take. A notification is never in two digests, nor e-mailed twice.
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
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{send_digests,send_pending}")
        digests = sub.add_parser("send_digests", help="Send each person the digest of their notifications.")
        digests.add_argument("--now", action="store_true", help="Run here and now instead of enqueuing.")
        pending = sub.add_parser("send_pending", help="Retry the e-mails the mail server did not take.")
        pending.add_argument("--now", action="store_true", help="Run here and now instead of enqueuing.")

    def handle(self, *args: Any, **options: Any) -> None:
        task = tasks.send_digests if options["subcommand"] == "send_digests" else tasks.send_pending
        if options["now"]:
            try:
                result = task.call()
            except (OSError, smtplib.SMTPException) as exc:
                raise CommandError(f"Cannot send e-mail through {settings.EMAIL_HOST}:{settings.EMAIL_PORT}: {exc}. "
                                   "Nothing was recorded as sent.") from None
            self.stdout.write(", ".join(f"{k}: {v}" for k, v in result.items()))
            return
        queued = task.enqueue()
        self.stdout.write(f"Enqueued {task.name} as {queued.id}; `samskap db_worker` runs it.")
