"""The pure eligibility helper: who may apply, when, and the reason brokering shows."""

import datetime as dt

import pytest

from samskap.funding import eligibility
from samskap.funding.eligibility import format_size, is_eligible, is_open, next_deadline, reason_for

TODAY = dt.date(2026, 11, 23)

PUBLIC_SECTOR = {"applicants": ["municipality", "county", "other"], "lead": "", "deadlines": ["2027-02-15"],
                 "rolling": False, "research_partner_required": False, "cofunding_required": False}
RESEARCH_LED = {"applicants": ["research_institute", "university", "municipality"], "lead": "research",
                "deadlines": ["2027-09-15"], "rolling": False, "research_partner_required": True}


def test_municipality_can_apply_with_deadline():
    assert is_eligible(PUBLIC_SECTOR, "municipality")
    assert reason_for(PUBLIC_SECTOR, "municipality", TODAY) == "kommuner kan søke; frist 2027-02-15"


def test_default_applicant_is_a_municipality():
    assert reason_for(PUBLIC_SECTOR, today=TODAY) == "kommuner kan søke; frist 2027-02-15"
    assert is_eligible(PUBLIC_SECTOR)


def test_municipality_cannot_lead_a_research_led_instrument():
    assert not is_eligible(RESEARCH_LED, "municipality")
    assert reason_for(RESEARCH_LED, "municipality", TODAY) == \
        "kommuner kan ikke søke alene; en forskningsorganisasjon må lede"
    assert is_eligible(RESEARCH_LED, "university")
    assert reason_for(RESEARCH_LED, "university", TODAY) == "universiteter og høgskoler kan søke; frist 2027-09-15"


def test_applicant_not_among_applicants():
    meta = {"applicants": ["company", "research_institute"], "lead": "", "deadlines": []}
    assert not is_eligible(meta, "municipality")
    assert reason_for(meta, "municipality", TODAY) == \
        "kommuner kan ikke søke; søkere er bedrifter og forskningsinstitutter"


def test_company_led_instrument():
    meta = {"applicants": ["company", "municipality"], "lead": "company", "rolling": True}
    assert reason_for(meta, "municipality", TODAY) == "kommuner kan ikke søke alene; en bedrift må lede"
    assert reason_for(meta, "company", TODAY) == "bedrifter kan søke; løpende søknad"


def test_research_partner_and_cofunding_are_named():
    meta = {**PUBLIC_SECTOR, "research_partner_required": True, "cofunding_required": True,
            "cofunding_share": "minst 50 %"}
    assert reason_for(meta, "municipality", TODAY) == \
        "kommuner kan søke; frist 2027-02-15; krever forskningspartner; krever egenfinansiering (minst 50 %)"
    # A research organisation is its own research partner.
    meta["applicants"] = [*meta["applicants"], "research_institute"]
    assert "forskningspartner" not in reason_for(meta, "research_institute", TODAY)


def test_only_open_deadlines_count():
    meta = {**PUBLIC_SECTOR, "deadlines": ["2027-09-01", "2026-05-01", dt.date(2027, 1, 10), "2026-11-23"]}
    assert next_deadline(meta, TODAY) == "2026-11-23"  # today is still open
    assert next_deadline(meta, TODAY + dt.timedelta(days=1)) == "2027-01-10"
    assert eligibility.upcoming_deadlines(meta, TODAY + dt.timedelta(days=1)) == ["2027-01-10", "2027-09-01"]
    assert next_deadline(meta, dt.date(2027, 9, 2)) is None
    assert reason_for(meta, "municipality", dt.date(2027, 9, 2)) == "kommuner kan søke; ingen åpen frist nå"
    assert not is_open(meta, dt.date(2027, 9, 2))


def test_rolling_intake():
    meta = {**PUBLIC_SECTOR, "deadlines": [], "rolling": True}
    assert next_deadline(meta, TODAY) is None
    assert is_open(meta, TODAY)
    assert reason_for(meta, "municipality", TODAY) == "kommuner kan søke; løpende søknad"
    # A fixed deadline is named before rolling intake.
    meta["deadlines"] = ["2027-03-01"]
    assert reason_for(meta, "municipality", TODAY) == "kommuner kan søke; frist 2027-03-01"


def test_empty_meta_is_safe():
    assert not is_eligible({}, "municipality")
    assert reason_for({}, "municipality", TODAY) == "kommuner kan ikke søke"
    assert next_deadline({}, TODAY) is None


def test_a_lead_requirement_does_not_open_the_door_to_others():
    assert reason_for(RESEARCH_LED, "interest", TODAY) == ("interesseorganisasjoner og frivillige organisasjoner "
                                                           "kan ikke søke; søkere er forskningsinstitutter, "
                                                           "universiteter og høgskoler og kommuner")


def test_state_and_interest_leads():
    state = {"applicants": ["municipality", "other"], "lead": "state"}
    assert reason_for(state, "municipality", TODAY) == "kommuner kan ikke søke alene; en statlig virksomhet må lede"
    public = {"applicants": ["municipality", "county", "company"], "lead": "public", "deadlines": ["2027-01-01"]}
    assert is_eligible(public, "county")
    assert not is_eligible(public, "company")


@pytest.mark.parametrize(("low", "high", "text"), [
    (500_000, 2_000_000, "500 000–2 000 000 kr"),
    (None, 16_000_000, "inntil 16 000 000 kr"),
    (100_000, None, "fra 100 000 kr"),
    (None, None, ""),
    (1_000_000, 1_000_000, "1 000 000 kr"),
])
def test_format_size(low, high, text):
    assert format_size(low, high) == text


def test_model_choices_match_the_pure_module():
    from samskap.funding.models import ApplicantType, LeadRequirement

    assert list(ApplicantType.values) == list(eligibility.APPLICANT_TYPES)
    assert set(LeadRequirement.values) == set(eligibility.LEAD_TYPES)
    assert set(eligibility.LEAD_PHRASE) == set(LeadRequirement.values) - {""}
