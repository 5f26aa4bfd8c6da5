"""Glue between the database and the pure planner (``solver.py``).

``build_problem`` turns an event's confirmed registrations, themes and staff into a ``solver.Problem``
(with the locked placements of the latest plan and the published plan's placements for minimal-change
re-planning); ``run`` is the body of the background task: it solves, and stores the result as Plan,
ThemeRun, Group and Assignment rows through the system actions ``actions.claim_plan``, ``store_plan`` and
``fail_plan``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.conf import settings as django_settings

from samskap.workshops import solver
from samskap.workshops.models import (
    Event,
    Plan,
    Registration,
    RegistrationStatus,
    StaffMember,
    Theme,
    WorkshopSession,
)
from samskap.workshops.regimport import normalise_label

logger = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 20.0


def time_limit() -> float:
    return float(getattr(django_settings, "WORKSHOP_PLAN_TIME_LIMIT", DEFAULT_TIME_LIMIT))


def person_id(registration_pk: int) -> str:
    return f"r{registration_pk}"


def registration_pk(pid: str) -> int:
    """The registration of a solver person id (``person_id`` backwards)."""
    return int(pid[1:])


def staff_id(staff_pk: int) -> str:
    return f"s{staff_pk}"


@dataclass
class Context:
    """Lookups from solver ids back to database rows."""

    registrations: dict[str, Registration] = field(default_factory=dict)
    staff: dict[str, StaffMember] = field(default_factory=dict)
    sessions: dict[str, WorkshopSession] = field(default_factory=dict)
    themes: dict[str, Theme] = field(default_factory=dict)


def placements(plan: Plan | None, registrations: dict[str, Registration], *, locked_only: bool = False,
               ) -> dict[tuple[str, str], solver.Placement]:
    """A stored plan's placements as solver placements (only for the given registrations)."""
    if plan is None:
        return {}
    qs = plan.assignments.filter(group__isnull=False).select_related("group")
    if locked_only:
        qs = qs.filter(locked=True)
    out: dict[tuple[str, str], solver.Placement] = {}
    for a in qs:
        pid = person_id(a.registration_id)
        if pid in registrations and a.group is not None:  # always set (filtered above)
            out[(pid, str(a.session_id))] = solver.Placement(str(a.group.theme_id), a.group.number)
    return out


def build_problem(event: Event, *, base_plan: Plan | None = None, previous_plan: Plan | None = None,
                  seconds: float | None = None, members_of: Plan | None = None) -> tuple[solver.Problem, Context]:
    """The solver problem of an event: its confirmed registrations (or, with ``members_of``, the people of
    that stored plan, whatever their status now), the locked placements of ``base_plan`` and the
    placements of ``previous_plan`` (minimal change)."""
    ctx = Context()
    sessions: list[solver.Session] = []
    for session in event.sessions.prefetch_related("themes").order_by("number"):
        sid = str(session.pk)
        ctx.sessions[sid] = session
        themes = []
        for theme in session.themes.all():
            ctx.themes[str(theme.pk)] = theme
            # equal labels in two sessions = the same topic: nobody is placed in it twice
            themes.append(solver.Theme(str(theme.pk), normalise_label(theme.title)))
        sessions.append(solver.Session(sid, themes, label=str(session)))
    participants: list[solver.Participant] = []
    people = (event.registrations.filter(assignments__plan=members_of).distinct() if members_of is not None
              else event.registrations.filter(status=RegistrationStatus.CONFIRMED))
    registrations = people.prefetch_related("choices").order_by("created_at", "pk")
    for registration in registrations:
        pid = person_id(registration.pk)
        ctx.registrations[pid] = registration
        choices: dict[str, list[str]] = {}
        for choice in sorted(registration.choices.all(), key=lambda c: c.rank):
            choices.setdefault(str(choice.session_id), []).append(str(choice.theme_id))
        participants.append(solver.Participant(
            id=pid, name=registration.name, organisation=registration.organisation_name,
            actor_type=registration.actor_type if registration.actor_type in solver.ACTOR_TYPES else "other",
            choices={s: c[:3] for s, c in choices.items() if s in ctx.sessions},
            volunteer_host=registration.volunteer_host, volunteer_note_taker=registration.volunteer_note_taker))
    staff = []
    for member in event.staff.all():
        ctx.staff[staff_id(member.pk)] = member
        staff.append(solver.StaffMember(staff_id(member.pk), member.name))
    settings = solver.Settings(
        min_theme_size=event.min_theme_size, max_group_size=event.max_group_size,
        max_groups_per_session=event.tables_per_session,
        time_limit=seconds if seconds is not None else time_limit(), num_workers=2)
    problem = solver.Problem(
        sessions=sessions, participants=participants, staff=staff, settings=settings,
        previous=placements(previous_plan, ctx.registrations),
        locked=placements(base_plan, ctx.registrations, locked_only=True))
    return problem, ctx


