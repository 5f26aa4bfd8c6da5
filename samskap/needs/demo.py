"""Demo needs and one open call for topics. Idempotent (needs are keyed by municipality and title)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskap.directory.demo_data import CONTACTS, COORDINATORS
from samskap.directory.models import County, Municipality
from samskap.needs.demo_data import CALL, NEEDS
from samskap.needs.models import Call, Need


@transaction.atomic
def load(stdout: Any) -> None:
    User = get_user_model()
    coordinator = User.objects.get(username=COORDINATORS[0]["username"])
    call, _created = Call.objects.get_or_create(title=CALL["title"], defaults={
        "question": CALL["question"], "description": CALL["description"], "county": County.objects.get(code="50"),
        "deadline": timezone.now() + dt.timedelta(days=CALL["days_open"]), "opened_by": coordinator})
    contacts = {c["municipality"]: c["username"] for c in CONTACTS}
    created = 0
    for spec in NEEDS:
        municipality = Municipality.objects.get(code=spec["municipality"])
        _need, was_created = Need.objects.get_or_create(municipality=municipality, title=spec["title"], defaults={
            "description": spec["description"], "why_it_matters": spec["why_it_matters"],
            "who_is_affected": spec["who_is_affected"], "sector": spec["sector"],
            "desired_outcome": spec["desired_outcome"], "status": spec["status"], "language": spec["language"],
            "call": call if spec["in_call"] else None,
            "created_by": User.objects.filter(username=contacts.get(spec["municipality"])).first()})
        created += was_created
    stdout.write(f"Needs: {created} new of {len(NEEDS)}; call for topics '{call.title}' is open.")
