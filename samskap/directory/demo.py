"""Demo region Trøndelag: real institutions, invented people. Idempotent."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskap.core.actors import SYSTEM
from samskap.directory import demo_data
from samskap.directory.actions import grant_role, load_reference_data
from samskap.directory.models import County, Municipality, Organisation, Person, ResearchGroup, Role, RoleKind

DEMO_PASSWORD = "samskap-demo"


def _user(username: str, name: str, email: str) -> Any:
    User = get_user_model()
    first, _sep, last = name.rpartition(" ")
    user, created = User.objects.get_or_create(username=username, defaults={
        "email": email, "first_name": first or name, "last_name": last})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _person(user: Any, **fields: Any) -> Person:
    listed = fields.pop("listed", False)
    person, _created = Person.objects.update_or_create(user=user, defaults=fields)
    if person.listed_in_directory != listed:
        person.listed_in_directory = listed
        person.consent_at = timezone.now() if listed else None
        person.save()
    return person


@transaction.atomic
def load(stdout: Any) -> None:
    counties = {c.code: c for c in County.objects.all()}
    orgs = {}
    for spec in demo_data.ORGANISATIONS:
        org, _created = Organisation.objects.update_or_create(name=spec["name"], defaults={
            "org_type": spec["org_type"], "org_number": spec["org_number"],
            "county": counties.get(spec["county"]), "website": spec.get("website", "")})
        orgs[org.name] = org
    for spec in demo_data.COORDINATORS:
        user = _user(spec["username"], spec["name"], spec["email"])
        _person(user, name=spec["name"], organisation=orgs.get(spec["organisation"]), position=spec["position"],
                email=spec["email"], listed=True)
        grant_role(user, RoleKind.COORDINATOR, actor=SYSTEM)
    for spec in demo_data.CONTACTS:
        municipality = Municipality.objects.get(code=spec["municipality"])
        user = _user(spec["username"], spec["name"], spec["email"])
        org = Organisation.objects.get(name=f"{municipality.name} kommune")
        _person(user, name=spec["name"], organisation=org, position=spec["position"], email=spec["email"],
                phone=spec["phone"], preferred_language=spec["preferred_language"], listed=spec["listed"],
                fields_of_interest="FoUI, innovasjon")
        Role.objects.get_or_create(user=user, kind=RoleKind.FOUI_CONTACT, municipality=municipality)
    for spec in demo_data.RESEARCHERS:
        user = _user(spec["username"], spec["name"], spec["email"])
        _person(user, name=spec["name"], organisation=orgs[spec["organisation"]], position=spec["position"],
                fields_of_interest=spec["fields_of_interest"], research_fields=spec["research_fields"],
                methods=spec["methods"], projects=spec["projects"], working_languages=spec["working_languages"],
                email=spec["email"], preferred_language=spec["language"], listed=spec["listed"])
        Role.objects.get_or_create(user=user, kind=RoleKind.RESEARCHER, municipality=None)
    for spec in demo_data.RESEARCH_GROUPS:
        ResearchGroup.objects.update_or_create(name=spec["name"], organisation=orgs[spec["organisation"]], defaults={
            "description": spec["description"], "keywords": ", ".join(spec["keywords"]),
            "language": spec["language"], "website": spec.get("website", "")})
    stdout.write(f"Directory: {len(orgs)} organisations, {len(demo_data.CONTACTS)} FoUI contacts, "
                 f"{len(demo_data.RESEARCHERS)} researchers, {len(demo_data.RESEARCH_GROUPS)} research groups.")


def load_reference(stdout: Any) -> None:
    """Counties and municipalities (run first by `samskap load_demo`)."""
    counts = load_reference_data()
    stdout.write(f"Reference data: {counts['counties']} counties, {counts['municipalities']} municipalities.")