def stored_plan(plan: Plan, ctx: Context) -> solver.Plan:
    """A stored plan (as changed by hand) as a solver plan, to evaluate it like a fresh one."""
    runs = {str(r.theme_id): r for r in plan.theme_runs.all()}
    groups: dict[str, list[solver.Group]] = {}
    for group in plan.groups.order_by("number", "pk"):
        groups.setdefault(str(group.theme_id), []).append(solver.Group(group.number, []))
    by_pk = {g.pk: g for g in plan.groups.all()}
    index = {pk: next(sg for sg in groups[str(g.theme_id)] if sg.number == g.number) for pk, g in by_pk.items()}
    unassigned: list[solver.Unassigned] = []
    for a in plan.assignments.all():
        pid = person_id(a.registration_id)
        if pid not in ctx.registrations:
            continue
        if a.group_id is not None:
            index[a.group_id].members.append(pid)
        else:
            unassigned.append(solver.Unassigned(pid, str(a.session_id), solver.UnplacedReason(
                a.reason_code if a.reason_code in set(solver.UnplacedReason) else solver.UnplacedReason.NO_SEAT)))
    sessions = []
    for sid, session in ctx.sessions.items():
        themes = []
        for theme in session.themes.all():
            tid = str(theme.pk)
            run = runs.get(tid)
            grs = [g for g in groups.get(tid, []) if g.members]
            running = bool(grs) or bool(run and run.running)
            themes.append(solver.ThemePlan(tid, "running" if running else "cancelled", grs,
                                           registrants=run.registrants if run else 0))
        sessions.append(solver.SessionPlan(sid, themes, tables_used=sum(len(t.groups) for t in themes)))
    return solver.Plan(sessions, unassigned, solver.SolveStats(status="", objective=0.0, bound=0.0, gap=0.0,
                                                                seconds=0.0))


@dataclass(frozen=True)
class Score:
    """A stored plan's figures, recomputed (after changes by hand)."""

    objective: float
    gap: float | None
    breakdown: dict[str, float]
    placements: int
    unassigned: int
    groups: int


def score(plan: Plan) -> Score:
    """Evaluate a stored plan as it is now (after moves by hand) with the solver's own ``evaluate``: the
    objective, and the gap to the plan's lower bound (a bound of the unchanged problem stays valid: moves
    by hand only add locks)."""
    previous = None
    if (plan.stats or {}).get("previous_plan"):
        previous = Plan.objects.filter(pk=plan.stats["previous_plan"]).first()
    problem, ctx = build_problem(plan.event, base_plan=plan, previous_plan=previous, members_of=plan)
    evaluation = solver.evaluate(problem, stored_plan(plan, ctx))
    objective = evaluation.objective
    gap = None
    if plan.bound is not None:
        gap = 0.0 if objective <= plan.bound else (objective - plan.bound) / max(1.0, abs(objective))
    return Score(objective=objective, gap=gap, breakdown=evaluation.breakdown,
                 placements=evaluation.metrics.placed,
                 unassigned=evaluation.metrics.attending - evaluation.metrics.placed,
                 groups=evaluation.metrics.groups)


@dataclass(frozen=True)
class GroupFigures:
    cost: solver.GroupCost  # the solver's group-level terms (same-organisation pairs, lacking mix)
    roles: solver.Roles  # the solver's pick of volunteers among the members
    mix: dict[str, int]  # actor type -> members
    members: list[str]  # person ids


def group_figures(plan: Plan, group_pk: int) -> GroupFigures:
    """The solver's figures of one stored group as it is now (the same rule as in a fresh plan)."""
    problem, _ctx = build_problem(plan.event, base_plan=plan, members_of=plan)
    idx = solver.ProblemIndex(problem)
    group = plan.groups.select_related("theme").get(pk=group_pk)
    members = [person_id(a.registration_id) for a in group.assignments.order_by("pk")]
    cost = solver.group_cost(idx, str(group.theme.session_id), str(group.theme_id), members, group.number)
    mix = {a: 0 for a in solver.ACTOR_TYPES}
    for pid in members:
        mix[idx.people[pid].actor_type] += 1
    return GroupFigures(cost, solver.pick_roles(idx, members), mix, members)


def run(plan_id: int, *, seconds: float | None = None) -> str:
    """Solve a queued plan and store it. Returns the final status."""
    from samskap.workshops import actions  # actions imports this module for the types

    if not actions.claim_plan(plan_id):
        return Plan.objects.get(pk=plan_id).status
    plan = Plan.objects.select_related("event").get(pk=plan_id)
    stats = plan.stats or {}
    base = Plan.objects.filter(pk=stats["base_plan"]).first() if stats.get("base_plan") else None
    previous = Plan.objects.filter(pk=stats["previous_plan"]).first() if stats.get("previous_plan") else None
    try:
        problem, ctx = build_problem(plan.event, base_plan=base, previous_plan=previous, seconds=seconds)
        result = solver.solve(problem)
        actions.store_plan(plan, problem, ctx, result)
    except solver.PlanningError as exc:
        actions.fail_plan(plan_id, str(exc))
    except Exception as exc:  # the task must leave the plan in a final state
        logger.exception("Planning of plan %s failed", plan_id)
        actions.fail_plan(plan_id, f"{type(exc).__name__}: {exc}")
    return Plan.objects.get(pk=plan_id).status
