"""Translated checks of a case before it is published (the rules are in the pure `completeness` module)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from samskap.knowledge import completeness
from samskap.knowledge.models import Case


def problem_messages(problems: Mapping[str, list[completeness.Problem]]) -> dict[str, list[str]]:
    """Translated messages for completeness problems, per form field."""
    out: dict[str, list[str]] = {}
    for section, found in problems.items():
        for p in found:
            if p.code == "missing":
                msg = _("This section must be filled in before the case can be published.")
            elif p.code == "too_short":
                msg = _("Write at least %(limit)d characters (now %(value)d).") % {
                    "limit": p.limit, "value": p.value}
            elif p.code == "hard_to_read":
                msg = _("The text is hard to read (LIX %(value)s, at most %(limit)s is allowed). Use shorter "
                        "sentences and shorter words.") % {"value": p.value, "limit": p.limit}
            elif p.code == "long_sentences":
                msg = _("The sentences are long (%(value)s words on average, at most %(limit)s). Split them "
                        "up.") % {"value": p.value, "limit": p.limit}
            elif p.code == "bad_link":
                msg = _("“%(value)s” is not a web address (https://…).") % {"value": p.value}
            else:  # pragma: no cover - every code is handled above
                msg = p.code
            out.setdefault(section, []).append(msg)
    return out


def check_complete(case: Case) -> None:
    problems = completeness.check(case.sections())
    if problems:
        raise ValidationError(problem_messages(problems))
