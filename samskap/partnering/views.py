"""Pages of one-to-one meetings: the participant's page (by personal link), the organisers' page, the print
view and the personal agenda as iCal. Every write is a POST that calls one action and redirects."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskap.core.http import HtmxHttpRequest
from samskap.core.options import options_response
from samskap.needs.models import Need
from samskap.partnering import actions, queries
from samskap.partnering.forms import BookForm, ProfileForm, RequestForm, RunForm, SlotsForm, TablesForm
from samskap.partnering.ical import agenda_ics
from samskap.partnering.models import MeetingProfile, MeetingRequest, RequestStatus, RunStatus, TimeSlot
from samskap.partnering.permissions import is_organiser, require_organiser
from samskap.partnering.suggestions import suggestions
from samskap.workshops.models import Event, Registration


def _event(slug: str) -> Event:
    return get_object_or_404(Event, slug=slug)


def _participant(event: Event, token: str) -> Registration:
    registration = get_object_or_404(Registration.objects.select_related("event", "person"), event=event,
                                     token=token)
    if not queries.is_participant(registration):
        raise PermissionDenied(_("Only confirmed participants take part in one-to-one meetings."))
    return registration


def _mine(registration: Registration, anchor: str = "") -> HttpResponse:
    url = reverse("partnering:mine", args=[registration.event.slug, registration.token])
    return redirect(f"{url}#{anchor}" if anchor else url)


def _error(request: HttpRequest, exc: ValidationError) -> None:
    messages.error(request, " ".join(exc.messages))


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default if value in (None, "") else 0


def _own_needs(registration: Registration) -> Any:
    user = getattr(registration.person, "user", None) if registration.person else None
    if user is None:
        return Need.objects.none()
    return Need.objects.filter(created_by=user).order_by("title")


# -- landing page ---------------------------------------------------------------------------------------


def event(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _event(slug)
    return render(request, "partnering/event.html", {
        "event": ev, "own": queries.own_registration(ev, request.user),
        "organiser": is_organiser(request.user, ev), "published": queries.is_published(ev),
        "slots": [s for s in queries.slots(ev) if not s.is_break],
    })


# -- the participant's page ------------------------------------------------------------------------------


def _slot_rows(registration: Registration) -> list[dict[str, Any]]:
    free = queries.available_slot_ids(registration)
    return [{"slot": s, "available": s.pk in free} for s in queries.slots(registration.event) if not s.is_break]


def _meetable(registration: Registration, busy: set[int] | None = None) -> Any:
    """The participants ``registration`` may ask for a meeting: published profiles, not already asked."""
    if busy is None:
        busy = {r.other(registration).pk for r in queries.requests_of(registration) if r.status in queries.ACTIVE}
    return (queries.participants(registration.event).exclude(pk=registration.pk).exclude(pk__in=busy)
            .filter(meeting_profile__published=True))


def _request_form(registration: Registration, token: str, people: Any) -> RequestForm:
    return RequestForm(people=people, options_url=reverse("partnering:request_options",
                                                          args=[registration.event.slug, token]))


@require_GET
def request_options(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Options of the searchable "whom do you want to meet" select (read-only): the form's own choices."""
    registration = _participant(_event(slug), token)
    return options_response(request, _request_form(registration, token, _meetable(registration)))


@require_GET
@login_required
def book_options(request: HttpRequest, slug: str) -> HttpResponse:
    """Options of the organiser's searchable participant selects (read-only): the form's own choices."""
    ev = _organiser_event(request, slug)
    return options_response(request, _book_form(ev))


def _book_form(ev: Event) -> BookForm:
    return BookForm(people=queries.participants(ev),
                    options_url=reverse("partnering:book_options", args=[ev.slug]))


