from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.core.actors import SYSTEM
from samskap.directory.actions import import_municipalities
from samskap.directory.klass import KlassFormatError


class Command(BaseCommand):
    help = ("Refresh municipalities from an SSB KLASS 131 CSV export. Codes that go away are kept as history. "
            "A file that would retire more than a few municipalities is refused unless --allow-retire is given.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--allow-retire", action="store_true",
                            help="Retire every active municipality missing from the file, however many (a reform).")
        parser.add_argument("--dry-run", action="store_true",
                            help="Print what would be added, renamed and retired, and change nothing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        try:
            report = import_municipalities(data, actor=SYSTEM, allow_retire=options["allow_retire"],
                                           dry_run=options["dry_run"])
        except KlassFormatError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.errors)) from exc
        if report.dry_run:
            self.stdout.write("Dry run: nothing was changed.")
            for code in report.created:
                self.stdout.write(f"Would add {code} {report.names.get(code, '')}")
            for code, old, new in report.renamed:
                self.stdout.write(f"Would rename {code} {old} -> {new}")
            for code in report.retired:
                self.stdout.write(f"Would retire {code} {report.names.get(code, '')}")
            self.stdout.write(
                f"Would create {len(report.created)}, update {len(report.updated)} "
                f"(renamed {len(report.renamed)}), retire {len(report.retired)}; unchanged {report.unchanged}.")
            return
        self.stdout.write(self.style.SUCCESS(
            f"Created {len(report.created)}, updated {len(report.updated)}, retired {len(report.retired)}, "
            f"unchanged {report.unchanged}."))
        if report.retired:
            self.stdout.write("Kept as history: " + ", ".join(report.retired))
