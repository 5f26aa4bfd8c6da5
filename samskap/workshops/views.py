from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.accounts.queries import verified_emails
from samskap.core.forms import add_action_errors
from samskap.core.http import HtmxHttpRequest, posted_id, posted_ids
from samskap.directory.permissions import is_coordinator, require_coordinator
from samskap.needs.models import Need
from samskap.workshops import actions, exports, proposals, queries, reports, uploads
from samskap.workshops.forms import (
    EventCreateForm,
    EventForm,
    ImportForm,
    ProgrammeItemForm,
    RegistrationForm,
    SessionForm,
    StaffForm,
    ThemeForm,
)
from samskap.workshops.models import (
    Choice,
    Event,
    Plan,
    PlanStatus,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
    StaffMember,
    Theme,
    WorkshopSession,
)
from samskap.workshops.plan_views import (
    _done_plan as _done_plan,
)
from samskap.workshops.plan_views import (  # the plan pages, re-exported for urls.py
    _plan as _plan,
)
from samskap.workshops.plan_views import (
    _plan_page as _plan_page,
)
from samskap.workshops.plan_views import (
    move as move,
)
from samskap.workshops.plan_views import (
    plan_badges as plan_badges,
)
from samskap.workshops.plan_views import (
    plan_detail as plan_detail,
)
from samskap.workshops.plan_views import (
    plan_latest as plan_latest,
)
from samskap.workshops.plan_views import (
    plan_overview as plan_overview,
)
from samskap.workshops.plan_views import (
    plan_print as plan_print,
)
from samskap.workshops.plan_views import (
    plan_publish as plan_publish,
)
from samskap.workshops.plan_views import (
    plan_start as plan_start,
)
from samskap.workshops.plan_views import (
    plan_status as plan_status,
)
from samskap.workshops.plan_views import (
    plan_unpublish as plan_unpublish,
)
from samskap.workshops.plan_views import (
    plan_xlsx as plan_xlsx,
)
from samskap.workshops.plan_views import (
    unlock as unlock,
)
from samskap.workshops.view_common import _counts as _counts
from samskap.workshops.view_common import _event as _event


def _form_page(request: HttpRequest, form: Any, *, title: str, event: Event | None = None,
               back: str | None = None) -> HttpResponse:
    return render(request, "workshops/form.html", {"form": form, "title": title, "event": event,
                                                   "back": back or reverse("workshops:list")})


# -- public pages -------------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    confirmed = Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED))
    events = Event.objects.annotate(confirmed=confirmed)
    return render(request, "workshops/event_list.html", {
        "upcoming": events.filter(date__gte=today).order_by("date"),
        "past": events.filter(date__lt=today).order_by("-date"),
    })


def _theme_counts(event: Event) -> dict[int, dict[str, int]]:
    rows = (Choice.objects.filter(registration__event=event, registration__status=RegistrationStatus.CONFIRMED)
            .values("theme_id").annotate(total=Count("pk"), first=Count("pk", filter=Q(rank=1))))
    return {r["theme_id"]: {"total": r["total"], "first": r["first"]} for r in rows}


def event_detail(request: HttpRequest, slug: str, token: str | None = None) -> HttpResponse:
    event = _event(slug)
    coordinator = is_coordinator(request.user)
    sessions = list(event.sessions.prefetch_related("themes__needs__municipality"))
    registration = None
    own = None
    if token is not None:
        registration = get_object_or_404(Registration, event=event, token=token)
    elif request.user.is_authenticated:
        own = (Registration.objects.filter(event=event, person__user=request.user)
               .exclude(status=RegistrationStatus.CANCELLED).first())
    for session in sessions:
        for theme in session.themes.all():
            languages = {n.language for n in theme.needs.all()}
            # extra attributes for the template (cast: mypy does not allow new model attributes)
            cast(Any, theme).lang = languages.pop() if len(languages) == 1 else ""  # themes made from nynorsk needs
    published = queries.published_plan(event)
    mine = []
    if registration is not None and registration.status == RegistrationStatus.CONFIRMED:
        mine = reports.my_groups(published, registration)
    context: dict[str, Any] = {
        "event": event, "sessions": sessions, "programme": event.programme.all(), "counts": _counts(event),
        "registration": registration, "own_registration": own, "published": published, "my_groups": mine,
        "my_choices": registration.choices.select_related("theme", "session") if registration else [],
    }
    if coordinator:
        counts = _theme_counts(event)
        for session in sessions:
            for theme in session.themes.all():
                cast(Any, theme).signups = counts.get(theme.pk, {"total": 0, "first": 0})
        needs = proposals.call_needs(event)
        for need in needs:
            cast(Any, need).event_themes = [t for t in need.workshop_themes.all() if t.session.event_id == event.pk]
        context.update({
            "latest_plan": event.plans.first(), "staff": event.staff.all(), "call_needs": needs,
            "import_form": ImportForm(),
        })
    return render(request, "workshops/event_detail.html", context)


