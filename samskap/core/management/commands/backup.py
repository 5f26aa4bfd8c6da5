"""`samskap backup FILE`: a consistent snapshot of the whole database (see samskap/core/backup.py)."""
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.core import backup


class Command(BaseCommand):
    help = ("Write a consistent backup of the whole database to FILE: SQLite's online backup on SQLite, "
            "pg_dump's custom format on PostgreSQL. The site may keep running.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            backup.backup(path)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Backed up {backup.describe()} to {path} ({size:,} bytes)."))
