"""Changes by hand to a finished workshop plan beyond a single move: swap two people, and bring back a theme
the planner cancelled. Like ``plan_actions.move_assignment``, the placements made by hand are locked, so a
later re-plan keeps them, and the people moved are told (``notices.moved``, when the plan is published)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.directory.permissions import require_coordinator
from samskap.workshops import notices
from samskap.workshops.models import Assignment, Group, PlanStatus, ThemeRun
from samskap.workshops.plan_actions import refresh_group


@transaction.atomic
def swap_assignments(a: Assignment, b: Assignment, *, actor: Actor) -> tuple[Assignment, Assignment]:
    """Swap the groups of two people in the same session of a finished plan; both are locked there."""
    require_coordinator(actor)
    rows = {x.pk: x for x in Assignment.objects.select_for_update(of=("self",))
            .select_related("plan", "group").filter(pk__in=[a.pk, b.pk]).order_by("pk")}
    if a.pk == b.pk or len(rows) != 2:
        raise ValidationError(_("Choose another person to swap with."))
    a, b = rows[a.pk], rows[b.pk]
    if a.plan_id != b.plan_id:
        raise ValidationError(_("The two people are in different plans."))
    if a.session_id != b.session_id:
        raise ValidationError(_("The two people are in different sessions."))
    if a.plan.status != PlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be changed."))
    if a.group_id is None and b.group_id is None:
        raise ValidationError(_("Neither of them is placed in a group."))
    if a.group_id == b.group_id:
        raise ValidationError(_("The two people are already in the same group."))
    group_a, group_b = a.group, b.group
    reason_a, reason_b = (a.reason_code, a.unassigned_reason), (b.reason_code, b.unassigned_reason)
    a.group, b.group = group_b, group_a
    a.reason_code, a.unassigned_reason = reason_b if a.group is None else ("", "")
    b.reason_code, b.unassigned_reason = reason_a if b.group is None else ("", "")
    for x in (a, b):
        x.locked = True
        x.save(update_fields=["group", "unassigned_reason", "reason_code", "locked"])
    for group in (group_a, group_b):
        if group is not None:
            refresh_group(group)
    notices.moved(a, actor=actor)
    notices.moved(b, actor=actor)
    return a, b


@transaction.atomic
def reinstate_theme(run: ThemeRun, *, actor: Actor) -> Group:
    """Bring back a theme the planner cancelled in a finished plan: it runs again, with one empty group in its
    session, into which the coordinator moves people by hand (``move_assignment``; they are locked there, so
    a re-plan keeps the theme). Nobody is moved automatically."""
    require_coordinator(actor)
    run = ThemeRun.objects.select_for_update(of=("self",)).select_related("plan__event", "theme").get(pk=run.pk)
    if run.plan.status != PlanStatus.DONE:
        raise ValidationError(_("Only a finished plan can be changed."))
    if run.running:
        raise ValidationError(_("This theme is not cancelled."))
    event = run.plan.event
    used = run.plan.groups.filter(theme__session_id=run.theme.session_id).count()
    if event.tables_per_session and used >= event.tables_per_session:
        raise ValidationError(_("All tables or rooms of this session are in use."))
    run.running = True
    run.cancel_reason = ""
    run.save(update_fields=["running", "cancel_reason"])
    group = run.plan.groups.filter(theme=run.theme).order_by("number").first()
    if group is None:
        group = Group.objects.create(plan=run.plan, theme=run.theme, number=1, mix={}, same_org_pairs=0)
    return group
