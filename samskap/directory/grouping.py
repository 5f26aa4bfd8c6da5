"""How searchable selects (samskap.core.widgets) group the directory's organisations and people (by type) and
municipalities (by county)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.directory.models import Municipality, Organisation, OrgType, Person

ORG_TYPE_GROUPS: dict[str, Any] = {
    OrgType.MUNICIPALITY: gettext_lazy("Municipalities"),
    OrgType.COUNTY: gettext_lazy("County authorities"),
    OrgType.RESEARCH_INSTITUTE: gettext_lazy("Research institutes"),
    OrgType.UNIVERSITY: gettext_lazy("Universities and university colleges"),
    OrgType.HOSPITAL: gettext_lazy("Hospital trusts"),
    OrgType.COMPANY: gettext_lazy("Companies"),
    OrgType.FUNDING: gettext_lazy("Funding bodies"),
    OrgType.INTEREST: gettext_lazy("Interest bodies"),
    OrgType.OTHER: gettext_lazy("Other organisations"),
}
_ORDER: dict[str, int] = {org_type: index for index, org_type in enumerate(ORG_TYPE_GROUPS)}


def organisation_group(organisation: Organisation) -> tuple[int, str]:
    """Municipalities first, then county authorities, research institutes, ... in the order of `OrgType`."""
    org_type = organisation.org_type
    return _ORDER.get(org_type, len(_ORDER)), str(ORG_TYPE_GROUPS.get(org_type, ORG_TYPE_GROUPS[OrgType.OTHER]))


def person_group(person: Person) -> tuple[int, str]:
    """People in one group of their own (after every organisation group)."""
    return len(_ORDER) + 1, _("People")


def municipality_group(municipality: Municipality) -> tuple[int, str]:
    """Municipalities by county, the counties in alphabetical order (select_related("county") saves queries)."""
    return 0, municipality.county.name
