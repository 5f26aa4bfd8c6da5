"""Write use cases for the case library and the innovation barometer. Views, the API, demo and tests call these."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, user_of
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.models import Municipality
from samskap.directory.permissions import (
    contact_municipality_codes,
    is_coordinator,
    require,
    require_coordinator,
)
from samskap.knowledge.models import (
    Answer,
    BarometerItem,
    Case,
    CaseStatus,
    Recipient,
    Response,
    Survey,
    SurveyStatus,
)
from samskap.knowledge.permissions import (
    can_create_case,
    can_edit_case,
    can_review_case,
    is_case_owner,
)
from samskap.knowledge.queries import recipient_for_token
from samskap.knowledge.validation import check_complete

CASE_FIELDS = ("title", "year", "sector", "innovation_type", "category", "stage", "summary", "novelty", "results",
               "benefit_evidence", "partners", "contact", "links", "language")


# --- cases -------------------------------------------------------------------------------------------

def _set_fields(case: Case, data: Mapping[str, Any]) -> None:
    for key in CASE_FIELDS:
        if key in data and data[key] is not None:
            setattr(case, key, data[key])


def _check_municipalities(actor: Any, municipalities: Iterable[Municipality],
                          already: Iterable[str] = ()) -> list[Municipality]:
    """A contact may attach only municipalities they are the FoUI contact for (attaching another one would
    give that municipality's contact edit rights); municipalities already on the case may stay.
    Coordinators may attach any."""
    chosen = list(municipalities)
    if not chosen:
        raise ValidationError({"municipalities": _("Choose at least one municipality.")})
    if not is_coordinator(actor):
        own = contact_municipality_codes(actor)
        require(any(m.code in own for m in chosen),
                _("A case must include at least one municipality where you are the FoUI contact."))
        kept = set(already)
        require(all(m.code in own or m.code in kept for m in chosen),
                _("You may only add municipalities where you are the FoUI contact."))
    return chosen


@transaction.atomic
def create_case(data: Mapping[str, Any], municipalities: Iterable[Municipality], *, actor: Actor) -> Case:
    """Register a case as a draft for one or more municipalities."""
    require(can_create_case(actor), _("Only FoUI contacts and coordinators can register cases."))
    chosen = _check_municipalities(actor, municipalities)
    case = Case(created_by=user_of(actor), status=CaseStatus.DRAFT)
    _set_fields(case, data)
    if not data.get("language"):
        case.language = chosen[0].ui_language
    case.full_clean()
    case.save()
    case.municipalities.set(chosen)
    return case


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def update_case(case: Case, data: Mapping[str, Any],
                municipalities: Iterable[Municipality] | None = None, *, actor: Actor) -> Case:
    """Owners change drafts and returned cases; coordinators may also correct published ones."""
    case = _locked(case)
    require(can_edit_case(actor, case), _("You may only edit your own municipality's cases while they are drafts."))
    _set_fields(case, data)
    case.full_clean()
    if case.status == CaseStatus.PUBLISHED:
        check_complete(case)
    case.save()
    if municipalities is not None:
        chosen = _check_municipalities(actor, municipalities,
                                       case.municipalities.values_list("code", flat=True))
        case.municipalities.set(chosen)
    return case


@transaction.atomic
def submit_case(case: Case, *, actor: Actor) -> Case:
    """Send a draft (or a returned case) to a coordinator for review. It must be complete."""
    case = _locked(case)
    require(is_coordinator(actor) or is_case_owner(actor, case), _("Only the case's owner can submit it for review."))
    if case.status not in (CaseStatus.DRAFT, CaseStatus.RETURNED):
        raise ValidationError(_("Only drafts and returned cases can be submitted for review."))
    check_complete(case)
    case.status = CaseStatus.SUBMITTED
    case.submitted_at = timezone.now()
    case.save(update_fields=["status", "submitted_at", "updated_at"])
    return case


@transaction.atomic
def publish_case(case: Case, *, actor: Actor) -> Case:
    """A coordinator publishes a case that was submitted for review."""
    case = _locked(case)
    require(can_review_case(actor, case), _("Only coordinators review and publish cases."))
    if case.status != CaseStatus.SUBMITTED:
        raise ValidationError(_("Only cases submitted for review can be published."))
    check_complete(case)
    case.status = CaseStatus.PUBLISHED
    case.review_comment = ""
    case.reviewed_by = user_of(actor)
    case.published_at = timezone.now()
    case.save(update_fields=["status", "review_comment", "reviewed_by", "published_at", "updated_at"])
    return case


@transaction.atomic
def return_case(case: Case, comment: str, *, actor: Actor) -> Case:
    """A coordinator returns a submitted (or published) case to its owners with a comment."""
    case = _locked(case)
    require(can_review_case(actor, case), _("Only coordinators review and publish cases."))
    if case.status not in (CaseStatus.SUBMITTED, CaseStatus.PUBLISHED):
        raise ValidationError(_("Only submitted or published cases can be returned."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write a comment that tells the owner what to change.")})
    case.status = CaseStatus.RETURNED
    case.review_comment = comment
    case.reviewed_by = user_of(actor)
    case.save(update_fields=["status", "review_comment", "reviewed_by", "updated_at"])
    return case


@transaction.atomic
def delete_case(case: Case, *, actor: Actor) -> None:
    require(can_edit_case(actor, case), _("You may only delete your own municipality's cases while they are drafts."))
    case.delete()


# --- barometer surveys -------------------------------------------------------------------------------

def _check_items(items: Iterable[BarometerItem]) -> list[BarometerItem]:
    chosen = list(items)
    if not chosen:
        raise ValidationError({"items": _("Choose at least one item.")})
    return chosen


@transaction.atomic
def create_survey(data: Mapping[str, Any], items: Iterable[BarometerItem], *, actor: Actor) -> Survey:
    """A coordinator builds a survey from the item bank. A follow-up round keeps the earlier round's scale."""
    require_coordinator(actor)
    chosen = _check_items(items)
    survey = Survey(created_by=user_of(actor), title=data.get("title", ""), introduction=data.get("introduction") or "",
                    year=cast(int, data.get("year")),  # a missing year is rejected by full_clean()
                    previous_round=data.get("previous_round"))
    if survey.previous_round is not None:
        survey.scale = survey.previous_round.scale
        if data.get("scale") and int(data["scale"]) != survey.scale:
            raise ValidationError({"scale": _("A follow-up round must use the same scale as the round before it "
                                              "(1–%(scale)d).") % {"scale": survey.scale}})
    elif data.get("scale"):
        survey.scale = int(data["scale"])
    survey.full_clean()
    survey.save()
    survey.items.set(chosen)
    return survey


@transaction.atomic
def update_survey(survey: Survey, data: Mapping[str, Any],
                  items: Iterable[BarometerItem] | None = None, *, actor: Actor) -> Survey:
    require_coordinator(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("A survey cannot be changed after it has been sent."))
    for key in ("title", "introduction", "year", "previous_round"):
        if key in data:
            setattr(survey, key, data[key])
    if survey.previous_round is not None:
        if survey.previous_round.pk == survey.pk or survey.pk in {s.pk for s in survey.previous_round.rounds()}:
            raise ValidationError({"previous_round": _("A survey cannot be a follow-up of itself.")})
        if data.get("scale") and int(data["scale"]) != survey.previous_round.scale:
            raise ValidationError({"scale": _("A follow-up round must use the same scale as the round before it "
                                              "(1–%(scale)d).") % {"scale": survey.previous_round.scale}})
        survey.scale = survey.previous_round.scale
    elif data.get("scale"):
        survey.scale = int(data["scale"])
    survey.full_clean()
    survey.save()
    if items is not None:
        survey.items.set(_check_items(items))
    return survey


@transaction.atomic
def add_recipients(survey: Survey, rows: Iterable[Mapping[str, str]], *, actor: Actor) -> list[Recipient]:
    """Add units' e-mail addresses to a survey that is not closed. Known addresses are left as they are."""
    require_coordinator(actor)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("The survey is closed."))
    known = set(survey.recipients.values_list("email", flat=True))
    municipalities = {m.code: m for m in Municipality.objects.all()}
    added = []
    for row in rows:
        email = row["email"].strip().lower()
        label = row.get("line") or email
        municipality = municipalities.get(str(row["municipality"]).zfill(4))
        if municipality is None:
            raise ValidationError(_("Line %(line)s: unknown municipality number “%(code)s”.")
                                  % {"line": label, "code": row["municipality"]})
        if email in known:
            continue
        recipient = Recipient(survey=survey, unit_name=row["unit_name"].strip(), municipality=municipality,
                              sector=row["sector"], email=email)
        recipient.full_clean(exclude=["token_hash"])
        recipient.save()
        known.add(email)
        added.append(recipient)
    return added


