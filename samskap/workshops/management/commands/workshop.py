"""``manage.py workshop <subcommand>`` -- workshop planning tools.

Subcommands are registered in ``SUBCOMMANDS`` (name -> (help, add_arguments,
handler)). ``plan`` works from a file and never touches the database; ``list``
and ``report`` read the workshops held (the report is built by
``samskap.followup.report``).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from samskap.workshops import plancli
from samskap.workshops.regimport import RegistrationImportError
from samskap.workshops.solver import PlanningError


def _plan_arguments(parser) -> None:
    parser.add_argument("file", help="registration file (.csv or .xlsx)")
    parser.add_argument("--max-group-size", type=int, default=plancli.DEFAULT_MAX_GROUP_SIZE)
    parser.add_argument("--min-theme-size", type=int, default=plancli.DEFAULT_MIN_THEME_SIZE)
    parser.add_argument(
        "--max-groups-per-session", type=int, default=None, help="tables/rooms per session"
    )
    parser.add_argument("--time-limit", type=float, default=plancli.DEFAULT_TIME_LIMIT)
    parser.add_argument(
        "--staff", action="append", default=[], help="staff member who can host/take notes"
    )
    parser.add_argument("--json", required=True, dest="json_out", help="output file ('-' = stdout)")


def _plan(command: BaseCommand, options: dict) -> None:
    try:
        result = plancli.run_plan(
            options["file"],
            max_group_size=options["max_group_size"],
            min_theme_size=options["min_theme_size"],
            max_groups_per_session=options["max_groups_per_session"],
            time_limit=options["time_limit"],
            staff=options["staff"],
        )
    except RegistrationImportError as exc:
        raise CommandError("\n".join(exc.errors)) from None
    except PlanningError as exc:
        raise CommandError(str(exc)) from None
    out = options["json_out"]
    if out == "-":
        import json

        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    plancli.write_json(result, out)
    st = result["stats"]
    placed = sum(
        len(g["members"]) for s in result["sessions"] for t in s["themes"] for g in t["groups"]
    )
    command.stdout.write(
        f"{placed} placements, {len(result['unassigned'])} unassigned; "
        f"objective {st['objective']:.0f}, bound {st['bound']:.0f}, "
        f"gap {100 * st['gap']:.2f} %, {st['seconds']:.1f} s ({st['status']}) -> {out}"
    )


def _list_arguments(parser) -> None:
    pass


def _list(command: BaseCommand, options: dict) -> None:
    from samskap.followup.report import list_events

    events = list_events()
    if not events:
        command.stdout.write("No workshops.")
    for slug, description in events:
        command.stdout.write(f"{slug}  {description}")


def _report_arguments(parser) -> None:
    parser.add_argument("event", help="the workshop's slug (see `samskap workshop list`)")
    parser.add_argument("--format", choices=["docx", "pdf", "md"], default="docx")
    parser.add_argument("--output", required=True, help="output file ('-' = stdout)")
    parser.add_argument("--language", choices=["nb", "nn", "en"], default="nb")


def _report(command: BaseCommand, options: dict) -> None:
    from samskap.followup.report import ReportError, build_report

    try:
        data = build_report(options["event"], options["format"], language=options["language"])
    except ReportError as exc:
        raise CommandError(str(exc)) from None
    if options["output"] == "-":
        sys.stdout.buffer.write(data)
        return
    try:
        with open(options["output"], "wb") as out:
            out.write(data)
    except OSError as exc:
        raise CommandError(f"Cannot write {options['output']}: {exc.strerror}") from None
    command.stdout.write(f"Wrote {options['output']} ({len(data)} bytes).")


SUBCOMMANDS = {
    "plan": ("plan groups from a registration file (no database needed)", _plan_arguments, _plan),
    "list": ("list workshops, one per line, slug first", _list_arguments, _list),
    "report": ("write a workshop's summary report (docx, pdf or md)", _report_arguments, _report),
}


class Command(BaseCommand):
    help = "Workshop (utviklingsverksted) planning tools: " + ", ".join(SUBCOMMANDS)

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, (help_text, add_args, _) in SUBCOMMANDS.items():
            add_args(sub.add_parser(name, help=help_text))

    def handle(self, *args, **options) -> None:
        _, _, handler = SUBCOMMANDS[options["subcommand"]]
        handler(self, options)
