"""The opportunities app's figure on the front page: open theses, secondments and other cooperation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from samskap.opportunities.models import Status
from samskap.opportunities.queries import catalogue


def front_panel(request: HttpRequest) -> dict[str, Any] | None:
    count = catalogue().filter(status=Status.PUBLISHED).count()
    return {"figures": [{"value": count, "label": _("open theses, secondments and other cooperation"),
                         "url": reverse("opportunities:list")}]}
