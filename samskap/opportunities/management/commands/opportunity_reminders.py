"""Ask the owners of expired opportunities to renew them (one e-mail each, once per expiry). Run daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from samskap.core.actors import SystemActor
from samskap.opportunities import actions


class Command(BaseCommand):
    help = "E-mail the owners of expired opportunities and ask them to renew or archive them."

    def handle(self, *args: Any, **options: Any) -> None:
        pks = actions.claim_renewal_reminders(actor=SystemActor("opportunity reminders"))
        self.stdout.write(f"Renewal reminders queued: {len(pks)}.")
