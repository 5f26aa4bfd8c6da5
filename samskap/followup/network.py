"""The network directory («utvidet deltakerliste»): people who consented to be listed."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samskap.directory.models import Person
from samskap.followup.vcard import Contact


def listed_people() -> QuerySet[Person]:
    """Consented, and not a deactivated account. Evaluated on every request and export: a withdrawn
    consent takes effect at once."""
    return (Person.objects.filter(listed_in_directory=True)
            .filter(Q(user__isnull=True) | Q(user__is_active=True))
            .select_related("organisation__county", "organisation__municipality__county")
            .order_by("name", "pk"))


def county_of(person: Person) -> Any:
    org = person.organisation
    if org is None:
        return None
    if org.county_id:
        return org.county
    return org.municipality.county if org.municipality_id else None  # type: ignore[union-attr]


def filter_people(qs: QuerySet[Person], data: dict[str, Any]) -> QuerySet[Person]:
    if data.get("q"):
        for word in str(data["q"]).split():
            qs = qs.filter(Q(name__icontains=word) | Q(organisation__name__icontains=word)
                           | Q(position__icontains=word) | Q(fields_of_interest__icontains=word))
    if data.get("county"):
        county = data["county"]
        qs = qs.filter(Q(organisation__county=county) | Q(organisation__county__isnull=True,
                                                           organisation__municipality__county=county))
    if data.get("org_type"):
        qs = qs.filter(organisation__org_type=data["org_type"])
    if data.get("field"):
        qs = qs.filter(fields_of_interest__icontains=data["field"])
    return qs


def interest_choices() -> list[str]:
    seen: dict[str, str] = {}
    for value in listed_people().exclude(fields_of_interest="").values_list("fields_of_interest", flat=True):
        for part in value.split(","):
            part = part.strip()
            if part and part.lower() not in seen:
                seen[part.lower()] = part
    return sorted(seen.values(), key=str.lower)


def contact(person: Person) -> Contact:
    org = person.organisation
    county = county_of(person)
    return Contact(name=person.name, organisation=org.name if org else "", title=person.position,
                   email=person.email, phone=person.phone, county=county.name if county else "",
                   organisation_type=str(org.get_org_type_display()) if org else "", fields=person.interests,
                   uid=f"samskap-person-{person.pk}")
