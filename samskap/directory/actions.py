"""Write use cases for the directory. Each runs in one transaction and checks permissions."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import SYSTEM, Actor, user_of
from samskap.directory import klass
from samskap.directory.models import (
    ApiToken,
    County,
    LanguageForm,
    Municipality,
    Organisation,
    OrgType,
    Person,
    Role,
    RoleKind,
)
from samskap.directory.permissions import can_edit_municipality, can_edit_person, require, require_coordinator

LANGUAGE_FORMS = {"bokmål": LanguageForm.BOKMAL, "nynorsk": LanguageForm.NYNORSK, "nøytral": LanguageForm.NEUTRAL}


def _data(name: str) -> bytes:
    return resources.files("samskap.directory").joinpath("data", name).read_bytes()


@dataclass
class MunicipalityImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0
    renamed: list[tuple[str, str, str]] = field(default_factory=list)  # (code, old name, new name)
    names: dict[str, str] = field(default_factory=dict)  # code -> name, of every code in the lists above
    dry_run: bool = False


# A file may retire at most this many active municipalities, and at most this share of them, unless the
# caller allows it (a municipal reform): a one-row file must not retire the other 356.
MAX_RETIRE = 10
MAX_RETIRE_SHARE = 0.05


class RetireRefused(klass.KlassFormatError):
    """The file would retire more municipalities than MAX_RETIRE / MAX_RETIRE_SHARE allow."""


def _short_county_name(name: str) -> str:
    # "Trøndelag - Trööndelage" -> keep the full official bilingual name.
    return name


@transaction.atomic
def load_counties(data: bytes | None = None) -> int:
    rows = klass.parse(data if data is not None else _data("klass104_fylker.csv"), code_length=2)
    for row in rows:
        County.objects.update_or_create(code=row.code, defaults={"name": _short_county_name(row.name),
                                                                 "active": True})
    return len(rows)


@transaction.atomic
def import_municipalities(data: bytes, *, actor: Actor, allow_retire: bool = False,
                          dry_run: bool = False) -> MunicipalityImportReport:
    """Refresh municipalities from a KLASS 131 CSV export.

    Codes no longer in the file are kept as history (inactive, with valid_to). A malformed file raises
    KlassFormatError naming the rows, and nothing changes. A file that would retire more than MAX_RETIRE
    active municipalities or more than MAX_RETIRE_SHARE of them raises RetireRefused (nothing changes)
    unless ``allow_retire``. ``dry_run`` computes the report and then rolls everything back.
    """
    require_coordinator(actor)
    rows = klass.parse(data, code_length=4)
    counties = {c.code: c for c in County.objects.all()}
    errors = [f"Row {r.row}: county {r.code[:2]} of code {r.code} is unknown." for r in rows
              if r.code[:2] not in counties]
    if errors:
        raise klass.KlassFormatError(errors)
    report = MunicipalityImportReport()
    existing = {m.code: m for m in Municipality.objects.all()}
    active_before = sum(1 for m in existing.values() if m.active)
    for row in rows:
        current = existing.get(row.code)
        if current is None:
            Municipality.objects.create(code=row.code, name=row.name, county=counties[row.code[:2]])
            report.created.append(row.code)
        elif current.name != row.name or not current.active or current.county_id != row.code[:2]:
            if current.name != row.name:
                report.renamed.append((row.code, current.name, row.name))
            current.name, current.active, current.valid_to = row.name, True, None
            current.county = counties[row.code[:2]]
            current.save()
            report.updated.append(row.code)
        else:
            report.unchanged += 1
    codes = {r.code for r in rows}
    today = timezone.localdate()
    for code, municipality in existing.items():
        if code not in codes and municipality.active:
            municipality.active = False
            municipality.valid_to = today
            municipality.save(update_fields=["active", "valid_to"])
            report.retired.append(code)
    if report.retired and not allow_retire and (
            len(report.retired) > MAX_RETIRE or len(report.retired) > MAX_RETIRE_SHARE * active_before):
        raise RetireRefused([
            _("The file would retire %(count)d of %(active)d active municipalities (%(codes)s). Nothing was "
              "imported. Check that the file is complete, or allow it (--allow-retire) if this is a municipal "
              "reform.") % {"count": len(report.retired), "active": active_before,
                            "codes": ", ".join(report.retired[:20]) + (" ..." if len(report.retired) > 20 else "")}])
    report.names = {r.code: r.name for r in rows} | {c: existing[c].name for c in report.retired}
    if dry_run:
        report.dry_run = True
        transaction.set_rollback(True)
    return report


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Counties, municipalities, language forms and population shipped with Samskap. Idempotent."""
    load_counties()
    import_municipalities(_data("klass131_kommuner.csv"), actor=SYSTEM)
    extra = {m["id"]: m for m in json.loads(_data("municipalities-2025.json"))}
    forms: dict[str, str] = {}
    for line in csv.DictReader(io.StringIO(_data("kommuner_malform_domene.csv").decode("utf-8"))):
        forms[line["Nr"].zfill(4)] = line["Målform"].strip().lower()
    updated = 0
    for municipality in Municipality.objects.filter(active=True):
        info = extra.get(municipality.code, {})
        form = (info.get("language") or forms.get(municipality.code) or "nøytral").strip().lower()
        municipality.language_form = LANGUAGE_FORMS.get(form, LanguageForm.NEUTRAL)
        municipality.population = info.get("population") or municipality.population
        municipality.admin_centre = info.get("adm_center") or municipality.admin_centre
        municipality.website = info.get("url") or municipality.website
        municipality.save()
        updated += 1
        Organisation.objects.get_or_create(
            name=f"{municipality.name} kommune",
            defaults={"org_type": OrgType.MUNICIPALITY, "municipality": municipality,
                      "county": municipality.county},
        )
    return {"counties": County.objects.count(), "municipalities": updated}


