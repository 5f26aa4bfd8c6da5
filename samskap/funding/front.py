"""The funding app's panel on the front page: the application deadlines of the coming months."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.funding.models import Deadline, Instrument

#: How far ahead the front page looks for deadlines.
HORIZON = dt.timedelta(days=120)


def front_panel(request: HttpRequest) -> dict[str, Any] | None:
    today = timezone.localdate()
    deadlines = list(Deadline.objects.filter(date__gte=today, date__lte=today + HORIZON, instrument__active=True)
                     .select_related("instrument").order_by("date", "instrument__name", "pk")[:6])
    return {
        "template": "funding/front/panel.html", "deadlines": deadlines,
        "figures": [{"value": Instrument.objects.active().open_on(today).count(), "label": _("funding instruments open"),
                     "url": reverse("funding:list")}],
    }
