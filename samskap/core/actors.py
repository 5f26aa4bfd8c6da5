"""Who acts: every action function takes a keyword-only ``actor: Actor``.

``Actor`` is a user (signed in or anonymous) or a :class:`SystemActor` -- a trusted caller that is not a
person: a management command, the demo loader, a background task. Permission checks let a system actor
through; nothing else is trusted implicitly (``None`` is not an actor).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


@dataclass(frozen=True)
class SystemActor:
    """A trusted, non-human caller, named for logs (``SystemActor("catalog import")``)."""

    name: str = "system"
    is_authenticated = False
    is_active = True
    is_superuser = False
    pk = None

    def __str__(self) -> str:
        return f"system ({self.name})"


SYSTEM = SystemActor()

Actor: TypeAlias = "AbstractBaseUser | AnonymousUser | SystemActor"


def is_system(actor: object) -> bool:
    return isinstance(actor, SystemActor)


def user_of(actor: object) -> Any:
    """The signed-in user behind ``actor`` for "created by"/"decided by" columns, or None (anonymous or
    system)."""
    if is_system(actor) or not getattr(actor, "is_authenticated", False):
        return None
    return actor
