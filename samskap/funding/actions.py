"""Write use cases for funding instruments and deadlines. Only coordinators write.

Brokering re-indexes an instrument after every saved or deleted instrument or deadline (the receivers in
`samskap/funding/receivers.py`); a deactivated instrument leaves the catalogue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.directory.permissions import require_coordinator
from samskap.funding.models import Deadline, Instrument

INSTRUMENT_FIELDS = ("name", "owner", "owner_name", "summary", "description", "applicants", "lead_requirement",
                     "research_partner_required", "cofunding_required", "cofunding_share", "requirements",
                     "min_amount", "max_amount", "rolling", "url", "language", "keywords", "active")
NULLABLE_FIELDS = {"owner", "min_amount", "max_amount"}


def _apply(instrument: Instrument, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(INSTRUMENT_FIELDS) - {"deadlines"}
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for key in INSTRUMENT_FIELDS:
        if key not in data:
            continue
        value = data[key]
        if value is None and key not in NULLABLE_FIELDS:
            continue
        if key == "applicants":
            value = list(value)
        setattr(instrument, key, value)


def _deadline(instrument: Instrument, item: Mapping[str, Any] | dt.date) -> Deadline:
    if isinstance(item, dt.date):
        item = {"date": item}
    date = item.get("date")
    if not isinstance(date, dt.date):
        raise ValidationError({"deadlines": _("Every deadline needs a date.")})
    deadline = Deadline(instrument=instrument, date=date, time=item.get("time"), label=item.get("label") or "")
    deadline.full_clean(exclude=["instrument"], validate_unique=False, validate_constraints=False)
    return deadline


def _replace_deadlines(instrument: Instrument, items: Iterable[Mapping[str, Any] | dt.date]) -> None:
    deadlines = [_deadline(instrument, item) for item in items]
    keys = [(d.date, d.label) for d in deadlines]
    if len(keys) != len(set(keys)):
        raise ValidationError({"deadlines": _("The same deadline is listed twice.")})
    instrument.deadlines.all().delete()
    Deadline.objects.bulk_create(deadlines)


@transaction.atomic
def create_instrument(data: Mapping[str, Any], *, actor: Actor) -> Instrument:
    """Register an instrument; `data["deadlines"]` may list dates or {"date", "time", "label"} dicts."""
    require_coordinator(actor)
    instrument = Instrument()
    _apply(instrument, data)
    instrument.full_clean()
    instrument.save()
    if data.get("deadlines"):
        _replace_deadlines(instrument, data["deadlines"])
    return instrument


@transaction.atomic
def update_instrument(instrument: Instrument, data: Mapping[str, Any], *, actor: Actor) -> Instrument:
    """Change an instrument; when `data` holds "deadlines" they replace the existing ones."""
    require_coordinator(actor)
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    _apply(instrument, data)
    instrument.full_clean()
    instrument.save()
    if data.get("deadlines") is not None:
        _replace_deadlines(instrument, data["deadlines"])
    return instrument


@transaction.atomic
def delete_instrument(instrument: Instrument, *, actor: Actor) -> None:
    require_coordinator(actor)
    Instrument.objects.filter(pk=instrument.pk).delete()


@transaction.atomic
def add_deadline(instrument: Instrument, date: dt.date, *, actor: Actor, time: dt.time | None = None,
                 label: str = "") -> Deadline:
    require_coordinator(actor)
    deadline = _deadline(instrument, {"date": date, "time": time, "label": label})
    if Deadline.objects.filter(instrument=instrument, date=date, label=deadline.label).exists():
        raise ValidationError({"date": _("This deadline is already registered.")})
    deadline.save()
    Instrument.objects.filter(pk=instrument.pk).update(updated_at=timezone.now())
    return deadline


@transaction.atomic
def update_deadline(deadline: Deadline, data: Mapping[str, Any], *, actor: Actor) -> Deadline:
    require_coordinator(actor)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    for key in ("date", "time", "label"):
        if key in data:
            setattr(deadline, key, data[key] if key != "label" else (data[key] or ""))
    deadline.full_clean()
    deadline.save()
    Instrument.objects.filter(pk=deadline.instrument_id).update(updated_at=timezone.now())
    return deadline


@transaction.atomic
def delete_deadline(deadline: Deadline, *, actor: Actor) -> None:
    require_coordinator(actor)
    instrument = deadline.instrument
    Deadline.objects.filter(pk=deadline.pk).delete()
    Instrument.objects.filter(pk=instrument.pk).update(updated_at=timezone.now())
