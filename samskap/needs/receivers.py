"""Keep brokering's catalogue fresh: needs ("need"). Connected from `NeedsConfig.ready()`."""

from __future__ import annotations

from samskap.core.signals import watch_catalogue
from samskap.needs.models import Need


def connect() -> None:
    watch_catalogue(Need, "need")
