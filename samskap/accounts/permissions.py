"""Who may invite whom, and who manages accounts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from samskap.directory.models import RoleKind
from samskap.directory.permissions import contact_municipality_codes, is_coordinator


def can_invite(actor: Any, role: str, municipality_codes: Iterable[str]) -> bool:
    """Coordinators invite anyone with any role; a FoUI contact invites a colleague as FoUI contact of
    their own municipality (or municipalities) only."""
    if is_coordinator(actor):
        return True
    codes = set(municipality_codes)
    own = contact_municipality_codes(actor)
    return role == RoleKind.FOUI_CONTACT and bool(codes) and codes <= own


def can_manage_invitation(actor: Any, invitation: Any) -> bool:
    """Resend or revoke: coordinators, and a contact for an invitation they may send themselves."""
    if is_coordinator(actor):
        return True
    codes = [m.code for m in invitation.municipalities.all()]
    return can_invite(actor, invitation.role, codes)


def can_see_invitations(actor: Any) -> bool:
    return is_coordinator(actor) or bool(contact_municipality_codes(actor))


def invitation_roles_for(actor: Any) -> list[tuple[str, str]]:
    """The roles ``actor`` may invite with (for the form)."""
    if is_coordinator(actor):
        return [(value, str(label)) for value, label in RoleKind.choices]
    return [(RoleKind.FOUI_CONTACT.value, str(RoleKind.FOUI_CONTACT.label))]
