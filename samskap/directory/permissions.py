"""Who may do what, to which object. Every action function calls these."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.translation import gettext as _

from samskap.core.actors import is_system
from samskap.core.changes import KeptAnswers
from samskap.directory.models import Municipality, Person, RoleKind

#: Roles read outside a transaction, kept per process by user id at the content version they were read at
#: (a change of a role raises it); never used inside a transaction, where every action checks who may write.
_kept_roles: KeptAnswers[list[tuple[str, str | None]]] = KeptAnswers(20_000)


def _roles(user: Any) -> list[tuple[str, str | None]]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    fresh = connection.in_atomic_block
    cache = getattr(user, "_samskap_roles", None)  # (roles, read inside a transaction), for this request
    if cache is not None and (cache[1] or not fresh):
        return cast(list[tuple[str, str | None]], cache[0])
    kept = _kept_roles.current()
    roles = kept.get(user.pk) if kept is not None else None
    if roles is None:
        roles = list(user.roles.values_list("kind", "municipality_id"))
        if kept is not None:
            kept[user.pk] = roles
    user._samskap_roles = (roles, fresh)
    return roles


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
