"""The next step after a suggestion is accepted: what the need's municipality can do with it now.

An accepted expert or research group: get in touch (their profile shows the contact details their
consent allows). A funding instrument: plan the application before its next deadline. A similar need of
another municipality: answer an open call for topics with the need (so a workshop can take the two up
together), else talk to that municipality. An innovation case: read how they did it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from samskap.core.validators import is_http_url
from samskap.directory.models import Municipality
from samskap.matching.models import CatalogItem
from samskap.needs.models import Call, Need


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str


def _open_call_for(need: Need) -> Call | None:
    """The open call (soonest deadline) that invites the need's municipality, if the need answers none."""
    if need.call_id is not None:
        return None
    county = Municipality.objects.filter(code=need.municipality_id).values_list("county_id", flat=True).first()
    return (Call.objects.filter(closed_at__isnull=True, deadline__gt=timezone.now())
            .filter(Q(county__isnull=True) | Q(county_id=county)).order_by("deadline", "pk").first())


def _upcoming(dates: list[str], today: dt.date) -> dt.date | None:
    days = sorted(d for d in (_parse(x) for x in dates) if d is not None and d >= today)
    return days[0] if days else None


def _parse(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def next_step(item: CatalogItem, need: Need) -> NextStep | None:
    meta = item.meta or {}
    url = item.url if item.url and is_http_url(item.url) else ""
    if item.kind in ("person", "group"):
        return NextStep(_("Next: get in touch. Their profile says how."), url) if url else None
    if item.kind == "instrument":
        deadline = _upcoming(list(meta.get("deadlines") or []), timezone.localdate())
        if deadline is not None:
            text = _("Next: plan the application. The next deadline is %(date)s.") % {
                "date": date_format(deadline, "DATE_FORMAT")}
        elif meta.get("rolling"):
            text = _("Next: plan the application. Applications are taken all year.")
        else:
            text = _("Next: see who may apply and when the next deadline is announced.")
        return NextStep(text, url) if url else None
    if item.kind == "need":
        call = _open_call_for(need)
        if call is not None:
            return NextStep(_("Next: answer the open call «%(call)s» with your need, so that a workshop can take "
                              "up both needs together.") % {"call": call.title},
                            reverse("needs:call_detail", args=[call.pk]) + "#attach-needs")
        codes = [c for c in meta.get("municipalities") or [] if isinstance(c, str)]
        name = meta.get("municipality_name") or item.organisation
        if codes:
            return NextStep(_("Next: talk to %(municipality)s about working on it together.") % {"municipality": name},
                            reverse("directory:municipality", args=[codes[0]]))
        return None
    if item.kind == "case":
        return NextStep(_("Next: read how they did it, and whom to ask."), url) if url else None
    return NextStep(_("Next: open it and see what it takes."), url) if url else None
