"""Remind the participants of an event who have no one-to-one meeting booked (idempotent per day)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from samskap.core.actors import SystemActor
from samskap.partnering import actions
from samskap.workshops.models import Event


class Command(BaseCommand):
    help = "Remind participants without one-to-one meetings (samskap meetings_remind EVENT-SLUG ...)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slugs", nargs="+", help="short names of the events")

    def handle(self, *args: Any, **options: Any) -> None:
        for slug in options["slugs"]:
            event = Event.objects.filter(slug=slug).first()
            if event is None:
                raise CommandError(f"No event with the short name {slug!r}.")
            people = actions.remind_unbooked(event, actor=SystemActor("meetings_remind"))
            self.stdout.write(f"{slug}: {len(people)} participants reminded")
