from typing import Any

from django.core.management.base import BaseCommand

from samskap.directory.actions import load_reference_data


class Command(BaseCommand):
    help = "Load the counties and municipalities shipped with Samskap (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = load_reference_data()
        self.stdout.write(self.style.SUCCESS(
            f"{counts['counties']} counties and {counts['municipalities']} municipalities loaded."))
