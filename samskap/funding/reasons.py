"""Eligibility reasons in the active language (nb, nn or en), for brokering panels and the funding API.

The rules come from the pure `samskap.funding.eligibility`; this module only words them with gettext.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.funding import eligibility

APPLICANT_PLURAL = {
    "municipality": gettext_lazy("municipalities"),
    "county": gettext_lazy("county authorities"),
    "research_institute": gettext_lazy("research institutes"),
    "university": gettext_lazy("universities and university colleges"),
    "company": gettext_lazy("companies"),
    "hospital": gettext_lazy("health trusts"),
    "interest": gettext_lazy("interest groups and voluntary organisations"),
    "other": gettext_lazy("other organisations"),
}
LEAD_PHRASE = {
    "research": gettext_lazy("a research organisation"),
    "public": gettext_lazy("a municipality or county authority"),
    "municipality": gettext_lazy("a municipality"),
    "company": gettext_lazy("a company"),
    "state": gettext_lazy("a state agency"),
    "interest": gettext_lazy("a voluntary organisation or interest group"),
}


def applicant_plural(applicant: str) -> str:
    return str(APPLICANT_PLURAL.get(applicant, applicant))


def _join(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return _("%(items)s and %(last)s") % {"items": ", ".join(words[:-1]), "last": words[-1]}


def timing_phrase(meta: Mapping[str, Any], today: dt.date | None = None) -> str:
    upcoming = eligibility.next_deadline(meta, today)
    if upcoming:
        return _("deadline %(date)s") % {"date": upcoming}
    if meta.get("rolling"):
        return _("rolling intake")
    return _("no open deadline now")


def reason_for(meta: Mapping[str, Any], applicant: str = "municipality", today: dt.date | None = None,
               *, timing: bool = True) -> str:
    """A short reason in the active language: may this applicant type apply, and when (unless ``timing`` is
    off, e.g. in a table that has its own deadline column); or who must lead."""
    who = applicant_plural(applicant)
    if not eligibility.is_eligible(meta, applicant):
        lead = meta.get("lead") or ""
        if applicant in eligibility.applicants(meta) and lead in LEAD_PHRASE:
            return _("%(who)s cannot apply alone; %(lead)s must lead") % {"who": who, "lead": LEAD_PHRASE[lead]}
        allowed = [applicant_plural(a) for a in eligibility.applicants(meta)]
        if allowed:
            return _("%(who)s cannot apply; applicants are %(allowed)s") % {"who": who, "allowed": _join(allowed)}
        return _("%(who)s cannot apply") % {"who": who}
    parts = [_("%(who)s can apply") % {"who": who}, *([timing_phrase(meta, today)] if timing else [])]
    if meta.get("research_partner_required") and applicant not in eligibility.RESEARCH_TYPES:
        parts.append(_("requires a research partner"))
    if meta.get("cofunding_required"):
        share = str(meta.get("cofunding_share") or "").strip()
        parts.append(_("requires co-funding (%(share)s)") % {"share": share} if share else _("requires co-funding"))
    return "; ".join(parts)
