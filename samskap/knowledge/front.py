"""The knowledge app's figure on the front page: the case library."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samskap.knowledge.models import Case


def front_panel(request: HttpRequest) -> dict[str, Any] | None:
    return {"figures": [{"value": Case.objects.published().count(), "label": _("cases to learn from"),
                         "url": reverse("knowledge:cases")}]}
