"""Who may do what with one-to-one meetings: a participant acts for themselves (signed in as the
registration's person, or with the registration's personal-link token); organisers are the coordinators
and the person who created the event."""

from __future__ import annotations

import hmac
from typing import Any

from django.utils.translation import gettext as _

from samskap.core.actors import is_system
from samskap.directory.permissions import is_coordinator, require
from samskap.workshops.models import Event, Registration


def is_organiser(actor: Any, event: Event) -> bool:
    if is_system(actor) or is_coordinator(actor):
        return True
    return bool(getattr(actor, "is_authenticated", False) and event.created_by_id == actor.pk)


def acts_for(actor: Any, registration: Registration, token: str | None = None) -> bool:
    """The participant themselves (by token or account), or an organiser of the event."""
    if token and hmac.compare_digest(str(token), registration.token):
        return True
    if getattr(actor, "is_authenticated", False) and registration.person_id is not None:
        if registration.person is not None and registration.person.user_id == actor.pk:
            return True
    return is_organiser(actor, registration.event)


def require_organiser(actor: Any, event: Event) -> None:
    require(is_organiser(actor, event), _("Only the event's organisers may do this."))


def require_acts_for(actor: Any, registration: Registration, token: str | None = None) -> None:
    require(acts_for(actor, registration, token), _("You may only do this for yourself."))
