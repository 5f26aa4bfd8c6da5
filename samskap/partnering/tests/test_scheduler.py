"""The pure meeting scheduler: small cases with a known optimum, fixed meetings, edge cases."""

import pytest

from samskap.partnering.scheduler import Meeting, Problem, Slot, evaluate, greedy, solve


def _valid(problem, schedule):
    by_id = {m.id: m for m in problem.meetings}
    breaks = {s.id for s in problem.slots if s.is_break}
    seen_person, seen_table = set(), set()
    for p in schedule.placements:
        m = by_id[p.meeting]
        assert p.slot not in breaks
        for person in (m.a, m.b):
            assert (person, p.slot) not in seen_person
            seen_person.add((person, p.slot))
            if m.fixed_slot is None and person in problem.availability:
                assert p.slot in problem.availability[person]
        assert (p.table, p.slot) not in seen_table
        seen_table.add((p.table, p.slot))


def test_known_optimum_places_most_then_removes_gaps():
    slots = [Slot(1), Slot(2), Slot(3, is_break=True), Slot(4)]
    meetings = [Meeting(1, "a", "b", 3), Meeting(2, "a", "c", 1), Meeting(3, "b", "c", 2), Meeting(4, "a", "d", 1)]
    problem = Problem(slots, [1], meetings, {"d": frozenset({4})}, time_limit=5)
    result = solve(problem)
    _valid(problem, result)
    # one table, three usable slots: at most 3 meetings; the best drops the lowest priority that is not forced
    assert result.stats.status == "optimal"
    assert (result.stats.placed, result.stats.priority, result.stats.idle_gaps) == (3, 6, 0)
    assert result.stats.bound_placed == 3 and result.stats.gap == 0.0
    assert [u.meeting for u in result.unplaced] == [2] and result.unplaced[0].reason == "no_room"
    assert evaluate(problem, result.placements) == (3, 6, 0)
    base = greedy(problem)
    _valid(problem, base)
    assert base.stats.placed == 3 and base.stats.idle_gaps >= result.stats.idle_gaps


def test_priority_breaks_ties_between_equal_counts():
    # a meets b or c, but only one slot: the higher priority wins
    problem = Problem([Slot(1)], [1, 2], [Meeting(1, "a", "b", 1), Meeting(2, "a", "c", 3)], time_limit=5)
    result = solve(problem)
    assert [p.meeting for p in result.placements] == [2]


def test_published_meeting_stays_fixed_even_if_unavailable_now():
    meetings = [Meeting(1, "a", "b", 1, fixed_slot=2, fixed_table=7), Meeting(2, "a", "c", 1)]
    problem = Problem([Slot(1), Slot(2)], [7, 8], meetings, {"a": frozenset({1})}, time_limit=5)
    result = solve(problem)
    placed = {p.meeting: p for p in result.placements}
    assert (placed[1].slot, placed[1].table) == (2, 7)
    assert placed[2].slot == 1


def test_clashing_fixed_meetings_are_infeasible():
    meetings = [Meeting(1, "a", "b", fixed_slot=1, fixed_table=1), Meeting(2, "a", "c", fixed_slot=1, fixed_table=2)]
    problem = Problem([Slot(1)], [1, 2], meetings)
    for method in (solve, greedy):
        result = method(problem)
        assert result.stats.status == "infeasible" and result.placements == ()
        assert "a has fixed meetings" in result.stats.notes[0]


def test_no_slots_and_nobody_available():
    meetings = [Meeting(1, "a", "b")]
    for problem in (Problem([], [1], meetings), Problem([Slot(1)], [1], meetings, {"a": frozenset()}),
                    Problem([Slot(1, is_break=True)], [1], meetings), Problem([Slot(1)], [], meetings)):
        for method in (solve, greedy):
            result = method(problem)
            assert result.placements == ()
            assert [u.meeting for u in result.unplaced] == [1]
    assert solve(Problem([], [1], meetings)).unplaced[0].reason == "no_common_slot"


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="themselves"):
        solve(Problem([Slot(1)], [1], [Meeting(1, "a", "a")]))
    with pytest.raises(ValueError, match="break"):
        solve(Problem([Slot(1, is_break=True)], [1], [Meeting(1, "a", "b", fixed_slot=1, fixed_table=1)]))
    with pytest.raises(ValueError, match="duplicate meeting"):
        greedy(Problem([Slot(1)], [1], [Meeting(1, "a", "b"), Meeting(1, "a", "c")]))


def test_tables_limit_each_slot():
    meetings = [Meeting(i, f"p{i}", f"q{i}") for i in range(1, 6)]
    problem = Problem([Slot(1), Slot(2)], [1, 2], meetings, time_limit=5)
    result = solve(problem)
    _valid(problem, result)
    assert result.stats.placed == 4 and result.stats.bound_placed == 4
