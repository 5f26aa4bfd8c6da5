"""Who may do what with cases and barometer surveys (built on samskap.directory.permissions)."""

from __future__ import annotations

from typing import Any

from samskap.directory.permissions import contact_municipality_codes, is_coordinator
from samskap.knowledge.models import Case, CaseStatus

OWNER_EDITABLE = {CaseStatus.DRAFT, CaseStatus.RETURNED}


def is_case_owner(user: Any, case: Case) -> bool:
    """The creator, or a FoUI contact of one of the case's municipalities."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if case.created_by_id is not None and case.created_by_id == user.pk:
        return True
    codes = contact_municipality_codes(user)
    if not codes or case.pk is None:
        return False
    return case.municipalities.filter(code__in=codes).exists()


def can_create_case(user: Any) -> bool:
    return is_coordinator(user) or bool(contact_municipality_codes(user))


def can_edit_case(user: Any, case: Case) -> bool:
    """Owners edit drafts and returned cases; coordinators edit any case."""
    if is_coordinator(user):
        return True
    return case.status in OWNER_EDITABLE and is_case_owner(user, case)


def can_submit_case(user: Any, case: Case) -> bool:
    return case.status in OWNER_EDITABLE and (is_coordinator(user) or is_case_owner(user, case))


def can_review_case(user: Any, case: Case | None = None) -> bool:
    return is_coordinator(user)


def can_view_case(user: Any, case: Case) -> bool:
    return case.status == CaseStatus.PUBLISHED or is_coordinator(user) or is_case_owner(user, case)


def can_view_results(user: Any) -> bool:
    """Barometer results are aggregated and anonymised; coordinators and FoUI contacts see them."""
    return is_coordinator(user) or bool(contact_municipality_codes(user))
