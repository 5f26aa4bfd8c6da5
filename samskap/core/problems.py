"""Row-numbered problems of an imported file, translated when shown (pure module: no Django).

An importer collects :class:`Problem` s (an untranslated message template marked with
:func:`gettext_noop`, and its parameters) and raises its own subclass of :class:`ProblemsError`;
the view or command renders them in the user's language with ``problem.render(gettext)``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


def gettext_noop(message: str) -> str:
    """Marks a message for translation without translating it (Django's makemessages finds it)."""
    return message


@dataclass(frozen=True)
class Problem:
    template: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, translate: Callable[[str], str] | None = None) -> str:
        text = translate(self.template) if translate is not None else self.template
        return text % dict(self.params) if self.params else text


class ProblemsError(ValueError):
    """The file cannot be imported; ``problems`` says why, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.render() for p in problems))