@transaction.atomic
def remove_recipient(recipient: Recipient, *, actor: Actor) -> None:
    require_coordinator(actor)
    if recipient.answered_at is not None:
        raise ValidationError(_("This recipient has answered and cannot be removed."))
    recipient.delete()


@transaction.atomic
def send_survey(survey: Survey, *, actor: Actor, send_email: bool = True) -> Survey:
    """Open the survey and e-mail an answer link to every recipient who has not had one (in the background)."""
    require_coordinator(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.CLOSED:
        raise ValidationError(_("The survey is closed."))
    if not survey.items.exists():
        raise ValidationError(_("Choose at least one item."))
    if send_email and not survey.recipients.exists():
        raise ValidationError(_("Add at least one recipient."))
    survey.status = SurveyStatus.OPEN
    survey.sent_at = survey.sent_at or timezone.now()
    survey.save(update_fields=["status", "sent_at"])
    if send_email:
        from samskap.knowledge.tasks import send_invitations

        enqueue_on_commit(send_invitations, survey.pk)
    return survey


@transaction.atomic
def resend_link(recipient: Recipient, *, actor: Actor) -> Recipient:
    """A new link for one recipient who has not answered; the old link stops working."""
    require_coordinator(actor)
    if recipient.answered_at is not None:
        raise ValidationError(_("This recipient has already answered."))
    if recipient.survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("The survey is not open."))
    recipient.sent_at = None
    recipient.token_hash = None
    recipient.save(update_fields=["sent_at", "token_hash"])
    from samskap.knowledge.tasks import send_invitations

    enqueue_on_commit(send_invitations, recipient.survey_id)
    return recipient


