"""Keep brokering's catalogue fresh: funding instruments ("instrument") and their deadlines.

Connected from `FundingConfig.ready()`. A deactivated instrument leaves the catalogue when it is
re-indexed (only active instruments are entries).
"""

from __future__ import annotations

from samskap.core.signals import watch_catalogue
from samskap.funding.models import Deadline, Instrument


def _instrument(deadline: Deadline) -> list[int]:
    return [deadline.instrument_id]


def connect() -> None:
    watch_catalogue(Instrument, "instrument")
    watch_catalogue(Deadline, "instrument", pks=_instrument)  # upcoming deadlines are in the entry's meta
