"""``manage.py workshop <subcommand>`` -- workshop planning tools.

``plan`` works from a file and never touches the database. ``list`` and
``report`` read the workshops held; they belong to follow-up, which registers
them in the registry (``samskap.core.registry``, see
``samskap/followup/reportcli.py``), because workshops may not import follow-up.
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.core.registry import Subcommand, registry
from samskap.workshops import plancli
from samskap.workshops.regimport import RegistrationImportError
from samskap.workshops.solver import PlanningError


def _plan_arguments(parser: ArgumentParser) -> None:
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
    parser.add_argument(
        "--no-merge", action="store_true",
        help="take theme labels as written (only case, punctuation and spaces are ignored); by default "
             "spelling variants of one label are merged",
    )


def _plan(command: BaseCommand, options: dict) -> None:
    try:
        result = plancli.run_plan(
            options["file"],
            max_group_size=options["max_group_size"],
            min_theme_size=options["min_theme_size"],
            max_groups_per_session=options["max_groups_per_session"],
            time_limit=options["time_limit"],
            staff=options["staff"],
            merge=not options.get("no_merge", False),
        )
    except RegistrationImportError as exc:
        raise CommandError("\n".join(exc.errors)) from None
    except PlanningError as exc:
        raise CommandError(str(exc)) from None
    _report_labels(command, result)
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


def _tables_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("file", help="ratings CSV with the columns person_id, abstract_id, rating")
    for name in ("rounds", "tables", "seats", "max-presentations", "min-visits", "max-visits"):
        parser.add_argument(f"--{name}", type=int, required=True)
    parser.add_argument("--time-limit", type=float, default=30.0, help="seconds (default 30)")
    parser.add_argument("--json", required=True, dest="json_out", help="output file ('-' = stdout)")


def _tables(command: BaseCommand, options: dict) -> None:
    from samskap.workshops.roundtables import TablesError, TablesSettings
    from samskap.workshops.roundtables.cli import run_tables, write_json

    settings = TablesSettings(
        rounds=options["rounds"], tables=options["tables"], seats=options["seats"],
        max_presentations=options["max_presentations"], min_visits=options["min_visits"],
        max_visits=options["max_visits"], time_limit=options["time_limit"],
    )
    try:
        result, warnings = run_tables(options["file"], settings)
    except TablesError as exc:
        raise CommandError("\n".join(exc.errors)) from None
    for warning in warnings[:20]:
        command.stderr.write(f"warning: {warning}")
    out = options["json_out"]
    if out == "-":
        import json

        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    try:
        write_json(result, out)
    except OSError as exc:
        raise CommandError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    st = result["stats"]
    command.stdout.write(f"score {st['score']}, bound {st['bound']}, gap {100 * st['gap']:.2f} %, "
                         f"{st['seconds']:.1f} s ({st['status']}) -> {out}")


def _report_labels(command: BaseCommand, result: dict) -> None:
    """The themes found per session and the labels merged, on stderr (stdout may carry the JSON)."""

    def say(text: str) -> None:
        command.stderr.write(text, style_func=lambda x: x)  # information, not an error: no red

    for session, themes in result["themes_found"].items():
        say(f"session {session}: {len(themes)} themes found")
        for theme in themes:
            say(f"  {theme}")
    merged: dict[str, list[str]] = {}
    for variant, canonical in result["merged_labels"].items():
        merged.setdefault(canonical, []).append(variant)
    if not merged:
        say("no theme labels merged")
    for canonical, variants in merged.items():
        say(f"merged: {canonical} <- " + "; ".join(variants))


PLAN = Subcommand("workshop", "plan", "plan groups from a registration file (no database needed)", _plan_arguments,
                  _plan, order=10)
TABLES = Subcommand("workshop", "tables", "plan rotating round tables from a ratings CSV (no database needed)",
                    _tables_arguments, _tables, order=20)


def _subcommands() -> dict[str, Subcommand]:
    """``plan`` of this app, then the subcommands other apps registered for ``workshop``
    (follow-up's ``list`` and ``report``)."""
    return {sub.name: sub for sub in [PLAN, TABLES, *registry.subcommands("workshop")]}


class Command(BaseCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.subcommands = _subcommands()
        self.help = "Workshop (utviklingsverksted) planning tools: " + ", ".join(self.subcommands)

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        for name, subcommand in self.subcommands.items():
            subcommand.add_arguments(sub.add_parser(name, help=subcommand.help))

    def handle(self, *args: Any, **options: Any) -> None:
        self.subcommands[options["subcommand"]].handle(self, options)
