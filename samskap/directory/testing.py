"""Small named personas for tests. Invented people; real municipalities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model

from samskap.directory.models import Municipality, Organisation, OrgType, Person, Role, RoleKind

PASSWORD = "pw-test-Samskap-1"


@dataclass
class Persona:
    user: Any
    person: Person
    municipality: Municipality | None = None


def make_persona(username: str, name: str, role: str | None = None, municipality_code: str | None = None,
                 organisation: str | None = None, org_type: str = OrgType.RESEARCH_INSTITUTE,
                 preferred_language: str = "", listed: bool = True) -> Persona:
    User = get_user_model()
    user = User.objects.create_user(username=username, password=PASSWORD, email=f"{username}@example.org")
    municipality = Municipality.objects.get(code=municipality_code) if municipality_code else None
    org = None
    if municipality is not None:
        org = Organisation.objects.get_or_create(
            name=f"{municipality.name} kommune",
            defaults={"org_type": OrgType.MUNICIPALITY, "municipality": municipality,
                      "county": municipality.county})[0]
    elif organisation:
        org = Organisation.objects.get_or_create(name=organisation, defaults={"org_type": org_type})[0]
    person = Person.objects.create(user=user, name=name, organisation=org, email=user.email,
                                   preferred_language=preferred_language, listed_in_directory=listed)
    if role:
        Role.objects.create(user=user, kind=role, municipality=municipality)
    return Persona(user=user, person=person, municipality=municipality)


def coordinator() -> Persona:
    return make_persona("kari.koordinator", "Kari Koordinator", RoleKind.COORDINATOR,
                        organisation="Trøndelag fylkeskommune", org_type=OrgType.COUNTY)


def contact_steinkjer() -> Persona:
    return make_persona("ola.steinkjer", "Ola Nordmo", RoleKind.FOUI_CONTACT, "5006")


def contact_namsos() -> Persona:
    return make_persona("siri.namsos", "Siri Bakkan", RoleKind.FOUI_CONTACT, "5007")


def contact_surnadal() -> Persona:
    """A contact in a nynorsk municipality with no language preference of their own."""
    return make_persona("eir.surnadal", "Eir Haugen", RoleKind.FOUI_CONTACT, "1566")


def researcher() -> Persona:
    return make_persona("per.forsker", "Per Forsker", RoleKind.RESEARCHER, organisation="NTNU",
                        org_type=OrgType.UNIVERSITY)
