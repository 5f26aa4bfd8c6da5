"""Workshop planner ("utviklingsverksted") -- pure Python, no Django.

Problem
-------
A workshop has one or more *sessions* (parallel rounds).  Each session offers
*themes*.  Every participant ranks up to a few themes per session (an empty
list means "not attending that session").  The planner decides

* which themes run (a theme with fewer than ``min_theme_size`` people is
  cancelled and its people go to their next choice),
* one theme per person and session, only among the person's choices (or a
  locked placement); people that cannot be placed are reported with a reason,
* for every running theme the fewest groups (``ceil(n / max_group_size)``) with
  sizes differing by at most one, and at most ``max_groups_per_session``
  groups (tables) per session,
* a host ("bordvert") and a note-taker ("referent") per group: volunteers
  among the members first, otherwise organisers' staff, otherwise ``None``.

Objective (minimised, all integer weights, see :class:`Weights`)::

    sum  rank_cost[rank]           over placed person-sessions
  + unassigned                     per attending person-session not placed
  + move_theme                     per person-session whose theme differs from
                                   the previous plan (re-planning)
  + move_group                     per person kept in the same theme but moved
                                   to another group than in the previous plan
  + lack_municipality              per running group without a municipality,
                                   if the theme has any municipality registrant
  + lack_research                  same for research/knowledge actors
  + same_org_pair                  per pair of members of one group from the
                                   same organisation

Decomposition (exact, see docs/benchmarks.md)
-------------------------------------------------------
Stage 1 (one CP-SAT model) chooses running themes, group counts ``k_t`` and
the theme of every person.  The group-level mix and organisation terms are
represented *exactly* at theme level by their best achievable value for the
theme's head-counts:

* groups lacking a municipality  >= max(0, k_t - m_t)
* same-organisation pairs of org o >= g(n_ot, k_t) where
  g(n, k) = sum of C(size, 2) over an even split of n people into k groups
          = max_j ( j*n - k*j*(j+1)/2 )         (linear in n and k!)

Stage 2 splits each running theme into its k_t groups.  Dealing members
round-robin in the order (actor type, organisation) attains all these lower
bounds at the same time (each organisation and each actor-type block is a
contiguous run, so it is spread as evenly as possible, and the dealing keeps
group sizes within one).  The planner checks the bound is attained for every
theme; when it is not (previous/locked groups, or unusual data) that theme is
split by a small CP-SAT model instead.  Because every stage-1 term is a lower
bound of the group-level term, the stage-1 bound is a valid lower bound for
the *whole* problem, and the reported gap is (final objective - stage-1
bound) / final objective.  Group-move penalties (re-planning only) have lower
bound 0 in stage 1, so with a previous plan the decomposition is lexicographic
on that term and the gap reports it honestly.

Bounds and warm starts
----------------------
The reported bound is the largest of three valid lower bounds: CP-SAT's
stage-1 bound, the LP relaxation of stage 1 (GLOP, large models), and the
table-knapsack relaxation (:func:`_knapsack_bound`, proof in its docstring),
a small MIP that keeps group counts integral and the per-session table limit
exact (the LP may shave fractions of tables; that is where its bound was
weak), with per-theme costs computed exactly by a greedy.  Stage 1 starts
from the cheapest of: a min-cost flow with tables by first-choice demand
(:func:`_flow_start`), and a min-cost-flow local search over the group
counts started from the knapsack relaxation's counts (:func:`_local_search_k`).
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

ACTOR_TYPES = ("municipality", "research", "funding", "other")
_TYPE_RANK = {t: i for i, t in enumerate(ACTOR_TYPES)}


class PlanningError(ValueError):
    """Invalid input or settings, or an infeasible set of locks."""


# ---------------------------------------------------------------------------
# Input data
# ---------------------------------------------------------------------------


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
    # counts as a start for the flow local search), see _knapsack_bound
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


# ---------------------------------------------------------------------------
# Output data
# ---------------------------------------------------------------------------


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


@dataclass
class SessionPlan:
    session: str
    themes: list[ThemePlan]
    tables_used: int = 0


@dataclass
class Unassigned:
    participant: str
    session: str
    reason: str


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


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------


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


class _Index:
    """Validated lookups shared by the solver, the baseline and evaluate()."""

    def __init__(self, problem: Problem):
        st = problem.settings
        errors: list[str] = []
        if st.max_group_size < 2:
            errors.append(f"max_group_size must be at least 2 (got {st.max_group_size})")
        if st.min_theme_size < 1:
            errors.append(f"min_theme_size must be at least 1 (got {st.min_theme_size})")
        if st.max_groups_per_session is not None and st.max_groups_per_session < 1:
            errors.append(
                f"max_groups_per_session must be at least 1 (got {st.max_groups_per_session})"
            )
        self.problem = problem
        self.sessions = [s.id for s in problem.sessions]
        if len(set(self.sessions)) != len(self.sessions):
            errors.append("duplicate session ids")
        self.themes: dict[str, list[str]] = {}
        self.label: dict[tuple[str, str], str] = {}
        for sess in problem.sessions:
            ids = [t.id for t in sess.themes]
            if len(set(ids)) != len(ids):
                errors.append(f"duplicate theme ids in session {sess.id}")
            self.themes[sess.id] = ids
            for theme in sess.themes:
                self.label[(sess.id, theme.id)] = theme.label
        self.people: dict[str, Participant] = {}
        for p in problem.participants:
            if p.id in self.people:
                errors.append(f"duplicate participant id {p.id!r}")
            self.people[p.id] = p
            if p.actor_type not in _TYPE_RANK:
                errors.append(f"participant {p.id}: unknown actor type {p.actor_type!r}")
            for sid, ch in p.choices.items():
                if sid not in self.themes:
                    if ch:
                        errors.append(f"participant {p.id}: unknown session {sid!r}")
                    continue
                if len(ch) > len(st.weights.rank):
                    errors.append(
                        f"participant {p.id}: {len(ch)} choices in session {sid} but only "
                        f"{len(st.weights.rank)} rank weights"
                    )
                if len(set(ch)) != len(ch):
                    errors.append(f"participant {p.id}: repeated theme in session {sid}")
                unknown = [t for t in ch if (sid, t) not in self.label]
                if unknown:
                    errors.append(
                        f"participant {p.id}: unknown theme(s) {unknown} in session {sid}"
                    )
        staff_ids = [s.id for s in problem.staff]
        if len(set(staff_ids)) != len(staff_ids):
            errors.append("duplicate staff ids")
        if set(staff_ids) & set(self.people):
            errors.append("staff ids must differ from participant ids")
        for what, mapping in (("locked", problem.locked), ("previous", problem.previous)):
            for (pid, sid), pl in mapping.items():
                if pid not in self.people:
                    errors.append(f"{what}: unknown participant {pid!r}")
                elif (sid, pl.theme) not in self.label:
                    errors.append(f"{what}: unknown theme {pl.theme!r} in session {sid!r}")
        if errors:
            raise PlanningError("; ".join(errors))

        # candidates[s][t] = participant ids that may be placed in t
        self.rank: dict[tuple[str, str, str], int] = {}
        self.candidates: dict[str, dict[str, list[str]]] = {
            s: {t: [] for t in self.themes[s]} for s in self.sessions
        }
        self.attending: dict[str, list[str]] = {s: [] for s in self.sessions}
        for p in problem.participants:
            for s in self.sessions:
                ch = list(p.choices.get(s) or [])
                lock = problem.locked.get((p.id, s))
                if not ch and lock is None:
                    continue
                self.attending[s].append(p.id)
                for r, t in enumerate(ch):
                    self.rank[(p.id, s, t)] = r
                    self.candidates[s][t].append(p.id)
                if lock is not None and (p.id, s, lock.theme) not in self.rank:
                    self.rank[(p.id, s, lock.theme)] = -1  # locked outside choices: cost 0
                    self.candidates[s][lock.theme].append(p.id)
        self.org = {pid: org_key(p.organisation) for pid, p in self.people.items()}
        # does a theme have any registrant of a type (mix rule only applies then)
        self.has_type: dict[tuple[str, str, str], bool] = {}
        for s in self.sessions:
            for t in self.themes[s]:
                types = {self.people[pid].actor_type for pid in self.candidates[s][t]}
                for a in ("municipality", "research"):
                    self.has_type[(s, t, a)] = a in types

    def tables(self, s: str) -> int:
        T = self.problem.settings.max_groups_per_session
        return T if T is not None else max(1, len(self.attending[s]))

    def rank_cost(self, pid: str, s: str, t: str) -> int:
        r = self.rank.get((pid, s, t))
        if r is None:
            raise KeyError((pid, s, t))
        return 0 if r < 0 else self.problem.settings.weights.rank[r]


# ---------------------------------------------------------------------------
# Group-level cost (shared by stage 2, greedy and evaluate)
# ---------------------------------------------------------------------------


def _group_cost(idx: _Index, s: str, t: str, members: list[str], number: int) -> dict[str, int]:
    W = idx.problem.settings.weights
    types = Counter(idx.people[p].actor_type for p in members)
    orgs = Counter(idx.org[p] for p in members if idx.org[p])
    pairs = sum(c * (c - 1) // 2 for c in orgs.values())
    lack_m = int(idx.has_type[(s, t, "municipality")] and types["municipality"] == 0)
    lack_r = int(idx.has_type[(s, t, "research")] and types["research"] == 0)
    moves = 0
    for p in members:
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None and prev.group != number:
            moves += 1
    return {
        "lack_municipality": lack_m,
        "lack_research": lack_r,
        "same_org_pairs": pairs,
        "group_moves": moves,
        "cost": W.lack_municipality * lack_m
        + W.lack_research * lack_r
        + W.same_org_pair * pairs
        + W.move_group * moves,
    }


def _theme_lower_bound(idx: _Index, s: str, t: str, members: list[str], k: int) -> int:
    """Best possible group-level cost of a theme for fixed members and k."""
    W = idx.problem.settings.weights
    types = Counter(idx.people[p].actor_type for p in members)
    orgs = Counter(idx.org[p] for p in members if idx.org[p])
    lb = W.same_org_pair * sum(even_split_pairs(c, k) for c in orgs.values())
    if idx.has_type[(s, t, "municipality")]:
        lb += W.lack_municipality * max(0, k - types["municipality"])
    if idx.has_type[(s, t, "research")]:
        lb += W.lack_research * max(0, k - types["research"])
    for p in members:  # previous group beyond the new group count: unavoidable move
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None and prev.group > k:
            lb += W.move_group
    return lb


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------


def solve(problem: Problem) -> Plan:
    """Plan the workshop with the two-stage CP-SAT decomposition."""
    t0 = time.perf_counter()
    idx = _Index(problem)
    st = problem.settings
    _check_locks(idx)
    hints: list[dict] = []
    notes: list[str] = []
    kb = None
    if st.knapsack_bound:
        kb = _knapsack_bound(idx, max(0.5, 0.25 * st.time_limit))
        if kb is not None:
            notes.append(f"table-knapsack bound {kb['bound']:.0f} ({kb['status']})")
    if st.use_hint:
        hint = _flow_start(idx)
        hints.append(hint if hint is not None else _greedy_assign(idx))
        if kb is not None:
            budget = 0.4 * st.time_limit - (time.perf_counter() - t0)
            if budget > 0.1:
                ls = _local_search_k(idx, kb["k"], kb["out"], kb["best"], budget)
                if ls is not None:
                    hints.append(ls[0])
    s1 = _stage1(idx, max(0.5, st.time_limit * 0.85 - (time.perf_counter() - t0)), hints)
    s1["notes"] = notes + s1["notes"]
    if kb is not None and kb["bound"] > s1["bound"]:
        s1["bound"] = kb["bound"]
    t1 = time.perf_counter()
    remaining = max(1.0, st.time_limit - (t1 - t0))
    groups, s2_cost, s2_cpsat, s2_notes = _stage2(idx, s1["assign"], remaining)
    t2 = time.perf_counter()
    plan = _build_plan(idx, s1["assign"], groups, s1["running"])
    ev = evaluate(problem, plan)
    objective = ev["objective"]
    bound = max(0.0, min(s1["bound"], objective))  # every cost term is >= 0
    gap = 0.0 if objective <= bound else (objective - bound) / max(1.0, abs(objective))
    status = "OPTIMAL" if gap <= 1e-9 else "FEASIBLE"
    plan.stats = SolveStats(
        status=status,
        objective=objective,
        bound=bound,
        gap=gap,
        seconds=round(t2 - t0, 3),
        stage1_status=s1["status"],
        stage1_objective=s1["objective"],
        stage1_bound=s1["bound"],
        stage1_seconds=round(t1 - t0, 3),
        stage2_seconds=round(t2 - t1, 3),
        stage2_cpsat_themes=s2_cpsat,
        breakdown=ev["breakdown"],
        notes=s1["notes"] + s2_notes,
    )
    if ev["violations"]:  # defensive: should never happen
        plan.stats.notes.append("VIOLATIONS: " + "; ".join(ev["violations"]))
    return plan


def greedy_first_come(problem: Problem) -> Plan:
    """Baseline: first come, first served, then cancel small themes.

    People are processed in input order; each gets the best-ranked choice that
    still has a seat (a theme opens another table while the session has one
    left).  Afterwards themes below the minimum are cancelled and their people
    get one more first-come pass over the remaining seats.  Groups are
    consecutive chunks in registration order.
    """
    t0 = time.perf_counter()
    idx = _Index(problem)
    _check_locks(idx)
    assign = _greedy_assign(idx)
    groups: dict[tuple[str, str], list[list[str]]] = {}
    M = problem.settings.max_group_size
    running: set[tuple[str, str]] = set()
    for s in idx.sessions:
        members: dict[str, list[str]] = defaultdict(list)
        for pid in idx.attending[s]:
            t = assign.get((pid, s))
            if t is not None:
                members[t].append(pid)
        for t, mem in members.items():
            running.add((s, t))
            k = groups_needed(len(mem), M)
            chunks, pos = [], 0
            for size in balanced_sizes(len(mem), k):
                chunks.append(mem[pos : pos + size])
                pos += size
            groups[(s, t)] = chunks
    plan = _build_plan(idx, assign, groups, running)
    ev = evaluate(problem, plan)
    plan.stats = SolveStats(
        status="GREEDY",
        objective=ev["objective"],
        bound=float("nan"),
        gap=float("nan"),
        seconds=round(time.perf_counter() - t0, 3),
        breakdown=ev["breakdown"],
        notes=ev["violations"],
    )
    return plan


def evaluate(problem: Problem, plan: Plan) -> dict:
    """Independent cost and quality figures of any plan (solver or baseline).

    Returns ``{"objective", "breakdown", "metrics", "violations"}``.
    """
    idx = _Index(problem)
    st = problem.settings
    W = st.weights
    M = st.max_group_size
    violations: list[str] = []
    place = plan.placements()
    seen: Counter = Counter()
    for sp in plan.sessions:
        for tp in sp.themes:
            for g in tp.groups:
                for pid in g.members:
                    seen[(pid, sp.session)] += 1
    for key, c in seen.items():
        if c > 1:
            violations.append(f"{key} placed {c} times")
    ngroups = {
        (sp.session, tp.theme): len(tp.groups) for sp in plan.sessions for tp in sp.themes
    }
    br: dict[str, float] = defaultdict(float)
    attending = placed = first = 0
    for s in idx.sessions:
        for pid in idx.attending[s]:
            attending += 1
            pl = place.get((pid, s))
            lock = problem.locked.get((pid, s))
            if lock is not None and (pl is None or pl.theme != lock.theme or (
                # a locked group number beyond the theme's new group count
                # cannot be kept (fewest-groups rule); the theme still is
                lock.group is not None
                and pl.group != lock.group
                and lock.group <= ngroups.get((s, lock.theme), 0)
            )):
                violations.append(f"lock of {pid} in session {s} not respected")
            if pl is None:
                br["unassigned"] += W.unassigned
                br["n_unassigned"] += 1
            else:
                placed += 1
                if (pid, s, pl.theme) not in idx.rank:
                    violations.append(f"{pid} placed outside choices in session {s}")
                else:
                    r = idx.rank[(pid, s, pl.theme)]
                    br["rank"] += idx.rank_cost(pid, s, pl.theme)
                    if r == 0:
                        first += 1
                    if r >= 0:
                        br[f"n_rank{r + 1}"] += 1
            prev = problem.previous.get((pid, s))
            if prev is not None and (pl is None or pl.theme != prev.theme):
                br["move_theme"] += W.move_theme
                br["n_theme_moves"] += 1
        for pid in seen:
            if pid[1] == s and pid[0] not in idx.attending[s]:
                violations.append(f"{pid[0]} placed in session {s} without choosing")
    pairs = lack_m = lack_r = gmoves = 0
    for sp in plan.sessions:
        s = sp.session
        used = 0
        if s in idx.sessions and st.distinct_labels_across_sessions:
            pass
        for tp in sp.themes:
            if tp.status != "running":
                if tp.groups:
                    violations.append(f"cancelled theme {tp.theme} has groups")
                continue
            n = sum(len(g.members) for g in tp.groups)
            k = len(tp.groups)
            used += k
            if n < st.min_theme_size:
                violations.append(f"theme {tp.theme} in session {s} runs with {n} < minimum")
            if k != groups_needed(n, M):
                violations.append(f"theme {tp.theme} in session {s}: {k} groups for {n} people")
            sizes = [len(g.members) for g in tp.groups]
            if sizes and (max(sizes) - min(sizes) > 1 or max(sizes) > M):
                violations.append(f"theme {tp.theme} in session {s}: unbalanced sizes {sizes}")
            for g in tp.groups:
                gc = _group_cost(idx, s, tp.theme, g.members, g.number)
                pairs += gc["same_org_pairs"]
                lack_m += gc["lack_municipality"]
                lack_r += gc["lack_research"]
                gmoves += gc["group_moves"]
        if used > idx.tables(s):
            violations.append(f"session {s} uses {used} tables > {idx.tables(s)}")
    if st.distinct_labels_across_sessions:
        labels: dict[str, set[str | None]] = defaultdict(set)
        for (pid, s), pl in place.items():
            lab = idx.label.get((s, pl.theme))
            if lab in labels[pid] and not any(
                (pid, s2) in problem.locked for s2 in idx.sessions
            ):
                violations.append(f"{pid} placed twice in theme {lab!r}")
            labels[pid].add(lab)
    br["same_org_pairs"] = W.same_org_pair * pairs
    br["lack_municipality"] = W.lack_municipality * lack_m
    br["lack_research"] = W.lack_research * lack_r
    br["move_group"] = W.move_group * gmoves
    br["n_same_org_pairs"] = pairs
    br["n_groups_lacking_municipality"] = lack_m
    br["n_groups_lacking_research"] = lack_r
    br["n_group_moves"] = gmoves
    objective = (
        br["rank"]
        + br["unassigned"]
        + br["move_theme"]
        + br["move_group"]
        + br["lack_municipality"]
        + br["lack_research"]
        + br["same_org_pairs"]
    )
    groups = sum(len(tp.groups) for sp in plan.sessions for tp in sp.themes)
    metrics = {
        "attending": attending,
        "placed": placed,
        "placed_share": placed / attending if attending else 1.0,
        "first_choice_share": first / attending if attending else 1.0,
        "same_org_pairs": pairs,
        "groups": groups,
        "groups_lacking_municipality": lack_m,
        "groups_lacking_research": lack_r,
    }
    return {
        "objective": float(objective),
        "breakdown": dict(br),
        "metrics": metrics,
        "violations": violations,
    }


# ---------------------------------------------------------------------------
# Locks, greedy assignment
# ---------------------------------------------------------------------------


def _check_locks(idx: _Index) -> None:
    M = idx.problem.settings.max_group_size
    per: dict[tuple[str, str], int] = Counter()
    for (_pid, s), pl in idx.problem.locked.items():
        per[(s, pl.theme)] += 1
    for s in idx.sessions:
        need = sum(groups_needed(c, M) for (s2, _), c in per.items() if s2 == s)
        if need > idx.tables(s):
            raise PlanningError(
                f"locked placements in session {s} need {need} tables but only "
                f"{idx.tables(s)} are available"
            )


def _greedy_assign(idx: _Index) -> dict[tuple[str, str], str]:
    """First-come assignment (also the stage-1 warm start)."""
    st = idx.problem.settings
    M = st.max_group_size
    assign: dict[tuple[str, str], str] = {}
    order = idx.sessions
    labels_used: dict[str, set[str]] = defaultdict(set)

    def options(pid: str, s: str) -> list[str]:
        lock = idx.problem.locked.get((pid, s))
        if lock is not None:
            return [lock.theme]
        p = idx.people[pid]
        opts = list(p.choices.get(s) or [])
        if st.distinct_labels_across_sessions:
            opts = [t for t in opts if idx.label[(s, t)] not in labels_used[pid]]
        return opts

    def try_place(
        pid: str, s: str, allowed: set[str] | None, state: dict, count: Counter, groups: Counter
    ) -> bool:
        for t in options(pid, s):
            if allowed is not None and t not in allowed:
                continue
            if count[t] < M * groups[t]:
                count[t] += 1
                assign[(pid, s)] = t
                return True
            if state["used"] < state["tables"]:
                state["used"] += 1
                groups[t] += 1
                count[t] += 1
                assign[(pid, s)] = t
                return True
        return False

    for s in order:
        count: Counter = Counter()
        groups: Counter = Counter()
        state = {"used": 0, "tables": idx.tables(s)}
        # locked people first so their themes get tables
        locked_first = sorted(
            idx.attending[s], key=lambda pid: (pid, s) not in idx.problem.locked
        )

        for pid in locked_first:
            try_place(pid, s, None, state, count, groups)
        # cancel themes below the minimum (never themes holding a lock)
        locked_themes = {
            pl.theme for (pid, s2), pl in idx.problem.locked.items() if s2 == s
        }
        small = {
            t
            for t in count
            if count[t] < st.min_theme_size and t not in locked_themes
        }
        if small:
            moved = [pid for pid in locked_first if assign.get((pid, s)) in small]
            for t in small:
                state["used"] -= groups[t]
                groups[t] = 0
                count[t] = 0
            allowed = set(idx.themes[s]) - small
            for pid in moved:
                del assign[(pid, s)]
                try_place(pid, s, allowed, state, count, groups)
            # a theme may have dropped below the minimum again: cancel, unassign
            for t in list(count):
                if 0 < count[t] < st.min_theme_size and t not in locked_themes:
                    for pid in list(idx.attending[s]):
                        if assign.get((pid, s)) == t:
                            del assign[(pid, s)]
                    count[t] = 0
        for pid in idx.attending[s]:
            t = assign.get((pid, s))
            if t is not None:
                labels_used[pid].add(idx.label[(s, t)])
    return assign


# ---------------------------------------------------------------------------
# Stage 1: CP-SAT theme model
# ---------------------------------------------------------------------------


class _LinModel:
    """Solver-neutral linear model (emitted to CP-SAT and to GLOP)."""

    def __init__(self) -> None:
        self.lb: list[int] = []
        self.ub: list[int] = []
        self.rows: list[tuple[list[int], list[int], int | None, int | None]] = []
        self.obj: dict[int, int] = defaultdict(int)
        self.const = 0
        # auxiliary variables, kept to complete warm-start hints
        self.aux_u: list[tuple[int, str, str]] = []  # (u var, person, session)
        self.aux_lack: list[tuple[int, int, list[int]]] = []  # (lack, k, typed x vars)
        self.aux_pairs: list[tuple[int, int, list[int]]] = []  # (pairs, k, one org's x vars)

    def var(self, lb: int, ub: int) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        return len(self.lb) - 1

    def add(self, terms: list[tuple[int, int]], lo: int | None, hi: int | None) -> None:
        acc: dict[int, int] = defaultdict(int)
        for v, c in terms:
            acc[v] += c
        vs = [v for v, c in acc.items() if c]
        self.rows.append((vs, [acc[v] for v in vs], lo, hi))

    def cost(self, v: int, c: int) -> None:
        self.obj[v] += c


def _build_stage1(idx: _Index) -> tuple[_LinModel, dict, dict, dict]:
    st = idx.problem.settings
    W = st.weights
    M = st.max_group_size
    lm = _LinModel()
    x: dict[tuple[str, str, str], int] = {}
    running: dict[tuple[str, str], int] = {}
    kvar: dict[tuple[str, str], int] = {}
    for s in idx.sessions:
        T = idx.tables(s)
        for t in idx.themes[s]:
            for pid in idx.candidates[s][t]:
                x[(pid, s, t)] = lm.var(0, 1)
        for pid in idx.attending[s]:
            opts = [x[(pid, s, t)] for t in idx.themes[s] if (pid, s, t) in x]
            lock = idx.problem.locked.get((pid, s))
            if lock is not None:
                lv = x[(pid, s, lock.theme)]
                lm.add([(lv, 1)], 1, 1)
            u = lm.var(0, 1)  # not placed in this session
            lm.add([(v, 1) for v in opts] + [(u, 1)], 1, 1)
            lm.cost(u, W.unassigned)
            lm.aux_u.append((u, pid, s))
            for t in idx.themes[s]:
                v = x.get((pid, s, t))
                if v is not None and idx.rank_cost(pid, s, t):
                    lm.cost(v, idx.rank_cost(pid, s, t))
            prev = idx.problem.previous.get((pid, s))
            if prev is not None:
                lm.const += W.move_theme
                v = x.get((pid, s, prev.theme))
                if v is not None:
                    lm.cost(v, -W.move_theme)
        ks = []
        for t in idx.themes[s]:
            cand = idx.candidates[s][t]
            if not cand:
                continue
            kmax = min(T, groups_needed(len(cand), M))
            y = lm.var(0, 1)
            k = lm.var(0, kmax)
            running[(s, t)] = y
            kvar[(s, t)] = k
            ks.append(k)
            n = [(x[(pid, s, t)], 1) for pid in cand]
            lm.add(n + [(k, -M)], None, 0)  # n <= M*k
            lm.add(n + [(k, -M), (y, -1)], -M, None)  # n >= M*k - M + y (fewest groups)
            lm.add(n + [(y, -st.min_theme_size)], 0, None)  # n >= min*y
            lm.add([(k, 1), (y, -1)], 0, None)  # k >= y
            lm.add([(k, 1), (y, -kmax)], None, 0)  # k <= kmax*y
            if len(cand) < st.min_theme_size:
                lm.add([(y, 1)], 0, 0)
            # Rounding (MIR) cut.  With d first-choice registrants, d = q*M + r,
            # at least r*(q + 1 - k) of them cannot be seated in t:
            #   d - F >= r * (q + 1 - k)        (F = first choices seated in t)
            # Valid for every integer k (k >= q+1: trivial; k = q: F <= M*q;
            # k < q: r*(q+1-k) <= d - M*k).  It makes the LP see the seats lost
            # to whole tables, which the plain n <= M*k relaxation hides.
            firsts = [x[(pid, s, t)] for pid in cand if idx.rank.get((pid, s, t)) == 0]
            q, r = divmod(len(firsts), M)
            if r:
                lm.add([(v, -1) for v in firsts] + [(k, r)], r * (q + 1) - len(firsts), None)
            # mix: groups lacking a municipality / research actor
            for a, w in (
                ("municipality", W.lack_municipality),
                ("research", W.lack_research),
            ):
                if w and idx.has_type[(s, t, a)]:
                    typed = [x[(pid, s, t)] for pid in cand if idx.people[pid].actor_type == a]
                    lack = lm.var(0, kmax)
                    lm.add([(lack, 1), (k, -1)] + [(v, 1) for v in typed], 0, None)
                    lm.cost(lack, w)
                    lm.aux_lack.append((lack, k, typed))
            # same-organisation pairs: exact even-split value, linear in (n_o, k)
            if W.same_org_pair:
                by_org: dict[str, list[int]] = defaultdict(list)
                for pid in cand:
                    if idx.org[pid]:
                        by_org[idx.org[pid]].append(x[(pid, s, t)])
                for xs_o in by_org.values():
                    No = len(xs_o)
                    if No < 2:
                        continue
                    pv = lm.var(0, No * (No - 1) // 2)
                    for j in range(1, min(No, M)):
                        # pv >= j*c - j(j+1)/2 * k
                        lm.add(
                            [(pv, 1)] + [(v, -j) for v in xs_o] + [(k, j * (j + 1) // 2)],
                            0,
                            None,
                        )
                    lm.cost(pv, W.same_org_pair)
                    lm.aux_pairs.append((pv, k, xs_o))
        if ks:
            lm.add([(k, 1) for k in ks], None, T)

    # never twice in the same topic (label) across sessions
    if st.distinct_labels_across_sessions and len(idx.sessions) > 1:
        for pid, p in idx.people.items():
            if any((pid, s) in idx.problem.locked for s in idx.sessions):
                continue
            by_label: dict[str, list[int]] = defaultdict(list)
            for s in idx.sessions:
                for t in p.choices.get(s) or []:
                    by_label[idx.label[(s, t)]].append(x[(pid, s, t)])
            for vs in by_label.values():
                if len(vs) > 1:
                    lm.add([(v, 1) for v in vs], None, 1)
    return lm, x, running, kvar


def _lp_bound(lm: _LinModel, time_limit: float) -> float | None:
    """LP relaxation of the stage-1 model (GLOP): a valid lower bound."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    inf = solver.infinity()
    vs = [solver.NumVar(lb, ub, "") for lb, ub in zip(lm.lb, lm.ub, strict=True)]
    for idxs, coefs, lo, hi in lm.rows:
        ct = solver.Constraint(-inf if lo is None else lo, inf if hi is None else hi)
        for i, c in zip(idxs, coefs, strict=True):
            ct.SetCoefficient(vs[i], c)
    obj = solver.Objective()
    for i, c in lm.obj.items():
        obj.SetCoefficient(vs[i], c)
    obj.SetMinimization()
    solver.SetTimeLimit(int(max(1.0, time_limit) * 1000))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = obj.Value() + lm.const
    # objective is integral: round up, minus a safety margin for float error
    return float(math.ceil(value - 1e-6 * max(1.0, abs(value)) - 1e-6))