def _initial_for(user: Any) -> dict[str, Any]:
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None:
        return {}
    return {"name": person.name, "email": person.email or user.email,
            "organisation_name": person.organisation.name if person.organisation else "",
            "actor_type": queries.actor_type_for(person.organisation)}


def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    from samskap.workshops import roundtable_actions, roundtable_views  # round tables: ratings in the form

    open_ = event.registration_open or is_coordinator(request.user)
    form = RegistrationForm(request.POST or None, event=event, initial=_initial_for(request.user))
    ratings_form = roundtable_views.ratings_form_for(event, request.POST or None)  # None without round tables
    if request.method == "POST" and open_ and form.is_valid() and (ratings_form is None or ratings_form.is_valid()):
        data = {k: form.cleaned_data[k] for k in (*RegistrationForm.PERSON_FIELDS, *RegistrationForm.FINAL_FIELDS)}
        try:
            registration = actions.register(event, data, form.choices, actor=request.user)
            status = registration.status
            if ratings_form is not None:
                roundtable_actions.rate(registration, ratings_form.ratings(), token=registration.token,
                                        actor=request.user)
        except actions.AlreadyRegistered as exc:
            # Answer as for a new registration: the page must not tell who is registered. The owner of
            # the address gets an e-mail with the personal link.
            status = exc.status
        except ValidationError as exc:
            add_action_errors(form, exc)
            status = None
        if status is not None:
            # The personal link (to see or cancel the registration) goes by e-mail only, to the address given.
            if status == RegistrationStatus.WAITLISTED:
                messages.warning(request, _("The workshop is full: the registration is on the waiting list. We "
                                            "have sent you an e-mail with your personal link."))
            else:
                messages.success(request, _("Thank you for registering. We have sent you an e-mail with your "
                                            "personal link, where you can see or cancel your registration."))
            return redirect("workshops:detail", slug=event.slug)
    return render(request, "workshops/register.html", {"event": event, "form": form, "open": open_,
                                                       "ratings_form": ratings_form,
                                                       "refusal": actions.registration_refusal(event),
                                                       "counts": _counts(event)})


