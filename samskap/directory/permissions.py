"""Who may do what, to which object. Every action function calls these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from samskap.core.actors import is_system
from samskap.directory.models import Municipality, Person, RoleKind


def _roles(user: Any) -> list[tuple[str, str | None]]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cache = getattr(user, "_samskap_roles", None)
    if cache is None:
        cache = list(user.roles.values_list("kind", "municipality_id"))
        user._samskap_roles = cache
    return cache


def is_coordinator(user: Any) -> bool:
    """Coordinators, superusers and trusted system callers (:class:`samskap.core.actors.SystemActor`)."""
    if is_system(user):
        return True
    if user is not None and getattr(user, "is_superuser", False) and user.is_active:
        return True
    return any(kind == RoleKind.COORDINATOR for kind, _m in _roles(user))


def contact_municipality_codes(user: Any) -> set[str]:
    return {m for kind, m in _roles(user) if kind == RoleKind.FOUI_CONTACT and m}


def is_researcher(user: Any) -> bool:
    return any(kind == RoleKind.RESEARCHER for kind, _m in _roles(user))


def can_edit_municipality(user: Any, municipality: Municipality | str) -> bool:
    code = municipality if isinstance(municipality, str) else municipality.code
    return is_coordinator(user) or code in contact_municipality_codes(user)


def can_edit_need(user: Any, need: Any) -> bool:
    return can_edit_municipality(user, need.municipality_id)


def can_edit_person(user: Any, person: Person) -> bool:
    if is_coordinator(user):
        return True
    return bool(person.user_id) and getattr(user, "is_authenticated", False) and person.user_id == user.pk


def require(allowed: bool, message: str | None = None) -> None:
    """Raise PermissionDenied unless allowed."""
    if not allowed:
        raise PermissionDenied(message or _("You do not have permission to do this."))


def require_coordinator(user: Any) -> None:
    require(is_coordinator(user), _("Only coordinators may do this."))
