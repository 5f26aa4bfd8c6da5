"""Eligibility reasons follow the page's language (they were always bokmål, also on en/nn pages)."""

import datetime as dt

import pytest
from django.utils import translation

from samskap.core.registry import registry
from samskap.funding import eligibility, reasons

TODAY = dt.date(2026, 11, 23)
PUBLIC_SECTOR = {"applicants": ["municipality", "county", "other"], "lead": "", "deadlines": ["2027-02-15"],
                 "cofunding_required": True, "cofunding_share": "50 %"}
RESEARCH_LED = {"applicants": ["research_institute", "university", "municipality"], "lead": "research",
                "deadlines": ["2027-09-15"], "research_partner_required": True}
CLOSED = {"applicants": ["company"], "lead": "", "rolling": True}


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "municipalities can apply; deadline 2027-02-15; requires co-funding (50 %)"),
    ("nn", "kommunar kan søkje; frist 2027-02-15; krev eigenfinansiering (50 %)"),
    ("nb", "kommuner kan søke; frist 2027-02-15; krever egenfinansiering (50 %)"),
])
def test_eligible_reason_in_page_language(language, expected):
    with translation.override(language):
        assert reasons.reason_for(PUBLIC_SECTOR, "municipality", TODAY) == expected


def test_not_eligible_reasons_in_english_and_nynorsk():
    with translation.override("en"):
        assert reasons.reason_for(RESEARCH_LED, "municipality", TODAY) == \
            "municipalities cannot apply alone; a research organisation must lead"
        assert reasons.reason_for(CLOSED, "municipality", TODAY) == \
            "municipalities cannot apply; applicants are companies"
    with translation.override("nn"):
        assert reasons.reason_for(RESEARCH_LED, "municipality", TODAY) == \
            "kommunar kan ikkje søkje åleine; ein forskingsorganisasjon må leie"


@pytest.mark.parametrize("meta", [PUBLIC_SECTOR, RESEARCH_LED, CLOSED])
@pytest.mark.parametrize("applicant", ["municipality", "university", "company"])
def test_bokmal_wording_matches_the_pure_helper(meta, applicant):
    with translation.override("nb"):
        assert reasons.reason_for(meta, applicant, TODAY) == eligibility.reason_for(meta, applicant, TODAY)


def test_brokering_uses_the_translated_reason():
    reason = registry.match_reason("instrument")
    assert reason is not None
    with translation.override("en"):
        assert reason(PUBLIC_SECTOR, "municipality", TODAY).startswith("municipalities can apply")
