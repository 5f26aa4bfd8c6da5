"""The schedule of a round-table event before seating: who presents in each round, which rated
presentations each listener hears in which round (``meetings``), and who sits in an unrated
presentation in which round (``extra``; :mod:`seating` picks their table)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Schedule:
    presenting: dict[int, list[str]]                 # round -> presenters
    meetings: dict[int, list[tuple[str, str]]]       # round -> (listener, presenter)
    extra: dict[int, list[str]]                      # round -> listeners in an unrated presentation
    value: int
    optimal: bool
