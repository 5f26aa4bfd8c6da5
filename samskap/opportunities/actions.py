"""Write use cases for cooperation opportunities, sketches and agreements.

Every function checks who may do it (`samskap.opportunities.permissions`) and runs in one transaction:
a refused or invalid write changes nothing. Brokering re-indexes an opportunity after every save
(`receivers.py`); only public ones are catalogue entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core import safefiles
from samskap.core.actors import Actor, is_system, user_of
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.models import Organisation, Person
from samskap.directory.permissions import is_coordinator, require, require_coordinator
from samskap.needs.models import NeedStatus
from samskap.opportunities import permissions, tasks
from samskap.opportunities.models import (
    DEFAULT_LIFETIME,
    EDITABLE_STATUSES,
    Agreement,
    Kind,
    Level,
    Opportunity,
    Sketch,
    SketchStatus,
    Status,
    VettingContact,
    today,
)

FIELDS = ("kind", "level", "direction", "partner_type", "title", "summary", "problem", "relevance",
          "data_and_method", "ethics", "requirements", "field", "sector", "contact", "need", "municipality",
          "place", "period_start", "period_end", "provides_data", "provides_supervision", "provides_office",
          "stipend_amount", "stipend_deadline", "deadline", "language", "keywords", "expires_on",
          "vetting_institution")
NULLABLE = {"contact", "need", "municipality", "period_start", "period_end", "stipend_amount", "stipend_deadline",
            "deadline", "vetting_institution"}
#: The text the vetting approved: an owner who changes it after vetting sends the opportunity back to vetting.
VETTED_TEXT = ("kind", "level", "direction", "title", "summary", "problem", "relevance", "data_and_method",
               "ethics", "requirements", "field")
MAX_SKETCH_PDF = 5 * 1024 * 1024
SKETCH_FIELDS = ("sender_name", "institution", "text")
AGREEMENT_FIELDS = ("parties", "supervisor", "start_date", "end_date", "startup_meeting", "terms")


def _require_edit(opportunity: Opportunity, actor: Actor) -> None:
    require(permissions.can_edit(actor, opportunity),
            _("Only the owner organisation's people and coordinators may change this opportunity."))


def _apply(opportunity: Opportunity, data: Mapping[str, Any]) -> None:
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    for key in FIELDS:
        if key not in data:
            continue
        value = data[key]
        if value is None and key not in NULLABLE:
            continue
        if isinstance(value, str) and key not in ("kind", "level", "direction", "partner_type", "field", "sector",
                                                  "language"):
            value = value.strip()
        setattr(opportunity, key, value)


def _check(opportunity: Opportunity, actor: Actor) -> None:
    errors: dict[str, Any] = {}
    if opportunity.kind == Kind.THESIS and not opportunity.level:
        errors["level"] = _("Choose the level of the thesis: bachelor, master or PhD.")
    if opportunity.kind != Kind.THESIS:
        opportunity.level = Level.NONE
    if opportunity.period_start and opportunity.period_end and opportunity.period_end < opportunity.period_start:
        errors["period_end"] = _("The period must not end before it starts.")
    if opportunity.stipend_deadline and not opportunity.stipend_amount:
        errors["stipend_amount"] = _("Give the stipend's amount, or remove its deadline.")
    contact = opportunity.contact
    if contact is not None and contact.organisation_id != opportunity.organisation_id:
        errors["contact"] = _("The contact person must belong to the owner organisation.")
    need = opportunity.need
    if need is not None and not is_coordinator(actor):
        if need.status == NeedStatus.DRAFT:
            errors["need"] = _("The need is a draft; link a submitted need.")
        elif opportunity.organisation.municipality_id and need.municipality_id != opportunity.organisation.municipality_id:
            errors["need"] = _("Link a need of your own municipality.")
    if opportunity.vetting_institution_id and opportunity.vetting_institution_id == opportunity.organisation_id:
        errors["vetting_institution"] = _("The owner organisation cannot vet its own opportunity.")
    if not opportunity.expires_on:
        opportunity.expires_on = today() + DEFAULT_LIFETIME
    if errors:
        raise ValidationError(errors)
    opportunity.full_clean(exclude=["status"])


def _locked(opportunity: Opportunity) -> Opportunity:
    return (Opportunity.objects.select_for_update(of=("self",)).select_related("organisation", "need")
            .get(pk=opportunity.pk))


@transaction.atomic
def create_opportunity(organisation: Organisation, data: Mapping[str, Any], *, actor: Actor) -> Opportunity:
    """A new opportunity of `organisation`, as a draft."""
    require(permissions.can_create_for(actor, organisation),
            _("You may register opportunities only for your own organisation."))
    opportunity = Opportunity(organisation=organisation, status=Status.DRAFT, created_by=user_of(actor))
    _apply(opportunity, data)
    _check(opportunity, actor)
    opportunity.save()
    return opportunity


@transaction.atomic
def update_opportunity(opportunity: Opportunity, data: Mapping[str, Any], *, actor: Actor) -> Opportunity:
    """Change an opportunity. An owner who changes the vetted text of a vetted or published one sends it back
    to vetting (coordinators may correct it without that)."""
    opportunity = _locked(opportunity)
    _require_edit(opportunity, actor)
    if opportunity.status in (Status.SUBMITTED, Status.ARCHIVED) and not is_coordinator(actor):
        raise ValidationError(_("This opportunity cannot be changed now (it is %(status)s).")
                              % {"status": opportunity.get_status_display()})
    before = {key: getattr(opportunity, key) for key in VETTED_TEXT}
    _apply(opportunity, data)
    _check(opportunity, actor)
    changed = any(getattr(opportunity, key) != value for key, value in before.items())
    if changed and opportunity.status in (Status.VETTED, Status.PUBLISHED) and not is_coordinator(actor):
        opportunity.status = Status.SUBMITTED
        opportunity.vetting_note = ""
    opportunity.save()
    return opportunity


def _check_complete(opportunity: Opportunity) -> None:
    errors = {}
    if not opportunity.problem.strip():
        errors["problem"] = _("Describe the problem before submitting.")
    if not opportunity.relevance.strip():
        errors["relevance"] = _("Say why it is relevant before submitting.")
    if opportunity.kind in (Kind.THESIS, Kind.PUBLIC_PHD) and not opportunity.data_and_method.strip():
        errors["data_and_method"] = _("Describe the data and possible methods before submitting.")
    if opportunity.expires_on < today():
        errors["expires_on"] = _("The expiry date has passed; choose a later one.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submit_opportunity(opportunity: Opportunity, *, actor: Actor) -> Opportunity:
    """Send a draft (or a revised one) for vetting."""
    opportunity = _locked(opportunity)
    _require_edit(opportunity, actor)
    if opportunity.status not in EDITABLE_STATUSES:
        raise ValidationError(_("Only a draft or an opportunity sent back for changes can be submitted."))
    _check_complete(opportunity)
    opportunity.status = Status.SUBMITTED
    opportunity.save(update_fields=["status", "updated_at"])
    return opportunity


VET_DECISIONS = {"approve": Status.VETTED, "changes": Status.CHANGES, "reject": Status.REJECTED}


@transaction.atomic
def vet_opportunity(opportunity: Opportunity, decision: str, note: str = "", *, actor: Actor) -> Opportunity:
    """A coordinator or the vetting institution's contact approves, asks for changes or rejects (with a
    reason)."""
    opportunity = _locked(opportunity)
    require(permissions.can_vet(actor, opportunity),
            _("Only coordinators and the vetting institution's contacts may vet opportunities."))
    if decision not in VET_DECISIONS:
        raise ValidationError({"decision": _("Choose approve, ask for changes or reject.")})
    if opportunity.status != Status.SUBMITTED:
        raise ValidationError(_("Only a submitted opportunity can be vetted."))
    note = (note or "").strip()
    if decision != "approve" and not note:
        raise ValidationError({"note": _("Give the reason, so that the owner knows what to do.")})
    opportunity.status = VET_DECISIONS[decision]
    opportunity.vetting_note = note
    opportunity.vetted_by = user_of(actor)
    opportunity.vetted_at = timezone.now()
    opportunity.save()
    enqueue_on_commit(tasks.notify_vetting, opportunity.pk)
    return opportunity


@transaction.atomic
def publish_opportunity(opportunity: Opportunity, *, actor: Actor) -> Opportunity:
    """Put a vetted opportunity in the catalogue."""
    opportunity = _locked(opportunity)
    _require_edit(opportunity, actor)
    if opportunity.status != Status.VETTED:
        raise ValidationError(_("Only a vetted opportunity can be published."))
    if opportunity.expires_on < today():
        opportunity.expires_on = today() + DEFAULT_LIFETIME
    opportunity.status = Status.PUBLISHED
    opportunity.published_at = timezone.now()
    opportunity.save()
    return opportunity


@transaction.atomic
def renew_opportunity(opportunity: Opportunity, expires_on: dt.date | None = None, *, actor: Actor) -> Opportunity:
    """Keep a published opportunity in the catalogue until a new date (by default half a year from today)."""
    opportunity = _locked(opportunity)
    _require_edit(opportunity, actor)
    if opportunity.status != Status.PUBLISHED:
        raise ValidationError(_("Only a published opportunity can be renewed."))
    expires_on = expires_on or today() + DEFAULT_LIFETIME
    if expires_on < today():
        raise ValidationError({"expires_on": _("Choose a date from today on.")})
    if expires_on > today() + 2 * DEFAULT_LIFETIME + dt.timedelta(days=5):
        raise ValidationError({"expires_on": _("Renew for at most a year at a time.")})
    opportunity.expires_on = expires_on
    opportunity.renewal_requested_at = None
    opportunity.save()
    return opportunity


@transaction.atomic
def complete_opportunity(opportunity: Opportunity, result_url: str = "", result_note: str = "", *,
                         actor: Actor) -> Opportunity:
    """The work is done: link the result (a thesis, a report, a case in the library)."""
    opportunity = _locked(opportunity)
    _require_edit(opportunity, actor)
    if opportunity.status != Status.TAKEN:
        raise ValidationError(_("Only a taken opportunity can be completed."))
    opportunity.result_url = (result_url or "").strip()
    opportunity.result_note = (result_note or "").strip()
    if not opportunity.result_url and not opportunity.result_note:
        raise ValidationError({"result_url": _("Link the result or say briefly what came of it.")})
    opportunity.status = Status.COMPLETED
    opportunity.full_clean(exclude=["status"])
    opportunity.save()
    return opportunity


@transaction.atomic
def archive_opportunity(opportunity: Opportunity, *, actor: Actor) -> Opportunity:
    opportunity = _locked(opportunity)
    _require_edit(opportunity, actor)
    if opportunity.status == Status.ARCHIVED:
        raise ValidationError(_("The opportunity is already archived."))
    opportunity.status = Status.ARCHIVED
    opportunity.save(update_fields=["status", "updated_at"])
    return opportunity


@transaction.atomic
def delete_opportunity(opportunity: Opportunity, *, actor: Actor) -> None:
    """Delete a draft (anything further along is archived instead, so that its history stays)."""
    opportunity = _locked(opportunity)
    _require_edit(opportunity, actor)
    if opportunity.status != Status.DRAFT and not is_coordinator(actor):
        raise ValidationError(_("Only drafts can be deleted; archive the opportunity instead."))
    opportunity.delete()


# -- sketches ----------------------------------------------------------------------------------------------


def _sender_name(actor: Actor) -> str:
    user = user_of(actor)
    person = Person.objects.filter(user=user).first() if user is not None else None
    if person is not None:
        return person.name
    return (getattr(actor, "get_full_name", lambda: "")() or getattr(actor, "username", "")).strip()


@transaction.atomic
def send_sketch(opportunity: Opportunity, data: Mapping[str, Any], *, actor: Actor, pdf: bytes | None = None,
                pdf_name: str = "") -> Sketch:
    """A student or researcher sends a short project sketch (text, and optionally a PDF of at most 5 MB)."""
    opportunity = _locked(opportunity)
    require(permissions.can_send_sketch(actor, opportunity),
            _("Log in to send a sketch; you cannot send one to your own organisation."))
    if not opportunity.is_open:
        raise ValidationError(_("This opportunity does not take sketches now."))
    if opportunity.deadline and opportunity.deadline < today():
        raise ValidationError(_("The deadline for sketches has passed."))
    unknown = set(data) - set(SKETCH_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    sender = user_of(actor)
    if Sketch.objects.filter(opportunity=opportunity, sender=sender, status=SketchStatus.SENT).exists():
        raise ValidationError(_("You have already sent a sketch to this opportunity; withdraw it to send a new one."))
    sketch = Sketch(opportunity=opportunity, sender=sender, text=str(data.get("text") or "").strip(),
                    institution=str(data.get("institution") or "").strip(),
                    sender_name=str(data.get("sender_name") or "").strip() or _sender_name(actor))
    if pdf is not None:
        try:
            safefiles.check_pdf(pdf, max_bytes=MAX_SKETCH_PDF)
        except safefiles.FileProblem as exc:
            raise ValidationError({"pdf": _("The PDF file %(name)s cannot be used: %(problem)s.") % {
                "name": pdf_name or "", "problem": exc.render(_)}}) from None
        sketch.pdf = pdf
        sketch.pdf_name = (pdf_name or "skisse.pdf")[-200:]
    sketch.full_clean(exclude=["sender", "pdf"])
    sketch.save()
    enqueue_on_commit(tasks.notify_sketch_sent, sketch.pk)
    return sketch


@transaction.atomic
def withdraw_sketch(sketch: Sketch, *, actor: Actor) -> Sketch:
    sketch = Sketch.objects.select_for_update(of=("self",)).select_related("opportunity").get(pk=sketch.pk)
    require(permissions.can_withdraw_sketch(actor, sketch), _("Only the sender may withdraw a sketch."))
    if sketch.status != SketchStatus.SENT:
        raise ValidationError(_("Only a sketch that has not been answered can be withdrawn."))
    sketch.status = SketchStatus.WITHDRAWN
    sketch.save(update_fields=["status"])
    return sketch


def _decidable(sketch: Sketch, actor: Actor) -> Sketch:
    sketch = Sketch.objects.select_for_update(of=("self",)).select_related("opportunity", "opportunity__organisation").get(
        pk=sketch.pk)
    if not permissions.can_decide_sketch(actor, sketch):
        raise PermissionDenied(_("Only the owner organisation's people may answer a sketch."))
    if sketch.status != SketchStatus.SENT:
        raise ValidationError(_("This sketch has already been answered or withdrawn."))
    return sketch


@transaction.atomic
def accept_sketch(sketch: Sketch, agreement: Mapping[str, Any], message: str = "", *, actor: Actor) -> Agreement:
    """Accept a sketch: the opportunity is taken by its sender and the agreement (parties, supervisor, dates)
    is recorded."""
    sketch = _decidable(sketch, actor)
    opportunity = _locked(sketch.opportunity)
    if opportunity.status != Status.PUBLISHED:
        raise ValidationError(_("The opportunity is no longer open; it may already be taken."))
    unknown = set(agreement) - set(AGREEMENT_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    parties = str(agreement.get("parties") or "").strip() or "\n".join(
        p for p in (opportunity.organisation.name, sketch.sender_name, sketch.institution) if p)
    record = Agreement(sketch=sketch, parties=parties, supervisor=str(agreement.get("supervisor") or "").strip(),
                       start_date=agreement.get("start_date") or opportunity.period_start,
                       end_date=agreement.get("end_date") or opportunity.period_end,
                       startup_meeting=agreement.get("startup_meeting"),
                       terms=str(agreement.get("terms") or "").strip(), created_by=user_of(actor))
    if record.start_date and record.end_date and record.end_date < record.start_date:
        raise ValidationError({"end_date": _("The agreement must not end before it starts.")})
    record.full_clean(exclude=["sketch"])
    sketch.status = SketchStatus.ACCEPTED
    sketch.owner_message = (message or "").strip()
    sketch.decided_by = user_of(actor)
    sketch.decided_at = timezone.now()
    sketch.save()
    record.save()
    opportunity.status = Status.TAKEN
    opportunity.taken_by = ", ".join(p for p in (sketch.sender_name, sketch.institution) if p)[:300]
    opportunity.save()
    enqueue_on_commit(tasks.notify_sketch_decided, sketch.pk)
    return record


@transaction.atomic
def reject_sketch(sketch: Sketch, message: str, *, actor: Actor) -> Sketch:
    sketch = _decidable(sketch, actor)
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Write a short message to the sender.")})
    sketch.status = SketchStatus.REJECTED
    sketch.owner_message = message
    sketch.decided_by = user_of(actor)
    sketch.decided_at = timezone.now()
    sketch.save()
    enqueue_on_commit(tasks.notify_sketch_decided, sketch.pk)
    return sketch


# -- vetting contacts and renewal reminders ---------------------------------------------------------------


@transaction.atomic
def designate_vetting_contact(user: Any, organisation: Organisation, *, actor: Actor) -> VettingContact:
    """A coordinator designates a person at an institution to vet the opportunities sent to it."""
    require_coordinator(actor)
    return VettingContact.objects.get_or_create(user=user, organisation=organisation)[0]


@transaction.atomic
def remove_vetting_contact(contact: VettingContact, *, actor: Actor) -> None:
    require_coordinator(actor)
    VettingContact.objects.filter(pk=contact.pk).delete()


@transaction.atomic
def claim_renewal_reminders(*, actor: Actor) -> list[int]:
    """System action: the expired published opportunities whose owners have not been asked to renew yet;
    marks them and enqueues one e-mail each."""
    require(is_system(actor), _("Only the system sends renewal reminders."))
    qs = Opportunity.objects.select_for_update().filter(status=Status.PUBLISHED, expires_on__lt=today(),
                                                        renewal_requested_at__isnull=True)
    pks = list(qs.values_list("pk", flat=True))
    Opportunity.objects.filter(pk__in=pks).update(renewal_requested_at=timezone.now())
    for pk in pks:
        enqueue_on_commit(tasks.notify_renewal, pk)
    return pks
