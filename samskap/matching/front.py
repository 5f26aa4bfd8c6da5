"""The brokering app's panel on the front page: the largest shared challenges (needs that several
municipalities share), as the worker stored them. Only labels and municipality names: both are public."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from samskap.directory.permissions import is_coordinator
from samskap.matching import services


def front_panel(request: HttpRequest) -> dict[str, Any] | None:
    challenges = services.shared_challenges(with_trends=False)
    if not challenges:
        return None
    return {
        "template": "matching/front/panel.html", "challenges": challenges[:4],
        "can_open": is_coordinator(request.user),
        "figures": [{"value": len(challenges), "label": _("shared challenges"), "url": None}],
    }
