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
from samskap.funding.models import Deadline, Instrument, RcnApplicationStat, RcnImport

INSTRUMENT_FIELDS = ("name", "owner", "owner_name", "summary", "description", "applicants", "lead_requirement",
                     "research_partner_required", "cofunding_required", "cofunding_share", "requirements",
                     "min_amount", "max_amount", "rolling", "url", "language", "keywords", "rcn_activity",
                     "rcn_application_type", "active")
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


# --- The Research Council's applications dataset ---------------------------------------------------------------

@transaction.atomic
def import_rcn_applications(data: bytes, *, actor: Actor, source_name: str = "",
                            data_date: dt.date | None = None) -> RcnImport:
    """Import the Research Council's applications dataset (soknader2 CSV): counts per activity, application type,
    sector, county and year. Replaces the previous import; a bad file changes nothing (row-numbered errors)."""
    import hashlib

    from samskap.funding import rcn

    require_coordinator(actor)
    try:
        parsed = rcn.parse(data)
    except rcn.RcnFileError as exc:
        raise ValidationError([p.render(_) for p in exc.problems]) from exc
    RcnImport.objects.all().delete()
    record = RcnImport.objects.create(source_name=source_name[:300], data_date=data_date or parsed.latest_application,
                                      applications=parsed.rows, checksum=hashlib.sha256(data).hexdigest())
    RcnApplicationStat.objects.bulk_create([
        RcnApplicationStat(source=record, activity_code=k[0], activity_name=k[1], application_type=k[2],
                           application_variant=k[3], sector=k[4], category=k[5], county_code=k[6], county_name=k[7],
                           year=k[8], applications=t.applications, granted=t.granted, rejected=t.rejected,
                           applied_amount=t.applied_amount, granted_amount=t.granted_amount)
        for k, t in parsed.tallies.items()], batch_size=2000)
    return record


# --- Horizon 2020 participations -------------------------------------------------------------------------------

@transaction.atomic
def import_h2020(data: bytes, *, actor: Actor) -> dict[str, int]:
    """Import the Research Council's Horizon 2020 participations (replacing the previous import), map the
    address municipality to today's municipality (its number if it is still in use, else its name), link the
    directory's organisations by organisation number, and give municipalities' organisations in the directory
    the organisation number the dataset holds for them where they have none. All or nothing."""
    from samskap.directory.models import County, Municipality, Organisation, OrgType
    from samskap.funding import h2020
    from samskap.funding.models import EuParticipation

    require_coordinator(actor)
    try:
        rows = h2020.parse(data)
    except h2020.H2020FileError as exc:
        raise ValidationError([p.render(_) for p in exc.problems]) from exc
    current = {m.code: m for m in Municipality.objects.filter(active=True)}
    by_name: dict[str, list[Municipality]] = {}
    for m in current.values():
        for name in {m.name.lower(), m.name.split(" - ")[0].strip().lower()}:
            by_name.setdefault(name, []).append(m)
    counties = {c.code: c for c in County.objects.filter(active=True)}
    county_by_name = {c.name.split(" - ")[0].strip().lower(): c for c in counties.values()}
    orgs = {o.org_number: o for o in Organisation.objects.exclude(org_number="")}
    EuParticipation.objects.all().delete()
    unmapped: set[str] = set()
    enriched = 0
    participations = []
    for row in rows:
        municipality = current.get(row.municipality_code)
        if municipality is None and row.municipality_name:
            candidates = by_name.get(row.municipality_name.lower(), [])
            municipality = candidates[0] if len(candidates) == 1 else None
        if municipality is None and row.municipality_code:
            unmapped.add(f"{row.municipality_code} {row.municipality_name}")
        county = counties.get(row.county_code) or county_by_name.get(row.county_name.split(" - ")[0].strip().lower())
        if county is None and municipality is not None:
            county = municipality.county
        organisation = orgs.get(row.org_number) if row.org_number else None
        if organisation is None and row.org_number and row.public_body == "municipality" and municipality is not None:
            candidate = Organisation.objects.filter(org_type=OrgType.MUNICIPALITY, municipality=municipality,
                                                    org_number="").first()
            if candidate is not None:
                Organisation.objects.filter(pk=candidate.pk).update(org_number=row.org_number)
                candidate.org_number = row.org_number
                orgs[row.org_number] = candidate
                organisation = candidate
                enriched += 1
        participations.append(EuParticipation(
            framework=row.framework, programme=row.programme, project_number=row.project_number,
            acronym=row.acronym, title=row.title, topic=row.topic, action_type=row.action_type,
            start_date=row.start, end_date=row.end, org_number=row.org_number, org_name=row.org_name, role=row.role,
            sector=row.sector, category=row.category, public_body=row.public_body,
            municipality_code=row.municipality_code, municipality=municipality, county=county,
            organisation=organisation, eu_contribution=row.amount))
    EuParticipation.objects.bulk_create(participations, batch_size=1000)
    return {"participations": len(participations), "public_bodies": sum(1 for p in participations if p.public_body),
            "linked": sum(1 for p in participations if p.organisation_id), "enriched": enriched,
            "unmapped": len(unmapped)}


