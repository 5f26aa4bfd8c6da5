"""Assemble the Plan from stage 1 and stage 2 results.
"""

from __future__ import annotations

import math

from samskap.workshops.solver.costs import group_cost
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.stage2 import pick_roles
from samskap.workshops.solver.types import (
    ACTOR_TYPES,
    CancelReason,
    Group,
    Plan,
    SessionPlan,
    SolveStats,
    ThemePlan,
    Unassigned,
    UnplacedReason,
)


def build_plan(
    idx: ProblemIndex,
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
                roles = pick_roles(idx, mem)
                host, note = roles.host, roles.note_taker
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
                g.same_org_pairs = group_cost(idx, s, t, mem, i + 1).same_org_pairs
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
        for tp in theme_plans:
            if tp.status == "cancelled":
                if tp.registrants < st.min_theme_size:
                    tp.cancel_reason = CancelReason.TOO_FEW
                elif used >= idx.tables(s):
                    tp.cancel_reason = CancelReason.NO_TABLE
                else:
                    tp.cancel_reason = CancelReason.OTHER_CHOICES
        sessions.append(SessionPlan(s, theme_plans, tables_used=used))
        # reasons for the unplaced
        status = {tp.theme: tp.status for tp in theme_plans}
        for pid in idx.attending[s]:
            if (pid, s) in assign:
                continue
            ch = list(idx.people[pid].choices.get(s) or [])
            cancelled = tuple(t for t in ch if status.get(t) != "running")
            run = tuple(t for t in ch if status.get(t) == "running")
            dup = tuple(
                t
                for t in run
                if st.distinct_labels_across_sessions
                and any(
                    placed_label.get((pid, s2)) == idx.label[(s, t)]
                    for s2 in idx.sessions
                    if s2 != s
                )
            )
            if not run:
                unassigned.append(Unassigned(pid, s, UnplacedReason.CANCELLED, cancelled))
            elif len(dup) == len(run):
                unassigned.append(Unassigned(pid, s, UnplacedReason.SAME_THEME, dup))
            else:
                unassigned.append(Unassigned(pid, s, UnplacedReason.NO_SEAT, run))
    stats = SolveStats(status="", objective=math.nan, bound=math.nan, gap=math.nan, seconds=0.0)
    return Plan(sessions, unassigned, stats)
