"""Why a case is suggested, in the active language (nb, nn or en): who tried it, when, and how far it got."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from samskap.directory.models import Municipality
from samskap.knowledge.models import Stage


def _names(meta: Mapping[str, Any]) -> list[str]:
    names = [str(n) for n in meta.get("municipality_names") or []]
    if names:
        return names
    codes = [str(c) for c in meta.get("municipalities") or []]  # items indexed before names were stored
    found = dict(Municipality.objects.filter(code__in=codes).values_list("code", "name"))
    return [found.get(code, code) for code in codes]


def reason_for(meta: Mapping[str, Any], applicant: str = "municipality", today: dt.date | None = None) -> str:
    """E.g. "Tried by Steinkjer and Verdal in 2019 · Testing"; the stage by its label, never its code."""
    names = _names(meta)
    year = meta.get("year")
    who = get_text_list(names, _("and")) if names else ""
    if who and year:
        head = _("Tried by %(municipalities)s in %(year)s") % {"municipalities": who, "year": year}
    elif who:
        head = _("Tried by %(municipalities)s") % {"municipalities": who}
    elif year:
        head = _("Tried in %(year)s") % {"year": year}
    else:
        head = ""
    stage = meta.get("stage")
    label = str(Stage(stage).label) if stage in Stage.values else ""
    return " · ".join(part for part in (head, label) if part)
