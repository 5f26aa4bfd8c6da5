"""Data and messages of a parsed registration file: the problems, the registrant and the registration."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from samskap.workshops.regimport.labels import merges


def _(template: str) -> str:
    """Mark a message for translation (``makemessages`` collects ``_("...")``). This module has no
    Django: it keeps messages in English and the web translates a :class:`Problem` with
    :func:`render` when it shows it."""
    return template


class Problem(str):
    """A message: the English text (it *is* a str, for the CLI and logs) plus its template and
    parameters, so that the web can show it in the user's language (see :func:`render`)."""

    template: str
    params: dict[str, object]

    def __new__(cls, template: str, **params: object) -> Problem:
        obj = super().__new__(cls, template % params if params else template)
        obj.template = template
        obj.params = params
        return obj


def render(message: str, translate: Callable[[str], str]) -> str:
    """``message`` in the language of ``translate`` (for example Django's ``gettext``)."""
    if isinstance(message, Problem):
        text = translate(message.template)
        return text % message.params if message.params else text
    return str(message)


class RegistrationImportError(ValueError):
    """The file could not be imported; ``errors`` lists every problem."""

    def __init__(self, errors: Sequence[str] | str):
        self.errors = [errors] if isinstance(errors, str) else list(errors)
        head = self.errors[0] if len(self.errors) == 1 else f"{len(self.errors)} errors"
        super().__init__(head + ("" if len(self.errors) == 1 else ":\n" + "\n".join(self.errors)))


@dataclass
class Registrant:
    row: int  # spreadsheet row number (header = row 1)
    first_name: str
    last_name: str
    organisation: str
    email: str = ""
    actor_type: str = "other"
    actor_type_inferred: bool = True
    # session -> canonical theme labels, best first (empty = not attending)
    choices: dict[str, list[str]] = field(default_factory=dict)
    volunteer_host: bool = False
    volunteer_note_taker: bool = False
    merged_rows: list[int] = field(default_factory=list)  # identical duplicates

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass
class Registration:
    sessions: list[str]  # "1", "2", ... in numeric order
    themes: dict[str, list[str]]  # session -> canonical labels (sorted)
    participants: list[Registrant]
    merged_labels: dict[str, str]  # variant -> canonical label (only real merges)
    warnings: list[str] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)  # format, encoding, delimiter

    @property
    def merges(self) -> dict[str, list[str]]:
        """canonical label -> the other spellings in the file that were read as it."""
        return merges(self.merged_labels)
