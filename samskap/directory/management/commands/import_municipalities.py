from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.directory.actions import import_municipalities
from samskap.directory.klass import KlassFormatError


class Command(BaseCommand):
    help = "Refresh municipalities from an SSB KLASS 131 CSV export. Codes that go away are kept as history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        try:
            report = import_municipalities(data, system=True)
        except KlassFormatError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.errors)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Created {len(report.created)}, updated {len(report.updated)}, retired {len(report.retired)}, "
            f"unchanged {report.unchanged}."))
        if report.retired:
            self.stdout.write("Kept as history: " + ", ".join(report.retired))
