"""Small helpers shared by the workshop action modules."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def _set(obj: Any, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for key in fields:
        if key in data:
            setattr(obj, key, data[key])


def _user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None