@require_POST
@login_required
def registration_open(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    try:
        actions.open_registration(event, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Registration is open."))
    return redirect("workshops:detail", slug=event.slug)


@require_POST
@login_required
def registration_close(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    actions.close_registration(event, actor=request.user)
    messages.success(request, _("Registration is closed."))
    return redirect("workshops:detail", slug=event.slug)


@require_POST
def cancel(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    event = _event(slug)
    registration = get_object_or_404(Registration, event=event, token=token)
    try:
        actions.cancel_registration(registration, token=token, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("workshops:mine", slug=event.slug, token=token)


def programme_ics(request: HttpRequest, slug: str) -> HttpResponse:
    event = _event(slug)
    response = HttpResponse(exports.programme_ical(event), content_type=exports.ICAL)
    response["Content-Disposition"] = f'attachment; filename="{slugify(event.slug) or "program"}.ics"'
    return response


# -- coordinators: event, programme, sessions, themes, staff ---------------------------------------------


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    form = EventCreateForm(request.POST or None, initial={"capacity": 60})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sessions = data.pop("sessions") or 0
        try:
            event = actions.create_event(data, sessions=sessions, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The workshop was created."))
            return redirect("workshops:detail", slug=event.slug)
    return _form_page(request, form, title=_("New workshop"))


@login_required
def event_edit(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    form = EventForm(request.POST or None, instance=Event.objects.get(pk=event.pk))
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.update_event(event, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The workshop was saved."))
            return redirect("workshops:detail", slug=event.slug)
    return _form_page(request, form, title=_("Edit workshop"), event=event,
                      back=reverse("workshops:detail", args=[event.slug]))


def _back(event: Event, anchor: str = "") -> str:
    return reverse("workshops:detail", args=[event.slug]) + (f"#{anchor}" if anchor else "")


def _edit_child(request: HttpRequest, event: Event, *, instance: Any, form_class: Any, create: Any, update: Any,
                saved: str, titles: tuple[str, str], anchor: str, initial: dict | None = None) -> HttpResponse:
    """The shared create/edit view for an event's parts (programme items, sessions, staff)."""
    form = form_class(request.POST or None, instance=instance, initial=initial or {})
    if request.method == "POST" and form.is_valid():
        try:
            if instance is None:
                create(event, form.cleaned_data, actor=request.user)
            else:
                update(instance, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, saved)
            return redirect(_back(event, anchor))
    title = titles[0] if instance else titles[1]
    return _form_page(request, form, title=title, event=event, back=_back(event, anchor))


def _delete_child(request: HttpRequest, event: Event, obj: Any, delete: Any, done: str, anchor: str) -> HttpResponse:
    """The shared delete view for an event's parts; a refusal (ValidationError) is shown as a message."""
    try:
        delete(obj, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(_back(event, anchor))


@login_required
def programme_item_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    item = get_object_or_404(ProgrammeItem, event=event, pk=pk) if pk else None
    return _edit_child(request, event, instance=item, form_class=ProgrammeItemForm,
                       create=actions.add_programme_item, update=actions.update_programme_item,
                       saved=_("The programme was saved."),
                       titles=(_("Edit programme item"), _("New programme item")), anchor="programme")


@require_POST
@login_required
def programme_item_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    item = get_object_or_404(ProgrammeItem, event=event, pk=pk)
    return _delete_child(request, event, item, actions.delete_programme_item,
                         _("The programme item was deleted."), "programme")


@login_required
def session_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    session = get_object_or_404(WorkshopSession, event=event, pk=pk) if pk else None
    return _edit_child(request, event, instance=session, form_class=SessionForm,
                       create=actions.add_session, update=actions.update_session,
                       saved=_("The session was saved."), titles=(_("Edit session"), _("New session")),
                       anchor="themes", initial=None if session else {"number": event.sessions.count() + 1})


@require_POST
@login_required
def session_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    session = get_object_or_404(WorkshopSession, event=event, pk=pk)
    return _delete_child(request, event, session, actions.delete_session, _("The session was deleted."), "themes")


@login_required
def theme_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    theme = get_object_or_404(Theme, session__event=event, pk=pk) if pk else None
    initial = {}
    if theme is None and request.GET.get("session"):
        initial["session"] = request.GET["session"]
    form = ThemeForm(request.POST or None, instance=theme, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        needs = list(data.pop("needs", None) or [])
        try:
            if theme is None:
                actions.create_theme(data.pop("session"), data, needs=needs, actor=request.user)
            else:
                actions.update_theme(theme, data, needs=needs if "needs" in form.fields else None, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The theme was saved."))
            return redirect(_back(event, "themes"))
    title = _("Edit theme") if theme else _("New theme")
    return _form_page(request, form, title=title, event=event, back=_back(event, "themes"))


@require_POST
@login_required
def theme_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    theme = get_object_or_404(Theme, session__event=event, pk=pk)
    return _delete_child(request, event, theme, actions.delete_theme, _("The theme was deleted."), "themes")


def _posted_session(request: HttpRequest, event: Event) -> WorkshopSession:
    return get_object_or_404(WorkshopSession, event=event, pk=posted_id(request.POST.get("session")) or 0)


@require_POST
@login_required
def theme_from_need(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    session = _posted_session(request, event)
    need = get_object_or_404(Need, pk=posted_id(request.POST.get("need")) or 0)
    try:
        theme = actions.theme_from_need(session, need, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The theme «%(title)s» was added to %(session)s.") % {
            "title": theme.title, "session": session})
    return redirect(_back(event, "proposals"))


@require_POST
@login_required
def theme_from_challenge(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    session = _posted_session(request, event)
    needs = list(Need.objects.filter(pk__in=posted_ids(request.POST.getlist("needs"), limit=200))
                 .select_related("municipality"))
    title = " ".join(request.POST.get("title", "").split())
    if not title:
        messages.error(request, _("Give the theme a title."))
        return redirect(_back(event, "proposals"))
    try:
        theme = actions.theme_from_challenge(session, title, needs, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The theme «%(title)s» was added to %(session)s.") % {
            "title": theme.title, "session": session})
    return redirect(_back(event, "proposals"))


@login_required
def challenges(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Shared challenges among the call's answers (loaded on demand: it uses the brokering index)."""
    require_coordinator(request.user)
    event = _event(slug)
    found = proposals.shared_challenges(event)
    template = "workshops/challenges_panel.html" if request.htmx else "workshops/challenges.html"
    return render(request, template, {"event": event, "challenges": found, "sessions": event.sessions.all()})


@login_required
def staff_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    staff = get_object_or_404(StaffMember, event=event, pk=pk) if pk else None
    return _edit_child(request, event, instance=staff, form_class=StaffForm,
                       create=actions.add_staff, update=actions.update_staff,
                       saved=_("The staff member was saved."),
                       titles=(_("Edit staff member"), _("New staff member")), anchor="staff")


@require_POST
@login_required
def staff_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    staff = get_object_or_404(StaffMember, event=event, pk=pk)
    return _delete_child(request, event, staff, actions.delete_staff, _("The staff member was removed."), "staff")


# -- coordinators: registrations and import --------------------------------------------------------------


@login_required
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    require_coordinator(request.user)
    event = _event(slug)
    rows = list(event.registrations.prefetch_related("choices__theme", "choices__session").order_by(
        "status", "created_at", "pk"))
    return render(request, "workshops/registrations.html", {"event": event, "registrations": rows,
                                                            "counts": _counts(event)})


@require_POST
@login_required
def registration_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _event(slug)
    registration = get_object_or_404(Registration, event=event, pk=pk)
    try:
        promoted = actions.cancel_registration(registration, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The registration of %(name)s is cancelled.") % {"name": registration.name})
        for r in promoted:
            messages.info(request, _("%(name)s moved up from the waiting list.") % {"name": r.name})
    return redirect("workshops:registrations", slug=event.slug)


@login_required
def import_registrations(request: HttpRequest, slug: str) -> HttpResponse:
    """Step 1 of an import: upload the file. A readable file is kept (see ``uploads``) and the coordinator is
    sent to the preview; nothing is imported yet."""
    require_coordinator(request.user)
    event = _event(slug)
    form = ImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            actions.preview_import(event, data, upload.name, actor=request.user)
        except actions.ImportFailed as exc:
            errors = exc.errors
        else:
            token = uploads.store(request, event, data, upload.name)
            return redirect("workshops:import_preview", slug=event.slug, token=token)
    return render(request, "workshops/import.html", {"event": event, "form": form, "result": None,
                                                     "errors": errors})


@login_required
def import_preview(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """Step 2: the themes found and the spellings that will be merged, each merge kept or split by the
    coordinator. A POST with ``update`` shows the preview again with the choices; ``confirm`` imports (the
    file is checked again); ``cancel`` forgets the file. Only the confirmation writes."""
    require_coordinator(request.user)
    event = _event(slug)
    kept = uploads.load(request, event, token)
    if kept is None:
        messages.error(request, _("The uploaded file is no longer available (it is kept for an hour, in the "
                                  "browser session that uploaded it). Upload it again."))
        return redirect("workshops:import", slug=event.slug)
    data, filename = kept
    split = request.POST.getlist("split") if request.method == "POST" else []
    if request.method == "POST" and "cancel" in request.POST:
        uploads.discard(request, token)
        messages.info(request, _("Nothing was imported."))
        return redirect("workshops:detail", slug=event.slug)
    errors: list[str] = []
    if request.method == "POST" and "confirm" in request.POST:
        try:
            result = actions.import_registrations(event, data, filename, split=split, actor=request.user)
        except actions.ImportFailed as exc:
            errors = exc.errors
        else:
            uploads.discard(request, token)
            return render(request, "workshops/import.html", {"event": event, "form": None, "result": result,
                                                             "errors": []})
    try:
        preview = actions.preview_import(event, data, filename, split=split, actor=request.user)
    except actions.ImportFailed as exc:
        preview, errors = None, errors or exc.errors
    return render(request, "workshops/import_preview.html", {
        "event": event, "preview": preview, "errors": errors, "filename": filename, "token": token,
    }, status=422 if errors else 200)


def start_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The signed-in person's front page: the coming workshops they are registered for (with their personal
    link); for a coordinator, coming workshops whose groups are not published yet."""
    user = request.user
    today = timezone.localdate()
    mine = Registration.objects.filter(event__date__gte=today).exclude(status=RegistrationStatus.CANCELLED)
    match = Q(person__user=user)
    for email in verified_emails(user):  # a guest registration is theirs only by an address they proved
        match |= Q(email__iexact=email)
    registrations = list(mine.filter(match).select_related("event").order_by("event__date", "pk")[:10])
    unplanned: list[dict[str, Any]] = []
    if is_coordinator(user):
        published = Plan.objects.filter(status=PlanStatus.DONE, published=True).values("event_id")
        for event in (Event.objects.filter(date__gte=today).exclude(pk__in=published)
                      .annotate(confirmed=Count("registrations", filter=Q(
                          registrations__status=RegistrationStatus.CONFIRMED)))
                      .order_by("date", "pk")[:10]):
            unplanned.append({"event": event, "confirmed": event.confirmed})
    if not (registrations or unplanned):
        return None
    return {"template": "workshops/panels/start.html", "registrations": registrations, "unplanned": unplanned}
