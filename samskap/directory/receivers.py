"""Keep brokering's catalogue fresh: researchers ("person") and research groups ("group").

Connected from `DirectoryConfig.ready()`; see `samskap.core.signals.watch_catalogue`.
"""

from __future__ import annotations

from typing import Any

from samskap.core.signals import watch_catalogue
from samskap.directory.models import Organisation, Person, ResearchGroup, Role, RoleKind


def _researcher(role: Role) -> list[int]:
    """A researcher role puts its person into the catalogue (and taking it away removes them)."""
    if role.kind != RoleKind.RESEARCHER:
        return []
    return list(Person.objects.filter(user_id=role.user_id).values_list("pk", flat=True))


def _people(organisation: Organisation) -> list[Any]:
    return list(organisation.people.values_list("pk", flat=True))


def _groups(organisation: Organisation) -> list[Any]:
    return list(organisation.research_groups.values_list("pk", flat=True))


def connect() -> None:
    watch_catalogue(Person, "person")
    watch_catalogue(Role, "person", pks=_researcher)
    watch_catalogue(Organisation, "person", pks=_people)  # the organisation's name and county
    watch_catalogue(ResearchGroup, "group")
    watch_catalogue(Organisation, "group", pks=_groups)
