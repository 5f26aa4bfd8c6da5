"""Benefit realisation (gevinstrealisering): benefits, measurements, roadmap phases, and turning an action into a case."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, user_of
from samskap.directory.models import Organisation
from samskap.directory.permissions import require
from samskap.followup.actions._common import _check_unknown
from samskap.followup.actions.tracking import _log_action
from samskap.followup.models import (
    Action,
    ActionPhase,
    ActionStatus,
    Benefit,
    BenefitMeasurement,
    RoadmapPhase,
)
from samskap.followup.permissions import (
    can_update_action,
    taking_part,
)

# --- Benefit realisation (gevinstrealisering) ------------------------------------------------------------------

BENEFIT_FIELDS = ("title", "kind", "beneficiaries", "indicator", "unit", "baseline_value", "baseline_date",
                  "target_value", "target_date", "owner_organisation", "owner_person", "assumptions")
MEASUREMENT_FIELDS = ("measured_on", "value", "source", "comment")
PHASE_FIELDS = ("phase", "started_on", "note")


def _require_update(actor: Any, action: Action) -> None:
    require(can_update_action(actor, action),
            _("Only the responsible organisation and coordinators may update this action."))


def _assign(obj: models.Model, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    fields = tuple(fields)
    _check_unknown(data, fields)
    for key in fields:
        if key in data:
            value = data[key]
            setattr(obj, key, value.strip() if isinstance(value, str) else value)


def _benefit_display(benefit: Benefit) -> str:
    return (f"{benefit.title}: {benefit.indicator} ({benefit.unit}) {benefit.baseline_value} "
            f"({benefit.baseline_date}) -> {benefit.target_value} ({benefit.target_date})")


@transaction.atomic
def add_benefit(action: Action, data: Mapping[str, Any], *, actor: Actor) -> Benefit:
    """Add an expected benefit to the action's benefit plan."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    _require_update(actor, action)
    benefit = Benefit(action=action)
    _assign(benefit, data, BENEFIT_FIELDS)
    if benefit.owner_organisation_id is None:
        benefit.owner_organisation_id = action.owner_organisation_id
    benefit.full_clean(exclude=["action"])
    if Benefit.objects.filter(action=action, title__iexact=benefit.title).exists():
        raise ValidationError({"title": _("The plan already has a benefit with this name.")})
    benefit.save()
    _log_action(action, actor, "benefit", "", _benefit_display(benefit))
    return benefit


@transaction.atomic
def update_benefit(benefit: Benefit, data: Mapping[str, Any], *, actor: Actor) -> Benefit:
    current = Benefit.objects.select_for_update().select_related("action").get(pk=benefit.pk)
    _require_update(actor, current.action)
    before = _benefit_display(current)
    _assign(current, data, BENEFIT_FIELDS)
    current.full_clean(exclude=["action"])
    if Benefit.objects.filter(action=current.action, title__iexact=current.title).exclude(pk=current.pk).exists():
        raise ValidationError({"title": _("The plan already has a benefit with this name.")})
    current.save()
    if before != _benefit_display(current):
        _log_action(current.action, actor, "benefit", before, _benefit_display(current))
    return current


def _store_measurement(benefit: Benefit, data: Mapping[str, Any], actor: Any) -> BenefitMeasurement:
    measurement = BenefitMeasurement(benefit=benefit, created_by=user_of(actor))
    _assign(measurement, data, MEASUREMENT_FIELDS)
    measurement.full_clean(exclude=["benefit"], validate_unique=False)
    if measurement.measured_on < benefit.baseline_date:
        raise ValidationError({"measured_on": _("The measurement is dated before the baseline (%(date)s).")
                               % {"date": benefit.baseline_date.isoformat()}})
    if BenefitMeasurement.objects.filter(benefit=benefit, measured_on=measurement.measured_on).exists():
        raise ValidationError({"measured_on": _("“%(benefit)s” already has a measurement on %(date)s.")
                               % {"benefit": benefit.title, "date": measurement.measured_on.isoformat()}})
    measurement.save()
    return measurement


@transaction.atomic
def add_measurement(benefit: Benefit, data: Mapping[str, Any], *, actor: Actor) -> BenefitMeasurement:
    """Record a measurement of a benefit's indicator (value, date, source, comment)."""
    benefit = Benefit.objects.select_related("action").get(pk=benefit.pk)
    Action.objects.select_for_update().get(pk=benefit.action_id)
    _require_update(actor, benefit.action)
    measurement = _store_measurement(benefit, data, actor)
    _log_action(benefit.action, actor, "measurement", "",
                f"{benefit.title}: {measurement.value} {benefit.unit} ({measurement.measured_on})")
    return measurement