# --- The EU Funding & Tenders portal's search API ---------------------------------------------------------------

EU_OWNER = "European Commission (EU Funding & Tenders portal)"
EU_APPLICANTS = ["research_institute", "university", "hospital", "municipality", "county", "company",
                 "interest", "other"]
EU_LABEL = "EU Funding & Tenders"


@transaction.atomic
def import_eu_calls(data: bytes, *, actor: Actor) -> dict[str, int]:
    """Create or update instruments from a saved Funding & Tenders search API response (see eu_calls).

    Each topic is one instrument, found again by its identifier (`external_id`): its title, summary, link and
    the feed's deadlines are updated (deadlines labelled "EU Funding & Tenders" are replaced; others stay), and
    a closed topic is deactivated. New instruments get the same eligibility fields as every instrument (who may
    apply: any kind of organisation in a consortium; no lead, research partner or co-funding requirement), which
    a coordinator can then narrow; existing instruments keep the eligibility a coordinator has set. All or nothing.
    """
    from samskap.funding import eu_calls

    require_coordinator(actor)
    try:
        topics = eu_calls.parse(data)
    except eu_calls.EuCallsError as exc:
        raise ValidationError([p.render(_) for p in exc.problems]) from exc
    created = updated = closed = 0
    for topic in topics:
        instrument = Instrument.objects.filter(external_id=topic.identifier).first()
        name = f"{topic.title} ({topic.identifier})"[:200]
        summary = (topic.summary or topic.call_title or topic.title)[:400]
        description = "\n".join(part for part in (
            topic.call_title and f"{topic.call_identifier}: {topic.call_title}",
            ", ".join(topic.types_of_action), topic.deadline_model and f"Deadline model: {topic.deadline_model}",
            topic.opens and f"Opens {topic.opens.isoformat()}") if part)
        common = {"name": name, "summary": summary, "description": description, "url": topic.url,
                  "active": topic.status != "closed", "keywords": ", ".join(topic.keywords)[:500]}
        if instrument is None:
            if topic.status == "closed":
                continue  # a closed topic that was never registered is not worth registering
            instrument = Instrument(external_id=topic.identifier)
            _apply(instrument, {**common, "owner_name": EU_OWNER, "applicants": EU_APPLICANTS, "language": "en",
                                "lead_requirement": "", "research_partner_required": False,
                                "cofunding_required": False})
            created += 1
        else:
            instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
            _apply(instrument, common)
            updated += 1
            closed += topic.status == "closed"
        instrument.full_clean()
        instrument.save()
        instrument.deadlines.filter(label=EU_LABEL).delete()
        Deadline.objects.bulk_create([Deadline(instrument=instrument, date=day, time=dt.time(17, 0), label=EU_LABEL)
                                      for day in sorted(set(topic.deadlines))])
    return {"topics": len(topics), "created": created, "updated": updated, "closed": closed}
