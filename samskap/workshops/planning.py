"""Glue between the database and the pure planner (``solver.py``).

``build_problem`` turns an event's confirmed registrations, themes and staff into a ``solver.Problem``
(with the locked placements of the latest plan and the published plan's placements for minimal-change
re-planning); ``run`` is the body of the background task: it solves and stores the result as Plan,
ThemeRun, Group and Assignment rows.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field

from django.conf import settings as django_settings
from django.db import transaction
from django.utils import timezone

from samskap.workshops import solver
from samskap.workshops.models import (
    Assignment,
    Event,
    Group,
    Plan,
    PlanStatus,
    Registration,
    RegistrationStatus,
    StaffMember,
    Theme,
    ThemeRun,
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


def _finite(value: float) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None


@transaction.atomic
def store(plan: Plan, problem: solver.Problem, ctx: Context, result: solver.Plan) -> Plan:
    """Save a solver result into ``plan`` (ThemeRun, Group, Assignment) and mark it done."""
    plan.theme_runs.all().delete()
    plan.assignments.all().delete()
    plan.groups.all().delete()

    def who(pid: str | None) -> tuple[Registration | None, StaffMember | None]:
        if pid is None:
            return None, None
        return ctx.registrations.get(pid), ctx.staff.get(pid)

    assignments: list[Assignment] = []
    for sp in result.sessions:
        session = ctx.sessions[sp.session]
        for tp in sp.themes:
            theme = ctx.themes[tp.theme]
            ThemeRun.objects.create(plan=plan, theme=theme, running=tp.status == "running",
                                    registrants=tp.registrants)
            for g in tp.groups:
                host, host_staff = who(g.host)
                note, note_staff = who(g.note_taker)
                group = Group.objects.create(plan=plan, theme=theme, number=g.number, host=host,
                                             host_staff=host_staff, note_taker=note, note_taker_staff=note_staff,
                                             mix=dict(g.mix), same_org_pairs=g.same_org_pairs)
                for pid in g.members:
                    assignments.append(Assignment(plan=plan, registration=ctx.registrations[pid], session=session,
                                                  group=group, locked=(pid, sp.session) in problem.locked))
    for u in result.unassigned:
        assignments.append(Assignment(plan=plan, registration=ctx.registrations[u.participant],
                                      session=ctx.sessions[u.session], group=None, unassigned_reason=u.reason[:300],
                                      reason_code=_reason_code(problem, result, u.participant, u.session)))
    Assignment.objects.bulk_create(assignments)
    st = result.stats
    breakdown = {k: (v if math.isfinite(v) else None) for k, v in st.breakdown.items()}
    placed = sum(1 for a in assignments if a.group is not None)
    plan.objective, plan.bound, plan.gap = _finite(st.objective), _finite(st.bound), _finite(st.gap)
    plan.seconds = _finite(st.seconds)
    plan.solver_status = st.status[:20]
    plan.stats = {
        **(plan.stats or {}),
        "stage1_status": st.stage1_status,
        "breakdown": breakdown,
        "notes": list(st.notes),
        "participants": len(problem.participants),
        "placements": placed,
        "unassigned": len(result.unassigned),
        "groups": sum(len(tp.groups) for sp in result.sessions for tp in sp.themes),
        "locked": len(problem.locked),
        "theme_moves": int(breakdown.get("n_theme_moves") or 0),
        "group_moves": int(breakdown.get("n_group_moves") or 0),
        "time_limit": problem.settings.time_limit,
    }
    plan.status = PlanStatus.DONE
    plan.error = ""
    plan.finished_at = timezone.now()
    plan.save()
    return plan


def _fail(plan_id: int, message: str) -> None:
    Plan.objects.filter(pk=plan_id).update(status=PlanStatus.FAILED, error=message[:2000],
                                           finished_at=timezone.now())


def run(plan_id: int, *, seconds: float | None = None) -> str:
    """Solve a queued plan and store it. Returns the final status."""
    claimed = Plan.objects.filter(pk=plan_id, status=PlanStatus.QUEUED).update(status=PlanStatus.RUNNING)
    if not claimed:
        return Plan.objects.get(pk=plan_id).status
    plan = Plan.objects.select_related("event").get(pk=plan_id)
    stats = plan.stats or {}
    base = Plan.objects.filter(pk=stats["base_plan"]).first() if stats.get("base_plan") else None
    previous = Plan.objects.filter(pk=stats["previous_plan"]).first() if stats.get("previous_plan") else None
    try:
        problem, ctx = build_problem(plan.event, base_plan=base, previous_plan=previous, seconds=seconds)
        result = solver.solve(problem)
        store(plan, problem, ctx, result)
    except solver.PlanningError as exc:
        _fail(plan_id, str(exc))
    except Exception as exc:  # the task must leave the plan in a final state
        logger.exception("Planning of plan %s failed", plan_id)
        _fail(plan_id, f"{type(exc).__name__}: {exc}")
    return Plan.objects.get(pk=plan_id).status
