"""Problem and plan of a rotating round-table event ("kunnskapsbord") -- pure Python, no Django.

An event has ``rounds`` rounds and ``tables`` tables of ``seats`` seats. In each round a table is
hosted by one presenter and seats up to ``seats - 1`` listeners. A presenter presents at most
``max_presentations`` times and never listens in a round where they present. Every person listens
at between ``min_visits`` and ``max_visits`` tables (rounds as a listener; presenting does not count
as a visit), never twice to the same presenter and never to themselves. The plan maximises the sum of
the listeners' ratings (1-5) of the presenters they hear; an unrated presentation is worth 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class TablesError(ValueError):
    """Input or settings that no plan can satisfy; ``errors`` lists every problem found."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class TablesSettings:
    rounds: int
    tables: int
    seats: int
    max_presentations: int
    min_visits: int
    max_visits: int
    time_limit: float = 30.0
    num_workers: int = 2
    seed: int = 0


@dataclass(frozen=True)
class TablesProblem:
    """``people`` holds every participant (listeners and presenters) once, in input order;
    ``presenters`` those who host a presentation; ``ratings[(person, presenter)]`` is 1-5."""

    people: tuple[str, ...]
    presenters: tuple[str, ...]
    ratings: dict[tuple[str, str], int]
    settings: TablesSettings

    def rating(self, person: str, presenter: str) -> int:
        return self.ratings.get((person, presenter), 0)


@dataclass
class TableSlot:
    table: int
    presenter: str
    listeners: list[str] = field(default_factory=list)


@dataclass
class RoundPlan:
    round: int
    tables: list[TableSlot] = field(default_factory=list)


@dataclass
class TablesStats:
    score: int
    bound: int
    seconds: float
    status: str  # "optimal" when score == bound, else "feasible"
    method: str

    @property
    def gap(self) -> float:
        return 0.0 if self.bound <= 0 else max(0.0, (self.bound - self.score) / self.bound)


@dataclass
class TablesPlan:
    rounds: list[RoundPlan]
    stats: TablesStats
