"""Who may apply for a funding instrument, and when. Pure Python: no Django imports.

Works on the instrument's catalogue meta (see `samskap.funding.catalog` and `samskap.matching.sources`)::

    {"applicants": ["municipality", "university"],  # who may take part (as lead applicant or partner)
     "lead": "research",                            # who must lead ("" = anyone of the applicants)
     "deadlines": ["2027-02-15", ...],           # ISO dates (date objects are accepted too)
     "rolling": False,                           # rolling intake (no fixed deadline)
     "research_partner_required": True,
     "cofunding_required": True, "cofunding_share": "50 %"}

Reasons are short bokmål phrases for brokering, e.g. "kommuner kan søke; frist 2027-02-15" or
"kommuner kan ikke søke alene; en forskningsorganisasjon må lede".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

APPLICANT_TYPES = ("municipality", "county", "research_institute", "university", "company", "hospital",
                   "interest", "other")
RESEARCH_TYPES = frozenset({"research_institute", "university", "hospital"})

# Plural bokmål names of applicant types, as used at the start of a reason.
APPLICANT_PLURAL = {
    "municipality": "kommuner",
    "county": "fylkeskommuner",
    "research_institute": "forskningsinstitutter",
    "university": "universiteter og høgskoler",
    "company": "bedrifter",
    "hospital": "helseforetak",
    "interest": "interesseorganisasjoner og frivillige organisasjoner",
    "other": "andre virksomheter",
}

# Lead requirements: which applicant types satisfy them, and how a reason names the lead.
LEAD_TYPES: dict[str, frozenset[str]] = {
    "": frozenset(APPLICANT_TYPES),
    "research": RESEARCH_TYPES,
    "public": frozenset({"municipality", "county"}),
    "municipality": frozenset({"municipality"}),
    "company": frozenset({"company"}),
    "state": frozenset({"other"}),
    "interest": frozenset({"interest"}),
}
LEAD_PHRASE = {
    "research": "en forskningsorganisasjon",
    "public": "en kommune eller fylkeskommune",
    "municipality": "en kommune",
    "company": "en bedrift",
    "state": "en statlig virksomhet",
    "interest": "en frivillig organisasjon eller interesseorganisasjon",
}


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)[:10]


def _today(today: dt.date | None) -> dt.date:
    return today if today is not None else dt.date.today()


def applicants(meta: Mapping[str, Any]) -> list[str]:
    return [a for a in (meta.get("applicants") or []) if a]


def applicant_plural(applicant: str) -> str:
    return APPLICANT_PLURAL.get(applicant, applicant)


def _join(words: Iterable[str]) -> str:
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def leads(meta: Mapping[str, Any], applicant: str) -> bool:
    """Does an applicant of this type satisfy the instrument's lead requirement?"""
    lead = meta.get("lead") or ""
    return applicant in LEAD_TYPES.get(lead, frozenset())


def is_eligible(meta: Mapping[str, Any], applicant: str = "municipality") -> bool:
    """May an applicant of this type apply (as the formal applicant/lead)? Deadlines are not considered."""
    return applicant in applicants(meta) and leads(meta, applicant)


def upcoming_deadlines(meta: Mapping[str, Any], today: dt.date | None = None) -> list[str]:
    """Deadlines on or after today, soonest first, as ISO dates."""
    cutoff = _today(today).isoformat()
    return sorted({d for d in (_iso(v) for v in meta.get("deadlines") or []) if d >= cutoff})


def next_deadline(meta: Mapping[str, Any], today: dt.date | None = None) -> str | None:
    """The first deadline on or after today (ISO date), or None."""
    upcoming = upcoming_deadlines(meta, today)
    return upcoming[0] if upcoming else None


def is_open(meta: Mapping[str, Any], today: dt.date | None = None) -> bool:
    """Rolling intake, or at least one deadline on or after today."""
    return bool(meta.get("rolling")) or next_deadline(meta, today) is not None


def timing_phrase(meta: Mapping[str, Any], today: dt.date | None = None) -> str:
    upcoming = next_deadline(meta, today)
    if upcoming:
        return f"frist {upcoming}"
    if meta.get("rolling"):
        return "løpende søknad"
    return "ingen åpen frist nå"


def reason_for(meta: Mapping[str, Any], applicant: str = "municipality", today: dt.date | None = None,
               *, timing: bool = True) -> str:
    """A short bokmål reason: may this applicant type apply, and when (unless ``timing`` is off, e.g. in a
    table that shows the deadline in its own column); or who must lead instead."""
    who = applicant_plural(applicant)
    if not is_eligible(meta, applicant):
        lead = meta.get("lead") or ""
        if applicant in applicants(meta) and lead in LEAD_PHRASE:
            return f"{who} kan ikke søke alene; {LEAD_PHRASE[lead]} må lede"
        allowed = [applicant_plural(a) for a in applicants(meta)]
        if allowed:
            return f"{who} kan ikke søke; søkere er {_join(allowed)}"
        return f"{who} kan ikke søke"
    parts = [f"{who} kan søke", *([timing_phrase(meta, today)] if timing else [])]
    if meta.get("research_partner_required") and applicant not in RESEARCH_TYPES:
        parts.append("krever forskningspartner")
    if meta.get("cofunding_required"):
        share = str(meta.get("cofunding_share") or "").strip()
        parts.append(f"krever egenfinansiering ({share})" if share else "krever egenfinansiering")
    return "; ".join(parts)


def format_nok(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


def format_size(min_amount: int | None, max_amount: int | None) -> str:
    """Typical size in bokmål, e.g. "500 000–2 000 000 kr", "inntil 16 000 000 kr", "" if unknown."""
    if min_amount and max_amount:
        if min_amount == max_amount:
            return f"{format_nok(min_amount)} kr"
        return f"{format_nok(min_amount)}–{format_nok(max_amount)} kr"
    if max_amount:
        return f"inntil {format_nok(max_amount)} kr"
    if min_amount:
        return f"fra {format_nok(min_amount)} kr"
    return ""
