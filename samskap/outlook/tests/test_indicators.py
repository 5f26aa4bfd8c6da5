"""Old-age ratio and the care-worker projection (pure arithmetic), and the municipality's own figure."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskap.directory.models import Municipality
from samskap.outlook import actions, indicators
from samskap.outlook.queries import municipality_outlook


def test_old_age_ratio():
    assert indicators.old_age_ratio({"0-19": 5000, "20-66": 15000, "67-79": 2800, "80+": 1000}) == pytest.approx(
        3800 / 15000)
    assert indicators.old_age_ratio({"20-66": 0, "67-79": 1, "80+": 1}) is None
    assert indicators.old_age_ratio({"20-66": 10}) is None


def test_care_need_with_the_national_assumption():
    rows = indicators.project_care_need({2024: 1000, 2030: 1300, 2040: 1600}, 2024,
                                        working_age={2024: 15000, 2040: 14600})
    assert indicators.NATIONAL_CARE_FTE_PER_1000_80PLUS == 550
    assert [(r.year, r.fte, r.extra_fte) for r in rows] == [(2024, 550, 0), (2030, 715, 165), (2040, 880, 330)]
    assert rows[-1].share_of_working_age_pct == pytest.approx(880 / 14600 * 100)
    assert rows[1].share_of_working_age_pct is None
    with pytest.raises(ValueError):
        indicators.project_care_need({2030: 1}, 2024)


def test_care_need_with_the_municipality_own_coverage():
    per_1000 = indicators.care_coverage(fte=450, population_80_plus=900)
    assert per_1000 == 500
    rows = indicators.project_care_need({2024: 900, 2050: 1800}, 2024, per_1000)
    assert rows[-1].fte == 900 and rows[-1].extra_fte == 450


def test_change_pct():
    assert indicators.change_pct(1000, 1600) == 60
    assert indicators.change_pct(0, 5) is None and indicators.change_pct(None, 5) is None


def test_outlook_uses_the_baseline_when_held(projection_held, contact_steinkjer, contact_namsos):
    steinkjer = Municipality.objects.get(code="5006")
    plan = municipality_outlook(steinkjer, compare=False, similar=False).care
    assert plan.basis == "national" and plan.rows[0].fte == 550
    with pytest.raises(PermissionDenied):
        actions.set_care_baseline(steinkjer, year=2024, fte=500, source="KOSTRA", actor=contact_namsos.user)
    with pytest.raises(ValidationError):
        actions.set_care_baseline(steinkjer, year=2024, fte=-1, source="KOSTRA", actor=contact_steinkjer.user)
    actions.set_care_baseline(steinkjer, year=2024, fte=500, source="SSB 11924", actor=contact_steinkjer.user)
    plan = municipality_outlook(steinkjer, compare=False, similar=False).care
    assert plan.basis == "municipality" and plan.per_1000 == 500 and plan.source == "SSB 11924"
    assert {r.year: r.fte for r in plan.rows}[2040] == 800  # 500 per 1000 x 1600