def _flow_start(idx: _Index) -> dict[tuple[str, str], str] | None:
    """Warm start: per session a min-cost flow for fixed table counts.

    Tables go to themes by first-choice demand (largest remainders get the
    spare tables); people flow to themes at their rank cost, through
    (theme, organisation) nodes whose parallel arcs price same-organisation
    pairs convexly; unseated people pay the unassigned cost.  Themes that end
    below the minimum are closed and the flow is re-run.
    """
    from ortools.graph.python import min_cost_flow

    st = idx.problem.settings
    W = st.weights
    M = st.max_group_size
    assign: dict[tuple[str, str], str] = {}
    labels_used: dict[str, set[str]] = defaultdict(set)
    for s in idx.sessions:
        T = idx.tables(s)
        locked = {pid: pl.theme for (pid, s2), pl in idx.problem.locked.items() if s2 == s}
        demand: Counter = Counter()
        for pid in idx.attending[s]:
            if pid in locked:
                demand[locked[pid]] += 1
            else:
                ch = idx.people[pid].choices.get(s) or []
                if ch:
                    demand[ch[0]] += 1
        closed: set[str] = set()
        for _ in range(6):
            # tables: floor(d/M) each, spare ones to the largest remainders
            k = {t: (0 if t in closed else demand[t] // M) for t in idx.themes[s]}
            rest = sorted(
                (t for t in idx.themes[s] if t not in closed and demand[t] % M),
                key=lambda t: -(demand[t] % M),
            )
            spare = T - sum(k.values())
            for t in rest:
                if spare <= 0:
                    break
                k[t] += 1
                spare -= 1
            while spare < 0:  # more themes than tables: drop the smallest
                t = min((t for t in k if k[t]), key=lambda t: demand[t])
                k[t] -= 1
                spare += 1
            for t in locked.values():
                k[t] = max(k[t], 1)
            smcf = min_cost_flow.SimpleMinCostFlow()
            src, snk = 0, 1
            nxt = 2
            tnode: dict[str, int] = {}
            for t in idx.themes[s]:
                if k[t] > 0:
                    tnode[t] = nxt
                    nxt += 1
                    smcf.add_arc_with_capacity_and_unit_cost(tnode[t], snk, M * k[t], 0)
            onode: dict[tuple[str, str], int] = {}
            arcs: list[tuple[int, str, str]] = []
            people = idx.attending[s]
            for pid in people:
                pn = nxt
                nxt += 1
                smcf.add_arc_with_capacity_and_unit_cost(src, pn, 1, 0)
                smcf.add_arc_with_capacity_and_unit_cost(pn, snk, 1, W.unassigned)
                if pid in locked:
                    opts = [locked[pid]]
                else:
                    opts = [
                        t
                        for t in idx.people[pid].choices.get(s) or []
                        if idx.label[(s, t)] not in labels_used[pid]
                        or not st.distinct_labels_across_sessions
                    ]
                for t in opts:
                    if t not in tnode:
                        continue
                    o = idx.org[pid]
                    if o and W.same_org_pair:
                        if (t, o) not in onode:
                            onode[(t, o)] = nxt
                            nxt += 1
                            for j in range(M):
                                smcf.add_arc_with_capacity_and_unit_cost(
                                    nxt - 1, tnode[t], k[t], j * W.same_org_pair
                                )
                        head = onode[(t, o)]
                    else:
                        head = tnode[t]
                    cost = -10 * W.unassigned if pid in locked else idx.rank_cost(pid, s, t)
                    a = smcf.add_arc_with_capacity_and_unit_cost(pn, head, 1, cost)
                    arcs.append((a, pid, t))
            smcf.set_node_supply(src, len(people))
            smcf.set_node_supply(snk, -len(people))
            if smcf.solve() != smcf.OPTIMAL:
                return None
            got: dict[str, str] = {}
            for a, pid, t in arcs:
                if smcf.flow(a):
                    got[pid] = t
            count = Counter(got.values())
            small = {
                t
                for t, c in count.items()
                if c < st.min_theme_size and t not in locked.values()
            }
            if not small:
                break
            closed |= small
        else:
            return None
        for pid, t in got.items():
            assign[(pid, s)] = t
            labels_used[pid].add(idx.label[(s, t)])
    return assign


def _complete_hint(idx, lm, x, running_var, kvar, hint) -> list[int] | None:
    """Values for every stage-1 variable from an assignment (None if the
    assignment breaks a stage-1 constraint)."""
    M = idx.problem.settings.max_group_size
    val = [0] * len(lm.lb)
    for (pid, s, t), v in x.items():
        val[v] = 1 if hint.get((pid, s)) == t else 0
    cnt: Counter = Counter((s, t) for (pid, s), t in hint.items())
    for (s, t), k in kvar.items():
        n = cnt[(s, t)]
        val[k] = groups_needed(n, M)
        val[running_var[(s, t)]] = 1 if n else 0
    for u, pid, s in lm.aux_u:
        val[u] = 0 if (pid, s) in hint else 1
    for lack, k, typed in lm.aux_lack:
        val[lack] = max(0, val[k] - sum(val[v] for v in typed))
    for pv, k, xs_o in lm.aux_pairs:
        val[pv] = even_split_pairs(sum(val[v] for v in xs_o), val[k])
    for idxs, coefs, lo, hi in lm.rows:
        act = sum(c * val[i] for i, c in zip(idxs, coefs, strict=True))
        if (lo is not None and act < lo) or (hi is not None and act > hi):
            return None
    for i, v in enumerate(val):
        if not lm.lb[i] <= v <= lm.ub[i]:
            return None
    return val


def _stage1(idx: _Index, time_limit: float, hints: list[dict]) -> dict:
    from ortools.sat.python import cp_model

    st = idx.problem.settings
    t_end = time.perf_counter() + time_limit
    notes: list[str] = []
    lm, x, running_var, kvar = _build_stage1(idx)
    lp_bound = None
    if st.lp_bound == "always" or (st.lp_bound == "auto" and len(lm.lb) > 5000):
        lp_bound = _lp_bound(lm, 0.75 * time_limit)
        if lp_bound is not None:
            notes.append(f"LP relaxation bound {lp_bound:.0f}")

    model = cp_model.CpModel()
    vs = [model.NewIntVar(lb, ub, "") for lb, ub in zip(lm.lb, lm.ub, strict=True)]
    for idxs, coefs, lo, hi in lm.rows:
        expr = cp_model.LinearExpr.WeightedSum([vs[i] for i in idxs], coefs)
        if lo is not None and hi is not None:
            model.AddLinearConstraint(expr, lo, hi)
        elif lo is not None:
            model.Add(expr >= lo)
        else:
            model.Add(expr <= hi)
    items = list(lm.obj.items())
    obj_expr = cp_model.LinearExpr.WeightedSum([vs[i] for i, _ in items], [c for _, c in items])
    if lp_bound is not None:
        model.Add(obj_expr + lm.const >= int(lp_bound))
    model.Minimize(obj_expr + lm.const)

    # warm start: the cheapest complete hint that satisfies the stage-1 model
    hint_values = None
    hint_obj = None
    for hint in hints:
        vals = _complete_hint(idx, lm, x, running_var, kvar, hint)
        if vals is None:
            continue
        obj = sum(c * vals[i] for i, c in lm.obj.items()) + lm.const
        if hint_obj is None or obj < hint_obj:
            hint_values, hint_obj = vals, obj
    if hint_values is not None:
        for i, val in enumerate(hint_values):
            model.AddHint(vs[i], val)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, t_end - time.perf_counter())
    solver.parameters.num_workers = int(st.num_workers)
    solver.parameters.random_seed = int(st.seed)
    # CP-SAT presolve rewrites the assignment rows into value encodings that
    # weaken its LP on this model (measured: 65-person case 2.1 s -> 0.1 s).
    solver.parameters.cp_model_presolve = False
    if st.relative_gap_limit:
        solver.parameters.relative_gap_limit = float(st.relative_gap_limit)
    solver.parameters.log_search_progress = bool(st.log)
    for key, value in st.cpsat_params.items():
        setattr(solver.parameters, key, value)
    status = solver.Solve(model)
    name = solver.StatusName(status)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if not found and (status == cp_model.INFEASIBLE or hint_obj is None):
        if status == cp_model.INFEASIBLE:
            raise PlanningError(
                "no feasible plan: the locked placements conflict with the table "
                "limit, the minimum theme size or each other"
            )
        raise PlanningError(f"no plan found within {time_limit:.1f} s (status {name})")
    assign: dict[tuple[str, str], str] = {}
    objective = solver.ObjectiveValue() if found else math.inf
    if hint_obj is not None and hint_obj < objective:
        # CP-SAT did not even reach the (complete, feasible) warm start
        notes.append("stage 1 kept the warm start (CP-SAT found nothing better in time)")
        objective = hint_obj
        assert hint_values is not None  # set together with hint_obj
        for (pid, s, t), v in x.items():
            if hint_values[v]:
                assign[(pid, s)] = t
        running = {key for key, y in running_var.items() if hint_values[y]}
    else:
        for (pid, s, t), v in x.items():
            if solver.Value(vs[v]):
                assign[(pid, s)] = t
        running = {key for key, y in running_var.items() if solver.Value(vs[y])}
    bound = solver.BestObjectiveBound() if found else -math.inf
    if lp_bound is not None:
        bound = max(bound, lp_bound)
    return {
        "assign": assign,
        "running": running,
        "status": name,
        "objective": objective,
        "bound": bound,
        "notes": notes,
    }


# ---------------------------------------------------------------------------
# Table-knapsack relaxation: a second, integer lower bound (and the k it picks)
# ---------------------------------------------------------------------------


def _option_costs(idx: _Index, pid: str, s: str) -> tuple[dict[str, int], int | None]:
    """Stage-1 cost of every option of a person-session: theme -> cost, and
    the cost of leaving the person unplaced (None when locked)."""
    W = idx.problem.settings.weights
    prev = idx.problem.previous.get((pid, s))
    lock = idx.problem.locked.get((pid, s))
    mv = W.move_theme if prev is not None else 0
    themes = [lock.theme] if lock is not None else [
        t for t in idx.themes[s] if (pid, s, t) in idx.rank
    ]
    opts = {
        t: idx.rank_cost(pid, s, t) + (mv if prev is None or prev.theme != t else 0)
        for t in themes
    }
    return opts, (None if lock is not None else W.unassigned + mv)


_INF = float("inf")
_MAX_COMBOS = 256
_AGG_INFLOW_CAP = 8
_LS_WIDTH = 4
_LS_K_SPAN = 4
_AGG_SOLVERS = ("HIGHS", "SCIP")  # MIP solvers bundled with OR-Tools


class _ThemeTable:
    """h_t(k, c): least cost attributable to theme t (see :func:`_knapsack_bound`).

    ``members``: people whose unique cheapest option is t, as (org, delta,
    forced); delta = extra cost of any other outcome.  ``h(k, out)``:
    displacement cost of the members not kept plus their even-split pair cost
    with k groups, when the members in ``out`` may not be kept and at most
    M*k are kept.  Exact by a greedy on marginal costs: for one organisation,
    keeping its i-th member (members by decreasing delta) changes the cost by
    W_pair*floor(i/k) - delta, which increases with i, so the cheapest
    selection under one cardinality limit takes the smallest negative
    marginals (a separable convex allocation).
    """

    def __init__(self, members: list[tuple[str, int, bool]], w_pair: int, M: int):
        import numpy as np

        self.M = M
        self.w_pair = w_pair
        orgs = sorted({o for o, _, _ in members})
        oid = {o: i for i, o in enumerate(orgs)}
        order = sorted(range(len(members)), key=lambda i: (
            oid[members[i][0]], not members[i][2], -members[i][1]))
        self.where = {i: j for j, i in enumerate(order)}  # member -> sorted position
        m = [members[i] for i in order]
        self.org = np.array([oid[o] for o, _, _ in m], dtype=np.int64)
        self.has_org = np.array([bool(o) for o, _, _ in m], dtype=bool)
        self.delta = np.array([d for _, d, _ in m], dtype=np.int64)
        self.forced = np.array([f for _, _, f in m], dtype=bool)
        n = len(m)
        start = np.zeros(n, dtype=np.int64)
        for j in range(1, n):
            start[j] = start[j - 1] if self.org[j] == self.org[j - 1] else j
        self.start = start
        self.total_delta = int(self.delta[~self.forced].sum()) if n else 0
        self._pos: dict[frozenset[int], tuple] = {}

    def _positions(self, out: frozenset[int]):
        import numpy as np

        got = self._pos.get(out)
        if got is None:
            keep = np.ones(len(self.org), dtype=bool)
            for i in out:
                keep[self.where[i]] = False
            cs = np.cumsum(keep) - keep  # kept members before j
            pos = cs - cs[self.start] if len(cs) else cs
            got = (keep, pos)
            self._pos[out] = got
        return got

    def h(self, k: int, out: frozenset[int] = frozenset(), taken: int = 0) -> float:
        """``taken`` seats are occupied by people from outside D_t."""
        import numpy as np

        if k <= 0:
            return _INF if self.forced.any() or taken else self.total_delta
        if not len(self.org):
            return 0 if taken <= self.M * k else _INF
        keep, pos = self._positions(out)
        pc = np.where(self.has_org, self.w_pair * (pos // k), 0)
        forced = self.forced
        n_forced = int(forced.sum())
        cap = self.M * k - n_forced - taken
        if cap < 0:
            return _INF
        forced_cost = int(pc[forced].sum())
        marg = (pc - self.delta)[keep & ~forced]
        neg = marg[marg < 0]
        if len(neg) > cap:
            neg = np.partition(neg, cap - 1)[:cap] if cap > 0 else neg[:0]
        return self.total_delta + forced_cost + int(neg.sum())

    def h_taken(self, k: int, out: frozenset[int], n_taken: int) -> list[float]:
        """[h(k, out, i) for i in 0..n_taken] with one sort."""
        import numpy as np

        if k <= 0 or not len(self.org):
            return [self.h(k, out, i) for i in range(n_taken + 1)]
        keep, pos = self._positions(out)
        pc = np.where(self.has_org, self.w_pair * (pos // k), 0)
        forced = self.forced
        n_forced = int(forced.sum())
        forced_cost = int(pc[forced].sum())
        marg = (pc - self.delta)[keep & ~forced]
        neg = np.sort(marg[marg < 0])
        cums = np.concatenate(([0], np.cumsum(neg)))
        res = []
        for i in range(n_taken + 1):
            cap = self.M * k - n_forced - i
            if cap < 0:
                res.append(_INF)
            else:
                res.append(self.total_delta + forced_cost + int(cums[min(cap, len(neg))]))
        return res


def _knapsack_bound(idx: _Index, time_limit: float) -> dict | None:
    """Integer lower bound from a small relaxation with exact group counts.

    The stage-1 LP lets group counts be fractional, so it can shave "part of
    a table" from many themes at once; this relaxation keeps every k_t
    integer and the per-session table knapsack exact, at the price of
    aggregating people.  Notation: c0(p,s) is the cheapest stage-1 cost of
    person-session (p,s) over its options (themes it may join, or unplaced);
    if that is a unique theme b(p,s), delta(p,s) > 0 is the extra cost of
    every other outcome (locked people: only the lock, delta = infinity).
    D_t = people with b = t.  "Conflicted" = a person without locks whose
    cheapest themes in several sessions share a label.

    Proof of validity.  For any feasible plan P (k_t its group counts, S_t
    the members of theme t, O_t the conflicted people of D_t not in t, I_t
    the conflicted people seated in t although b != t):

    1. cost(P) >= sum c0 + sum_{(p,s) not seated in b} delta(p,s)
                 + extra(p,s) + pair cost + lack cost, where extra >= 0 is
       the cost of a conflicted person's actual outcome beyond c0 + delta
       (group moves >= 0 are dropped);
    2. pairs in t >= sum_o g(|S_t ∩ D_t ∩ o|, k_t), g = even_split_pairs
       (g is nondecreasing in n and even splitting is least), and
       |S_t ∩ D_t| <= M*k_t - |I_t|;
    3. lack of municipality >= max(0, k_t - m_t), m_t = all municipality
       registrants of t (an upper bound on the members); same for research;
    4. sum_t k_t <= tables(s); a conflicted person keeps b in at most one
       of the sessions whose cheapest themes share the label.

    Grouping by theme: cost(P) >= sum c0 + sum extra + sum_t [h_t(k_t, O_t,
    |I_t|) + lack_t(k_t)], with h_t the minimum over all keep sets
    (:class:`_ThemeTable`, exact).  h_t is nonincreasing in k and
    nondecreasing in the seats taken, so a range a..b of group counts is
    represented by cost h_t(b) + lack_t(a) and a tables, and only
    min(|I_t|, cap) taken seats are charged -- relaxations again.  The MIP
    below chooses per theme one (k-range, conflicted out, seats taken) and
    per conflicted person-session kept / other option / unplaced; P gives
    one of its feasible points with value <= cost(P).  Hence its optimum,
    and any proven dual bound of it, is <= the optimum of the full problem.
    Returns None if no MIP solver is available or time runs out while
    building.
    """
    from ortools.linear_solver import pywraplp

    t_end = time.perf_counter() + time_limit
    st = idx.problem.settings
    W = st.weights
    M = st.max_group_size
    base = 0
    best: dict[tuple[str, str], tuple[str, float]] = {}
    cheapest: dict[tuple[str, str], tuple] = {}
    for s in idx.sessions:
        for pid in idx.attending[s]:
            opts, u = _option_costs(idx, pid, s)
            vals = sorted(opts.values())
            allc = vals + ([u] if u is not None else [])
            c0 = min(allc)
            base += c0
            tb = [t for t, c in opts.items() if c == c0]
            if len(tb) != 1:
                continue
            rest = sorted(allc)
            second = rest[1] if len(rest) > 1 else _INF
            if u is None and len(opts) == 1:
                second = _INF
            if second > c0:
                best[(pid, s)] = (tb[0], second - c0)
                cheapest[(pid, s)] = (c0, opts, u)
    # label conflicts among cheapest options (people without locks)
    conflicts: list[list[tuple[str, str]]] = []
    if st.distinct_labels_across_sessions and len(idx.sessions) > 1:
        for pid in idx.people:
            if any((pid, s) in idx.problem.locked for s in idx.sessions):
                continue
            by_label: dict[str, list[str]] = defaultdict(list)
            for s in idx.sessions:
                bp = best.get((pid, s))
                if bp is not None:
                    by_label[idx.label[(s, bp[0])]].append(s)
            for ss in by_label.values():
                if len(ss) > 1:
                    conflicts.append([(pid, s) for s in ss])
    conflicted = {key for grp in conflicts for key in grp}

    model = None
    for name in _AGG_SOLVERS:
        model = pywraplp.Solver.CreateSolver(name)
        if model is not None:
            break
    if model is None:
        return None
    model.SuppressOutput()
    if name == "HIGHS":
        model.SetSolverSpecificParametersAsString("output_flag=false")  # no banner
    objective: list = []
    delta_var: dict[tuple[str, str], Any] = {}
    choice: dict[tuple[str, str], list[tuple[Any, int, int]]] = {}
    # where a conflicted person goes when not kept: another option (its seat
    # counts against that theme) or unplaced; extra cost beyond delta >= 0
    inflow: dict[tuple[str, str], list] = defaultdict(list)
    for pid, s in sorted(conflicted):
        c0, opts, u = cheapest[(pid, s)]
        bt, d = best[(pid, s)]
        ys = []
        for t2, c in opts.items():
            if t2 != bt:
                y = model.BoolVar("")
                ys.append(y)
                inflow[(s, t2)].append(y)
                objective.append((y, int(c - c0 - d)))
        if u is not None:
            y = model.BoolVar("")
            ys.append(y)
            objective.append((y, int(u - c0 - d)))
        delta_var[(pid, s)] = model.BoolVar("")
        model.Add(sum(ys) == delta_var[(pid, s)])
    for s in idx.sessions:
        T = idx.tables(s)
        table_terms = []
        for t in idx.themes[s]:
            cand = idx.candidates[s][t]
            if not cand:
                continue
            kmax = min(T, groups_needed(len(cand), M))
            D = [pid for pid in idx.attending[s] if best.get((pid, s), ("",))[0] == t]
            members = []
            conf_pos = []
            for pid in D:
                forced = best[(pid, s)][1] == _INF
                members.append((idx.org[pid], 0 if forced else int(best[(pid, s)][1]), forced))
                if (pid, s) in conflicted:
                    conf_pos.append((len(members) - 1, pid))
            tab = _ThemeTable(members, W.same_org_pair, M)
            lacks = []
            for a_t, w in (("municipality", W.lack_municipality), ("research", W.lack_research)):
                if w and idx.has_type[(s, t, a_t)]:
                    m_all = sum(1 for p in cand if idx.people[p].actor_type == a_t)
                    lacks.append((w, m_all))

            def lack(k: int, lacks=lacks) -> int:
                return sum(w * max(0, k - m) for w, m in lacks)

            kc = groups_needed(len(D), M)
            lo = max(1, min(kc, kmax) - 2)
            hi = min(kmax, max(kc, 1) + 2)
            elems: list[tuple[int, int]] = [(0, 0)] if kmax >= 0 else []
            if lo > 1:
                elems.append((1, lo - 1))
            elems += [(k, k) for k in range(lo, hi + 1)]
            if hi < kmax:
                elems.append((hi + 1, kmax))
            # conflicted members forced out: enumerate subsets by (org, delta)
            cls: dict[tuple, list[int]] = defaultdict(list)
            for i, _pid in conf_pos:
                cls[members[i][:2]].append(i)
            combos: list[tuple[int, frozenset[int]]] = [(0, frozenset())]
            if math.prod(len(v) + 1 for v in cls.values()) <= _MAX_COMBOS:
                for lst in cls.values():
                    combos = [
                        (c + j, out | frozenset(lst[:j]))
                        for c, out in combos
                        for j in range(len(lst) + 1)
                    ]
            else:
                # too many: ignore who is out (h(k, {}) <= h(k, out): still a bound)
                combos = [(c, frozenset()) for c in range(len(conf_pos) + 1)]
            nconf = len(conf_pos)
            n_in = len(inflow[(s, t)])
            icap = min(n_in, _AGG_INFLOW_CAP)
            vars_t = []
            in_terms: list[tuple[Any, int]] = []
            forced_any = any(f for _, _, f in members)
            for a, b in elems:
                if b == 0:
                    if not forced_any:  # cancelled: nobody kept
                        z = model.BoolVar("")
                        vars_t.append((z, 0, nconf))
                        objective.append((z, sum(d for _, d, f in members)))
                    continue
                hks: list[dict[int, float]] = [{} for _ in range(icap + 1)]
                for c, out_set in combos:
                    for i, v in enumerate(tab.h_taken(b, out_set, icap)):
                        hks[i][c] = min(hks[i].get(c, _INF), v)
                for i in range(icap + 1):
                    hk = hks[i]
                    for c, v in hk.items():
                        if v == _INF:
                            continue
                        z = model.BoolVar("")
                        vars_t.append((z, a, c))
                        in_terms.append((z, i))
                        objective.append((z, int(v) + lack(a)))
                        table_terms.append((z, a))
            if time.perf_counter() > t_end:
                return None
            model.Add(sum(z for z, _, _ in vars_t) == 1)
            # seats taken by conflicted people moving in: i <= min(in-flow, icap)
            if n_in:
                slack = model.NumVar(0, n_in - icap, "")
                model.Add(
                    sum(i * z for z, i in in_terms) + slack >= sum(inflow[(s, t)])
                )
                if n_in > icap:
                    model.Add(slack <= (n_in - icap) * sum(z for z, i in in_terms if i == icap))
            if nconf:
                model.Add(
                    sum(delta_var[(pid, s)] for _i, pid in conf_pos)
                    == sum(c * z for z, _, c in vars_t)
                )
            choice[(s, t)] = vars_t
        model.Add(sum(a * z for z, a in table_terms) <= T)
    for grp in conflicts:
        model.Add(sum(delta_var[key] for key in grp) >= len(grp) - 1)
    model.Minimize(sum(c * z for z, c in objective) + base)
    model.SetTimeLimit(int(max(0.2, t_end - time.perf_counter()) * 1000))
    model.SetNumThreads(1)
    status = model.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None
    ks = {}
    for key, vars_t in choice.items():
        for z, a, _c in vars_t:
            if z.solution_value() > 0.5:
                ks[key] = a
    out = {key for key, v in delta_var.items() if v.solution_value() > 0.5}
    bound = model.Objective().BestBound()
    return {
        "bound": float(math.ceil(bound - 1e-6 * max(1.0, abs(bound)))),
        "objective": model.Objective().Value(),
        "status": "OPTIMAL" if status == pywraplp.Solver.OPTIMAL else "FEASIBLE",
        "k": ks,
        "out": out,
        "best": {key: b[0] for key, b in best.items()},
    }




class _SessionFlow:
    """Min-cost flow of one session for a fixed group count per theme.

    Built once; a new group-count vector or new label exclusions only change
    arc capacities, so local search over the group counts re-solves the
    same graph.  Costs: option cost per person (rank, theme moves), the
    unplaced cost, even-split pair costs (organisation -> type arcs: M
    parallel arcs of capacity k with unit costs 0, w, 2w, ...), missing
    municipality/research actors (type -> theme: a reward w on the first k
    units), and a large reward on the first max(min, M*(k-1)+1) units into
    each theme to enforce the fewest-groups rule.
    """

    def __init__(self, idx: _Index, s: str, k_low: dict[str, int] | None = None):
        from ortools.graph.python import min_cost_flow

        st = idx.problem.settings
        W = st.weights
        M = st.max_group_size
        self.idx, self.s, self.M = idx, s, M
        self.big = 4 * (W.unassigned + max(W.rank) + W.move_theme) + 1
        f = min_cost_flow.SimpleMinCostFlow()
        self.f = f
        src, snk = 0, 1
        nxt = 2
        self.tnode: dict[str, int] = {}
        self.theme_arcs: dict[str, tuple[int, int]] = {}
        self.k_arcs: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (arc, mult of k)
        themes = [t for t in idx.themes[s] if idx.candidates[s][t]]
        for t in themes:
            self.tnode[t] = nxt
            nxt += 1
            lo_arc = f.add_arc_with_capacity_and_unit_cost(self.tnode[t], snk, 0, -self.big)
            hi_arc = f.add_arc_with_capacity_and_unit_cost(self.tnode[t], snk, 0, 0)
            self.theme_arcs[t] = (lo_arc, hi_arc)
        typenode: dict[tuple[str, str], int] = {}
        orgnode: dict[tuple[str, str, str], int] = {}
        self.person_arcs: list[tuple[int, str, str]] = []
        k_low = {t: max(1, k) for t, k in (k_low or {}).items()}
        org_count: Counter = Counter(
            (t, idx.org[p]) for t in themes for p in idx.candidates[s][t]
        )
        # constant part of the lack terms: w per group (the arcs reward w per
        # group that has the actor type)
        self.lack_w = {
            t: sum(
                w
                for a_t, w in (("municipality", W.lack_municipality), ("research", W.lack_research))
                if w and idx.has_type[(s, t, a_t)]
            )
            for t in themes
        }
        people = idx.attending[s]
        for pid in people:
            pn = nxt
            nxt += 1
            f.add_arc_with_capacity_and_unit_cost(src, pn, 1, 0)
            opts, u = _option_costs(idx, pid, s)
            if u is not None:
                f.add_arc_with_capacity_and_unit_cost(pn, snk, 1, u)
            locked = (pid, s) in idx.problem.locked
            for t, c in opts.items():
                a_t = idx.people[pid].actor_type
                if (t, a_t) not in typenode:
                    typenode[(t, a_t)] = nxt
                    nxt += 1
                    w = {"municipality": W.lack_municipality, "research": W.lack_research}.get(
                        a_t, 0
                    )
                    if w and idx.has_type[(s, t, a_t)]:
                        a = f.add_arc_with_capacity_and_unit_cost(nxt - 1, self.tnode[t], 0, -w)
                        self.k_arcs[t].append((a, 1))
                    a = f.add_arc_with_capacity_and_unit_cost(nxt - 1, self.tnode[t], 0, 0)
                    self.k_arcs[t].append((a, M))
                o = idx.org[pid]
                n_o = org_count[(t, o)] if o else 0
                if o and W.same_org_pair and n_o > k_low.get(t, 1):
                    if (t, o, a_t) not in orgnode:
                        orgnode[(t, o, a_t)] = nxt
                        nxt += 1
                        # enough parallel arcs for any k >= k_low
                        for j in range(min(M, -(-n_o // k_low.get(t, 1)))):
                            a = f.add_arc_with_capacity_and_unit_cost(
                                nxt - 1, typenode[(t, a_t)], 0, j * W.same_org_pair
                            )
                            self.k_arcs[t].append((a, 1))
                    h = orgnode[(t, o, a_t)]
                else:
                    h = typenode[(t, a_t)]
                a = f.add_arc_with_capacity_and_unit_cost(
                    pn, h, 1, c - (2 * self.big if locked else 0)
                )
                self.person_arcs.append((a, pid, t))
        f.set_node_supply(src, len(people))
        f.set_node_supply(snk, -len(people))
        self.n_people = len(people)
        self.k: dict[str, int] = {t: 0 for t in themes}
        self.blocked: set[int] = set()

    def lo(self, k: int) -> int:
        st = self.idx.problem.settings
        return 0 if k <= 0 else min(self.M * k, max(st.min_theme_size, self.M * (k - 1) + 1))

    def set_k(self, t: str, k: int) -> None:
        f = self.f
        lo_arc, hi_arc = self.theme_arcs[t]
        lo = self.lo(k)
        f.set_arc_capacity(lo_arc, lo)
        f.set_arc_capacity(hi_arc, self.M * k - lo)
        for a, mult in self.k_arcs[t]:
            f.set_arc_capacity(a, mult * k)
        self.k[t] = k

    def block(self, blocked: set[int]) -> None:
        """Close the person arcs in ``blocked`` (label rule), reopen others."""
        for a in self.blocked - blocked:
            self.f.set_arc_capacity(a, 1)
        for a in blocked - self.blocked:
            self.f.set_arc_capacity(a, 0)
        self.blocked = set(blocked)

    def solve(self) -> float:
        """Plan cost for the current k (inf if the fewest-groups rule fails)."""
        f = self.f
        if f.solve() != f.OPTIMAL:
            return _INF
        lo_total = 0
        for lo_arc, _hi in self.theme_arcs.values():
            lo = f.capacity(lo_arc)
            if f.flow(lo_arc) < lo:
                return _INF
            lo_total += lo
        return (
            f.optimal_cost()
            + self.big * lo_total
            + sum(self.lack_w[t] * k for t, k in self.k.items())
        )

    def assignment(self) -> dict[str, str]:
        return {pid: t for a, pid, t in self.person_arcs if self.f.flow(a)}


def _local_search_k(
    idx: _Index,
    start_k: dict[tuple[str, str], int],
    out: set[tuple[str, str]],
    best: dict,
    time_limit: float,
) -> tuple[dict[tuple[str, str], str], float] | None:
    """Primal heuristic: sessions are solved as exact min-cost flows for fixed
    group counts; the counts are improved by moving, adding or removing one
    table at a time (first the single changes, then swaps between the best
    candidates), alternating over sessions so the label rule sees the other
    sessions' current assignment."""
    t_end = time.perf_counter() + time_limit
    st = idx.problem.settings
    flows = {
        s: _SessionFlow(
            idx, s, {t: k - _LS_K_SPAN for (s2, t), k in start_k.items() if s2 == s}
        )
        for s in idx.sessions
    }
    assign: dict[str, dict[str, str]] = {s: {} for s in idx.sessions}
    no_labels = {
        pid for pid in idx.people if any((pid, s) in idx.problem.locked for s in idx.sessions)
    }

    def blocked_for(s: str) -> set[int]:
        bl = set()
        fl = flows[s]
        for a, pid, t in fl.person_arcs:
            if pid in no_labels:
                continue
            if not assign[s] and (pid, s) in out and best.get((pid, s)) == t:
                bl.add(a)  # first pass: the relaxation's choice of who moves
                continue
            if st.distinct_labels_across_sessions:
                lab = idx.label[(s, t)]
                for s2 in idx.sessions:
                    t2 = assign[s2].get(pid) if s2 != s else None
                    if t2 is not None and idx.label[(s2, t2)] == lab:
                        bl.add(a)
                        break
        return bl

    cost: dict[str, float] = {}
    for s in idx.sessions:
        fl = flows[s]
        for t in fl.k:
            fl.set_k(t, max(0, start_k.get((s, t), 0)))
        fl.block(blocked_for(s))
        cost[s] = fl.solve()
        if cost[s] == _INF:
            return None
        assign[s] = fl.assignment()
    # every state below is label-consistent: the session solved last avoids
    # the labels of all others, which were consistent among themselves
    best_total = sum(cost.values())
    best_assign = {s: dict(a) for s, a in assign.items()}
    improved = True
    while improved and time.perf_counter() < t_end:
        improved = False
        for s in idx.sessions:
            fl = flows[s]
            fl.block(blocked_for(s))
            cur = fl.solve()
            if cur == _INF:  # the other sessions' labels leave no feasible flow
                improved = False
                break
            cost[s] = cur
            assign[s] = fl.assignment()
            T = idx.tables(s)
            themes = list(fl.k)

            def trial(changes: dict[str, int], fl=fl) -> float:
                old = {t: fl.k[t] for t in changes}
                for t, k in changes.items():
                    fl.set_k(t, k)
                v = fl.solve()
                for t, k in old.items():
                    fl.set_k(t, k)
                return v

            singles: list[tuple[float, dict[str, int]]] = []
            used = sum(fl.k.values())
            kmax = {t: min(T, groups_needed(len(idx.candidates[s][t]), fl.M)) for t in themes}
            for t in themes:
                if time.perf_counter() > t_end:
                    break
                if fl.k[t] > 0:
                    ch = {t: fl.k[t] - 1}
                    singles.append((trial(ch), ch))
                if fl.k[t] < kmax[t] and used < T:
                    ch = {t: fl.k[t] + 1}
                    singles.append((trial(ch), ch))
            minus = sorted(
                (v, t) for v, ch in singles for t, k in ch.items() if k < fl.k[t]
            )[:_LS_WIDTH]
            plus_all = [
                (t, fl.k[t] + 1) for t in themes if fl.k[t] < kmax[t]
            ]
            # a swap frees a table where it hurts least and adds one anywhere
            best_v, best_ch = cur, None
            for v, ch in singles:
                if v < best_v - 1e-9:
                    best_v, best_ch = v, ch
            for _v, a in minus:
                for b, kb in plus_all:
                    if b == a or time.perf_counter() > t_end:
                        continue
                    ch = {a: fl.k[a] - 1, b: kb}
                    v = trial(ch)
                    if v < best_v - 1e-9:
                        best_v, best_ch = v, ch
            if best_ch is not None:
                for t, k in best_ch.items():
                    fl.set_k(t, k)
            cost[s] = fl.solve()
            assign[s] = fl.assignment()
            total = sum(cost.values())
            if total < best_total - 1e-9:  # stop after a round without progress
                best_total = total
                best_assign = {s2: dict(a) for s2, a in assign.items()}
                improved = True
    result = {(pid, s): t for s in idx.sessions for pid, t in best_assign[s].items()}
    return result, best_total


# ---------------------------------------------------------------------------
# Stage 2: split each running theme into groups
# ---------------------------------------------------------------------------


def _deal(idx: _Index, members: list[str], k: int) -> list[list[str]]:
    """Round-robin dealing in (actor type, organisation) order.

    Every organisation and every actor-type block is a contiguous run of the
    dealing order, so each is spread as evenly as possible over the k groups
    while group sizes stay within one of each other.
    """
    org_size = Counter(idx.org[p] for p in members)
    order = sorted(
        members,
        key=lambda p: (
            _TYPE_RANK[idx.people[p].actor_type],
            -org_size[idx.org[p]],
            idx.org[p],
        ),
    )
    groups: list[list[str]] = [[] for _ in range(k)]
    for i, p in enumerate(order):
        groups[i % k].append(p)
    return groups


def _deal_keeping(idx: _Index, s: str, t: str, members: list[str], k: int) -> list[list[str]]:
    """Feasible split that honours locked groups, keeps previous groups where
    there is room, and deals the rest round-robin (stage-2 warm start and
    fallback)."""
    sizes = balanced_sizes(len(members), k)
    groups: list[list[str]] = [[] for _ in range(k)]
    rest: list[str] = []
    for p in members:
        lock = idx.problem.locked.get((p, s))
        if lock is not None and lock.theme == t and lock.group is not None and lock.group <= k:
            groups[lock.group - 1].append(p)
        else:
            rest.append(p)
    # the largest sizes go to the groups holding most locked people
    order = sorted(range(k), key=lambda g: -len(groups[g]))
    cap = {g: sizes[i] for i, g in enumerate(order)}
    later: list[str] = []
    for p in rest:
        prev = idx.problem.previous.get((p, s))
        g = prev.group - 1 if prev and prev.theme == t and prev.group is not None else None
        if g is not None and g < k and len(groups[g]) < cap[g]:
            groups[g].append(p)
        else:
            later.append(p)
    for p in _deal(idx, later, 1)[0]:
        g = min(range(k), key=lambda g: (len(groups[g]) - cap[g], g))
        groups[g].append(p)
    return groups


def _needs_cpsat(idx: _Index, s: str, t: str, members: list[str]) -> bool:
    for p in members:
        lock = idx.problem.locked.get((p, s))
        if lock is not None and lock.group is not None:
            return True
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None:
            return True
    return False


def _stage2(
    idx: _Index, assign: dict[tuple[str, str], str], time_budget: float
) -> tuple[dict[tuple[str, str], list[list[str]]], int, int, list[str]]:
    M = idx.problem.settings.max_group_size
    members: dict[tuple[str, str], list[str]] = defaultdict(list)
    for s in idx.sessions:
        for pid in idx.attending[s]:
            t = assign.get((pid, s))
            if t is not None:
                members[(s, t)].append(pid)
    out: dict[tuple[str, str], list[list[str]]] = {}
    total = 0
    hard: list[tuple[str, str]] = []
    for (s, t), mem in members.items():
        k = groups_needed(len(mem), M)
        if _needs_cpsat(idx, s, t, mem):
            groups = _deal_keeping(idx, s, t, mem, k)
        else:
            groups = _deal(idx, mem, k)
        cost = sum(_group_cost(idx, s, t, g, i + 1)["cost"] for i, g in enumerate(groups))
        lb = _theme_lower_bound(idx, s, t, mem, k)
        if cost > lb or _needs_cpsat(idx, s, t, mem):
            hard.append((s, t))
        out[(s, t)] = groups
        total += cost
    notes: list[str] = []
    if hard:
        t_end = time.perf_counter() + time_budget
        skipped = 0
        for i, (s, t) in enumerate(hard):
            remaining = t_end - time.perf_counter()
            if remaining < 0.3:
                skipped += 1  # keep the feasible dealt / kept-groups split
                continue
            left = max(0.2, remaining / (len(hard) - i))
            groups, status = _split_cpsat(idx, s, t, members[(s, t)], out[(s, t)], left)
            out[(s, t)] = groups
            if status != "OPTIMAL":
                notes.append(f"stage 2 split of {t!r} (session {s}) not proven optimal: {status}")
        if skipped:
            notes.append(
                f"stage 2: time limit reached, {skipped} theme(s) keep the dealt split "
                "(previous/locked groups kept where possible)"
            )
    for (s, t), groups in out.items():
        if (s, t) not in hard:
            _spread_volunteers(idx, groups)
    total = sum(
        _group_cost(idx, s, t, g, i + 1)["cost"]
        for (s, t), groups in out.items()
        for i, g in enumerate(groups)
    )
    return out, total, len(hard), notes


def _spread_volunteers(idx: _Index, groups: list[list[str]]) -> None:
    """Swap volunteers with same-(organisation, type) members of other groups.

    Such swaps leave every cost term unchanged but let more groups get a
    volunteer host / note-taker.
    """
    for flag in ("volunteer_host", "volunteer_note_taker"):
        def vols(g: list[str], flag: str = flag) -> list[str]:
            return [p for p in g if getattr(idx.people[p], flag)]

        lacking = [g for g in groups if not vols(g)]
        for g in lacking:
            done = False
            for donor in groups:
                dv = vols(donor)
                if len(dv) < 2 or done:
                    continue
                for v in dv:
                    other = (
                        "volunteer_note_taker" if flag == "volunteer_host" else "volunteer_host"
                    )
                    if getattr(idx.people[v], other) and len(vols(donor, other)) < 2:
                        continue  # the donor would lose its only other-role volunteer
                    cls = (idx.org[v], idx.people[v].actor_type)
                    for w in g:
                        if (idx.org[w], idx.people[w].actor_type) == cls and not (
                            idx.people[w].volunteer_host or idx.people[w].volunteer_note_taker
                        ):
                            donor[donor.index(v)] = w
                            g[g.index(w)] = v
                            done = True
                            break
                    if done:
                        break


def _split_cpsat(
    idx: _Index,
    s: str,
    t: str,
    members: list[str],
    start: list[list[str]],
    time_limit: float,
) -> tuple[list[list[str]], str]:
    from ortools.sat.python import cp_model

    st = idx.problem.settings
    W = st.weights
    n = len(members)
    k = len(start)
    sizes = balanced_sizes(n, k)
    lo, hi = min(sizes), max(sizes)
    model = cp_model.CpModel()
    x = {(p, g): model.NewBoolVar("") for p in members for g in range(k)}
    terms: list = []
    coefs: list[int] = []
    const = 0
    for p in members:
        model.AddExactlyOne(x[(p, g)] for g in range(k))
        lock = idx.problem.locked.get((p, s))
        if lock is not None and lock.theme == t and lock.group is not None:
            if lock.group <= k:
                model.Add(x[(p, lock.group - 1)] == 1)
        prev = idx.problem.previous.get((p, s))
        if prev is not None and prev.theme == t and prev.group is not None:
            const += W.move_group
            if prev.group <= k:
                terms.append(x[(p, prev.group - 1)])
                coefs.append(-W.move_group)
    for g in range(k):
        model.AddLinearConstraint(sum(x[(p, g)] for p in members), lo, hi)
    for a, w in (("municipality", W.lack_municipality), ("research", W.lack_research)):
        if not (w and idx.has_type[(s, t, a)]):
            continue
        typed = [p for p in members if idx.people[p].actor_type == a]
        for g in range(k):
            has = model.NewBoolVar("")
            if typed:
                model.Add(has <= sum(x[(p, g)] for p in typed))
            else:
                model.Add(has == 0)
            const += w
            terms.append(has)
            coefs.append(-w)
    if W.same_org_pair:
        by_org: dict[str, list[str]] = defaultdict(list)
        for p in members:
            if idx.org[p]:
                by_org[idx.org[p]].append(p)
        for ps in by_org.values():
            No = len(ps)
            if No < 2:
                continue
            for g in range(k):
                c = sum(x[(p, g)] for p in ps)
                pv = model.NewIntVar(0, No * (No - 1) // 2, "")
                for j in range(1, min(No, hi)):
                    model.Add(pv >= j * c - j * (j + 1) // 2)
                terms.append(pv)
                coefs.append(W.same_org_pair)
    model.Minimize(cp_model.LinearExpr.WeightedSum(terms, coefs) + const)
    # warm start: the dealt split, with groups relabelled to keep prior groups
    for g, grp in enumerate(start):
        for p in grp:
            model.AddHint(x[(p, g)], 1)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(st.num_workers)
    solver.parameters.random_seed = int(st.seed)
    status = solver.Solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.INFEASIBLE:
            raise PlanningError(
                f"locked groups in theme {t!r} (session {s}) cannot be balanced"
            )
        return start, solver.StatusName(status)
    groups: list[list[str]] = [[] for _ in range(k)]
    for p in members:
        for g in range(k):
            if solver.Value(x[(p, g)]):
                groups[g].append(p)
                break
    return groups, solver.StatusName(status)


# ---------------------------------------------------------------------------
# Plan assembly: roles, reasons
# ---------------------------------------------------------------------------


def _pick_roles(idx: _Index, members: list[str]) -> tuple[str | None, str | None]:
    people = [idx.people[p] for p in members]
    host = note = None
    # host: prefer a host volunteer who is not also the only note volunteer
    note_vols = [p.id for p in people if p.volunteer_note_taker]
    host_vols = [p.id for p in people if p.volunteer_host]
    for pid in sorted(host_vols, key=lambda q: (q in note_vols, members.index(q))):
        host = pid
        break
    for pid in note_vols:
        if pid != host:
            note = pid
            break
    return host, note


def _build_plan(
    idx: _Index,
    assign: dict[tuple[str, str], str],
    groups: dict[tuple[str, str], list[list[str]]],
    running: set[tuple[str, str]],
) -> Plan:
    st = idx.problem.settings
    sessions: list[SessionPlan] = []
    unassigned: list[Unassigned] = []
    placed_label: dict[tuple[str, str], str] = {}
    for (pid, s), t in assign.items():
        placed_label[(pid, s)] = idx.label[(s, t)]
    staff = list(idx.problem.staff)
    for s in idx.sessions:
        theme_plans: list[ThemePlan] = []
        free_staff = list(staff)
        used = 0
        for t in idx.themes[s]:
            cand = idx.candidates[s][t]
            firsts = sum(1 for p in cand if idx.rank.get((p, s, t)) == 0)
            grs = groups.get((s, t))
            if not grs:
                theme_plans.append(
                    ThemePlan(t, "cancelled", [], registrants=len(cand), first_choices=firsts)
                )
                continue
            gl: list[Group] = []
            for i, mem in enumerate(grs):
                host, note = _pick_roles(idx, mem)
                g = Group(
                    number=i + 1,
                    members=list(mem),
                    host=host,
                    host_kind="volunteer" if host else None,
                    note_taker=note,
                    note_taker_kind="volunteer" if note else None,
                    mix={a: 0 for a in ACTOR_TYPES},
                )
                for p in mem:
                    g.mix[idx.people[p].actor_type] += 1
                g.same_org_pairs = _group_cost(idx, s, t, mem, i + 1)["same_org_pairs"]
                gl.append(g)
            used += len(gl)
            theme_plans.append(
                ThemePlan(t, "running", gl, registrants=len(cand), first_choices=firsts)
            )
        # staff fill the remaining roles: hosts first, then note-takers
        for role in ("host", "note_taker"):
            for tp in theme_plans:
                for g in tp.groups:
                    if getattr(g, role) is None and free_staff:
                        sm = free_staff.pop(0)
                        setattr(g, role, sm.id)
                        setattr(g, role + "_kind", "staff")
        sessions.append(SessionPlan(s, theme_plans, tables_used=used))
        # reasons for the unplaced
        status = {tp.theme: tp.status for tp in theme_plans}
        for pid in idx.attending[s]:
            if (pid, s) in assign:
                continue
            ch = list(idx.people[pid].choices.get(s) or [])
            cancelled = [idx.label[(s, t)] for t in ch if status.get(t) != "running"]
            run = [t for t in ch if status.get(t) == "running"]
            dup = [
                idx.label[(s, t)]
                for t in run
                if st.distinct_labels_across_sessions
                and any(
                    placed_label.get((pid, s2)) == idx.label[(s, t)]
                    for s2 in idx.sessions
                    if s2 != s
                )
            ]
            if not run:
                reason = (
                    f"all chosen themes were cancelled (fewer than {st.min_theme_size} "
                    f"participants): {', '.join(cancelled)}"
                )
            elif len(dup) == len(run):
                reason = (
                    "the remaining chosen themes are ones the person already attends in "
                    f"another session: {', '.join(dup)}"
                )
            else:
                reason = (
                    "no seat left in the chosen themes that run ("
                    + ", ".join(idx.label[(s, t)] for t in run)
                    + f") within {idx.tables(s)} tables of at most {st.max_group_size}"
                )
                if cancelled:
                    reason += "; cancelled: " + ", ".join(cancelled)
            unassigned.append(Unassigned(pid, s, reason))
    stats = SolveStats(status="", objective=math.nan, bound=math.nan, gap=math.nan, seconds=0.0)
    return Plan(sessions, unassigned, stats)
