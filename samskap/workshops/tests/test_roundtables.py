"""Rotating round tables: the ratings file, the planner's rules and optimality, and the CLI contract."""

from __future__ import annotations

import itertools
import json
import random

import pytest
from django.core.management import CommandError, call_command

from samskap.workshops.roundtables import (
    TablesError,
    TablesProblem,
    TablesSettings,
    plan_tables,
    read_ratings,
    score,
    violations,
)
from samskap.workshops.roundtables.annealing import anneal

SETTINGS = TablesSettings(rounds=3, tables=2, seats=3, max_presentations=2, min_visits=1, max_visits=2,
                          time_limit=10)


def _csv(rows: list[tuple[object, ...]], header: str = "person_id,abstract_id,rating") -> bytes:
    return (header + "\n" + "\n".join(",".join("" if v is None else str(v) for v in r) for r in rows) + "\n").encode()


def _random_problem(n_people: int, n_presenters: int, per_person: int, settings: TablesSettings,
                    seed: int) -> TablesProblem:
    rnd = random.Random(seed)
    people = [str(i) for i in range(1, n_people + 1)]
    presenters = rnd.sample(people, n_presenters)
    ratings = {}
    for i in people:
        for p in rnd.sample([p for p in presenters if p != i], min(per_person, n_presenters - 1)):
            ratings[(i, p)] = rnd.randint(1, 5)
    return TablesProblem(tuple(people), tuple(presenters), ratings, settings)


# -- the ratings file ------------------------------------------------------------------------------

def test_ratings_file_contract_extra_columns_and_empty_ids():
    data = _csv([(1, 2, 5, "x"), (1, 3, "", "y"), (4, None, None, "rated nothing"), (None, 7, None, "nobody rated")],
                header="Person_ID ; abstract_id;rating;comment".replace(" ", "").replace(";", ","))
    problem, warnings = read_ratings(data, SETTINGS)
    assert set(problem.people) == {"1", "2", "3", "4", "7"}
    assert set(problem.presenters) == {"2", "3", "7"}
    assert problem.ratings == {("1", "2"): 5}
    assert warnings == []


def test_semicolon_bom_and_spreadsheet_numbers():
    data = "\ufeffperson_id;abstract_id;rating\n1;2.0;4\n2;1;3,0\n".encode()
    problem, _ = read_ratings(data, SETTINGS)
    assert problem.ratings == {("1", "2"): 4, ("2", "1"): 3}


def test_every_bad_row_is_named():
    data = _csv([("x", 2, 5), (1, "b", 3), (1, 2, 6), (1, 3, 0), (2, 3, 2.5), (None, None, 3), (1, None, 4)])
    with pytest.raises(TablesError) as exc:
        read_ratings(data, SETTINGS)
    text = "\n".join(exc.value.errors)
    for row in range(2, 9):
        assert f"Row {row}:" in text
    assert "person_id 'x' is not a whole number" in text
    assert "rating '6' is not a whole number from 1 to 5" in text


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"person,abstract,score\n1,2,3\n", "missing column"),
    (b"PK\x03\x04\x00\x00binary", "not a text"),
    (b"person_id,abstract_id,rating\n", "no rows"),
])
def test_wrong_files(data, message):
    with pytest.raises(TablesError) as exc:
        read_ratings(data, SETTINGS)
    assert message in str(exc.value)


def test_self_rating_ignored_and_repeats_keep_the_last():
    problem, warnings = read_ratings(_csv([(1, 1, 5), (1, 2, 2), (1, 2, 4)]), SETTINGS)
    assert problem.ratings == {("1", "2"): 4}
    assert len(warnings) == 2


# -- impossible settings ---------------------------------------------------------------------------

def test_too_few_seats_for_everyones_minimum():
    problem, _ = read_ratings(_csv([(i, 1, 3) for i in range(2, 12)]), TablesSettings(
        rounds=2, tables=1, seats=3, max_presentations=2, min_visits=2, max_visits=2))
    with pytest.raises(TablesError) as exc:
        plan_tables(problem)
    assert "Too few seats" in str(exc.value)


@pytest.mark.parametrize("kwargs, message", [
    ({"seats": 1}, "--seats"), ({"min_visits": 3, "max_visits": 2}, "--max-visits"),
    ({"min_visits": 4, "max_visits": 5, "rounds": 3}, "more than the number of rounds"),
])
def test_settings_refused(kwargs, message):
    settings = TablesSettings(**{**SETTINGS.__dict__, **kwargs})
    problem, _ = read_ratings(_csv([(1, 2, 3)]), settings)
    with pytest.raises(TablesError) as exc:
        plan_tables(problem)
    assert message in str(exc.value)


# -- the planner -----------------------------------------------------------------------------------

