"""Settings that no plan can meet, found before any model is built (each with a plain reason)."""

from __future__ import annotations

from samskap.workshops.roundtables.types import TablesError, TablesProblem, TablesSettings


def check_settings(st: TablesSettings) -> None:
    errors = []
    if st.rounds < 1:
        errors.append("--rounds must be at least 1.")
    if st.tables < 1:
        errors.append("--tables must be at least 1.")
    if st.seats < 2:
        errors.append("--seats must be at least 2 (the presenter and one listener).")
    if st.max_presentations < 0:
        errors.append("--max-presentations cannot be negative.")
    if st.min_visits < 0:
        errors.append("--min-visits cannot be negative.")
    if st.max_visits < st.min_visits:
        errors.append(f"--max-visits ({st.max_visits}) is below --min-visits ({st.min_visits}).")
    if st.min_visits > st.rounds:
        errors.append(f"--min-visits ({st.min_visits}) is more than the number of rounds ({st.rounds}).")
    if st.time_limit <= 0:
        errors.append("--time-limit must be positive.")
    if errors:
        raise TablesError(errors)


def check_problem(problem: TablesProblem) -> None:
    """Counting arguments: enough presentations and seats for everyone's minimum."""
    st = problem.settings
    check_settings(st)
    errors = []
    n_people = len(problem.people)
    n_presenters = len(problem.presenters)
    presenter_set = set(problem.presenters)
    if st.min_visits > 0:
        shows = min(st.rounds * st.tables, n_presenters * st.max_presentations)
        seats = shows * (st.seats - 1)
        need = n_people * st.min_visits
        if seats < need:
            errors.append(
                f"Too few seats: {n_people} people x {st.min_visits} visits = {need} listener seats are "
                f"needed, but at most {shows} presentations x {st.seats - 1} listeners = {seats} exist "
                f"({st.rounds} rounds x {st.tables} tables, {n_presenters} presenters x "
                f"{st.max_presentations} presentations).")
        for person in problem.people:
            others = n_presenters - (1 if person in presenter_set else 0)
            if others < st.min_visits:
                errors.append(f"Person {person} can hear at most {others} other presenters, fewer than "
                              f"--min-visits ({st.min_visits}).")
                break
    if errors:
        raise TablesError(errors)
