"""samskap outlook import FILE | import --from-ssb | show CODE [--json] | care CODE --fte N --year Y --source S"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from samskap.directory.models import Municipality
from samskap.outlook import actions, ssb
from samskap.outlook.jsonstat import JsonStatError
from samskap.outlook.queries import outlook_json


class Command(BaseCommand):
    help = "Population outlook: import SSB figures (a saved JSON-stat 2.0 file or the API), show what is held."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="{import,show,care}")
        imp = sub.add_parser("import", help="Import a saved JSON-stat 2.0 response (or a flattened projection "
                                            "CSV), or fetch from SSB with --from-ssb.")
        imp.add_argument("file", nargs="?", type=Path,
                         help="A .json (JSON-stat 2.0) or .csv file: observed population by age group "
                              "(municipality_code,year,age_group,population_jan1), SSB's projection in long form "
                              "(region,statistikkvariabel,år,alder,value, e.g. table 14746) or the flattened "
                              "county projection (Tid,<county>_<alternative>).")
        imp.add_argument("--from-ssb", action="store_true",
                         help="Fetch table 07459 and the newest projection table from SSB's API (needs the "
                              "internet).")
        imp.add_argument("--only", choices=["observed", "projection"],
                         help="With --from-ssb: fetch only one of the two tables.")
        imp.add_argument("--years", type=int, default=1, help="With --from-ssb: how many recent years of 07459.")
        imp.add_argument("--table", default=None, help="Table id to record when the file does not say.")
        imp.add_argument("--illustrative", action="store_true",
                         help="Mark the figures as illustrative (generated, not official statistics).")
        imp.add_argument("--allow-unmapped", action="store_true",
                         help="Import the rest when some region codes cannot be mapped (they are reported).")
        show = sub.add_parser("show", help="Print what is held for a municipality.")
        show.add_argument("code")
        show.add_argument("--json", action="store_true", help="Print JSON.")
        care = sub.add_parser("care", help="Record a municipality's own health and care FTEs.")
        care.add_argument("code")
        care.add_argument("--fte", required=True)
        care.add_argument("--year", type=int, required=True)
        care.add_argument("--source", required=True)

    @no_translations  # messages in English, like the other commands
    def handle(self, *args: Any, **options: Any) -> None:
        try:
            getattr(self, f"do_{options['subcommand']}")(options)
        except ValidationError as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.messages)) from exc
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc

    def _report(self, report: actions.ImportReport) -> None:
        lines = report.lines()
        self.stdout.write(self.style.SUCCESS(lines[0]))
        for line in lines[1:]:
            self.stdout.write(line)

    def do_import(self, options: dict[str, Any]) -> None:
        if options["from_ssb"]:
            if options["file"]:
                raise CommandError("Give either a file or --from-ssb, not both.")
            self.import_from_ssb(options)
            return
        path: Path | None = options["file"]
        if path is None:
            raise CommandError("Give a file to import, or --from-ssb.")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror}") from exc
        if path.suffix.lower() == ".csv":
            report = actions.import_csv(data, source_name=path.name, table_id=options["table"] or "",
                                        allow_unmapped=options["allow_unmapped"], actor=actions.SYSTEM)
        else:
            report = actions.import_jsonstat(data, source_name=path.name, table_id=options["table"],
                                             illustrative=True if options["illustrative"] else None,
                                             allow_unmapped=options["allow_unmapped"], actor=actions.SYSTEM)
        self._report(report)

    def import_from_ssb(self, options: dict[str, Any]) -> None:
        codes = list(Municipality.objects.filter(active=True).values_list("code", flat=True))
        if not codes:
            raise CommandError("No municipalities are loaded; run `samskap load_reference` first.")
        tables = []
        try:
            if options["only"] in (None, "observed"):
                self.stdout.write(f"Fetching table {ssb.OBSERVED_TABLE} (population by age) from SSB ...")
                tables.append(ssb.fetch_observed(codes, years=max(1, options["years"])))
            if options["only"] in (None, "projection"):
                self.stdout.write("Looking up the newest population projection table ...")
                table, url = ssb.fetch_projection(codes)
                self.stdout.write(f"Fetched projection table {table.table_id}: {table.title}")
                tables.append((table, url))
        except (ssb.SsbError, JsonStatError) as exc:
            raise CommandError(f"Nothing was imported: {exc}") from exc
        for report in actions.import_tables(tables, allow_unmapped=options["allow_unmapped"], actor=actions.SYSTEM):
            self._report(report)

    def do_show(self, options: dict[str, Any]) -> None:
        municipality = Municipality.objects.select_related("county").filter(code=options["code"]).first()
        if municipality is None:
            raise CommandError(f"Unknown municipality number {options['code']}.")
        data = outlook_json(municipality)
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{data['code']} {data['name']} ({data['county']['name']})")
        if not data["population"] and not data["projections"]:
            self.stdout.write("No population figures are held.")
        for year, value in data["population"].items():
            self.stdout.write(f"  population {year}: {value}")
        for series, years in data["projections"].items():
            shown = {y: v.get("total") for y, v in years.items() if y in {str(data["base_year"]), "2030", "2040",
                                                                          "2050"}}
            self.stdout.write(f"  projection {series}: " + ", ".join(f"{y}: {v}" for y, v in shown.items()))
        if data["old_age_ratio"]:
            self.stdout.write("  old-age ratio: " + ", ".join(f"{y}: {v}" for y, v in data["old_age_ratio"].items()))
        if data["illustrative"]:
            self.stdout.write("  (the projection is ILLUSTRATIVE, not SSB's figures)")

    def do_care(self, options: dict[str, Any]) -> None:
        municipality = Municipality.objects.filter(code=options["code"]).first()
        if municipality is None:
            raise CommandError(f"Unknown municipality number {options['code']}.")
        try:
            baseline = actions.set_care_baseline(municipality, year=options["year"],
                                                 fte=options["fte"], source=options["source"], actor=actions.SYSTEM)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except ArithmeticError as exc:
            raise CommandError(f"--fte {options['fte']!r} is not a number.") from exc
        self.stdout.write(self.style.SUCCESS(f"{municipality.name}: {baseline.fte} FTEs in {baseline.year}."))
