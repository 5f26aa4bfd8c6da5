"""Coordinators' plan pages: run, show, publish, move, export and print a workshop plan."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.core.forms import add_action_errors
from samskap.core.http import HtmxHttpRequest
from samskap.directory.permissions import require_coordinator
from samskap.workshops import actions, exports, planning, queries, reports
from samskap.workshops.forms import (
    MoveForm,
)
from samskap.workshops.models import (
    Assignment,
    Event,
    Plan,
    PlanStatus,
    RegistrationStatus,
    WorkshopSession,
)
from samskap.workshops.view_common import _counts, _event

# -- coordinators: planning -----------------------------------------------------------------------------


def _plan(event: Event, pk: int) -> Plan:
    return get_object_or_404(Plan, event=event, pk=pk)


def _plan_page(request: HttpRequest, event: Event, plan: Plan | None) -> HttpResponse:
    context: dict[str, Any] = {"event": event, "plan": plan, "plans": event.plans.all()[:10],
                               "counts": _counts(event), "published": queries.published_plan(event)}
    if plan is not None and plan.status == PlanStatus.DONE:
        # the summary describes the plan as it is now: after changes by hand, re-evaluated like a fresh one
        score = planning.score(plan)
        changed = plan.objective is not None and score.objective > plan.objective + 0.5
        gap = score.gap if changed and score.gap is not None else (plan.gap or 0.0)
        context.update({
            "structure": reports.plan_structure(plan),
            "gap_percent": 100 * gap,
            "changed_by_hand": changed,
            "locked_count": plan.assignments.filter(locked=True).count(),
            "cancelled_since": reports.cancelled_since(plan),
            "registered_since": reports.registered_since(plan),
        })
    return render(request, "workshops/plan.html", context)


@login_required
def plan_latest(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    return _plan_page(request, event, event.plans.first())


@login_required
def plan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    return _plan_page(request, event, _plan(event, pk))


@login_required
def plan_status(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The status box, polled by htmx while the plan is queued or running; reloads the page when done."""
    require_coordinator(request.user)
    event = _event(slug)
    plan = _plan(event, pk)
    response = render(request, "workshops/plan_status.html", {"event": event, "plan": plan})
    if request.htmx and plan.status in (PlanStatus.DONE, PlanStatus.FAILED):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def plan_start(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    try:
        plan = actions.start_plan(event, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("workshops:plan", slug=event.slug)
    return redirect("workshops:plan_detail", slug=event.slug, pk=plan.pk)


@require_POST
@login_required
def plan_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    plan = _plan(event, pk)
    try:
        actions.publish_plan(plan, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The plan is published: participants see their groups."))
    return redirect("workshops:plan_detail", slug=event.slug, pk=plan.pk)


@require_POST
@login_required
def plan_unpublish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    plan = _plan(event, pk)
    actions.unpublish_plan(plan, actor=request.user)
    messages.success(request, _("The plan is no longer published."))
    return redirect("workshops:plan_detail", slug=event.slug, pk=plan.pk)


@login_required
def move(request: HttpRequest, slug: str, pk: int, assignment: int) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    plan = _plan(event, pk)
    item = get_object_or_404(Assignment.objects.select_related("registration", "session", "group__theme"),
                             plan=plan, pk=assignment)
    form = MoveForm(request.POST or None, plan=plan, session=item.session, current=item.group)
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        try:
            actions.move_assignment(item, group, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("%(name)s was moved to %(theme)s, group %(number)s, and locked there.") % {
                "name": item.registration.name, "theme": group.theme.title, "number": group.number})
            url = reverse("workshops:plan_detail", args=[event.slug, plan.pk])
            return redirect(f"{url}#group-{group.pk}")
    return render(request, "workshops/move.html", {"event": event, "plan": plan, "item": item, "form": form})


@require_POST
@login_required
def unlock(request: HttpRequest, slug: str, pk: int, assignment: int) -> HttpResponse:
    event = _event(slug)
    plan = _plan(event, pk)
    item = get_object_or_404(Assignment.objects.select_related("registration"), plan=plan, pk=assignment)
    actions.unlock_assignment(item, actor=request.user)
    messages.success(request, _("%(name)s is no longer locked.") % {"name": item.registration.name})
    url = reverse("workshops:plan_detail", args=[event.slug, plan.pk])
    return redirect(f"{url}#group-{item.group_id}" if item.group_id else url)


# -- coordinators: exports ----------------------------------------------------------------------------


def _done_plan(request: HttpRequest, slug: str, pk: int) -> tuple[Event, Plan]:
    require_coordinator(request.user)
    event = _event(slug)
    plan = get_object_or_404(Plan, event=event, pk=pk, status=PlanStatus.DONE)
    return event, plan


@login_required
def plan_xlsx(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, plan = _done_plan(request, slug, pk)
    response = HttpResponse(exports.groups_xlsx(plan), content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="grupper-{slugify(event.slug)}-{plan.pk}.xlsx"'
    return response


@login_required
def plan_print(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, plan = _done_plan(request, slug, pk)
    return render(request, "workshops/print_groups.html", {"event": event, "plan": plan,
                                                           "structure": reports.plan_structure(plan)})


@login_required
def plan_overview(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, plan = _done_plan(request, slug, pk)
    return render(request, "workshops/day_overview.html", {"event": event, "plan": plan,
                                                           "programme": event.programme.all(),
                                                           "structure": reports.plan_structure(plan)})


@login_required
def plan_badges(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event, plan = _done_plan(request, slug, pk)
    structure = reports.plan_structure(plan)
    places: dict[int, list[tuple[WorkshopSession, str, int, int]]] = {}
    for view in structure:
        for theme in view.themes:
            for gv in theme.groups:
                for a in gv.members:
                    places.setdefault(a.registration_id, []).append(
                        (view.session, theme.theme.title, gv.group.number, gv.table))
    people = event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("name")
    badges = [{"registration": r, "places": places.get(r.pk, [])} for r in people]
    return render(request, "workshops/badges.html", {"event": event, "plan": plan, "badges": badges})