def _brute_force(problem: TablesProblem) -> int:
    """Best score over every plan, by enumeration (tiny events only)."""
    st = problem.settings
    people = list(problem.people)
    best = -1
    options_per_round = []
    for chosen in itertools.chain.from_iterable(
            itertools.combinations(problem.presenters, k) for k in range(0, st.tables + 1)):
        listeners = [i for i in people if i not in chosen]
        for seats in itertools.product([None, *chosen], repeat=len(listeners)):
            if all(seats.count(p) <= st.seats - 1 for p in chosen) and all(s != i for s, i in zip(seats, listeners, strict=True)):
                options_per_round.append((chosen, dict(zip(listeners, seats, strict=True))))
    for combo in itertools.product(options_per_round, repeat=st.rounds):
        shows = {p: 0 for p in problem.presenters}
        visits = {i: 0 for i in people}
        heard: set[tuple[str, str]] = set()
        ok, value = True, 0
        for chosen, seats in combo:
            for p in chosen:
                shows[p] += 1
            for i, p in seats.items():
                if p is None:
                    continue
                if (i, p) in heard:
                    ok = False
                heard.add((i, p))
                visits[i] += 1
                value += problem.rating(i, p)
        if ok and all(v <= st.max_presentations for v in shows.values()) and all(
                st.min_visits <= v <= st.max_visits for v in visits.values()):
            best = max(best, value)
    return best


def test_tiny_event_is_planned_optimally():
    settings = TablesSettings(rounds=2, tables=1, seats=3, max_presentations=1, min_visits=1, max_visits=1,
                              time_limit=10)
    problem, _ = read_ratings(_csv([(1, 2, 5), (3, 2, 4), (4, 2, 1), (1, 3, 2), (4, 3, 5), (2, 3, 3)]), settings)
    plan = plan_tables(problem)
    assert violations(problem, plan.rounds) == []
    assert plan.stats.score == _brute_force(problem) == 17
    assert plan.stats.status == "optimal" and plan.stats.bound == plan.stats.score


def test_presenter_never_listens_in_own_round_and_nobody_hears_twice():
    settings = TablesSettings(rounds=6, tables=4, seats=5, max_presentations=2, min_visits=2, max_visits=5,
                              time_limit=8)
    problem = _random_problem(30, 12, 8, settings, seed=5)
    plan = plan_tables(problem)
    assert violations(problem, plan.rounds) == []
    for rp in plan.rounds:
        presenting = {t.presenter for t in rp.tables}
        listening = [i for t in rp.tables for i in t.listeners]
        assert not presenting & set(listening)
        assert len(listening) == len(set(listening))
    assert plan.stats.score <= plan.stats.bound


def test_planner_beats_the_annealing_baseline_on_a_larger_event():
    settings = TablesSettings(rounds=8, tables=6, seats=8, max_presentations=2, min_visits=3, max_visits=6,
                              time_limit=8, seed=1)
    problem = _random_problem(70, 30, 12, settings, seed=11)
    plan = plan_tables(problem)
    baseline = anneal(problem, 4.0)
    assert violations(problem, plan.rounds) == [] and violations(problem, baseline) == []
    assert plan.stats.score >= score(problem, baseline)
    assert plan.stats.score <= plan.stats.bound


# -- the CLI ---------------------------------------------------------------------------------------

def test_cli_writes_the_json_contract(tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_bytes(_csv([(1, 2, 5), (1, 3, 4), (2, 3, 5), (3, 1, 2), (4, 2, 3), (5, None, None)]))
    out = tmp_path / "plan.json"
    call_command("workshop", "tables", str(ratings), "--rounds", "3", "--tables", "2", "--seats", "3",
                 "--max-presentations", "2", "--min-visits", "1", "--max-visits", "2", "--time-limit", "5",
                 "--json", str(out))
    result = json.loads(out.read_text())
    assert [r["round"] for r in result["rounds"]] == [1, 2, 3]
    for r in result["rounds"]:
        for t in r["tables"]:
            assert isinstance(t["table"], int) and isinstance(t["presenter"], int)
            assert all(isinstance(i, int) for i in t["listeners"])
    assert set(result["stats"]) >= {"score", "bound", "seconds"}
    assert result["stats"]["score"] == 19 == result["stats"]["bound"]
    visits = {i: 0 for i in (1, 2, 3, 4, 5)}
    for r in result["rounds"]:
        for t in r["tables"]:
            for i in t["listeners"]:
                visits[i] += 1
    assert all(1 <= v <= 2 for v in visits.values())


def test_cli_bad_file_names_the_row(tmp_path):
    ratings = tmp_path / "ratings.csv"
    ratings.write_bytes(_csv([(1, 2, 5), (1, 2, "high")]))
    with pytest.raises(CommandError) as exc:
        call_command("workshop", "tables", str(ratings), "--rounds", "3", "--tables", "2", "--seats", "3",
                     "--max-presentations", "2", "--min-visits", "1", "--max-visits", "2",
                     "--json", str(tmp_path / "o.json"))
    assert "Row 3" in str(exc.value) and "rating 'high'" in str(exc.value)
    assert not (tmp_path / "o.json").exists()


def test_cli_missing_file(tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("workshop", "tables", str(tmp_path / "nope.csv"), "--rounds", "1", "--tables", "1",
                     "--seats", "2", "--max-presentations", "1", "--min-visits", "0", "--max-visits", "1",
                     "--json", str(tmp_path / "o.json"))
    assert "Cannot read" in str(exc.value)
