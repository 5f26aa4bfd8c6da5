"""Write use cases for brokering: catalogue import and decisions on suggestions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskap.core import safefiles
from samskap.directory.permissions import can_edit_need, require, require_coordinator
from samskap.matching import services
from samskap.matching.models import CatalogItem, Decision, Suggestion
from samskap.matching.sources import kinds
from samskap.needs.models import Need, NeedStatus

REQUIRED = ("id", "kind", "title", "text", "organisation", "keywords", "language")
MAX_LINE = 1_000_000  # characters in one catalogue line
MAX_DEPTH = 32  # nesting of JSON objects and lists in one line (the meta field)
LANGUAGES = ("nb", "nn", "en")


class CatalogImportError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def parse_catalog_jsonl(data: bytes) -> list[dict[str, Any]]:
    """Validate a catalogue JSONL file; every bad line is reported with its number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogImportError([f"The file is not UTF-8 text (byte {exc.start})."]) from exc
    entries: list[dict[str, Any]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):  # JSON strings may hold U+2028 etc.
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            errors.append(f"Line {number}: longer than {MAX_LINE} characters.")
            continue
        try:
            obj = safefiles.loads_json(line, max_depth=MAX_DEPTH)
        except safefiles.FileProblem as exc:
            errors.append(f"Line {number}: {exc}.")
            continue
        if not isinstance(obj, dict):
            errors.append(f"Line {number}: expected a JSON object.")
            continue
        missing = [k for k in REQUIRED if k not in obj]
        if missing:
            errors.append(f"Line {number}: missing field(s) {', '.join(missing)}.")
            continue
        problems = []
        for key in ("id", "kind", "title", "text", "organisation", "language"):
            if not isinstance(obj[key], str):
                problems.append(f"{key} must be a string")
        if not isinstance(obj["keywords"], list) or not all(isinstance(k, str) for k in obj["keywords"]):
            problems.append("keywords must be a list of strings")
        if not problems:
            if not obj["id"].strip():
                problems.append("id is empty")
            if not obj["title"].strip():
                problems.append("title is empty")
            if obj["kind"] not in kinds():
                problems.append(f"unknown kind {obj['kind']!r} (use {', '.join(kinds())})")
            if obj["language"] not in LANGUAGES:
                problems.append(f"unknown language {obj['language']!r} (use nb, nn or en)")
            if obj["id"] in seen:
                problems.append(f"id {obj['id']!r} already on line {seen[obj['id']]}")
            if len(obj["id"]) > 200:
                problems.append("id is longer than 200 characters")
            if isinstance(obj.get("url"), str) and len(obj["url"]) > 500:
                problems.append("url is longer than 500 characters")
        if problems:
            errors.append(f"Line {number}: " + "; ".join(problems) + ".")
            continue
        seen[obj["id"]] = number
        entries.append({k: obj[k] for k in REQUIRED} | {"meta": obj.get("meta", {}) if isinstance(
            obj.get("meta"), dict) else {}, "url": obj.get("url", "") if isinstance(obj.get("url"), str) else ""})
    if errors:
        raise CatalogImportError(errors)
    if not entries:
        raise CatalogImportError(["The file holds no catalogue lines."])
    return entries


@transaction.atomic
def import_catalog(actor: Any, data: bytes, *, system: bool = False) -> tuple[int, int]:
    """Upsert catalogue items by external id. Nothing is imported when any line is bad."""
    if not system:
        require_coordinator(actor)
    entries = parse_catalog_jsonl(data)
    return services.upsert_entries(entries, imported=True)


def export_catalog() -> list[dict[str, Any]]:
    return [{"id": c.external_id, "kind": c.kind, "title": c.title, "text": c.text, "organisation": c.organisation,
             "keywords": c.keywords, "language": c.language} for c in CatalogItem.objects.order_by("kind", "external_id")]


@transaction.atomic
def decide_suggestion(actor: Any, need: Need, item: CatalogItem, decision: str, *, score: float = 0.0,
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
