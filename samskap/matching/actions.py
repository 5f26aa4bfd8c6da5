"""Write use cases for brokering: catalogue import and decisions on suggestions."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.permissions import can_edit_need, require, require_coordinator
from samskap.matching import services, tasks
from samskap.matching.catalog_file import parse_catalog_jsonl
from samskap.matching.models import CatalogItem, Decision, Suggestion
from samskap.needs.models import Need, NeedStatus


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
    suggestion, _created = Suggestion.objects.update_or_create(
        need=need, item=item, defaults={"decision": decision, "decided_by": actor, "score": score, "why": why})
    if decision == Decision.ACCEPTED and need.status in (NeedStatus.SUBMITTED, NeedStatus.BROKERING, NeedStatus.DRAFT):
        need.status = NeedStatus.MATCHED
        need.save(update_fields=["status", "updated_at"])
    return suggestion
