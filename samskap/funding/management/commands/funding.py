"""samskap funding import-rcn FILE.csv [--date YYYY-MM-DD] | import-h2020 FILE.csv | import-eu-calls FILE.json"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from samskap.core.actors import SystemActor
from samskap.funding import actions

SYSTEM = SystemActor("funding import")


class Command(BaseCommand):
    help = "Funding: import the Research Council's open applications dataset."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{import-rcn,import-h2020,import-eu-calls}")
        rcn = sub.add_parser("import-rcn", help="Import the Research Council's applications dataset (soknader2, CSV).")
        rcn.add_argument("file", type=Path)
        rcn.add_argument("--date", type=dt.date.fromisoformat, default=None,
                         help="When the Research Council last updated the file (default: the newest application "
                              "date in it).")

        h2020 = sub.add_parser("import-h2020", help="Import the Research Council's Horizon 2020 participations "
                                                    "(bevilgningereu, ;-separated CSV).")
        h2020.add_argument("file", type=Path)
        eu = sub.add_parser("import-eu-calls", help="Create or update instruments and their deadlines from a saved "
                                                    "EU Funding & Tenders search API response (JSON).")
        eu.add_argument("file", type=Path)

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, "do_" + options["subcommand"].replace("-", "_"))(options)
        except ValidationError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc

    def do_import_rcn(self, options: dict[str, Any]) -> None:
        path: Path = options["file"]
        record = actions.import_rcn_applications(self._read(path), source_name=path.name, data_date=options["date"],
                                                 actor=SYSTEM)
        self.stdout.write(self.style.SUCCESS(
            f"{record.applications} applications in {record.stats.count()} groups (activity, application type, "
            f"sector, county, year); data up to {record.data_date}."))

    def do_import_h2020(self, options: dict[str, Any]) -> None:
        report = actions.import_h2020(self._read(options["file"]), actor=SYSTEM)
        self.stdout.write(self.style.SUCCESS(
            f"{report['participations']} participations, {report['public_bodies']} of municipalities or county "
            f"authorities; {report['linked']} linked to organisations in the directory ({report['enriched']} given "
            f"their organisation number); {report['unmapped']} address municipality numbers could not be mapped."))

    def do_import_eu_calls(self, options: dict[str, Any]) -> None:
        report = actions.import_eu_calls(self._read(options["file"]), actor=SYSTEM)
        self.stdout.write(self.style.SUCCESS(
            f"{report['topics']} topics: {report['created']} new instruments, {report['updated']} updated "
            f"({report['closed']} closed and deactivated)."))
