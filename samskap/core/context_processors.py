from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from samskap.directory.permissions import contact_municipality_codes, is_coordinator

# Menu entries of the domain apps; an entry shows once its app provides the URL name.
NAV = [
    ("funding:list", _("Funding")),
    ("matching:shared_challenges", _("Shared challenges")),
    ("workshops:list", _("Workshops")),
    ("knowledge:cases", _("Cases")),
    ("directory:network", _("Network")),
]


def _nav() -> list[dict[str, Any]]:
    items = []
    for name, label in NAV:
        try:
            items.append({"url": reverse(name), "label": label})
        except NoReverseMatch:
            continue
    return items


def samskap(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "is_coordinator": is_coordinator(user),
        "my_municipality_codes": contact_municipality_codes(user),
        "extra_nav": _nav(),
    }
