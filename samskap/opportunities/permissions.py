"""Who may do what with opportunities and sketches.

- The owner organisation's people (people whose directory entry belongs to it, and for a municipality
  the municipality's FoUI contacts) and coordinators edit an opportunity and run its flow.
- Coordinators, and the designated contacts of the opportunity's vetting institution, vet it.
- Any signed-in person may send a sketch to an open opportunity (not to their own organisation's).
- A sketch is seen only by the owner organisation's people and its sender -- not by coordinators, who see
  that sketches exist but not their text or file.
"""

from __future__ import annotations

from typing import Any

from samskap.core.actors import is_system
from samskap.directory.models import Organisation, OrgType
from samskap.directory.permissions import contact_municipality_codes, is_coordinator


def _authenticated(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def organisation_ids(user: Any) -> set[int]:
    """The organisations `user` acts for: their own (directory entry) and their municipalities'."""
    if not _authenticated(user):
        return set()
    cache = getattr(user, "_samskap_opportunity_orgs", None)
    if cache is None:
        from samskap.directory.models import Person

        cache = set(Person.objects.filter(user=user, organisation__isnull=False)
                    .values_list("organisation_id", flat=True))
        codes = contact_municipality_codes(user)
        if codes:
            cache |= set(Organisation.objects.filter(org_type=OrgType.MUNICIPALITY, municipality_id__in=codes)
                         .values_list("pk", flat=True))
        user._samskap_opportunity_orgs = cache
    return cache


def is_member(user: Any, organisation: Organisation | int | None) -> bool:
    if organisation is None:
        return False
    pk = organisation if isinstance(organisation, int) else organisation.pk
    return pk in organisation_ids(user)


def can_create_for(user: Any, organisation: Organisation | None) -> bool:
    return is_coordinator(user) or is_member(user, organisation)


def can_edit(user: Any, opportunity: Any) -> bool:
    return is_coordinator(user) or is_member(user, opportunity.organisation_id)


def vetting_institution_ids(user: Any) -> set[int]:
    if not _authenticated(user):
        return set()
    return set(user.vetting_roles.values_list("organisation_id", flat=True))


def can_vet(user: Any, opportunity: Any) -> bool:
    if is_coordinator(user):
        return True
    return bool(opportunity.vetting_institution_id) and opportunity.vetting_institution_id in vetting_institution_ids(user)


def is_vetter(user: Any) -> bool:
    return is_coordinator(user) or bool(vetting_institution_ids(user))


def can_send_sketch(user: Any, opportunity: Any) -> bool:
    return _authenticated(user) and not is_member(user, opportunity.organisation_id)


def can_see_sketch(user: Any, sketch: Any) -> bool:
    if is_system(user):
        return True
    if not _authenticated(user):
        return False
    return sketch.sender_id == user.pk or is_member(user, sketch.opportunity.organisation_id)


def can_decide_sketch(user: Any, sketch: Any) -> bool:
    """Only the owner organisation's people accept or reject (the system too, for the demo)."""
    return is_system(user) or is_member(user, sketch.opportunity.organisation_id)


def can_withdraw_sketch(user: Any, sketch: Any) -> bool:
    return _authenticated(user) and sketch.sender_id == user.pk
