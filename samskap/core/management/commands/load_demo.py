"""Load the reference data and the demo region. Safe to run again: nothing is loaded twice."""
from typing import Any

from django.core.management.base import BaseCommand

from samskap.core.registry import registry


class Command(BaseCommand):
    help = "Load counties, municipalities and the Trøndelag demo region (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        # Each app registers `load(stdout) -> None` (idempotent) from its AppConfig.ready(), with an order:
        # reference data first, then directory, needs, funding, knowledge, outlook, workshops, followup,
        # and matching last (it indexes what the others loaded).
        for loader in registry.demo_loaders():
            loader.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
