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
    UnassignedReason,
    WorkshopSession,
)
from samskap.workshops.regimport import normalise_label

logger = logging.getLogger(__name__)

DEFAULT_TIME_LIMIT = 20.0


def time_limit() -> float:
    return float(getattr(django_settings, "WORKSHOP_PLAN_TIME_LIMIT", DEFAULT_TIME_LIMIT))


def person_id(registration_pk: int) -> str:
    return f"r{registration_pk}"


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
                  seconds: float | None = None) -> tuple[solver.Problem, Context]:
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
    registrations = (event.registrations.filter(status=RegistrationStatus.CONFIRMED)
                     .prefetch_related("choices").order_by("created_at", "pk"))
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


def _reason_code(problem: solver.Problem, result: solver.Plan, pid: str, sid: str) -> str:
    status = {(sp.session, tp.theme): tp.status for sp in result.sessions for tp in sp.themes}
    person = next(p for p in problem.participants if p.id == pid)
    chosen = person.choices.get(sid) or []
    running = [t for t in chosen if status.get((sid, t)) == "running"]
    if not running:
        return UnassignedReason.CANCELLED
    labels = {(s.id, t.id): t.label for s in problem.sessions for t in s.themes}
    placed_labels = {labels[(s, pl.theme)] for (p, s), pl in result.placements().items() if p == pid and s != sid}
    if all(labels[(sid, t)] in placed_labels for t in running):
        return UnassignedReason.SAME_THEME
    return UnassignedReason.NO_SEAT


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
