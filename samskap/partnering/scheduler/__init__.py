"""Scheduler of one-to-one meetings at an event ("møtebørs") -- pure Python, no Django.

Problem
-------
An event has time *slots* in time order (some are breaks, where nobody meets) and *tables*. Each
accepted *meeting* is between two people ``a`` and ``b`` and has a priority (>= 0). Each person is
available in a set of slots (a person not listed in ``availability`` is available in every slot).
A meeting may be *fixed* to a slot and a table (a published meeting on re-plan): it stays there even if
someone's availability changed since.

The scheduler places meetings so that

* a meeting is in at most one slot, never in a break, and only in a slot where both are available
  (fixed meetings excepted);
* each person has at most one meeting per slot;
* each slot has at most one meeting per table (tables are interchangeable, so a slot holds at most
  ``len(tables)`` meetings; fixed meetings keep their table and the others get the free tables);

and, lexicographically, maximises (1) the number of meetings placed, (2) the sum of their priorities,
(3) minimises the idle gaps: for each person, the slots between their first and last meeting in which they
are available but have no meeting. After CP-SAT a local search moves single meetings to free slots while
that lowers the idle gaps (placed meetings and priorities unchanged).

Two solvers return the same :class:`Schedule`:

* :func:`solve` -- OR-Tools CP-SAT in two phases: phase 1 maximises ``K * placed + priority`` with
  ``K = total priority + 1`` (so one more meeting always beats any priority), warm-started from the greedy
  schedule; phase 2 keeps that objective and minimises idle gaps. It reports the status and the bound of
  phase 1 (an upper bound on the meetings that can be placed and their priority), its relative gap, and
  phase 2's lower bound on idle gaps.
* :func:`greedy` -- the baseline: meetings by priority (highest first), the most constrained first, each in
  the free slot that adds the fewest idle gaps (earliest on ties).

Input errors (unknown slots or tables, a person meeting themselves, duplicate ids) raise ``ValueError``;
fixed meetings that clash (one person or one table twice in a slot, or more fixed meetings in a slot than
tables) give a schedule with status ``"infeasible"`` that lists the clashes in ``stats.notes``.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Meeting",
    "Placement",
    "Problem",
    "Schedule",
    "Slot",
    "Stats",
    "Unplaced",
    "evaluate",
    "greedy",
    "solve",
]

NO_COMMON_SLOT = "no_common_slot"
NO_ROOM = "no_room"
FIXED_CLASH = "fixed_clash"


@dataclass(frozen=True)
class Slot:
    id: int
    is_break: bool = False


@dataclass(frozen=True)
class Meeting:
    id: int
    a: str
    b: str
    priority: int = 1
    fixed_slot: int | None = None
    fixed_table: int | None = None


@dataclass(frozen=True)
class Problem:
    slots: Sequence[Slot]
    tables: Sequence[int]
    meetings: Sequence[Meeting]
    #: person -> the slot ids they are available in; a person not listed is available in every slot
    availability: Mapping[str, frozenset[int]] = field(default_factory=dict)
    time_limit: float = 10.0
    workers: int = 1
    seed: int = 0


@dataclass(frozen=True)
class Placement:
    meeting: int
    slot: int
    table: int


@dataclass(frozen=True)
class Unplaced:
    meeting: int
    reason: str  # NO_COMMON_SLOT, NO_ROOM or FIXED_CLASH


@dataclass
class Stats:
    method: str
    status: str  # "optimal", "feasible", "infeasible", "unknown" (no solution in time) or "heuristic"
    placed: int = 0
    priority: int = 0
    idle_gaps: int = 0
    #: upper bounds on the meetings placed and their priority (phase 1 of CP-SAT; the greedy has none)
    bound_placed: int | None = None
    bound_priority: int | None = None
    #: relative gap of phase 1: (bound - objective) / bound, 0.0 when proved optimal
    gap: float | None = None
    #: lower bound on idle gaps given the phase-1 result (phase 2)
    gaps_bound: int | None = None
    gaps_status: str = ""
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Schedule:
    placements: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    stats: Stats


# -- shared helpers ----------------------------------------------------------------------------------


@dataclass
class _Prepared:
    problem: Problem
    usable: list[int]  # usable (non-break) slot ids in time order
    index: dict[int, int]  # slot id -> position in ``usable``
    candidates: dict[int, list[int]]  # meeting id -> usable slot ids where both are available
    fixed: dict[int, Meeting]
    free: list[Meeting]  # not fixed
    people: list[str]
    clashes: list[str]


def _available(problem: Problem, person: str, usable: Sequence[int]) -> set[int]:
    avail = problem.availability.get(person)
    return set(usable) if avail is None else set(avail) & set(usable)


def _prepare(problem: Problem) -> _Prepared:
    slot_ids = [s.id for s in problem.slots]
    if len(set(slot_ids)) != len(slot_ids):
        raise ValueError("duplicate slot ids")
    if len(set(problem.tables)) != len(problem.tables):
        raise ValueError("duplicate table ids")
    breaks = {s.id for s in problem.slots if s.is_break}
    usable = [s.id for s in problem.slots if not s.is_break]
    index = {sid: i for i, sid in enumerate(usable)}
    tables = set(problem.tables)
    ids = [m.id for m in problem.meetings]
    if len(set(ids)) != len(ids):
        raise ValueError("duplicate meeting ids")
    fixed: dict[int, Meeting] = {}
    free: list[Meeting] = []
    people: set[str] = set()
    avail_cache: dict[str, set[int]] = {}
    candidates: dict[int, list[int]] = {}
    for m in problem.meetings:
        if m.a == m.b:
            raise ValueError(f"meeting {m.id}: a person cannot meet themselves")
        if m.priority < 0:
            raise ValueError(f"meeting {m.id}: negative priority")
        people.update((m.a, m.b))
        if m.fixed_slot is not None:
            if m.fixed_slot not in index:
                raise ValueError(f"meeting {m.id}: fixed slot {m.fixed_slot} is "
                                 + ("a break" if m.fixed_slot in breaks else "unknown"))
            if m.fixed_table is None or m.fixed_table not in tables:
                raise ValueError(f"meeting {m.id}: fixed table {m.fixed_table} is unknown")
            fixed[m.id] = m
            continue
        for p in (m.a, m.b):
            if p not in avail_cache:
                avail_cache[p] = _available(problem, p, usable)
        common = avail_cache[m.a] & avail_cache[m.b]
        candidates[m.id] = [s for s in usable if s in common]
        free.append(m)
    clashes: list[str] = []
    seen_person: dict[tuple[str, int], int] = {}
    seen_table: dict[tuple[int, int], int] = {}
    per_slot: dict[int, int] = defaultdict(int)
    for m in fixed.values():
        assert m.fixed_slot is not None and m.fixed_table is not None
        per_slot[m.fixed_slot] += 1
        for p in (m.a, m.b):
            other = seen_person.setdefault((p, m.fixed_slot), m.id)
            if other != m.id:
                clashes.append(f"{p} has fixed meetings {other} and {m.id} in slot {m.fixed_slot}")
        other = seen_table.setdefault((m.fixed_table, m.fixed_slot), m.id)
        if other != m.id:
            clashes.append(f"table {m.fixed_table} has fixed meetings {other} and {m.id} in slot {m.fixed_slot}")
    return _Prepared(problem, usable, index, candidates, fixed, free, sorted(people), clashes)


def _idle(busy: set[int], avail: set[int]) -> int:
    """Available positions strictly between the first and last busy position that are not busy."""
    if len(busy) < 2:
        return 0
    lo, hi = min(busy), max(busy)
    return sum(1 for i in avail if lo < i < hi and i not in busy)


def evaluate(problem: Problem, placements: Sequence[Placement]) -> tuple[int, int, int]:
    """(meetings placed, priority sum, idle gaps) of ``placements`` for ``problem``."""
    usable = [s.id for s in problem.slots if not s.is_break]
    index = {sid: i for i, sid in enumerate(usable)}
    by_id = {m.id: m for m in problem.meetings}
    busy: dict[str, set[int]] = defaultdict(set)
    priority = 0
    for pl in placements:
        m = by_id[pl.meeting]
        priority += m.priority
        busy[m.a].add(index[pl.slot])
        busy[m.b].add(index[pl.slot])
    idle = 0
    for person, positions in busy.items():
        avail = {index[s] for s in _available(problem, person, usable)}
        idle += _idle(positions, avail | positions)
    return len(placements), priority, idle


def _assign_tables(prep: _Prepared, slot_of: Mapping[int, int]) -> list[Placement]:
    """Tables for the meetings placed in ``slot_of`` (meeting -> slot): fixed meetings keep theirs."""
    taken: dict[int, set[int]] = defaultdict(set)
    out: list[Placement] = []
    for mid, m in prep.fixed.items():
        if mid in slot_of:
            assert m.fixed_table is not None
            taken[slot_of[mid]].add(m.fixed_table)
            out.append(Placement(mid, slot_of[mid], m.fixed_table))
    for mid in sorted(k for k in slot_of if k not in prep.fixed):
        sid = slot_of[mid]
        table = next(t for t in prep.problem.tables if t not in taken[sid])
        taken[sid].add(table)
        out.append(Placement(mid, sid, table))
    order = {sid: i for i, sid in enumerate(prep.usable)}
    out.sort(key=lambda p: (order[p.slot], prep.problem.tables.index(p.table)))
    return out


def _schedule(prep: _Prepared, slot_of: Mapping[int, int], stats: Stats) -> Schedule:
    placements = _assign_tables(prep, slot_of)
    stats.placed, stats.priority, stats.idle_gaps = evaluate(prep.problem, placements)
    unplaced = tuple(Unplaced(m.id, NO_ROOM if prep.candidates[m.id] else NO_COMMON_SLOT)
                     for m in prep.free if m.id not in slot_of)
    return Schedule(tuple(placements), unplaced, stats)


def _infeasible(prep: _Prepared, method: str, started: float) -> Schedule:
    stats = Stats(method=method, status="infeasible", seconds=time.perf_counter() - started, notes=prep.clashes)
    unplaced = tuple(Unplaced(m.id, FIXED_CLASH) for m in prep.problem.meetings)
    return Schedule((), unplaced, stats)


# -- greedy baseline ---------------------------------------------------------------------------------


def _greedy_slots(prep: _Prepared) -> dict[int, int]:
    problem = prep.problem
    n_tables = len(problem.tables)
    slot_of: dict[int, int] = {}
    used: dict[int, int] = defaultdict(int)  # slot id -> meetings in it
    busy: dict[str, set[int]] = defaultdict(set)  # person -> positions
    avail_pos: dict[str, set[int]] = {}

    def avail_of(p: str) -> set[int]:
        if p not in avail_pos:
            avail_pos[p] = {prep.index[s] for s in _available(problem, p, prep.usable)}
        return avail_pos[p]

    for m in prep.fixed.values():
        assert m.fixed_slot is not None
        slot_of[m.id] = m.fixed_slot
        used[m.fixed_slot] += 1
        busy[m.a].add(prep.index[m.fixed_slot])
        busy[m.b].add(prep.index[m.fixed_slot])
    order = sorted(prep.free, key=lambda m: (-m.priority, len(prep.candidates[m.id]), m.id))
    for m in order:
        best: tuple[int, int] | None = None
        best_slot = None
        for sid in prep.candidates[m.id]:
            pos = prep.index[sid]
            if used[sid] >= n_tables or pos in busy[m.a] or pos in busy[m.b]:
                continue
            added = 0
            for p in (m.a, m.b):
                av = avail_of(p) | busy[p]
                added += _idle(busy[p] | {pos}, av | {pos}) - _idle(busy[p], av)
            key = (added, pos)
            if best is None or key < best:
                best, best_slot = key, sid
        if best_slot is not None:
            slot_of[m.id] = best_slot
            used[best_slot] += 1
            busy[m.a].add(prep.index[best_slot])
            busy[m.b].add(prep.index[best_slot])
    return slot_of


def greedy(problem: Problem) -> Schedule:
    """The greedy baseline (see the module documentation)."""
    started = time.perf_counter()
    prep = _prepare(problem)
    if prep.clashes:
        return _infeasible(prep, "greedy", started)
    slot_of = _greedy_slots(prep)
    stats = Stats(method="greedy", status="heuristic")
    schedule = _schedule(prep, slot_of, stats)
    stats.seconds = time.perf_counter() - started
    return schedule


def _improve_gaps(prep: _Prepared, slot_of: dict[int, int], passes: int = 5) -> dict[int, int]:
    """Local search after CP-SAT: move single meetings to another free slot when that lowers the idle gaps
    of its two people (the number placed and the priority sum do not change)."""
    problem = prep.problem
    slot_of = dict(slot_of)
    used: dict[int, int] = defaultdict(int)
    busy: dict[str, set[int]] = defaultdict(set)
    by_id = {m.id: m for m in problem.meetings}
    for mid, sid in slot_of.items():
        used[sid] += 1
        busy[by_id[mid].a].add(prep.index[sid])
        busy[by_id[mid].b].add(prep.index[sid])
    avail = {p: {prep.index[s] for s in _available(problem, p, prep.usable)} for p in busy}
    n_tables = len(problem.tables)
    for _pass in range(passes):
        moved = False
        for m in prep.free:
            if m.id not in slot_of:
                continue
            old = prep.index[slot_of[m.id]]
            people = (m.a, m.b)
            before = sum(_idle(busy[p], avail[p] | busy[p]) for p in people)
            best, best_sid = before, None
            for p in people:
                busy[p].discard(old)
            for sid in prep.candidates[m.id]:
                pos = prep.index[sid]
                if pos == old or used[sid] >= n_tables or any(pos in busy[p] for p in people):
                    continue
                cost = sum(_idle(busy[p] | {pos}, avail[p] | busy[p] | {pos}) for p in people)
                if cost < best:
                    best, best_sid = cost, sid
            if best_sid is None:
                for p in people:
                    busy[p].add(old)
                continue
            used[slot_of[m.id]] -= 1
            used[best_sid] += 1
            slot_of[m.id] = best_sid
            for p in people:
                busy[p].add(prep.index[best_sid])
            moved = True
        if not moved:
            break
    return slot_of


# -- CP-SAT ------------------------------------------------------------------------------------------


def solve(problem: Problem) -> Schedule:
    """CP-SAT in two phases (see the module documentation); ``problem.time_limit`` seconds in all."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    prep = _prepare(problem)
    if prep.clashes:
        return _infeasible(prep, "cp-sat", started)
    start_slots = _greedy_slots(prep)
    by_id = {m.id: m for m in problem.meetings}
    n_tables = len(problem.tables)
    total_priority = sum(m.priority for m in problem.meetings)
    big = total_priority + 1

    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_person_slot: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    by_slot: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    weights: list[tuple[cp_model.IntVar, int]] = []
    fixed_value = 0
    fixed_busy: dict[tuple[str, int], int] = {}
    for m in prep.fixed.values():
        assert m.fixed_slot is not None
        fixed_value += big + m.priority
        by_slot[m.fixed_slot].append(model.new_constant(1))
        for p in (m.a, m.b):
            fixed_busy[(p, m.fixed_slot)] = fixed_busy.get((p, m.fixed_slot), 0) + 1
    for m in prep.free:
        row = []
        for sid in prep.candidates[m.id]:
            if any(fixed_busy.get((p, sid)) for p in (m.a, m.b)):
                continue
            v = model.new_bool_var(f"x{m.id}_{sid}")
            x[(m.id, sid)] = v
            row.append(v)
            by_person_slot[(m.a, sid)].append(v)
            by_person_slot[(m.b, sid)].append(v)
            by_slot[sid].append(v)
            weights.append((v, big + m.priority))
            if start_slots.get(m.id) == sid:
                model.add_hint(v, 1)
            else:
                model.add_hint(v, 0)
        if len(row) > 1:
            model.add_at_most_one(row)
    for vs in by_person_slot.values():
        if len(vs) > 1:
            model.add_at_most_one(vs)
    for vs in by_slot.values():
        if len(vs) > n_tables:
            model.add(sum(vs) <= n_tables)
    objective = sum(c * v for v, c in weights) if weights else 0
    model.maximize(objective)

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, int(problem.workers))
    solver.parameters.random_seed = int(problem.seed)
    phase1_limit = max(0.05, 0.5 * problem.time_limit)
    solver.parameters.max_time_in_seconds = phase1_limit
    status = solver.solve(model)
    names = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible", cp_model.INFEASIBLE: "infeasible",
             cp_model.MODEL_INVALID: "invalid", cp_model.UNKNOWN: "unknown"}
    stats = Stats(method="cp-sat", status=names.get(status, "unknown"))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # no solution in time: keep the greedy schedule (valid, only not proved good)
        stats.notes.append("CP-SAT found no solution in time; the greedy schedule is kept")
        schedule = _schedule(prep, start_slots, stats)
        stats.seconds = time.perf_counter() - started
        return schedule
    value = int(round(solver.objective_value))
    bound = int(round(solver.best_objective_bound)) if weights else 0
    slot_of = {m.id: m.fixed_slot for m in prep.fixed.values() if m.fixed_slot is not None}
    for (mid, sid), v in x.items():
        if solver.value(v):
            slot_of[mid] = sid
    total_bound = bound + fixed_value
    stats.bound_placed = total_bound // big
    stats.bound_priority = total_bound - stats.bound_placed * big
    stats.bound_priority = min(stats.bound_priority, total_priority)
    stats.gap = 0.0 if status == cp_model.OPTIMAL or total_bound == 0 else \
        max(0.0, (total_bound - (value + fixed_value)) / total_bound)

    # phase 2: keep the phase-1 objective, minimise idle gaps
    remaining = problem.time_limit - (time.perf_counter() - started)
    people_slots: dict[str, list[int]] = defaultdict(list)  # person -> positions where they may be busy
    for (p, sid) in list(by_person_slot) + list(fixed_busy):
        people_slots[p].append(prep.index[sid])
    busy_expr: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
    for (p, sid), vs in by_person_slot.items():
        busy_expr[(p, prep.index[sid])].extend(vs)
    fixed_pos = {(p, prep.index[sid]) for (p, sid) in fixed_busy}
    idle_vars: list[cp_model.IntVar] = []
    if remaining > 0.05 and weights:
        model.add(objective >= value)
        model.clear_hints()
        for (mid, sid), v in x.items():
            model.add_hint(v, 1 if slot_of.get(mid) == sid else 0)
        n = len(prep.usable)
        hinted: dict[str, set[int]] = defaultdict(set)  # person -> busy positions in the phase-1 schedule
        for mid, sid in slot_of.items():
            m = by_id[mid]
            hinted[m.a].add(prep.index[sid])
            hinted[m.b].add(prep.index[sid])
        for p, positions in people_slots.items():
            if len(set(positions)) < 2:
                continue
            lo, hi = min(positions), max(positions)
            avail = {prep.index[s] for s in _available(problem, p, prep.usable)}

            def busy_of(i: int, p: str = p) -> cp_model.LinearExprT:
                if (p, i) in fixed_pos:
                    return 1
                vs = busy_expr.get((p, i))
                return sum(vs) if vs else 0

            pre: dict[int, cp_model.IntVar] = {}
            post: dict[int, cp_model.IntVar] = {}
            for i in range(lo + 1, hi + 1):
                pre[i] = model.new_bool_var(f"pre_{p}_{i}")
                model.add_hint(pre[i], any(j < i for j in hinted[p]))
                model.add(pre[i] >= busy_of(i - 1))
                if i - 1 in pre:
                    model.add(pre[i] >= pre[i - 1])
            for i in range(hi - 1, lo - 1, -1):
                post[i] = model.new_bool_var(f"post_{p}_{i}")
                model.add_hint(post[i], any(j > i for j in hinted[p]))
                model.add(post[i] >= busy_of(i + 1))
                if i + 1 in post:
                    model.add(post[i] >= post[i + 1])
            for i in range(lo + 1, hi):
                if i not in avail or (p, i) in fixed_pos or i >= n:
                    continue
                idle = model.new_bool_var(f"idle_{p}_{i}")
                busy_here = hinted[p]
                model.add_hint(idle, bool(busy_here) and min(busy_here) < i < max(busy_here) and i not in busy_here)
                model.add(idle >= pre[i] + post[i] - 1 - busy_of(i))
                idle_vars.append(idle)
        if idle_vars:
            model.minimize(sum(idle_vars))
            solver.parameters.max_time_in_seconds = max(0.05, remaining)
            status2 = solver.solve(model)
            stats.gaps_status = names.get(status2, "unknown")
            if status2 in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                slot_of = {m.id: m.fixed_slot for m in prep.fixed.values() if m.fixed_slot is not None}
                for (mid, sid), v in x.items():
                    if solver.value(v):
                        slot_of[mid] = sid
                stats.gaps_bound = int(round(solver.best_objective_bound))
        else:
            stats.gaps_status = "optimal"
            stats.gaps_bound = 0
    slot_of = _improve_gaps(prep, slot_of)
    schedule = _schedule(prep, slot_of, stats)
    if stats.gaps_bound is not None:
        stats.gaps_bound = min(stats.gaps_bound, stats.idle_gaps)
    stats.seconds = time.perf_counter() - started
    return schedule
