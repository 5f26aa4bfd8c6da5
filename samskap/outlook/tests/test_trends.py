"""shared_trend(codes) for brokering's shared-challenges page."""

import json

from django.utils import translation

from samskap.outlook import actions
from samskap.outlook.trends import changes, shared_trend, shared_trends

FOUR = ["5006", "5007", "1566", "5053"]


def test_all_four_expect_more_people_over_80(projection_held):
    # 80+ from 2024 to 2040: Steinkjer +60 %, Namsos +70 %, Surnadal +44.9 %, Inderøy +60 %
    assert shared_trend(FOUR) == "Alle 4 kommunene venter flere over 80 år fram mot 2040 (+45–70 %)"
    with translation.override("nn"):
        assert shared_trend(FOUR) == "Alle 4 kommunane ventar fleire over 80 år fram mot 2040 (+45–70 %)"
    with translation.override("en"):
        assert shared_trend(FOUR) == "All 4 municipalities expect more people over 80 by 2040 (+45–70 %)"
    assert shared_trend(["5006", "5053"]) == "Begge kommunene venter flere over 80 år fram mot 2040 (+60 %)"


def test_further_shared_trends(projection_held):
    trends = shared_trends(FOUR)
    assert trends[0].startswith("Alle 4 kommunene venter flere over 80 år")
    # 20-66: Steinkjer -2.7 %, Namsos -5.6 %, Surnadal -5.6 %, Inderøy -2.5 %: not all beyond 5 %, so no trend
    assert not any("20–66" in t for t in trends)
    assert changes(["5006"])["5006"]["80+"] == 60


def test_no_shared_trend(projection_held, sample_projection):
    assert shared_trend(["5006"]) is None  # one municipality shares nothing
    assert shared_trend(["5006", "0301"]) is None  # nothing held for Oslo
    assert shared_trend([]) is None
    doc = json.loads(sample_projection)
    # Make Inderøy's group 80+ shrink to 2040 (index of 5053, 80+, MMMM, 2040 in the sparse cube)
    position = ((3 * 4 + 3) * 3 + 0) * 4 + 2
    doc["value"][str(position)] = 250
    actions.import_jsonstat(json.dumps(doc).encode(), actor=actions.SYSTEM)
    assert shared_trend(FOUR) is None
