"""The catalogue file: JSON Lines, one catalogue entry a line (the format of `samskap/matching/sources.py`).

`parse_catalog_jsonl` validates a file (every bad line is reported with its number, in the user's
language); `export_catalog` gives the rows `samskap catalog export` writes. The import itself is the
action `samskap.matching.actions.import_catalog`.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from samskap.core import safefiles
from samskap.core.validators import is_http_url
from samskap.matching.models import CatalogItem
from samskap.matching.sources import kinds

REQUIRED = ("id", "kind", "title", "text", "organisation", "keywords", "language")
LANGUAGES = ("nb", "nn", "en")
MAX_LINE = 1_000_000  # characters in one catalogue line
MAX_DEPTH = 32  # nesting of JSON objects and lists in one line (the meta field)


class CatalogImportError(ValueError):
    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


def _line_problems(obj: dict[str, Any], seen: dict[str, int]) -> list[str]:
    problems = []
    for key in ("id", "kind", "title", "text", "organisation", "language"):
        if not isinstance(obj[key], str):
            problems.append(_("%(field)s must be a string") % {"field": key})
    if not isinstance(obj["keywords"], list) or not all(isinstance(k, str) for k in obj["keywords"]):
        problems.append(_("keywords must be a list of strings"))
    if problems:
        return problems
    if not obj["id"].strip():
        problems.append(_("id is empty"))
    if not obj["title"].strip():
        problems.append(_("title is empty"))
    if obj["kind"] not in kinds():
        problems.append(_("unknown kind %(kind)s (use %(kinds)s)") % {"kind": repr(obj["kind"]),
                                                                      "kinds": ", ".join(kinds())})
    if obj["language"] not in LANGUAGES:
        problems.append(_("unknown language %(language)s (use nb, nn or en)") % {"language": repr(obj["language"])})
    if obj["id"] in seen:
        problems.append(_("id %(id)s already on line %(line)s") % {"id": repr(obj["id"]), "line": seen[obj["id"]]})
    if len(obj["id"]) > 200:
        problems.append(_("id is longer than 200 characters"))
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        problems.append(_("url must be a string"))
    elif isinstance(url, str) and len(url) > 500:
        problems.append(_("url is longer than 500 characters"))
    elif url and not is_http_url(url):
        problems.append(_("url must start with http:// or https://"))
    return problems


def parse_catalog_jsonl(data: bytes) -> list[dict[str, Any]]:
    """Validate a catalogue JSONL file; every bad line is reported with its number."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogImportError([_("The file is not UTF-8 text (byte %(byte)s).") % {"byte": exc.start}]) from exc
    entries: list[dict[str, Any]] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(text.split("\n"), start=1):  # JSON strings may hold U+2028 etc.
        if not line.strip():
            continue
        if len(line) > MAX_LINE:
            errors.append(_("Line %(line)s: longer than %(max)s characters.") % {"line": number, "max": MAX_LINE})
            continue
        try:
            obj = safefiles.loads_json(line, max_depth=MAX_DEPTH)
        except safefiles.FileProblem as exc:
            errors.append(_("Line %(line)s: %(problem)s.") % {"line": number, "problem": exc.render(_)})
            continue
        if not isinstance(obj, dict):
            errors.append(_("Line %(line)s: expected a JSON object.") % {"line": number})
            continue
        missing = [k for k in REQUIRED if k not in obj]
        if missing:
            errors.append(_("Line %(line)s: missing field(s) %(fields)s.")
                          % {"line": number, "fields": ", ".join(missing)})
            continue
        problems = _line_problems(obj, seen)
        if problems:
            errors.append(_("Line %(line)s: %(problems)s.") % {"line": number, "problems": "; ".join(problems)})
            continue
        seen[obj["id"]] = number
        entries.append({k: obj[k] for k in REQUIRED} | {"meta": obj.get("meta", {}) if isinstance(
            obj.get("meta"), dict) else {}, "url": obj.get("url", "") if isinstance(obj.get("url"), str) else ""})
    if errors:
        raise CatalogImportError(errors)
    if not entries:
        raise CatalogImportError([_("The file holds no catalogue lines.")])
    return entries


def export_catalog() -> list[dict[str, Any]]:
    """The catalogue as rows of the file format, by kind and id."""
    return [{"id": c.external_id, "kind": c.kind, "title": c.title, "text": c.text, "organisation": c.organisation,
             "keywords": c.keywords, "language": c.language} for c in CatalogItem.objects.order_by("kind", "external_id")]
