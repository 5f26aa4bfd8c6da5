"""Inputs and outputs of the workshop planner: problem, settings, weights and plan dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

ACTOR_TYPES = ("municipality", "research", "funding", "other")

TYPE_RANK = {t: i for i, t in enumerate(ACTOR_TYPES)}

class PlanningError(ValueError):
    """Invalid input or settings, or an infeasible set of locks."""

@dataclass(frozen=True)
class Theme:
    id: str  # unique within its session
    label: str  # human label; equal labels in two sessions = same topic

@dataclass
class Session:
    id: str
    themes: list[Theme]
    label: str = ""

@dataclass
class Participant:
    id: str
    name: str
    organisation: str = ""
    actor_type: str = "other"  # one of ACTOR_TYPES
    # session id -> ranked theme ids (best first); missing/empty = not attending
    choices: dict[str, list[str]] = field(default_factory=dict)
    volunteer_host: bool = False
    volunteer_note_taker: bool = False

@dataclass(frozen=True)
class StaffMember:
    id: str
    name: str

@dataclass(frozen=True)
class Placement:
    theme: str
    group: int | None = None  # 1-based group number within the theme

@dataclass
class Weights:
    rank: tuple[int, ...] = (0, 10, 30)
    unassigned: int = 1000
    move_theme: int = 50
    move_group: int = 5
    lack_municipality: int = 5
    lack_research: int = 5
    same_org_pair: int = 1

@dataclass
class Settings:
    min_theme_size: int = 4
    max_group_size: int = 8
    max_groups_per_session: int | None = None  # tables/rooms; None = unlimited
    weights: Weights = field(default_factory=Weights)
    time_limit: float = 30.0  # seconds, whole solve
    num_workers: int = 2
    seed: int = 0
    relative_gap_limit: float = 0.0  # stage-1 early stop (0 = prove optimal)
    # a person is never placed in two themes with the same label
    distinct_labels_across_sessions: bool = True
    use_hint: bool = True  # warm start stage 1 from the greedy baseline
    log: bool = False  # CP-SAT search log on stdout
    cpsat_params: dict = field(default_factory=dict)  # extra stage-1 CP-SAT parameters
    # LP relaxation bound with GLOP: "auto" (large models), "always", "never"
    lp_bound: str = "auto"
    # integer lower bound from the table-knapsack relaxation (and its group
    # counts as a start for the flow local search), see knapsack_bound
    knapsack_bound: bool = True

@dataclass
class Problem:
    sessions: list[Session]
    participants: list[Participant]
    staff: list[StaffMember] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    # (participant id, session id) -> placement in the previously published plan
    previous: dict[tuple[str, str], Placement] = field(default_factory=dict)
    # (participant id, session id) -> placement that must be kept
    locked: dict[tuple[str, str], Placement] = field(default_factory=dict)

class UnplacedReason(StrEnum):
    """Why a person could not be placed in a session (the Django side words it)."""

    CANCELLED = "cancelled"  # every chosen theme was cancelled
    SAME_THEME = "same_theme"  # the chosen themes that run are ones the person attends in another session
    NO_SEAT = "no_seat"  # no seat left in the chosen themes that run (tables, group size)


class CancelReason(StrEnum):
    """Why a theme does not run."""

    TOO_FEW = "too_few"  # fewer sign-ups (at any rank) than the minimum theme size
    NO_TABLE = "no_table"  # enough sign-ups, but every table of the session went to other themes
    OTHER_CHOICES = "other_choices"  # enough sign-ups, but too few are left once the others get a theme
    #                                  they ranked higher (or the plan is cheaper with them elsewhere)


@dataclass
class Group:
    number: int  # 1-based
    members: list[str]  # participant ids
    host: str | None = None  # participant id or staff id
    host_kind: str | None = None  # "volunteer" | "member" | "staff" | None
    note_taker: str | None = None
    note_taker_kind: str | None = None
    mix: dict[str, int] = field(default_factory=dict)  # actor type -> count
    same_org_pairs: int = 0

@dataclass
class ThemePlan:
    theme: str
    status: str  # "running" | "cancelled"
    groups: list[Group] = field(default_factory=list)
    registrants: int = 0  # people listing the theme at any rank (or locked)
    first_choices: int = 0
    cancel_reason: CancelReason | None = None  # set when cancelled

@dataclass
class SessionPlan:
    session: str
    themes: list[ThemePlan]
    tables_used: int = 0

@dataclass
class Unassigned:
    participant: str
    session: str
    reason: UnplacedReason
    themes: tuple[str, ...] = ()  # the theme ids the reason is about (cancelled / taken / full)

@dataclass
class SolveStats:
    status: str  # OPTIMAL | FEASIBLE | GREEDY
    objective: float
    bound: float
    gap: float
    seconds: float
    stage1_status: str = ""
    stage1_objective: float = 0.0
    stage1_bound: float = 0.0
    stage1_seconds: float = 0.0
    stage2_seconds: float = 0.0
    stage2_cpsat_themes: int = 0
    breakdown: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

@dataclass
class Plan:
    sessions: list[SessionPlan]
    unassigned: list[Unassigned]
    stats: SolveStats

    def placements(self) -> dict[tuple[str, str], Placement]:
        out: dict[tuple[str, str], Placement] = {}
        for sp in self.sessions:
            for tp in sp.themes:
                for g in tp.groups:
                    for pid in g.members:
                        out[(pid, sp.session)] = Placement(tp.theme, g.number)
        return out

def org_key(organisation: str) -> str:
    """Normalised organisation used for the same-organisation rule."""
    return " ".join((organisation or "").casefold().split())

def groups_needed(n: int, max_group_size: int) -> int:
    """Fewest groups for n people: ceil(n / max)."""
    return -(-n // max_group_size) if n > 0 else 0

def balanced_sizes(n: int, k: int) -> list[int]:
    q, r = divmod(n, k)
    return [q + 1] * r + [q] * (k - r)

def even_split_pairs(n: int, k: int) -> int:
    """Fewest same-org pairs when n people of one org are split into k groups."""
    if k <= 0 or n <= 1:
        return 0
    q, r = divmod(n, k)
    return k * q * (q - 1) // 2 + r * q