@transaction.atomic
def import_measurements(action: Action, data: bytes, filename: str, *, actor: Actor) -> list[BenefitMeasurement]:
    """Import measurements from a CSV or XLSX file (see measurements_file): all rows or none."""
    from samskap.followup import measurements_file

    action = Action.objects.select_for_update().get(pk=action.pk)
    _require_update(actor, action)
    try:
        rows = measurements_file.parse(data, filename)
    except measurements_file.MeasurementFileError as exc:
        raise ValidationError([p.render(_) for p in exc.problems]) from exc
    benefits = {b.title.lower(): b for b in action.benefits.all()}
    problems: list[str] = []
    stored: list[BenefitMeasurement] = []
    for row in rows:
        benefit = benefits.get(row.benefit.lower())
        if benefit is None:
            problems.append(_("Row %(row)d: the plan has no benefit “%(name)s”.") % {"row": row.row,
                                                                                      "name": row.benefit[:80]})
            continue
        try:
            with transaction.atomic():
                stored.append(_store_measurement(benefit, {"measured_on": row.measured_on, "value": row.value,
                                                           "source": row.source, "comment": row.comment}, actor))
        except ValidationError as exc:
            problems.extend(_("Row %(row)d: %(message)s") % {"row": row.row, "message": m} for m in exc.messages)
    if problems:
        transaction.set_rollback(True)
        raise ValidationError(problems)
    _log_action(action, actor, "measurement", "",
                _("%(count)d measurement(s) imported from %(file)s") % {"count": len(stored), "file": filename[:80]})
    return stored


@transaction.atomic
def set_phase(action: Action, data: Mapping[str, Any], *, actor: Actor) -> ActionPhase:
    """Record (or correct) when the project entered a phase of the roadmap."""
    action = Action.objects.select_for_update().get(pk=action.pk)
    _require_update(actor, action)
    if data.get("phase") not in RoadmapPhase.values:
        raise ValidationError({"phase": _("Unknown phase.")})
    phase = ActionPhase.objects.filter(action=action, phase=data["phase"]).first() or ActionPhase(action=action)
    before = f"{phase.get_phase_display()} {phase.started_on}" if phase.pk else ""
    _assign(phase, data, PHASE_FIELDS)
    phase.full_clean(exclude=["action"], validate_unique=False)
    phase.save()
    _log_action(action, actor, "phase", before, f"{phase.get_phase_display()} {phase.started_on} {phase.note}".strip())
    return phase


def _plain(value: Any) -> str:
    """A Decimal without trailing zeros (40.00 -> 40, 39.50 -> 39.5)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _figures_text(action: Action) -> str:
    lines = []
    for benefit in action.benefits.prefetch_related("measurements"):
        latest = benefit.latest
        measured = (_("measured %(value)s on %(date)s") % {"value": _plain(latest.value),
                                                            "date": latest.measured_on.isoformat()}
                    if latest else _("not measured yet"))
        state = _("target reached") if benefit.realised else _("target not reached yet")
        lines.append(_("%(title)s – %(indicator)s (%(unit)s): baseline %(baseline)s on %(baseline_date)s, %(measured)s, "
                       "target %(target)s by %(target_date)s; %(state)s. Benefits %(who)s.") % {
            "title": benefit.title, "indicator": benefit.indicator, "unit": benefit.unit,
            "baseline": _plain(benefit.baseline_value), "baseline_date": benefit.baseline_date.isoformat(),
            "measured": measured, "target": _plain(benefit.target_value),
            "target_date": benefit.target_date.isoformat(),
            "state": state, "who": benefit.beneficiaries})
    return "\n".join(lines)


@transaction.atomic
def make_case(action: Action, data: Mapping[str, Any], *, actor: Actor) -> Any:
    """Turn a finished project with realised benefits into a draft case in the case library, its figures filled in.

    The case is created through knowledge's case actions (who may register a case for which municipality, and
    the completeness checks when it is submitted, still apply). `data` gives the sector and the type of
    innovation; the municipalities are the responsible organisation's, else those of the row's needs.
    """
    from samskap.knowledge import actions as knowledge_actions
    from samskap.knowledge.models import BenefitEvidence, Stage

    action = Action.objects.select_for_update().select_related("owner_organisation", "owner_person").get(pk=action.pk)
    _require_update(actor, action)
    if action.case_id:
        raise ValidationError(_("The action has already become a case."))
    if action.status != ActionStatus.DONE:
        raise ValidationError(_("Only a finished action (status done) can become a case."))
    if not any(b.realised for b in action.benefits.prefetch_related("measurements")):
        raise ValidationError(_("At least one benefit must have reached its target before the action becomes a case."))
    municipality = action.owner_organisation.municipality
    municipalities = [municipality] if municipality else list(
        {n.municipality for n in action.outcome_row.needs.select_related("municipality") if n.municipality_id})
    if not municipalities:
        raise ValidationError(_("Neither the responsible organisation nor the row's needs belong to a municipality."))
    phases = set(action.phases.values_list("phase", flat=True))
    measured = [m.measured_on for b in action.benefits.all() for m in b.measurements.all()]
    partners = sorted({o.name for o in Organisation.objects.filter(pk__in=taking_part(action))
                       .exclude(pk=action.owner_organisation_id)})
    contact = ""
    if action.owner_person:
        contact = ", ".join(p for p in (action.owner_person.name, action.owner_person.email) if p)
    case_data = {
        "title": action.title[:200], "year": max(measured).year if measured else timezone.localdate().year,
        "sector": data.get("sector"), "innovation_type": data.get("innovation_type"),
        "stage": Stage.SPREAD if RoadmapPhase.SPREAD in phases else Stage.IMPLEMENTED,
        "summary": action.description, "results": _figures_text(action),
        "benefit_evidence": BenefitEvidence.MEASURED, "partners": ", ".join(partners), "contact": contact,
    }
    case = knowledge_actions.create_case(case_data, municipalities, actor=actor)
    action.case = case
    action.save(update_fields=["case", "updated_at"])
    _log_action(action, actor, "case", "", case.title)
    return case
