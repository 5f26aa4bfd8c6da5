"""samskap periodic [--list] [--job NAME [--force]]

Start the periodic jobs that are due: reminders (daily), digests (weekly), retries of e-mail the mail server
did not take (hourly) and whatever else the apps register. Run it every 5-15 minutes from one systemd timer
or cron line (see README, "Periodic jobs"); each job is started at most once per its interval, however often
and on however many machines this runs. The jobs run in `samskap db_worker`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.core import periodic
from samskap.core.registry import registry


class Command(BaseCommand):
    help = "Start the periodic jobs (reminders, digests, retries) that are due."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--list", action="store_true", help="Show every job, its interval and last start.")
        parser.add_argument("--job", default="", help="Only this job.")
        parser.add_argument("--force", action="store_true", help="With --job: start it even if it is not due.")

    def handle(self, *args: Any, **options: Any) -> None:
        names = [job.name for job in registry.periodic_jobs()]
        if options["job"] and options["job"] not in names:
            raise CommandError(f"Unknown job {options['job']!r}. Jobs: {', '.join(names)}.")
        if options["force"] and not options["job"]:
            raise CommandError("--force needs --job NAME.")
        if options["list"]:
            for state in periodic.states():
                last = f"{state.last_started_at:%Y-%m-%d %H:%M}" if state.last_started_at else "never"
                self.stdout.write(f"{state.job.name:32} every {state.job.every}  last {last}"
                                  f"{'  (due)' if state.due else ''}  {state.last_result}")
            return
        started = periodic.run_due(only=options["job"], force=options["force"])
        for name, result in started:
            self.stdout.write(f"{name}: {result}")
        if not started:
            self.stdout.write("Nothing was due.")
