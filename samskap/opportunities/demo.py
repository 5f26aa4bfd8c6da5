"""Demo opportunities (see `demo_data.py`). Idempotent: keyed by (organisation, title); the sketches by
(opportunity, sender)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskap.directory.models import Municipality, Organisation, OrgType, Person
from samskap.opportunities import demo_data
from samskap.opportunities.models import Agreement, Opportunity, Sketch, SketchStatus, Status, today

DATE_FIELDS = {"deadline": "deadline", "stipend_deadline": "stipend_deadline", "period_start": "period_start",
               "period_end": "period_end"}
PLAIN = ("kind", "level", "direction", "partner_type", "title", "summary", "problem", "relevance",
         "data_and_method", "ethics", "requirements", "field", "sector", "place", "language", "keywords",
         "provides_data", "provides_supervision", "provides_office", "stipend_amount", "vetting_note",
         "result_url", "result_note")


def _organisation(name: str) -> Organisation:
    if name.endswith(" kommune"):
        municipality = Municipality.objects.filter(name=name.removesuffix(" kommune")).first()
        return Organisation.objects.get_or_create(name=name, defaults={
            "org_type": OrgType.MUNICIPALITY, "municipality": municipality,
            "county": municipality.county if municipality else None})[0]
    return Organisation.objects.get_or_create(name=name, defaults={"org_type": OrgType.UNIVERSITY})[0]


def _sender(spec: dict[str, Any]) -> Any:
    User = get_user_model()
    user, created = User.objects.get_or_create(username=spec["username"], defaults={"email": spec["email"]})
    if created:
        user.set_unusable_password()
        user.save()
    Person.objects.update_or_create(user=user, defaults={"name": spec["name"], "email": spec["email"],
                                                         "listed_in_directory": False})
    return user


@transaction.atomic
def load(stdout: Any) -> None:
    day = today()
    senders = {spec["username"]: (_sender(spec), spec["name"]) for spec in demo_data.SENDERS}
    for spec in demo_data.OPPORTUNITIES:
        organisation = _organisation(spec["organisation"])
        status = spec["status"]
        fields: dict[str, Any] = {key: spec[key] for key in PLAIN if key in spec}
        for key, name in DATE_FIELDS.items():
            fields[name] = day + dt.timedelta(days=spec[key]) if key in spec else None
        fields["expires_on"] = day + dt.timedelta(days=spec["expires"])
        fields["status"] = Status.PUBLISHED if status == "expired" else status
        fields["municipality"] = Municipality.objects.filter(code=spec.get("municipality", "")).first()
        fields["vetting_institution"] = _organisation(spec["vetting_institution"]) \
            if spec.get("vetting_institution") else None
        fields["contact"] = Person.objects.filter(organisation=organisation, listed_in_directory=True).first()
        if status in ("vetted", "published", "expired", "taken", "completed"):
            fields["vetted_at"] = timezone.now()
        if status in ("published", "expired", "taken", "completed"):
            fields["published_at"] = timezone.now()
        opportunity, _created = Opportunity.objects.update_or_create(
            organisation=organisation, title=spec["title"], defaults=fields)
        sketch_spec = spec.get("sketch")
        if sketch_spec:
            user, name = senders[sketch_spec["sender"]]
            sketch, _created = Sketch.objects.update_or_create(opportunity=opportunity, sender=user, defaults={
                "sender_name": name, "institution": sketch_spec["institution"], "text": sketch_spec["text"],
                "status": SketchStatus.ACCEPTED, "owner_message": "Velkommen! Vi avtaler et oppstartsmøte.",
                "decided_at": timezone.now()})
            agreement = sketch_spec["agreement"]
            Agreement.objects.update_or_create(sketch=sketch, defaults={
                "parties": "\n".join([organisation.name, name, sketch_spec["institution"]]),
                "supervisor": agreement["supervisor"], "start_date": opportunity.period_start,
                "end_date": opportunity.period_end,
                "startup_meeting": day + dt.timedelta(days=agreement["startup"])})
            Opportunity.objects.filter(pk=opportunity.pk).update(taken_by=f"{name}, {sketch_spec['institution']}")
    stdout.write(f"Opportunities: {len(demo_data.OPPORTUNITIES)} cooperation opportunities.")