@transaction.atomic
def issue_link(recipient: Recipient, *, actor: Actor) -> str:
    """A new answer token for one recipient, for handing out by other means than e-mail (and the demo)."""
    require_coordinator(actor)
    if recipient.answered_at is not None:
        raise ValidationError(_("This recipient has already answered."))
    token = recipient.issue_token()
    recipient.sent_at = timezone.now()
    recipient.save(update_fields=["token_hash", "sent_at"])
    return token


@transaction.atomic
def record_invitation_sent(recipient: Recipient) -> Recipient:
    """System action (the invitation task): the message with the link of `recipient`'s new token (set with
    `Recipient.issue_token()`, not yet saved) was accepted, so the token's hash is stored now."""
    recipient.sent_at = timezone.now()
    recipient.save(update_fields=["token_hash", "sent_at"])
    return recipient


@transaction.atomic
def close_survey(survey: Survey, *, actor: Actor) -> Survey:
    require_coordinator(actor)
    survey.status = SurveyStatus.CLOSED
    survey.closed_at = timezone.now()
    survey.save(update_fields=["status", "closed_at"])
    return survey


class AlreadyAnswered(ValidationError):
    pass


class SurveyNotOpen(ValidationError):
    pass


@transaction.atomic
def submit_answers(token: str, values: Mapping[int, int | None]) -> Response:
    """Save one anonymous answer for the link's unit. The link works once.

    `values` maps item pk -> value on the survey's scale (None: do not know). No login: the token is the key.
    """
    recipient = recipient_for_token(token)
    if recipient is None:
        raise ValidationError(_("This link is not valid."), code="invalid")
    survey = recipient.survey
    if survey.status != SurveyStatus.OPEN:
        raise SurveyNotOpen(_("The survey is not open."), code="closed")
    items = {item.pk: item for item in survey.items.all()}
    for pk, value in values.items():
        if pk not in items:
            raise ValidationError(_("Unknown item."), code="item")
        if value is not None and not 1 <= int(value) <= survey.scale:
            raise ValidationError(_("Answers must be between 1 and %(scale)d.") % {"scale": survey.scale},
                                  code="scale")
    # Claim the link atomically: a second submit (even a concurrent one) updates no row.
    claimed = Recipient.objects.filter(pk=recipient.pk, answered_at__isnull=True).update(answered_at=timezone.now())
    if not claimed:
        raise AlreadyAnswered(_("This link has already been used to answer."), code="answered")
    response = Response.objects.create(survey=survey, unit_name=recipient.unit_name,
                                       municipality=recipient.municipality, sector=recipient.sector,
                                       submitted_on=timezone.localdate())
    Answer.objects.bulk_create([Answer(response=response, item=items[pk], value=values.get(pk))
                                for pk in items])
    return response
