"""``samskap workshop list`` and ``samskap workshop report``: the follow-up side of the workshop command.

The ``workshop`` command belongs to the workshops app, which may not import follow-up; these two
subcommands read what follow-up holds, so follow-up registers them (FollowupConfig.ready).
"""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from samskap.followup.report import ReportError, build_report, list_events


def list_arguments(parser: ArgumentParser) -> None:
    pass


def list_workshops(command: BaseCommand, options: dict[str, Any]) -> None:
    events = list_events()
    if not events:
        command.stdout.write("No workshops.")
    for slug, description in events:
        command.stdout.write(f"{slug}  {description}")


def report_arguments(parser: ArgumentParser) -> None:
    parser.add_argument("event", help="the workshop's slug (see `samskap workshop list`)")
    parser.add_argument("--format", choices=["docx", "pdf", "md"], default="docx")
    parser.add_argument("--output", required=True, help="output file ('-' = stdout)")
    parser.add_argument("--language", choices=["nb", "nn", "en"], default="nb")


def report(command: BaseCommand, options: dict[str, Any]) -> None:
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
