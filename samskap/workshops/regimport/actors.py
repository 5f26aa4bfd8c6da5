"""Actor types: read from a Rolle/Type column, or inferred from the organisation's name; yes/no values."""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------------------
# Actor types
# ---------------------------------------------------------------------------

_FUNDING_PATTERNS = [
    r"forskningsråd",
    r"innovasjon norge",
    r"fylkeskommune",
    r"statsforvalter",
    r"fylkesmann",
    r"\bks\b",
    r"regionale forskningsfond",
    r"\brff\b",
    r"interreg",
    r"\bsiva\b",
    r"husbanken",
    r"distriktssenteret",
]
_RESEARCH_PATTERNS = [
    r"\bntnu\b",
    r"universitet",
    r"university",
    r"h[øo]g[s]?kole",
    r"h[øo]yskole",
    r"\bsintef\b",
    r"forskning",
    r"\bfou\b",
    r"\bf&u\b",
    r"institutt",
    r"\bhunt\b",
    r"\bnibio\b",
    r"\bnofima\b",
    r"\bnina\b",
    r"\bnorce\b",
    r"\bnifu\b",
    r"kunnskapssenter",
    r"research",
]
_MUNICIPALITY_PATTERNS = [r"kommune\b", r"\bkommune", r"\bbydel\b", r"municipality"]


def infer_actor_type(organisation: str) -> str:
    """Actor type from an organisation name (funding checked first, so that
    "Forskningsrådet" and "Trøndelag fylkeskommune" are not research or
    municipality)."""
    org = " ".join(unicodedata.normalize("NFKC", organisation or "").casefold().split())
    if any(re.search(p, org) for p in _FUNDING_PATTERNS):
        return "funding"
    if any(re.search(p, org) for p in _RESEARCH_PATTERNS):
        return "research"
    if any(re.search(p, org) for p in _MUNICIPALITY_PATTERNS):
        return "municipality"
    return "other"


_ACTOR_WORDS = {
    "municipality": ["kommune", "kommunal", "municipality", "kommunesektor"],
    "research": [
        "forskning", "forsker", "fou", "research", "kunnskap", "universitet",
        "høgskole", "akademia", "uh",
    ],
    "funding": [
        "virkemiddel", "funding", "finansiering", "støtte", "support",
        "fylkeskommune", "statsforvalter", "regional",
    ],
    "other": ["annet", "annen", "other", "næringsliv", "bedrift", "helseforetak", "frivillig"],
}


def parse_actor_type(value: str) -> str | None:
    """Map a free-text Rolle/Type value to an actor type; None if unknown."""
    v = " ".join(unicodedata.normalize("NFKC", value).casefold().split())
    if not v:
        return None
    if v in ("municipality", "research", "funding", "other"):
        return v
    # funding words first: "fylkeskommune" contains "kommune"
    for kind in ("funding", "research", "municipality", "other"):
        if any(w in v for w in _ACTOR_WORDS[kind]):
            return kind
    return None


_YES = {"ja", "j", "yes", "y", "x", "1", "true", "sant", "ok"}
_NO = {"nei", "n", "no", "0", "false", "usant", "-", ""}


def _parse_bool(value: str) -> bool | None:
    v = value.strip().casefold()
    if v in _YES:
        return True
    if v in _NO:
        return False
    return None
