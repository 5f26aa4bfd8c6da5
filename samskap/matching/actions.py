"""Write use cases for brokering: catalogue import and decisions on suggestions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, user_of
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.models import Person
from samskap.directory.permissions import (
    can_edit_need,
    contact_municipality_codes,
    is_researcher,
    require,
    require_coordinator,
)
from samskap.matching import notices, services, tasks
from samskap.matching.catalog_file import parse_catalog_jsonl
from samskap.matching.models import CatalogItem, Decision, Suggestion
from samskap.needs.models import Need, NeedStatus
from samskap.needs.queries import visible_needs
from samskap.notifications.models import Notification


@transaction.atomic
def import_catalog(data: bytes, *, actor: Actor) -> tuple[int, int]:
    """Upsert catalogue items by external id. Nothing is imported when any line is bad
    (`samskap.matching.catalog_file.CatalogImportError` lists the lines)."""
    require_coordinator(actor)
    entries = parse_catalog_jsonl(data)
    counts = services.upsert_entries(entries, imported=True)
    enqueue_on_commit(tasks.embed_catalogue)  # searches see the new items once they have vectors
    return counts


@transaction.atomic
def decide_suggestion(need: Need, item: CatalogItem, decision: str, *, actor: Actor, score: float = 0.0,
                      why: str = "") -> Suggestion:
    """The need's contact or a coordinator accepts or rejects a suggestion; accepting marks the need matched."""
    require(can_edit_need(actor, need), _("Only the need's municipality and coordinators may decide."))
    if decision not in Decision.values:
        raise ValidationError(_("Unknown decision."))
    if item.external_id == f"need:{need.pk}":
        raise ValidationError(_("A need cannot be matched with itself."))
    before = Suggestion.objects.filter(need=need, item=item).values_list("decision", flat=True).first()
    suggestion, _created = Suggestion.objects.update_or_create(
        need=need, item=item, defaults={"decision": decision, "decided_by": actor, "score": score, "why": why})
    if decision == Decision.ACCEPTED and need.status in (NeedStatus.SUBMITTED, NeedStatus.BROKERING, NeedStatus.DRAFT):
        need.status = NeedStatus.MATCHED
        need.save(update_fields=["status", "updated_at"])
    if decision == Decision.ACCEPTED and before != Decision.ACCEPTED:
        notices.accepted(need, item, actor=actor)
    return suggestion


OPEN_NEED_STATUSES = (NeedStatus.SUBMITTED, NeedStatus.BROKERING, NeedStatus.MATCHED)


def can_express_interest(actor: Any, need: Need) -> bool:
    """A researcher with a profile, on an open need they can see that is not their own municipality's."""
    user = user_of(actor)
    return (user is not None and is_researcher(user) and Person.objects.filter(user=user).exists()
            and need.status in OPEN_NEED_STATUSES and need.municipality_id not in contact_municipality_codes(actor)
            and visible_needs(actor).filter(pk=need.pk).exists())


def already_interested(need: Need, person: Person) -> bool:
    return Notification.objects.filter(kind=notices.INTEREST, key=f"need:{need.pk}:person:{person.pk}").exists()


@transaction.atomic
def express_interest(need: Need, *, actor: Actor) -> Person:
    """A researcher says "I'm interested" in a need: its contacts are told (once per researcher and need)."""
    require(can_express_interest(actor, need),
            _("Only researchers with a profile can say they are interested, and only in an open need."))
    person = Person.objects.select_related("organisation").get(user=user_of(actor))
    if already_interested(need, person):
        raise ValidationError(_("You have already told the municipality that you are interested in this need."))
    notices.interested(need, person, actor=actor)
    return person


@transaction.atomic
def answer_expert_request(params: dict[str, Any], answer: str, actor: Actor) -> None:
    """The accepted expert answers "interested" / "not now" from their notification (run by
    ``notifications.actions.reply``, which has checked that the notification is theirs)."""
    need = Need.objects.filter(pk=int(params.get("need_id") or 0)).select_related("municipality").first()
    user = user_of(actor)
    person = Person.objects.filter(user=user).first() if user is not None else None
    if person is None or person.pk != params.get("person_id"):
        raise PermissionDenied(_("This request was not made to you."))
    if need is None:
        raise ValidationError(_("The need no longer exists."))
    notices.expert_answered(need, person, answer, actor=actor)