@transaction.atomic
def update_municipality_profile(municipality: Municipality, profile: str, *, actor: Actor) -> Municipality:
    require(can_edit_municipality(actor, municipality), _("You may only edit your own municipality."))
    municipality.profile = profile
    municipality.save(update_fields=["profile"])
    return municipality


PROFILE_FIELDS = ("name", "position", "fields_of_interest", "research_fields", "methods", "projects",
                  "working_languages", "email", "phone", "preferred_language")


@transaction.atomic
def create_own_profile(data: dict[str, Any], *, actor: Actor) -> Person:
    """Create the logged-in user's own person record (the first save of "My profile")."""
    user = user_of(actor)
    require(user is not None, _("Log in to create your profile."))
    person, _created = Person.objects.get_or_create(
        user=user, defaults={"name": user.get_full_name() or user.get_username(), "email": user.email})
    return update_person(person, data, actor=actor)


@transaction.atomic
def update_person(person: Person, data: dict[str, Any], *, actor: Actor) -> Person:
    """Edit a profile. People edit their own; coordinators edit anyone's."""
    require(can_edit_person(actor, person), _("You may only edit your own profile."))
    for key in PROFILE_FIELDS:
        if key in data:
            setattr(person, key, data[key])
    if "listed_in_directory" in data:
        set_directory_consent(person, bool(data["listed_in_directory"]), actor=actor)
    person.full_clean()
    person.save()
    return person


@transaction.atomic
def set_directory_consent(person: Person, consent: bool, *, actor: Actor) -> Person:
    require(can_edit_person(actor, person), _("You may only change your own consent."))
    person.listed_in_directory = consent
    person.consent_at = timezone.now() if consent else None
    person.save(update_fields=["listed_in_directory", "consent_at", "updated_at"])
    return person


@transaction.atomic
def grant_role(user: Any, kind: str, municipality: Municipality | None = None, *,
               actor: Actor) -> Role:
    require_coordinator(actor)
    if kind == RoleKind.FOUI_CONTACT and municipality is None:
        raise ValueError(_("A FoUI contact needs a municipality."))
    role, _created = Role.objects.get_or_create(user=user, kind=kind, municipality=municipality)
    if kind == RoleKind.COORDINATOR:
        _make_admin_staff(user)
    return role


SAMSKAP_APPS = ("directory", "needs", "funding", "matching", "workshops", "followup", "knowledge", "outlook")


def _make_admin_staff(user: Any) -> None:
    """Coordinators may use the Django admin for every Samskap model (not for user accounts)."""
    from django.contrib.auth.models import Group, Permission

    group, _created = Group.objects.get_or_create(name="Koordinatorer")
    if _created or not group.permissions.exists():
        group.permissions.set(Permission.objects.filter(content_type__app_label__in=SAMSKAP_APPS))
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])


@transaction.atomic
def issue_api_token(name: str = "api", *, actor: Actor) -> str:
    """A new token for the acting user; the key is returned once and only its hash is stored."""
    require(getattr(actor, "is_authenticated", False), _("Log in to create an API token."))
    name = (name or "").strip()[:100] or "api"
    _token, key = ApiToken.issue(actor, name)
    return key


@transaction.atomic
def revoke_api_token(token_id: int, *, actor: Actor) -> None:
    """Revoke one of the acting user's own tokens (someone else's token is not found)."""
    require(getattr(actor, "is_authenticated", False), _("Log in to manage your API tokens."))
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user_of(actor)).first()
    require(token is not None, _("There is no such token among yours."))
    assert token is not None
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
