"""Keep brokering's catalogue fresh: cases ("case"), also when their municipalities change.

Connected from `KnowledgeConfig.ready()`. Only published cases are entries: re-indexing an unpublished
case removes it from the catalogue.
"""

from __future__ import annotations

from samskap.core.signals import watch_catalogue
from samskap.knowledge.models import Case


def connect() -> None:
    watch_catalogue(Case, "case", m2m=[Case.municipalities])
