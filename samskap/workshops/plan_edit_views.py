"""Coordinators' plan pages for changes by hand beyond a move: swap two people, bring back a cancelled theme."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.core.forms import add_action_errors
from samskap.directory.permissions import require_coordinator
from samskap.workshops import actions
from samskap.workshops.forms import SwapForm
from samskap.workshops.models import Assignment, Plan, ThemeRun
from samskap.workshops.view_common import _event


@login_required
def swap(request: HttpRequest, slug: str, pk: int, assignment: int) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    plan = get_object_or_404(Plan, event=event, pk=pk)
    item = get_object_or_404(Assignment.objects.select_related("registration", "session", "group__theme"),
                             plan=plan, pk=assignment)
    form = SwapForm(request.POST or None, plan=plan, item=item)
    if request.method == "POST" and form.is_valid():
        other = form.cleaned_data["other"]
        try:
            actions.swap_assignments(item, other, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("%(name)s and %(other)s swapped places, and both are locked there.") % {
                "name": item.registration.name, "other": other.registration.name})
            return redirect("workshops:plan_detail", slug=event.slug, pk=plan.pk)
    return render(request, "workshops/swap.html", {"event": event, "plan": plan, "item": item, "form": form})


@require_POST
@login_required
def reinstate(request: HttpRequest, slug: str, pk: int, run: int) -> HttpResponse:
    event = _event(slug)
    plan = get_object_or_404(Plan, event=event, pk=pk)
    theme_run = get_object_or_404(ThemeRun.objects.select_related("theme"), plan=plan, pk=run)
    url = reverse("workshops:plan_detail", args=[event.slug, plan.pk])
    try:
        group = actions.reinstate_theme(theme_run, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(url)
    messages.success(request, _("%(theme)s runs again, with an empty group: move people into it.") % {
        "theme": theme_run.theme.title})
    return redirect(f"{url}#group-{group.pk}")
