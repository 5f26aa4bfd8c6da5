"""The brokering app's panel on the front page: the largest shared challenges (needs that several
municipalities share), as the worker stored them. Only labels and municipality names: both are public."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from samskap.directory.permissions import is_coordinator
from samskap.matching import services

#: The front page checks only the biggest challenges; beyond this it says "40+".
SHOWN_MOST = 40


def front_panel(request: HttpRequest) -> dict[str, Any] | None:
    challenges = services.shared_challenges(with_trends=False, stored_only=True, limit=SHOWN_MOST + 1)
    if not challenges:
        return None
    count: int | str = len(challenges) if len(challenges) <= SHOWN_MOST else f"{SHOWN_MOST}+"
    return {
        "template": "matching/front/panel.html", "challenges": challenges[:4],
        "can_open": is_coordinator(request.user),
        "figures": [{"value": count, "label": _("shared challenges"), "url": None}],
    }


def audience(request: HttpRequest) -> str:
    """Coordinators see a button to open a challenge as a workshop theme; everyone else the same panel."""
    return "coordinator" if is_coordinator(request.user) else "everyone"
