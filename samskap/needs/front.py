"""The needs app's panel on the front page: open calls for topics and the newest needs, with figures."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.needs.models import Call, Need, NeedStatus


def front_panel(request: HttpRequest) -> dict[str, Any] | None:
    registered = Need.objects.exclude(status=NeedStatus.DRAFT)
    open_calls = list(Call.objects.filter(closed_at__isnull=True, deadline__gt=timezone.now())
                      .select_related("county").order_by("deadline", "pk")[:5])
    newest = list(registered.select_related("municipality").order_by("-created_at", "-pk")[:6])
    open_count = Call.objects.filter(closed_at__isnull=True, deadline__gt=timezone.now()).count()
    return {
        "template": "needs/front/panel.html", "open_calls": open_calls, "open_count": open_count,
        "newest_needs": newest,
        "figures": [
            {"value": registered.values("municipality_id").distinct().count(),
             "label": _("municipalities with needs"), "url": reverse("directory:municipalities")},
            {"value": registered.count(), "label": _("needs registered"), "url": reverse("needs:list")},
            {"value": open_count, "label": _("open calls for topics"), "url": reverse("needs:calls")},
        ],
    }
