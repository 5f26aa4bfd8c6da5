from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from samskap.core.exports import csv_stream
from samskap.core.forms import add_action_errors
from samskap.core.http import safe_next
from samskap.directory.models import Organisation, Person
from samskap.directory.permissions import is_coordinator, require, require_coordinator
from samskap.followup import actions, charts, network, queries, report
from samskap.followup.actions import StaleVersionError
from samskap.followup.forms import (
    ActionFilterForm,
    ActionForm,
    ApplicationForm,
    BenefitForm,
    CaseFromActionForm,
    ContactForm,
    DeletionRequestForm,
    FunnelFilterForm,
    GuestOutcomeRowForm,
    MeasurementForm,
    MeasurementImportForm,
    NetworkFilterForm,
    OutcomeRowForm,
    PhaseForm,
    RejectDeletionForm,
    group_choices,
)
from samskap.followup.funnel import funnel
from samskap.followup.models import (
    OPEN_STATUSES,
    Action,
    ActionStatus,
    Application,
    Benefit,
    DeletionRequest,
    DeletionStatus,
    OrganisationContact,
    OutcomeRow,
    RoadmapPhase,
)
from samskap.followup.permissions import (
    GuestNoteTaker,
    can_create_action,
    can_edit_outcome,
    can_manage_contacts,
    can_update_action,
    is_guest_note_taker,
    person_of,
    taking_part,
)
from samskap.followup.privacy import person_data
from samskap.followup.signals import event_signals, named_organisations, organisation_signals, row_queryset
from samskap.followup.vcard import contact_row, vcard, vcards
from samskap.workshops.models import Event, Group, Registration

# --- Overview --------------------------------------------------------------------------------------------------

@login_required
def index(request: HttpRequest) -> HttpResponse:
    person = person_of(request.user)
    my_actions = Action.objects.none()
    if person is not None:
        mine = Q(owner_person=person)
        if person.organisation_id:
            mine |= Q(owner_organisation_id=person.organisation_id)
        my_actions = Action.objects.filter(mine).select_related("owner_organisation").order_by("due_date", "pk")
    return render(request, "followup/index.html", {
        "my_groups": queries.groups_for_note_taker(request.user),
        "my_actions": my_actions,
        "events": queries.events_with_groups(),
        "person": person,
        "today": timezone.localdate(),
        "pending_deletions": DeletionRequest.objects.filter(status=DeletionStatus.PENDING).count()
        if is_coordinator(request.user) else 0,
    })


