"""Read a saved response of the EU Funding & Tenders portal's search API (SEDIA). Pure: no Django imports.

The response (``POST https://api.tech.ec.europa.eu/search-api/prod/rest/search?apiKey=SEDIA&text=***`` with a
query for topics; fetching it is a separate step that needs the internet and is not done here) is a JSON object
with ``results``: one entry per topic or tender, each with ``reference``, ``url``, ``title``, ``summary`` and a
``metadata`` object whose values are lists of strings: ``identifier`` (the topic id), ``title``,
``callIdentifier``, ``callTitle``, ``type`` (1 = call for proposals topic, 0 = tender), ``status`` (31094501
forthcoming, 31094502 open, 31094503 closed), ``startDate``, ``deadlineDate`` (one per stage, e.g.
``2027-04-22T00:00:00.000+0000``), ``deadlineModel``, ``typesOfAction``, ``programmePeriod`` and ``keywords``.
Only topics (type 1) are read; problems name the result (its position, 1 = first) and refuse the file.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from samskap.core import safefiles
from samskap.core.problems import Problem, ProblemsError, gettext_noop

STATUS = {"31094501": "forthcoming", "31094502": "open", "31094503": "closed"}
PORTAL_TOPIC_URL = "https://ec.europa.eu/info/funding-tenders/opportunities/portal/screen/opportunities/topic-details/"
MAX_RESULTS = 5_000


class EuCallsError(ProblemsError):
    """The file cannot be imported; ``problems`` says why."""


@dataclass(frozen=True)
class Topic:
    identifier: str
    title: str
    call_identifier: str
    call_title: str
    status: str  # forthcoming, open, closed
    opens: dt.date | None
    deadlines: tuple[dt.date, ...]
    deadline_model: str
    types_of_action: tuple[str, ...]
    keywords: tuple[str, ...]
    summary: str

    @property
    def url(self) -> str:
        return PORTAL_TOPIC_URL + self.identifier.lower()


def _first(metadata: dict[str, Any], key: str) -> str:
    value = metadata.get(key)
    if isinstance(value, list):
        value = value[0] if value else ""
    return value.strip() if isinstance(value, str) else ""


def _all(metadata: dict[str, Any], key: str) -> list[str]:
    value = metadata.get(key)
    values = value if isinstance(value, list) else [value] if value is not None else []
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _date(text: str) -> dt.date | None:
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def parse(data: bytes | str) -> list[Topic]:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise EuCallsError([Problem(gettext_noop("The file is not UTF-8 text (byte %(pos)d)."),
                                    {"pos": exc.start})]) from None
    try:
        document = safefiles.loads_json(text)
    except safefiles.FileProblem as exc:
        raise EuCallsError([Problem(gettext_noop("The file is not JSON (%(error)s)."), {"error": str(exc)[:120]})]) \
            from None
    if not isinstance(document, dict) or not isinstance(document.get("results"), list):
        raise EuCallsError([Problem(gettext_noop("The file is not a response of the Funding & Tenders search API "
                                                 "(no \"results\" list)."), {})])
    results = document["results"]
    if len(results) > MAX_RESULTS:
        raise EuCallsError([Problem(gettext_noop("The file has more than %(limit)d results."), {"limit": MAX_RESULTS})])
    problems: list[Problem] = []
    topics: list[Topic] = []
    for position, result in enumerate(results, start=1):
        metadata = result.get("metadata") if isinstance(result, dict) else None
        if not isinstance(metadata, dict):
            problems.append(Problem(gettext_noop("Result %(n)d has no metadata."), {"n": position}))
            continue
        if _first(metadata, "type") not in ("", "1", "2"):
            continue  # tenders and other kinds of result are not funding calls
        identifier = _first(metadata, "identifier")
        title = _first(metadata, "title") or (result.get("title") or "").strip()
        if not identifier or not title:
            problems.append(Problem(gettext_noop("Result %(n)d has no topic identifier or title."), {"n": position}))
            continue
        status = STATUS.get(_first(metadata, "status"))
        if status is None:
            problems.append(Problem(gettext_noop("Result %(n)d (%(id)s): unknown status '%(status)s'."),
                                    {"n": position, "id": identifier[:60], "status": _first(metadata, "status")[:20]}))
            continue
        raw_deadlines = _all(metadata, "deadlineDate")
        deadlines = [_date(d) for d in raw_deadlines]
        if any(d is None for d in deadlines):
            problems.append(Problem(gettext_noop("Result %(n)d (%(id)s): a deadline is not a date."),
                                    {"n": position, "id": identifier[:60]}))
            continue
        topics.append(Topic(
            identifier=identifier[:100], title=title[:300], call_identifier=_first(metadata, "callIdentifier")[:100],
            call_title=_first(metadata, "callTitle")[:300], status=status, opens=_date(_first(metadata, "startDate")),
            deadlines=tuple(sorted(d for d in deadlines if d is not None)),
            deadline_model=_first(metadata, "deadlineModel")[:40],
            types_of_action=tuple(t[:100] for t in _all(metadata, "typesOfAction")),
            keywords=tuple(k[:60] for k in _all(metadata, "keywords"))[:10],
            summary=(result.get("summary") or "").strip()[:400] if isinstance(result.get("summary"), str) else ""))
    if problems:
        raise EuCallsError(problems[:20])
    return topics
