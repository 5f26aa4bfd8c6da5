"""Read helpers over the workshop models: the plan in force, its groups and their members."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from samskap.workshops.models import Assignment, Event, Group, Plan, PlanStatus


def current_plan(event: Event) -> Plan | None:
    """The published plan; else the newest finished plan; else the newest plan that has groups."""
    plans = event.plans.annotate(n_groups=Count("groups")).filter(n_groups__gt=0)
    return (plans.filter(published=True).order_by("-created_at").first()
            or plans.filter(status=PlanStatus.DONE).order_by("-created_at").first()
            or plans.order_by("-created_at").first())


def plan_groups(plan: Plan | None) -> QuerySet[Group]:
    if plan is None:
        return Group.objects.none()
    return (Group.objects.filter(plan=plan)
            .select_related("theme__session__event", "host__person", "note_taker__person", "host_staff",
                            "note_taker_staff")
            .order_by("theme__session__number", "theme__title", "number"))


def group_members(group: Group) -> list[Any]:
    """The registrations assigned to a group, host and note-taker excluded."""
    skip = {group.host_id, group.note_taker_id} - {None}
    return [a.registration for a in Assignment.objects.filter(group=group).exclude(registration_id__in=skip)
            .select_related("registration__person", "registration__organisation").order_by("registration__name")]


def events_with_groups() -> QuerySet[Event]:
    return (Event.objects.filter(plans__groups__isnull=False).distinct()
            .annotate(n_rows=Count("plans__groups__outcome_rows", distinct=True)).order_by("-date", "pk"))


def groups_for_note_taker(user: Any) -> QuerySet[Group]:
    if user is None or not getattr(user, "is_authenticated", False):
        return Group.objects.none()
    return (Group.objects.filter(Q(note_taker__person__user=user))
            .select_related("theme__session__event").order_by("-theme__session__event__date", "number"))


def event_groups(event: Event) -> list[Group]:
    """The groups of the plan in force, plus groups of older plans that have recorded outcome rows."""
    plan = current_plan(event)
    groups = list(plan_groups(plan))
    ids = {g.pk for g in groups}
    extra = (Group.objects.filter(plan__event=event, outcome_rows__isnull=False).exclude(pk__in=ids).distinct()
             .select_related("theme__session__event", "host__person", "note_taker__person", "host_staff",
                             "note_taker_staff"))
    groups += list(extra)
    groups.sort(key=lambda g: (g.theme.session.number, g.theme.title, g.number, g.pk))
    return groups


def note_taker_groups(registration: Any) -> list[Group]:
    """The groups of the event's published plans where ``registration`` is the note-taker."""
    return list(Group.objects.filter(note_taker=registration, plan__published=True, plan__status=PlanStatus.DONE,
                                     plan__event_id=registration.event_id)
                .select_related("plan", "theme__session__event", "note_taker", "host", "host_staff")
                .order_by("theme__session__number", "theme__title", "number"))