def mine(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    ev = _event(slug)
    registration = _participant(ev, token)
    profile = MeetingProfile.objects.filter(registration=registration).prefetch_related("needs").first()
    initial = ({"offer": profile.offer, "seek": profile.seek, "tags": profile.tags, "published": profile.published,
                "needs": list(profile.needs.all())} if profile else {"published": True})
    requests = list(queries.requests_of(registration).order_by("-created_at", "-pk"))
    incoming = [r for r in requests if r.recipient_id == registration.pk]
    outgoing = [r for r in requests if r.sender_id == registration.pk]
    busy = {r.other(registration).pk for r in requests if r.status in queries.ACTIVE}
    people = _meetable(registration, busy)
    found = [s for s in suggestions(registration) if s.registration.pk not in busy]
    return render(request, "partnering/mine.html", {
        "event": ev, "registration": registration, "token": token, "profile": profile,
        "profile_form": ProfileForm(initial=initial, needs=_own_needs(registration)),
        "request_form": _request_form(registration, token, people), "suggestions": found,
        "incoming": incoming, "outgoing": outgoing, "slot_rows": _slot_rows(registration),
        "agenda": [{"meeting": m, "other": m.request.other(registration)} for m in queries.agenda(registration)],
        "published": queries.is_published(ev),
    })


@require_POST
def save_profile(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    ev = _event(slug)
    registration = _participant(ev, token)
    form = ProfileForm(request.POST, needs=_own_needs(registration))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return _mine(registration, "profile")
    try:
        actions.save_profile(registration, form.cleaned_data, actor=request.user, token=token,
                             needs=form.cleaned_data.get("needs"), person=registration.person)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Your meeting profile is saved."))
    return _mine(registration, "profile")


@require_POST
def request_meeting(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    ev = _event(slug)
    registration = _participant(ev, token)
    try:
        recipient = queries.participant_by_id(ev, request.POST.get("recipient"))
        actions.request_meeting(registration, recipient, request.POST.get("message", ""), actor=request.user,
                                token=token, priority=_int(request.POST.get("priority"), 1))
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Your request is sent to %(name)s.") % {"name": recipient.name})
    return _mine(registration, "requests")


def _request_of(registration: Registration, pk: int) -> MeetingRequest:
    return get_object_or_404(MeetingRequest, Q(sender=registration) | Q(recipient=registration), pk=pk)


@require_POST
def answer(request: HttpRequest, slug: str, token: str, pk: int) -> HttpResponse:
    ev = _event(slug)
    registration = _participant(ev, token)
    item = _request_of(registration, pk)
    accept = request.POST.get("answer") == "accept"
    try:
        actions.answer_request(item, accept, actor=request.user, token=token if item.recipient_id ==
                               registration.pk else None)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("You accepted the meeting.") if accept else _("You declined the meeting."))
    return _mine(registration, "requests")


@require_POST
def cancel(request: HttpRequest, slug: str, token: str, pk: int) -> HttpResponse:
    ev = _event(slug)
    registration = _participant(ev, token)
    item = _request_of(registration, pk)
    try:
        actions.cancel_request(item, actor=request.user, token=token, registration=registration)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The meeting is called off."))
    return _mine(registration, "requests")


@require_POST
def availability(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    ev = _event(slug)
    registration = _participant(ev, token)
    try:
        chosen = {int(v) for v in request.POST.getlist("slot")}
    except ValueError:
        chosen = set()
        messages.error(request, _("Unknown time slot."))
        return _mine(registration, "availability")
    breaks = set(TimeSlot.objects.filter(event=ev, is_break=True).values_list("pk", flat=True))
    try:
        actions.set_availability(registration, chosen | breaks, actor=request.user, token=token)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("Your availability is saved."))
    return _mine(registration, "availability")


def ical(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    ev = _event(slug)
    registration = _participant(ev, token)
    response = HttpResponse(agenda_ics(registration, queries.agenda(registration)),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="motebors-{ev.slug}.ics"'
    return response


# -- organisers ---------------------------------------------------------------------------------------------


def _organiser_event(request: HttpRequest, slug: str) -> Event:
    ev = _event(slug)
    require_organiser(request.user, ev)
    return ev


def _table_plan(ev: Event) -> list[dict[str, Any]]:
    by_slot: dict[int, list[Any]] = {}
    for m in queries.schedule(ev):
        by_slot.setdefault(m.slot_id, []).append(m)
    return [{"slot": s, "meetings": by_slot.get(s.pk, [])} for s in queries.slots(ev)]


@login_required
def organise(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    people = queries.participants(ev)
    requests = list(MeetingRequest.objects.filter(event=ev).select_related(
        "sender", "recipient", "scheduled__slot", "scheduled__table").order_by("status", "sender__name", "pk"))
    accepted = sum(1 for r in requests if r.status == RequestStatus.ACCEPTED)
    scheduled = sum(1 for r in requests if r.status == RequestStatus.ACCEPTED and hasattr(r, "scheduled"))
    return render(request, "partnering/organise.html", {
        "event": ev, "slots": queries.slots(ev), "tables": ev.meeting_tables.all(), "requests": requests,
        "accepted": accepted, "scheduled": scheduled, "participants": people.count(),
        "unbooked": len(queries.unbooked(ev)), "published": queries.is_published(ev),
        "run": queries.latest_run(ev), "plan": _table_plan(ev),
        "slots_form": SlotsForm(initial={"first": ev.start_time or dt.time(10, 0)}),
        "tables_form": TablesForm(initial={"count": ev.meeting_tables.count() or ev.tables_per_session}),
        "book_form": _book_form(ev), "run_form": RunForm(),
    })


def _back(ev: Event, anchor: str) -> HttpResponse:
    return redirect(reverse("partnering:organise", args=[ev.slug]) + f"#{anchor}")


@require_POST
@login_required
def add_slots(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    form = SlotsForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(f"{form.fields[k].label}: {e}" for k, errors in form.errors.items()
                                         for e in errors if k in form.fields))
        return _back(ev, "slots")
    d = form.cleaned_data
    try:
        made = actions.add_slots(ev, d["first"], d["minutes"], d["count"], actor=request.user,
                                 break_after=d.get("break_after"), break_minutes=d["break_minutes"])
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("%(n)s slots added.") % {"n": len(made)})
    return _back(ev, "slots")


@require_POST
@login_required
def delete_slot(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ev = _organiser_event(request, slug)
    slot = get_object_or_404(TimeSlot, event=ev, pk=pk)
    try:
        actions.delete_slot(slot, actor=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The slot %(slot)s is deleted.") % {"slot": str(slot)})
    return _back(ev, "slots")


@require_POST
@login_required
def set_tables(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    form = TablesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Number of tables: between 0 and 500."))
        return _back(ev, "tables")
    try:
        tables = actions.set_tables(ev, form.cleaned_data["count"], actor=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The event has %(n)s tables.") % {"n": len(tables)})
    return _back(ev, "tables")


@require_POST
@login_required
def book(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    try:
        sender = queries.participant_by_id(ev, request.POST.get("sender"))
        recipient = queries.participant_by_id(ev, request.POST.get("recipient"))
        actions.book_meeting(sender, recipient, actor=request.user, priority=_int(request.POST.get("priority"), 2))
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("A meeting between %(a)s and %(b)s is booked.") % {
            "a": sender.name, "b": recipient.name})
    return _back(ev, "book")


@require_POST
@login_required
def run_scheduler(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    form = RunForm(request.POST)
    limit = form.cleaned_data["time_limit"] if form.is_valid() else 20
    try:
        actions.start_schedule(ev, actor=request.user, time_limit=float(limit))
    except ValidationError as exc:
        _error(request, exc)
    return _back(ev, "schedule")


@login_required
def run_status(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The status box, polled by htmx while the run is queued or running; reloads the page when done."""
    ev = _organiser_event(request, slug)
    run = queries.latest_run(ev)
    response = render(request, "partnering/run_status.html", {"event": ev, "run": run})
    if request.htmx and run is not None and run.status in (RunStatus.DONE, RunStatus.FAILED):
        response["HX-Refresh"] = "true"
    return response


@require_POST
@login_required
def publish(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    try:
        count = actions.publish_schedule(ev, actor=request.user)
    except ValidationError as exc:
        _error(request, exc)
    else:
        messages.success(request, _("The schedule is published (%(n)s new meetings): participants see their "
                                    "agenda and get it by e-mail.") % {"n": count})
    return _back(ev, "schedule")


@require_POST
@login_required
def unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    actions.unpublish_schedule(ev, actor=request.user)
    messages.success(request, _("The schedule is no longer published."))
    return _back(ev, "schedule")


@require_POST
@login_required
def remind(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    people = actions.remind_unbooked(ev, actor=request.user)
    messages.success(request, _("%(n)s participants without meetings are reminded.") % {"n": len(people)})
    return _back(ev, "requests")


@login_required
def print_plan(request: HttpRequest, slug: str) -> HttpResponse:
    ev = _organiser_event(request, slug)
    return render(request, "partnering/print.html", {"event": ev, "plan": _table_plan(ev)})


def start_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The signed-in person's front page: coming events with one-to-one meetings they take part in."""
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    today = timezone.localdate()
    mine = list(Registration.objects.filter(person__user_id=cast(int, user.pk), status="confirmed", event__date__gte=today,
                                            event__meeting_slots__isnull=False)
                .select_related("event").distinct().order_by("event__date", "pk")[:10])
    if not mine:
        return None
    return {"template": "partnering/panels/start.html", "registrations": mine}
