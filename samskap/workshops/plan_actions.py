"""Workshop plan actions: start, store, publish and withdraw a plan; move and unlock people in it."""
from __future__ import annotations

import datetime as dt
import math

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.permissions import require_coordinator
from samskap.workshops import notices, planning, solver
from samskap.workshops.action_common import _user_or_none
from samskap.workshops.models import (
    Assignment,
    Choice,
    Event,
    Group,
    Plan,
    PlanStatus,
    Registration,
    RegistrationStatus,
    StaffMember,
    Theme,
    ThemeRun,
)
from samskap.workshops.queries import latest_done_plan, published_plan

STALE_PLAN = dt.timedelta(minutes=15)


# -- planning -----------------------------------------------------------------------------------------


@transaction.atomic
def start_plan(event: Event, *, actor: Actor) -> Plan:
    """Queue a new plan. Locked placements of the latest plan are kept, and the published plan (if any) is
    changed as little as possible. The planner task is enqueued when the transaction commits."""
    require_coordinator(actor)
    event = Event.objects.select_for_update().get(pk=event.pk)
    busy = event.plans.filter(status__in=[PlanStatus.QUEUED, PlanStatus.RUNNING],
                              created_at__gt=timezone.now() - STALE_PLAN)
    if busy.exists():
        raise ValidationError(_("A plan is already being made for this workshop."))
    if not Theme.objects.filter(session__event=event).exists():
        raise ValidationError(_("Add sessions and themes before planning."))
    if not Choice.objects.filter(registration__event=event,
                                 registration__status=RegistrationStatus.CONFIRMED).exists():
        raise ValidationError(_("Nobody has chosen a theme yet."))
    base = latest_done_plan(event)
    previous = published_plan(event)
    plan = Plan.objects.create(event=event, requested_by=_user_or_none(actor), status=PlanStatus.QUEUED, stats={
        "base_plan": base.pk if base else None, "previous_plan": previous.pk if previous else None})
    from samskap.workshops.tasks import plan_workshop  # tasks -> planning -> actions

    enqueue_on_commit(plan_workshop, plan.pk)
    return plan


@transaction.atomic
def publish_plan(plan: Plan, *, actor: Actor) -> Plan:
    """Publish a finished plan: participants see their groups. Any other plan of the event is unpublished."""
    require_coordinator(actor)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be published."))
    Plan.objects.filter(event_id=plan.event_id).exclude(pk=plan.pk).update(published=False)
    plan.published = True
    plan.save(update_fields=["published"])
    notices.plan_published(plan, actor=actor)
    return plan


@transaction.atomic
def unpublish_plan(plan: Plan, *, actor: Actor) -> Plan:
    require_coordinator(actor)
    plan.published = False
    plan.save(update_fields=["published"])
    return plan


# --- the planner's results: system actions called by the background task (``planning.run``) ----------

def _finite(value: float) -> float | None:
    return float(value) if value is not None and math.isfinite(value) else None


@transaction.atomic
def claim_plan(plan_id: int) -> bool:
    """System action (the planner task): take a queued plan (now running); False if it is not queued."""
    return bool(Plan.objects.filter(pk=plan_id, status=PlanStatus.QUEUED).update(status=PlanStatus.RUNNING))


@transaction.atomic
def store_plan(plan: Plan, problem: solver.Problem, ctx: planning.Context, result: solver.Plan) -> Plan:
    """System action (the planner task): save a solver result into ``plan`` (ThemeRun, Group, Assignment)
    and mark it done."""
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
                                    registrants=tp.registrants, first_choices=tp.first_choices,
                                    cancel_reason=str(tp.cancel_reason or ""))
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
                                      session=ctx.sessions[u.session], group=None, reason_code=str(u.reason)))
    Assignment.objects.bulk_create(assignments)
    st = result.stats
    breakdown = {k: (v if math.isfinite(v) else None) for k, v in st.breakdown.items()}
    placed = sum(1 for a in assignments if a.group is not None)
    plan.objective, plan.bound, plan.gap = (_finite(st.objective), _finite(st.bound),
                                           _finite(st.gap))
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


@transaction.atomic
def fail_plan(plan_id: int, message: str) -> None:
    """System action (the planner task): the plan could not be made; ``message`` says why."""
    Plan.objects.filter(pk=plan_id).update(status=PlanStatus.FAILED, error=message[:2000],
                                           finished_at=timezone.now())


def refresh_group(group: Group) -> Group:
    """Recompute a group's mix, same-organisation pairs and volunteer roles after its members changed, with
    the solver's own group cost and volunteer rule (``solver.group_cost``, ``solver.pick_roles``)."""
    figures = planning.group_figures(group.plan, group.pk)
    ids = {planning.registration_pk(pid) for pid in figures.members}
    group.mix = figures.mix
    group.same_org_pairs = figures.cost.same_org_pairs
    if group.host_id and group.host_id not in ids:
        group.host = None
    if group.note_taker_id and group.note_taker_id not in ids:
        group.note_taker = None
    volunteer_host = planning.registration_pk(figures.roles.host) if figures.roles.host else None
    volunteer_note = planning.registration_pk(figures.roles.note_taker) if figures.roles.note_taker else None
    if group.host_id is None and group.host_staff_id is None and volunteer_host != group.note_taker_id:
        group.host_id = volunteer_host
    if group.note_taker_id is None and group.note_taker_staff_id is None and volunteer_note != group.host_id:
        group.note_taker_id = volunteer_note
    group.save(update_fields=["mix", "same_org_pairs", "host", "note_taker"])
    return group


@transaction.atomic
def move_assignment(assignment: Assignment, group: Group, *, actor: Actor) -> Assignment:
    """Move a person to another group (of any running theme) in the same session, by hand.

    The placement is locked: a later re-plan keeps it.
    """
    require_coordinator(actor)
    assignment = (Assignment.objects.select_for_update(of=("self",)).select_related("plan", "group")
                  .get(pk=assignment.pk))
    if group.plan_id != assignment.plan_id:
        raise ValidationError(_("The group belongs to another plan."))
    if group.theme.session_id != assignment.session_id:
        raise ValidationError(_("The group is in another session."))
    if assignment.plan.status != PlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be changed."))
    old = assignment.group
    assignment.group = group
    assignment.unassigned_reason = ""
    assignment.reason_code = ""
    assignment.locked = True
    assignment.save(update_fields=["group", "unassigned_reason", "reason_code", "locked"])
    if old is not None and old.pk != group.pk:
        refresh_group(old)
    refresh_group(group)
    if old is None or old.pk != group.pk:
        notices.moved(assignment, actor=actor)
    return assignment


@transaction.atomic
def unlock_assignment(assignment: Assignment, *, actor: Actor) -> Assignment:
    """Let the planner move this person again at the next re-plan."""
    require_coordinator(actor)
    assignment.locked = False
    assignment.save(update_fields=["locked"])
    return assignment