@login_required
def event_outcomes(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    groups = queries.event_groups(event)
    rows = list(row_queryset().filter(group__in=groups).order_by("group", "position", "pk"))
    by_group: dict[int, list[OutcomeRow]] = {}
    for row in rows:
        by_group.setdefault(row.group_id, []).append(row)
    sections = [{"group": g, "rows": by_group.get(g.pk, []), "can_edit": can_edit_outcome(request.user, g)}
                for g in groups]
    return render(request, "followup/event.html", {"event": event, "sections": sections,
                                                   "signal_groups": event_signals(rows)})


@login_required
def event_report(request: HttpRequest, slug: str) -> HttpResponse:
    event = get_object_or_404(Event, slug=slug)
    fmt = request.GET.get("format", "docx")
    if fmt not in report.FORMATS:
        raise Http404(_("Unknown format."))
    language = request.GET.get("language") or getattr(request, "LANGUAGE_CODE", "nb")
    if language not in ("nb", "nn", "en"):
        language = "nb"
    data = report.build_report(event, fmt, language=language)
    response = HttpResponse(data, content_type=report.content_type(fmt))
    response["Content-Disposition"] = f'attachment; filename="{report.filename(event, fmt)}"'
    return response


# --- A group's outcome, row by row -----------------------------------------------------------------------------

def _group(pk: int) -> Group:
    return get_object_or_404(Group.objects.select_related("theme__session__event", "note_taker__person",
                                                         "host__person", "note_taker_staff", "host_staff"), pk=pk)


def _row_context(row: OutcomeRow, form: OutcomeRowForm, **extra: Any) -> dict[str, Any]:
    return {"row": row, "form": form, "group": row.group, **extra}


def _new_form(group: Group, choices: dict[str, Any], data: Any = None) -> OutcomeRowForm:
    return OutcomeRowForm(data, group=group, choices=choices, prefix="new")


@login_required
def group_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    can_edit = can_edit_outcome(request.user, group)
    rows = list(row_queryset().filter(group=group).order_by("position", "pk"))
    context: dict[str, Any] = {"group": group, "event": group.theme.session.event, "rows": rows,
                               "can_edit": can_edit, "members": queries.group_members(group)}
    if can_edit:
        choices = group_choices(group)
        context["row_forms"] = [(row, OutcomeRowForm(instance=row, group=group, prefix=f"row-{row.pk}",
                                                     choices=group_choices(group, row))) for row in rows]
        context["new_form"] = _new_form(group, choices)
    return render(request, "followup/group.html", context)


@require_POST
@login_required
def row_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = _group(pk)
    require(can_edit_outcome(request.user, group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    choices = group_choices(group)
    form = _new_form(group, choices, request.POST)
    row = None
    if form.is_valid():
        try:
            row = actions.add_row(group, form.data_for_action(), actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
    if not request.htmx:  # type: ignore[attr-defined]
        if row is None:
            messages.error(request, _("The row was not saved. Check the fields marked in red."))
            return group_outcomes_with_new_form(request, group, form)
        messages.success(request, _("The row was saved."))
        return redirect(reverse("followup:group", args=[group.pk]) + f"#row-{row.pk}")
    if row is None:
        response = render(request, "followup/_new_row_form.html", {"group": group, "new_form": form})
        response["HX-Retarget"] = "#new-row"
        response["HX-Reswap"] = "outerHTML"
        return response
    row = row_queryset().get(pk=row.pk)
    body = render_to_string("followup/_row_form.html", _row_context(
        row, OutcomeRowForm(instance=row, group=group, prefix=f"row-{row.pk}", choices=group_choices(group, row)),
        saved=True), request=request)
    body += render_to_string("followup/_new_row_form.html", {"group": group, "new_form": _new_form(group, choices),
                                                             "oob": True}, request=request)
    body += render_to_string("followup/_status.html", {"message": _("The row was added.")}, request=request)
    return HttpResponse(body)


def group_outcomes_with_new_form(request: HttpRequest, group: Group, form: OutcomeRowForm) -> HttpResponse:
    rows = list(row_queryset().filter(group=group).order_by("position", "pk"))
    return render(request, "followup/group.html", {
        "group": group, "event": group.theme.session.event, "rows": rows, "can_edit": True,
        "members": queries.group_members(group),
        "row_forms": [(r, OutcomeRowForm(instance=r, group=group, prefix=f"row-{r.pk}",
                                         choices=group_choices(group, r))) for r in rows],
        "new_form": form}, status=422)


def _render_row(request: HttpRequest, row: OutcomeRow, form: OutcomeRowForm, status: int = 200,
                **extra: Any) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        body = render_to_string("followup/_row_form.html", _row_context(row, form, **extra), request=request)
        if extra.get("status_message"):
            body += render_to_string("followup/_status.html", {"message": extra["status_message"]}, request=request)
        return HttpResponse(body)
    return render(request, "followup/row_page.html", _row_context(row, form, **extra), status=status)


@login_required
def row_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(row_queryset().select_related("group__note_taker__person"), pk=pk)
    group = row.group
    require(can_edit_outcome(request.user, group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    prefix = f"row-{row.pk}"
    if request.method != "POST":
        return _render_row(request, row, OutcomeRowForm(instance=row, group=group, prefix=prefix))
    form = OutcomeRowForm(request.POST, instance=OutcomeRow.objects.get(pk=row.pk), group=group, prefix=prefix)
    if not form.is_valid():
        return _render_row(request, row, form, status=422)
    version = form.cleaned_data.get("version")
    if version is None:
        form.add_error(None, _("The form is missing its version. Reload the page."))
        return _render_row(request, row, form, status=422)
    try:
        saved = actions.update_row(row, form.data_for_action(), version=version, actor=request.user)
    except StaleVersionError as exc:
        current = row_queryset().get(pk=exc.current.pk)
        # Keep what the user wrote; the form now carries the current version, so a second save is a
        # deliberate choice made after seeing the other person's text.
        data = request.POST.copy()
        data[f"{prefix}-version"] = str(current.version)
        conflict_form = OutcomeRowForm(data, instance=OutcomeRow.objects.get(pk=current.pk), group=group,
                                       prefix=prefix)
        conflict_form.is_valid()
        return _render_row(request, current, conflict_form, status=409, conflict=current,
                           conflict_message=exc.messages[0],
                           status_message=_("Your changes were not saved: someone else saved the row first."))
    except ValidationError as exc:
        add_action_errors(form, exc)
        return _render_row(request, row, form, status=422)
    saved = row_queryset().get(pk=saved.pk)
    if not request.htmx:  # type: ignore[attr-defined]
        messages.success(request, _("The row was saved."))
        return redirect(reverse("followup:group", args=[group.pk]) + f"#row-{saved.pk}")
    return _render_row(request, saved, OutcomeRowForm(instance=saved, group=group, prefix=prefix), saved=True,
                       status_message=_("The row was saved."))


@require_POST
@login_required
def row_delete(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(row_queryset(), pk=pk)
    group = row.group
    prefix = f"row-{row.pk}"
    try:
        version = int(request.POST.get(f"{prefix}-version") or request.POST.get("version") or 0)
    except ValueError:
        version = 0
    try:
        actions.delete_row(row, version=version, actor=request.user)
    except StaleVersionError as exc:
        current = row_queryset().get(pk=exc.current.pk)
        return _render_row(request, current, OutcomeRowForm(instance=current, group=group, prefix=prefix),
                           status=409, conflict=current, conflict_message=exc.messages[0])
    except ValidationError as exc:
        form = OutcomeRowForm(instance=row, group=group, prefix=prefix)
        add_action_errors(form, exc)
        return _render_row(request, row, form, status=422)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(render_to_string("followup/_status.html", {"message": _("The row was deleted.")},
                                             request=request))
    messages.success(request, _("The row was deleted."))
    return redirect("followup:group", pk=group.pk)


# --- Actions ---------------------------------------------------------------------------------------------------

@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    row = get_object_or_404(row_queryset().select_related("group__note_taker__person"), pk=pk)
    require(can_create_action(request.user, row),
            _("Only the group's note-taker and coordinators may turn its follow-ups into actions."))
    initial = {"title": row.short_title[:200],
               "owner_organisation": row.carried_by or row.idea_owner_organisation}
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = actions.create_action(row, form.data_for_action(), actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The action was created."))
            return redirect("followup:action", pk=action.pk)
    return render(request, "followup/action_form.html", {"form": form, "row": row, "creating": True},
                  status=422 if request.method == "POST" else 200)


def _action(pk: int) -> Action:
    return get_object_or_404(Action.objects.select_related(
        "owner_organisation", "owner_person", "outcome_row__group__theme__session__event", "created_by"), pk=pk)


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _action_page(request, _action(pk))


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    require(can_update_action(request.user, action),
            _("Only the responsible organisation and coordinators may update this action."))
    organisations = None if is_coordinator(request.user) else Organisation.objects.filter(pk__in=taking_part(action))
    form = ActionForm(request.POST or None, instance=Action.objects.get(pk=action.pk), organisations=organisations)
    conflict = None
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data.get("version")
        try:
            if version is None:
                raise ValidationError(_("The form is missing its version. Reload the page."))
            actions.update_action(action, form.data_for_action(), version=version, actor=request.user)
        except StaleVersionError as exc:
            conflict = exc.current
            data = request.POST.copy()
            data["version"] = str(conflict.version)
            form = ActionForm(data, instance=Action.objects.get(pk=conflict.pk), organisations=organisations)
            form.is_valid()
            form.add_error(None, exc)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The action was saved."))
            return redirect("followup:action", pk=action.pk)
    status = 200 if request.method != "POST" else (409 if conflict else 422)
    return render(request, "followup/action_form.html", {"form": form, "action": action, "row": action.outcome_row,
                                                         "creating": False, "conflict": conflict}, status=status)


@require_POST
@login_required
def application_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    require(can_update_action(request.user, action),
            _("Only the responsible organisation and coordinators may update this action."))
    form = ApplicationForm(request.POST, prefix="application")
    if form.is_valid():
        try:
            actions.add_application(action, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The application was added."))
            return redirect(reverse("followup:action", args=[action.pk]) + "#applications")
    return _action_page(request, action, 422, application_form=form)


@login_required
def application_edit(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(Application.objects.select_related("action", "instrument"), pk=pk)
    require(can_update_action(request.user, application.action),
            _("Only the responsible organisation and coordinators may update this action."))
    form = ApplicationForm(request.POST or None, instance=Application.objects.get(pk=application.pk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_application(application, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The application was saved."))
            return redirect(reverse("followup:action", args=[application.action_id]) + "#applications")
    return render(request, "followup/application_form.html", {"form": form, "application": application},
                  status=422 if request.method == "POST" else 200)


@login_required
def action_list(request: HttpRequest) -> HttpResponse:
    form = ActionFilterForm(request.GET or None)
    qs = Action.objects.select_related("owner_organisation", "outcome_row__group__theme__session__event") \
        .annotate(n_applications=Count("applications")).order_by("due_date", "pk")
    if form.is_valid():
        if form.cleaned_data["organisation"]:
            qs = qs.filter(owner_organisation=form.cleaned_data["organisation"])
        if form.cleaned_data["status"]:
            qs = qs.filter(status=form.cleaned_data["status"])
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "followup/action_list.html", {"form": form, "page": page, "query": query.urlencode(),
                                                         "today": timezone.localdate()})


# --- Signals per actor -----------------------------------------------------------------------------------------

@login_required
def signals_index(request: HttpRequest) -> HttpResponse:
    organisations = named_organisations().annotate(n_actions=Count("followup_actions", distinct=True))
    return render(request, "followup/signals_index.html", {"organisations": organisations})


@login_required
def signals(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("county", "municipality"), pk=pk)
    manage = can_manage_contacts(request.user, organisation)
    return render(request, "followup/signals.html", {
        "organisation": organisation, "signals": organisation_signals(organisation),
        "benefits": Benefit.objects.filter(owner_organisation=organisation).select_related("action")
        .prefetch_related("measurements").order_by("action__title", "pk"),
        "can_manage": manage, "contacts": organisation.followup_contacts.all() if manage else [],
        "contact_form": ContactForm(prefix="contact") if manage else None, "today": timezone.localdate(),
    })


@require_POST
@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = ContactForm(request.POST, prefix="contact")
    if form.is_valid():
        try:
            actions.add_contact(organisation, form.cleaned_data["email"], form.cleaned_data["name"], actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The contact was added."))
    else:
        require(can_manage_contacts(request.user, organisation),
                _("Only the organisation's own users and coordinators may change its contacts."))
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("followup:signals", args=[organisation.pk]) + "#contacts")


@require_POST
@login_required
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(OrganisationContact.objects.select_related("organisation"), pk=pk)
    actions.remove_contact(contact, actor=request.user)
    messages.success(request, _("The contact was removed."))
    return redirect(reverse("followup:signals", args=[contact.organisation_id]) + "#contacts")


# --- Benefit realisation ---------------------------------------------------------------------------------------

def _num(value: Any) -> str:
    from django.utils.formats import number_format

    return number_format(value, decimal_pos=None if value != int(value) else 0, force_grouping=True)


def _benefit_sections(action: Action) -> list[dict[str, Any]]:
    """Each benefit with its measurements, a chart against baseline and target, and the same in a table."""
    sections = []
    for benefit in action.benefits.select_related("owner_organisation", "owner_person").prefetch_related("measurements"):
        measurements = sorted(benefit.measurements.all(), key=lambda m: (m.measured_on, m.pk))
        title = _("%(indicator)s (%(unit)s): measured against baseline and target") % {
            "indicator": benefit.indicator, "unit": benefit.unit}
        latest = measurements[-1] if measurements else None
        desc = _("Baseline %(baseline)s on %(baseline_date)s, target %(target)s by %(target_date)s.") % {
            "baseline": _num(benefit.baseline_value), "baseline_date": benefit.baseline_date.isoformat(),
            "target": _num(benefit.target_value), "target_date": benefit.target_date.isoformat()}
        if latest is not None:
            desc += " " + _("%(count)d measurement(s); the latest, %(value)s on %(date)s, %(state)s.") % {
                "count": len(measurements), "value": _num(latest.value), "date": latest.measured_on.isoformat(),
                "state": _("reaches the target") if benefit.reached(latest.value) else _("has not reached the target")}
        desc += " " + _("The table below gives the numbers.")
        svg = charts.benefit_svg(
            chart_id=f"benefit-{benefit.pk}", title=title, desc=desc,
            points=[(m.measured_on, float(m.value)) for m in measurements],
            baseline=(benefit.baseline_date, float(benefit.baseline_value)),
            target=(benefit.target_date, float(benefit.target_value)),
            labels=(_("Measured"), _("Baseline"), _("Target")), unit=benefit.unit)
        sections.append({"benefit": benefit, "measurements": measurements, "svg": mark_safe(svg),  # noqa: S308
                         "title": title, "realised": benefit.realised,
                         "form": MeasurementForm(prefix=f"m{benefit.pk}")})
    return sections


def _timeline(action: Action) -> list[dict[str, Any]]:
    held = {p.phase: p for p in action.phases.all()}
    return [{"phase": value, "label": label, "entry": held.get(value)} for value, label in RoadmapPhase.choices]


def _action_page(request: HttpRequest, action: Action, status: int = 200, **forms: Any) -> HttpResponse:
    can_update = can_update_action(request.user, action)
    benefits = _benefit_sections(action)
    if forms.get("measurement_form") is not None:
        for section in benefits:
            if section["benefit"].pk == forms["measurement_benefit"]:
                section["form"] = forms["measurement_form"]
    context: dict[str, Any] = {
        "action": action, "row": action.outcome_row, "can_update": can_update,
        "applications": action.applications.select_related("instrument"),
        "changes": action.changes.select_related("by"),
        "application_form": forms.get("application_form") or (ApplicationForm(prefix="application")
                                                               if can_update else None),
        "today": timezone.localdate(),
        "benefits": benefits, "timeline": _timeline(action),
        "benefit_form": forms.get("benefit_form") or (BenefitForm(prefix="benefit", initial={
            "owner_organisation": action.owner_organisation_id}) if can_update else None),
        "phase_form": forms.get("phase_form") or (PhaseForm(prefix="phase") if can_update else None),
        "import_form": forms.get("import_form") or (MeasurementImportForm(prefix="import") if can_update else None),
        "case_form": (forms.get("case_form") or CaseFromActionForm(prefix="case"))
        if can_update and action.status == ActionStatus.DONE and not action.case_id else None,
    }
    return render(request, "followup/action_detail.html", context, status=status)


def _back(action: Action, anchor: str) -> HttpResponse:
    return redirect(reverse("followup:action", args=[action.pk]) + anchor)


@require_POST
@login_required
def benefit_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _require_update(request, action)
    form = BenefitForm(request.POST, prefix="benefit")
    if form.is_valid():
        try:
            actions.add_benefit(action, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The benefit was added to the plan."))
            return _back(action, "#benefits")
    return _action_page(request, action, 422, benefit_form=form)


@require_POST
@login_required
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    benefit = get_object_or_404(Benefit.objects.select_related("action"), pk=pk)
    action = _action(benefit.action_id)
    _require_update(request, action)
    form = MeasurementForm(request.POST, prefix=f"m{benefit.pk}")
    if form.is_valid():
        try:
            actions.add_measurement(benefit, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The measurement was recorded."))
            return _back(action, f"#benefit-{benefit.pk}")
    return _action_page(request, action, 422, measurement_form=form, measurement_benefit=benefit.pk)


@require_POST
@login_required
def measurements_import(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _require_update(request, action)
    form = MeasurementImportForm(request.POST, request.FILES, prefix="import")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            stored = actions.import_measurements(action, upload.read(), upload.name, actor=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("%(count)d measurement(s) were imported.") % {"count": len(stored)})
            return _back(action, "#benefits")
    return _action_page(request, action, 422, import_form=form)


@require_POST
@login_required
def phase_set(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _require_update(request, action)
    form = PhaseForm(request.POST, prefix="phase")
    if form.is_valid():
        try:
            actions.set_phase(action, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The phase was recorded."))
            return _back(action, "#roadmap")
    return _action_page(request, action, 422, phase_form=form)


@require_POST
@login_required
def case_make(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _require_update(request, action)
    form = CaseFromActionForm(request.POST, prefix="case")
    if form.is_valid():
        try:
            case = actions.make_case(action, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("A draft case was made with the figures filled in. Complete it and submit "
                                        "it for review."))
            return redirect("knowledge:case_edit", pk=case.pk)
    return _action_page(request, action, 422, case_form=form)


def _require_update(request: HttpRequest, action: Action) -> None:
    require(can_update_action(request.user, action),
            _("Only the responsible organisation and coordinators may update this action."))


# --- Funnel ----------------------------------------------------------------------------------------------------

@login_required
def funnel_view(request: HttpRequest) -> HttpResponse:
    form = FunnelFilterForm(request.GET or None)
    county = start = end = None
    if form.is_valid():
        county, start, end = form.cleaned_data["county"], form.cleaned_data["start"], form.cleaned_data["end"]
    stages = funnel(county, start, end) if (not form.is_bound or form.is_valid()) else funnel()
    region = county.name if county else _("all counties")
    period = _("from %(start)s to %(end)s") % {"start": start or "…", "end": end or "…"} if (start or end) \
        else _("all time")
    title = _("Follow-up funnel, %(region)s, %(period)s") % {"region": region, "period": period}
    desc = "; ".join(f"{s.label}: {s.count}" for s in stages)
    svg = charts.funnel_svg(chart_id="funnel-chart", title=title, desc=desc, labels=[s.label for s in stages],
                            values=[s.count for s in stages])
    return render(request, "followup/funnel.html", {"form": form, "stages": stages, "svg": svg, "title": title})


# --- Network directory -----------------------------------------------------------------------------------------

def _network_people(request: HttpRequest) -> tuple[NetworkFilterForm, Any]:
    form = NetworkFilterForm(request.GET or None, fields_of_interest=network.interest_choices())
    people = network.listed_people()
    if form.is_valid():
        people = network.filter_people(people, form.cleaned_data)
    return form, people


@login_required
def network_view(request: HttpRequest) -> HttpResponse:
    form, people = _network_people(request)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "followup/network.html", {
        "form": form, "page": page, "query": query.urlencode(), "total": people.count(),
        "me": person_of(request.user)})


@login_required
def network_csv(request: HttpRequest) -> StreamingHttpResponse:
    _form, people = _network_people(request)
    headers = [_("Name"), _("Organisation"), _("Type of organisation"), _("County"), _("Position"),
               _("Fields of interest"), _("E-mail"), _("Phone")]
    # Streamed, row by row from the database: the whole directory is never in memory at once.
    rows = (contact_row(network.contact(p)) for p in people.iterator(chunk_size=500))
    response = StreamingHttpResponse(csv_stream(headers, rows, bom=True), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samskap-nettverk.csv"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def network_vcard(request: HttpRequest) -> HttpResponse:
    _form, people = _network_people(request)
    response = HttpResponse(vcards(network.contact(p) for p in people), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samskap-nettverk.vcf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def person_vcard(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(network.listed_people(), pk=pk)
    response = HttpResponse(vcard(network.contact(person)), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="samskap-{person.pk}.vcf"'
    response["Cache-Control"] = "no-store"
    return response


# --- Personal data ---------------------------------------------------------------------------------------------

def _my_person(request: HttpRequest) -> Person:
    person = person_of(request.user)
    if person is None:
        raise PermissionDenied(_("Your account has no profile yet. Open “My profile” first."))
    return person


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    person = _my_person(request)
    data = json.dumps(person_data(person), ensure_ascii=False, indent=2)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="samskap-mine-data.json"'
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@login_required
def withdraw_consent(request: HttpRequest) -> HttpResponse:
    person = _my_person(request)
    actions.withdraw_consent(person, actor=request.user)
    messages.success(request, _("You are no longer listed in the network directory."))
    return redirect(safe_next(request, request.POST.get("next"), reverse("directory:profile")))


@login_required
def deletion_request(request: HttpRequest) -> HttpResponse:
    person = _my_person(request)
    pending = DeletionRequest.objects.filter(person=person, status=DeletionStatus.PENDING).first()
    form = DeletionRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.request_deletion(person, form.cleaned_data["reason"], actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("Your request was sent. A coordinator will confirm the deletion."))
            return redirect("followup:deletion_request")
    return render(request, "followup/deletion_request.html", {"form": form, "pending": pending, "person": person})


@login_required
def deletion_queue(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    pending = DeletionRequest.objects.filter(status=DeletionStatus.PENDING).select_related(
        "person__organisation").order_by("requested_at")
    decided = DeletionRequest.objects.exclude(status=DeletionStatus.PENDING).select_related("decided_by")[:50]
    return render(request, "followup/deletion_queue.html", {"pending": pending, "decided": decided,
                                                            "reject_form": RejectDeletionForm()})


@require_POST
@login_required
def deletion_decide(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    deletion = get_object_or_404(DeletionRequest, pk=pk)
    try:
        if request.POST.get("decision") == "confirm":
            actions.confirm_deletion(deletion, actor=request.user)
            messages.success(request, _("The person was deleted and anonymised in past outcomes."))
        elif request.POST.get("decision") == "reject":
            actions.reject_deletion(deletion, request.POST.get("decision_note", ""), actor=request.user)
            messages.success(request, _("The request was rejected."))
        else:
            messages.error(request, _("Choose to confirm or reject the request."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("followup:deletion_queue")


# --- Unsubscribe -----------------------------------------------------------------------------------------------

@csrf_exempt  # a mail client's RFC 8058 one-click POST is passed on; the token is the authority
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Links in follow-up e-mails sent before the two unsubscribe mechanisms became one: the token was moved
    to the notifications app's subscription (migration 0003), so the same link still works there. A 307
    keeps a one-click POST a POST."""
    return redirect(reverse("notifications:unsubscribe", kwargs={"token": token}), preserve_request=True)


# --- Guest note-takers: the group's outcome through the registration's personal link -----------------------------

def _guest(token: str) -> tuple[GuestNoteTaker, list[Group]]:
    """The guest note-taker of ``token`` and their groups in the published plan; 404 for a wrong token or one
    that is not (or no longer) a guest note-taker's."""
    registration = Registration.objects.select_related("person", "event").filter(token=token).first()
    if registration is None:
        raise Http404(_("This link is not valid."))
    guest = GuestNoteTaker(registration, token)
    groups = [g for g in queries.note_taker_groups(registration) if is_guest_note_taker(guest, g)]
    if not groups:
        raise Http404(_("This link does not give access to any group's outcome."))
    return guest, groups


def _guest_group(token: str, pk: int) -> tuple[GuestNoteTaker, Group]:
    guest, groups = _guest(token)
    group = next((g for g in groups if g.pk == pk), None)
    if group is None:
        raise Http404(_("This link does not give access to this group."))
    return guest, group


def _guest_page(request: HttpRequest, guest: GuestNoteTaker, group: Group, *, new_form: Any = None,
                forms_by_row: dict[int, Any] | None = None, status: int = 200) -> HttpResponse:
    rows = list(OutcomeRow.objects.filter(group=group).order_by("position", "pk"))
    forms_by_row = forms_by_row or {}
    row_forms = [(row, forms_by_row.get(row.pk) or GuestOutcomeRowForm(instance=row, prefix=f"row-{row.pk}"))
                 for row in rows]
    return render(request, "followup/guest_group.html", {
        "guest": guest, "registration": guest.registration, "group": group, "event": group.theme.session.event,
        "row_forms": row_forms, "new_form": new_form or GuestOutcomeRowForm(prefix="new"),
        "members": queries.group_members(group),
    }, status=status)


def guest_groups(request: HttpRequest, token: str) -> HttpResponse:
    """The guest note-taker's groups; with one group, its outcome page directly."""
    guest, groups = _guest(token)
    if len(groups) == 1:
        return redirect("followup:guest_group", token=token, pk=groups[0].pk)
    return render(request, "followup/guest_groups.html", {"registration": guest.registration, "groups": groups,
                                                          "event": guest.registration.event, "token": token})


def guest_group(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """A group's outcome rows as its guest note-taker records them. A POST adds a row."""
    guest, group = _guest_group(token, pk)
    if request.method != "POST":
        return _guest_page(request, guest, group)
    form = GuestOutcomeRowForm(request.POST, prefix="new")
    if form.is_valid():
        try:
            row = actions.add_row(group, form.data_for_action(), actor=guest)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The row was saved."))
            return redirect(reverse("followup:guest_group", args=[token, group.pk]) + f"#row-{row.pk}")
    return _guest_page(request, guest, group, new_form=form, status=422)


@require_POST
def guest_row(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """Save (or, with ``delete``, delete) a row of one of the guest note-taker's groups."""
    guest, groups = _guest(token)
    row = get_object_or_404(OutcomeRow, pk=pk, group__in=groups)
    group = next(g for g in groups if g.pk == row.group_id)
    prefix = f"row-{row.pk}"
    form = GuestOutcomeRowForm(request.POST, instance=OutcomeRow.objects.get(pk=row.pk), prefix=prefix)
    url = reverse("followup:guest_group", args=[token, group.pk])
    try:
        version = int(request.POST.get(f"{prefix}-version") or 0)
    except ValueError:
        version = 0
    try:
        if "delete" in request.POST:
            actions.delete_row(row, version=version, actor=guest)
            messages.success(request, _("The row was deleted."))
            return redirect(url)
        if not form.is_valid():
            return _guest_page(request, guest, group, forms_by_row={row.pk: form}, status=422)
        actions.update_row(row, form.data_for_action(), version=version, actor=guest)
    except StaleVersionError as exc:
        messages.error(request, exc.messages[0])
        return redirect(f"{url}#row-{row.pk}")
    except ValidationError as exc:
        add_action_errors(form, exc)
        return _guest_page(request, guest, group, forms_by_row={row.pk: form}, status=422)
    messages.success(request, _("The row was saved."))
    return redirect(f"{url}#row-{row.pk}")


def start_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The signed-in person's front page: the open actions they are responsible for; for a coordinator, the
    overdue actions of everyone."""
    user = request.user
    today = timezone.localdate()
    open_actions = Action.objects.filter(status__in=OPEN_STATUSES).select_related("owner_organisation")
    person = Person.objects.filter(user=user).first() if user.is_authenticated else None
    mine = list(open_actions.filter(owner_person=person).order_by("due_date", "pk")[:10]) if person else []
    overdue: list[Action] = []
    overdue_count = pending_deletions = 0
    if is_coordinator(user):
        late = open_actions.filter(due_date__lt=today).order_by("due_date", "pk")
        overdue_count = late.count()
        overdue = list(late[:10])
        pending_deletions = DeletionRequest.objects.filter(status=DeletionStatus.PENDING).count()
    if not (mine or overdue or pending_deletions):
        return None
    return {"template": "followup/panels/start.html", "my_actions": mine, "overdue": overdue,
            "overdue_count": overdue_count, "pending_deletions": pending_deletions, "today": today}
