"""`samskap restore FILE`: replace the whole database with a backup made by `samskap backup`."""
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.core import backup


class Command(BaseCommand):
    help = ("Replace everything in the database with a backup made by `samskap backup`. A file that is not "
            "such a backup is refused, and a restore that fails changes nothing. Stop the web and task "
            "workers first, and run `samskap migrate` afterwards if the backup is from an older version.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Do not ask for confirmation.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            backup.check(path)
            if options["interactive"]:
                answer = input(f"This replaces everything in {backup.describe()} with {path}.\n"
                               "Type 'yes' to continue, or anything else to cancel: ")
                if answer.strip() != "yes":
                    raise CommandError("Restore cancelled; nothing was changed.")
            backup.restore(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {backup.describe()} from {path}."))
