"""Keep brokering's catalogue fresh: opportunities ("opportunity"). Connected from `ready()`.

Only open opportunities are entries: re-indexing one that was taken or archived removes it.
"""

from __future__ import annotations

from samskap.core.signals import watch_catalogue
from samskap.opportunities.models import Opportunity


def connect() -> None:
    watch_catalogue(Opportunity, "opportunity")
