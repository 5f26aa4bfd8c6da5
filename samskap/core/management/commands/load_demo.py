"""Load the reference data and the demo region. Safe to run again: nothing is loaded twice."""

import importlib

from django.core.management.base import BaseCommand

from samskap.directory.actions import load_reference_data

# Each app may provide `samskap/<app>/demo.py` with `load(stdout) -> None` (idempotent), run in this order.
DEMO_APPS = ["directory", "needs", "funding", "knowledge", "outlook", "workshops", "followup", "matching"]


class Command(BaseCommand):
    help = "Load counties, municipalities and the Trøndelag demo region (idempotent)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        counts = load_reference_data()
        self.stdout.write(f"Reference data: {counts['counties']} counties, {counts['municipalities']} municipalities.")
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"samskap.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"samskap.{app}.demo":
                    raise
                continue
            module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
