from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from samskap.directory.permissions import contact_municipality_codes, is_coordinator

# Menu entries of the domain apps; an entry shows once its app provides the URL name.
# (URL name, label, coordinators only)
NAV = [
    ("matching:search", _("Find competence"), False),
    ("funding:list", _("Funding"), False),
    ("matching:shared_challenges", _("Shared challenges"), True),
    ("workshops:list", _("Workshops"), False),
    ("knowledge:cases", _("Cases"), False),
    ("opportunities:list", _("Cooperation opportunities"), False),
    ("outlook:index", _("Population outlook"), False),
    ("followup:network", _("Network"), False),
]
# Entries shown directly in the header on wide screens; the rest sit in the "Menu" dropdown.
PRIMARY_NAV = {"workshops:list", "funding:list"}


def _nav(coordinator: bool) -> list[dict[str, Any]]:
    items = []
    for name, label, restricted in NAV:
        if restricted and not coordinator:
            continue
        try:
            items.append({"url": reverse(name), "label": label, "primary": name in PRIMARY_NAV})
        except NoReverseMatch:
            continue
    return items


def samskap(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    coordinator = is_coordinator(user)
    return {
        "is_coordinator": coordinator,
        "my_municipality_codes": contact_municipality_codes(user),
        "extra_nav": _nav(coordinator),
    }
