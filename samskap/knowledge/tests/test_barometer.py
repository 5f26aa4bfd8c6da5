"""The pure aggregation: anonymity threshold, the scale stated, reversed barrier items, rounds."""

import pytest

from samskap.knowledge import barometer
from samskap.knowledge.barometer import Record, aggregate

ITEMS = ["ideas", "mistakes", "money-barrier"]
CATEGORIES = {"ideas": "employees", "mistakes": "mistakes", "money-barrier": "finances"}


def records(unit, municipality, sector, n, values):
    return [Record(unit, municipality, sector, dict(zip(ITEMS, values, strict=True))) for _ in range(n)]


def test_group_of_four_is_hidden_and_group_of_five_shown():
    # A third, small municipality: the hidden ones together hold >= 5 answers, so Steinkjer may be shown
    # without Surnadal being recoverable from the published total.
    data = records("Hjemmetjenesten", "Steinkjer", "health", 5, [3, 4, 1]) + \
        records("Teknisk drift", "Surnadal", "technical", 4, [2, 2, 4]) + \
        records("Kulturskolen", "Namsos", "culture", 2, [1, 1, 1])
    result = aggregate(data, by="municipality", scale=4, items=ITEMS)
    shown = {g.key: g for g in result.groups}
    assert not shown["Steinkjer"].hidden and shown["Steinkjer"].n == 5
    assert shown["Steinkjer"].means == {"ideas": 3.0, "mistakes": 4.0, "money-barrier": 1.0}
    hidden = shown["Surnadal"]
    assert hidden.hidden and hidden.n is None and hidden.means == {} and hidden.overall is None
    assert [g.key for g in result.visible] == ["Steinkjer"]
    assert [g.key for g in result.hidden] == ["Namsos", "Surnadal"]


def test_the_threshold_is_five_by_default():
    assert barometer.THRESHOLD == 5
    result = aggregate(records("A", "M", "health", 4, [1, 1, 1]), by="all", scale=4, items=ITEMS)
    assert result.groups[0].hidden
    result = aggregate(records("A", "M", "health", 4, [1, 1, 1]), by="all", scale=4, items=ITEMS, threshold=4)
    assert not result.groups[0].hidden


@pytest.mark.parametrize("scale", [4, 6])
def test_every_result_states_its_scale(scale):
    result = aggregate(records("A", "M", "health", 5, [1, 2, scale]), by="unit", scale=scale, items=ITEMS)
    assert result.scale == scale and result.scale_label == f"1–{scale}"
    assert result.threshold == 5


def test_answers_outside_the_scale_are_refused():
    with pytest.raises(ValueError, match="1–4"):
        aggregate(records("A", "M", "health", 5, [5, 1, 1]), by="unit", scale=4, items=ITEMS)


def test_item_with_few_answers_is_hidden_within_a_shown_group():
    data = records("A", "M", "health", 3, [3, 3, 3]) + records("A", "M", "health", 3, [3, None, 3])
    group = aggregate(data, by="unit", scale=4, items=ITEMS).groups[0]
    assert group.n == 6 and group.means["ideas"] == 3.0 and group.means["mistakes"] is None


def test_groupings():
    data = records("Skole", "Steinkjer", "education", 5, [4, 4, 4]) + \
        records("Skole", "Namsos", "education", 5, [2, 2, 2])
    assert [g.key for g in aggregate(data, by="unit", scale=4, items=ITEMS).groups] == \
        ["Skole, Namsos", "Skole, Steinkjer"]
    [sector] = aggregate(data, by="sector", scale=4, items=ITEMS).groups
    assert sector.key == "education" and sector.n == 10 and sector.means["ideas"] == 3.0
    with pytest.raises(ValueError):
        aggregate(data, by="county", scale=4, items=ITEMS)


def test_barrier_items_are_reversed_in_topic_and_overall_means():
    data = records("A", "M", "health", 5, [4, 4, 1])
    group = aggregate(data, by="unit", scale=4, items=ITEMS, categories=CATEGORIES,
                      reversed_items={"money-barrier"}).groups[0]
    assert group.means["money-barrier"] == 1.0  # the item itself is raw
    assert group.category_means == {"employees": 4.0, "mistakes": 4.0, "finances": 4.0}
    assert group.overall == 4.0
    assert group.agree_share == {"ideas": 1.0, "mistakes": 1.0, "money-barrier": 0.0}


def test_agree_share_on_a_six_point_scale():
    data = [Record("A", "M", "health", {"ideas": v}) for v in (1, 3, 4, 5, 6)]
    group = aggregate(data, by="unit", scale=6, items=["ideas"]).groups[0]
    assert group.agree_share["ideas"] == pytest.approx(3 / 5)


def test_rounds_and_change():
    before = records("A", "M", "health", 5, [2, 2, 2]) + records("B", "M", "health", 4, [1, 1, 1]) + \
        records("C", "M", "health", 1, [1, 1, 1])  # with B, the hidden units hold 5 answers
    after = records("A", "M", "health", 6, [3, 3, 3]) + records("B", "M", "health", 5, [2, 2, 2])
    rounds = barometer.compare_rounds([("2025", before), ("2026", after)], by="unit", scale=4, items=ITEMS)
    assert [r.label for r in rounds] == ["2025", "2026"]
    a0, b0, _c0 = rounds[0].result.groups
    a1, b1 = rounds[1].result.groups
    assert barometer.change(a0, a1) == pytest.approx(1.0)
    assert b0.hidden and not b1.hidden and barometer.change(b0, b1) is None


def test_a_hidden_unit_cannot_be_recovered_by_subtraction():
    from samskap.knowledge.barometer import Record, aggregate

    def answers(n, unit, municipality, sector, value):
        return [Record(unit, municipality, sector, {"a": value}) for _ in range(n)]

    records = (answers(6, "Sjukeheimen", "Surnadal", "helse", 4) + answers(3, "Teknisk drift", "Surnadal", "teknisk", 1)
               + answers(7, "Skulen", "Rindal", "oppvekst", 2))
    by_unit = aggregate(records, by="unit", scale=4, items=["a"])
    hidden = {g.key for g in by_unit.hidden}
    # Surnadal's total (9) minus the nursing home (6) would reveal Teknisk drift (3): hide the home too.
    assert hidden == {"Teknisk drift, Surnadal", "Sjukeheimen, Surnadal"}
    assert [g.key for g in by_unit.visible] == ["Skulen, Rindal"]
    by_municipality = aggregate(records, by="municipality", scale=4, items=["a"])
    assert {g.key for g in by_municipality.visible} == {"Surnadal", "Rindal"}
