"""The log of account changes: who changed whose roles or account, when and what.

Role rows are logged by receivers (``receivers.py``) whatever writes them -- the actions here, the admin,
the shell -- with the acting user of the current request or action (``acting``)."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from samskap.accounts.models import AccountChange
from samskap.core.actors import is_system, user_of

_current: contextvars.ContextVar[Any] = contextvars.ContextVar("samskap_account_actor", default=None)


@contextmanager
def acting(actor: Any) -> Iterator[None]:
    token = _current.set(actor)
    try:
        yield
    finally:
        _current.reset(token)


def current_actor() -> Any:
    return _current.get()


def _name(actor: Any) -> str:
    if actor is None:
        return ""
    if is_system(actor):
        return str(actor)
    user = user_of(actor)
    if user is None:
        return ""
    person = getattr(user, "person", None)
    return str(getattr(person, "name", "") or user.get_full_name() or user.get_username())


def log_change(actor: Any, user: Any, what: str, detail: str = "") -> AccountChange:
    return AccountChange.objects.create(by=user_of(actor), by_name=_name(actor)[:200],
                                        user=user if getattr(user, "pk", None) else None,
                                        what=what[:40], detail=(detail or "")[:300])
