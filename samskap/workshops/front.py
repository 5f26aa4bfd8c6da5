"""The workshops app's panel on the front page: the coming workshops and whether one can sign up."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.workshops.models import Event


def front_panel(request: HttpRequest) -> dict[str, Any] | None:
    coming = Event.objects.filter(date__gte=timezone.localdate())
    events = list(coming.order_by("date", "pk")[:4])
    return {
        "template": "workshops/front/panel.html", "events": events,
        "figures": [{"value": coming.count(), "label": _("coming workshops"), "url": reverse("workshops:list")}],
    }
