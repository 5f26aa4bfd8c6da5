"""Pages for round tables: the organisers' page (settings, presenters, ratings collected, planning with a
status box polled by htmx, the plan per round and per table, publishing), the printable table cards, and the
participant's own page (their rounds and their ratings, reached by the personal link)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.core.forms import add_action_errors
from samskap.core.http import HtmxHttpRequest
from samskap.workshops import roundtable_actions as rt_actions
from samskap.workshops import roundtable_queries as rt_queries
from samskap.workshops.models import Event, Registration, RegistrationStatus
from samskap.workshops.roundtable_forms import PresenterForm, RatingsForm, RoundTableSettingsForm
from samskap.workshops.roundtable_models import Presenter, RoundTableSettings, TablePlan, TablePlanStatus


def _event(slug: str) -> Event:
    return get_object_or_404(Event, slug=slug)


def _organiser_event(request: HttpRequest, slug: str) -> Event:
    event = _event(slug)
    if not rt_queries.can_organise(request.user, event):
        raise PermissionDenied(_("Only the workshop's organisers may do this."))
    return event


def _plan(event: Event, pk: int) -> TablePlan:
    return get_object_or_404(TablePlan.objects.select_related("event"), event=event, pk=pk)


def _page(request: HttpRequest, event: Event, *, settings_form: Any = None, presenter_form: Any = None,
          status: int = 200) -> HttpResponse:
    settings = RoundTableSettings.objects.filter(event=event).first()
    plan = rt_queries.latest_plan(event)
    context: dict[str, Any] = {
        "event": event, "settings": settings,
        "settings_form": settings_form or RoundTableSettingsForm(instance=settings or RoundTableSettings(event=event)),
        "presenter_form": presenter_form or PresenterForm(event=event, auto_id="id_presenter_%s"),
        "presenters": list(event.presenters.select_related("registration").order_by("title")),
        "counts": rt_queries.rating_counts(event), "plan": plan,
    }
    if plan is not None:
        context["errors"] = rt_queries.plan_errors(plan)
        if plan.status == TablePlanStatus.DONE:
            context.update({"view": rt_queries.plan_view(plan), "score_words": rt_queries.score_words(plan),
                            "listener_words": rt_queries.listener_words(plan)})
    return render(request, "workshops/roundtables/organise.html", context, status=status)


@login_required
def organise(request: HttpRequest, slug: str) -> HttpResponse:
    return _page(request, _organiser_event(request, slug))


@require_POST
@login_required
def configure(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organiser_event(request, slug)
    settings = RoundTableSettings.objects.filter(event=event).first() or RoundTableSettings(event=event)
    form = RoundTableSettingsForm(request.POST, instance=settings)
    if form.is_valid():
        try:
            rt_actions.configure_round_tables(event, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The round-table settings are saved."))
            return redirect("workshops:tables", slug=event.slug)
    return _page(request, event, settings_form=form, status=400)


@require_POST
@login_required
def presenter_add(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organiser_event(request, slug)
    form = PresenterForm(request.POST, event=event, auto_id="id_presenter_%s")
    if form.is_valid():
        try:
            rt_actions.add_presenter(event, form.cleaned_data["registration"], form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The presenter is added."))
            return redirect("workshops:tables", slug=event.slug)
    return _page(request, event, presenter_form=form, status=400)


@require_POST
@login_required
def presenter_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _organiser_event(request, slug)
    presenter = get_object_or_404(Presenter, event=event, pk=pk)
    rt_actions.remove_presenter(presenter, actor=request.user)
    messages.success(request, _("The presenter is removed."))
    return redirect("workshops:tables", slug=event.slug)


@require_POST
@login_required
def plan_start(request: HttpRequest, slug: str) -> HttpResponse:
    event = _organiser_event(request, slug)
    try:
        rt_actions.start_table_plan(event, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("workshops:tables", slug=event.slug)


@login_required
def plan_status(request: HtmxHttpRequest, slug: str, pk: int) -> HttpResponse:
    """The status box, polled by htmx while the plan is queued or running; reloads the page when finished."""
    event = _organiser_event(request, slug)
    plan = _plan(event, pk)
    response = render(request, "workshops/roundtables/status.html",
                      {"event": event, "plan": plan, "errors": rt_queries.plan_errors(plan)})
    if getattr(request, "htmx", False) and plan.status in (TablePlanStatus.DONE, TablePlanStatus.FAILED):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def plan_publish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _organiser_event(request, slug)
    plan = _plan(event, pk)
    try:
        rt_actions.publish_table_plan(plan, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The round tables are published: every participant sees their rounds."))
    return redirect("workshops:tables", slug=event.slug)


@require_POST
@login_required
def plan_unpublish(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _organiser_event(request, slug)
    rt_actions.unpublish_table_plan(_plan(event, pk), actor=request.user)
    messages.success(request, _("The round tables are no longer published."))
    return redirect("workshops:tables", slug=event.slug)


@login_required
def plan_print(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _organiser_event(request, slug)
    plan = _plan(event, pk)
    if plan.status != TablePlanStatus.DONE:
        return redirect("workshops:tables", slug=event.slug)
    return render(request, "workshops/roundtables/print.html",
                  {"event": event, "plan": plan, "view": rt_queries.plan_view(plan)})


def ratings_form_for(event: Event, data: Any = None, registration: Registration | None = None) -> RatingsForm | None:
    """The ratings part of a form, or None when the event does not use round tables (or has no presenters)."""
    if rt_queries.settings_of(event) is None:
        return None
    presenters = rt_queries.presenters(event)
    if not presenters:
        return None
    initial = rt_queries.ratings_by_presenter(registration) if registration is not None else None
    form = RatingsForm(data, presenters=presenters, registration=registration, initial_ratings=initial)
    return form if form.presenters else None


def mine(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The participant's rounds and ratings, reached by the personal link."""
    event = _event(slug)
    registration = get_object_or_404(Registration, event=event, token=token)
    active = registration.status != RegistrationStatus.CANCELLED
    form = ratings_form_for(event, request.POST or None, registration) if active else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            rt_actions.rate(registration, form.ratings(), actor=request.user, token=token)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your ratings are saved."))
            return redirect("workshops:tables_mine", slug=event.slug, token=token)
    published = rt_queries.published_plan(event) if registration.status == RegistrationStatus.CONFIRMED else None
    presenting = registration.presentations.first()
    return render(request, "workshops/roundtables/mine.html", {
        "event": event, "registration": registration, "form": form, "published": published,
        "lines": rt_queries.my_round_lines(published, registration), "presenting": presenting,
        "uses_tables": rt_queries.settings_of(event) is not None,
    }, status=400 if request.method == "POST" else 200)
