"""Follow-up actions and their applications, and benefit realisation on an action's page."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskap.core.forms import add_action_errors
from samskap.core.options import options_response
from samskap.directory.models import Organisation
from samskap.directory.permissions import is_coordinator, require
from samskap.followup import actions, charts
from samskap.followup.actions import StaleVersionError
from samskap.followup.forms import (
    ActionFilterForm,
    ActionForm,
    ApplicationForm,
    BenefitForm,
    CaseFromActionForm,
    MeasurementForm,
    MeasurementImportForm,
    PhaseForm,
)
from samskap.followup.models import (
    Action,
    ActionStatus,
    Application,
    Benefit,
    RoadmapPhase,
)
from samskap.followup.permissions import (
    can_create_action,
    can_update_action,
    taking_part,
)
from samskap.followup.signals import row_queryset

# --- Actions ---------------------------------------------------------------------------------------------------

def _creatable_row(request: HttpRequest, pk: int) -> Any:
    row = get_object_or_404(row_queryset().select_related("group__note_taker__person"), pk=pk)
    require(can_create_action(request.user, row),
            _("Only the group's note-taker and coordinators may turn its follow-ups into actions."))
    return row


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    row = _creatable_row(request, pk)
    initial = {"title": row.short_title[:200],
               "owner_organisation": row.carried_by or row.idea_owner_organisation}
    form = ActionForm(request.POST or None, initial=initial, row=row)
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


def _editable_action(request: HttpRequest, pk: int) -> tuple[Action, Any]:
    """The action the user may update, and the organisations they may make responsible (None: all)."""
    action = _action(pk)
    require(can_update_action(request.user, action),
            _("Only the responsible organisation and coordinators may update this action."))
    organisations = None if is_coordinator(request.user) else Organisation.objects.filter(pk__in=taking_part(action))
    return action, organisations


@require_GET
@login_required
def action_create_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Options of the searchable selects of the new-action form (read-only): the form's own choices."""
    return options_response(request, ActionForm(row=_creatable_row(request, pk)))


@require_GET
@login_required
def action_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Options of the searchable selects of the action's edit form (read-only): the form's own choices."""
    action, organisations = _editable_action(request, pk)
    return options_response(request, ActionForm(instance=action, organisations=organisations))


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action, organisations = _editable_action(request, pk)
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
        "benefit_form": forms.get("benefit_form") or (BenefitForm(prefix="benefit", action=action, initial={
            "owner_organisation": action.owner_organisation_id}) if can_update else None),
        "phase_form": forms.get("phase_form") or (PhaseForm(prefix="phase") if can_update else None),
        "import_form": forms.get("import_form") or (MeasurementImportForm(prefix="import") if can_update else None),
        "case_form": (forms.get("case_form") or CaseFromActionForm(prefix="case"))
        if can_update and action.status == ActionStatus.DONE and not action.case_id else None,
    }
    return render(request, "followup/action_detail.html", context, status=status)


def _back(action: Action, anchor: str) -> HttpResponse:
    return redirect(reverse("followup:action", args=[action.pk]) + anchor)


def _submit(request: HttpRequest, action: Action, form: Any, form_key: str,
            write: Callable[[dict[str, Any]], Any], done: Callable[[Any], tuple[str, HttpResponse]],
            **extra: Any) -> HttpResponse:
    """The shared shape of the forms on an action's page: validate, write through the action, then either
    redirect with a message (``done`` gives both from the written object) or show the page again with the
    form's errors (422)."""
    if form.is_valid():
        try:
            written = write(form.cleaned_data)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            message, response = done(written)
            messages.success(request, message)
            return response
    return _action_page(request, action, 422, **{form_key: form}, **extra)


@require_POST
@login_required
def benefit_add(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _require_update(request, action)
    return _submit(request, action, BenefitForm(request.POST, prefix="benefit", action=action), "benefit_form",
                   lambda data: actions.add_benefit(action, data, actor=request.user),
                   lambda _benefit: (_("The benefit was added to the plan."), _back(action, "#benefits")))


@require_GET
@login_required
def benefit_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Options of the searchable selects of the action's new-benefit form (read-only): the form's own choices."""
    action = _action(pk)
    _require_update(request, action)
    return options_response(request, BenefitForm(prefix="benefit", action=action))


@require_POST
@login_required
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    benefit = get_object_or_404(Benefit.objects.select_related("action"), pk=pk)
    action = _action(benefit.action_id)
    _require_update(request, action)
    return _submit(request, action, MeasurementForm(request.POST, prefix=f"m{benefit.pk}"), "measurement_form",
                   lambda data: actions.add_measurement(benefit, data, actor=request.user),
                   lambda _measurement: (_("The measurement was recorded."),
                                         _back(action, f"#benefit-{benefit.pk}")),
                   measurement_benefit=benefit.pk)


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
    return _submit(request, action, PhaseForm(request.POST, prefix="phase"), "phase_form",
                   lambda data: actions.set_phase(action, data, actor=request.user),
                   lambda _phase: (_("The phase was recorded."), _back(action, "#roadmap")))


@require_POST
@login_required
def case_make(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action(pk)
    _require_update(request, action)
    return _submit(request, action, CaseFromActionForm(request.POST, prefix="case"), "case_form",
                   lambda data: actions.make_case(action, data, actor=request.user),
                   lambda case: (_("A draft case was made with the figures filled in. Complete it and submit "
                                   "it for review."), redirect("knowledge:case_edit", pk=case.pk)))


def _require_update(request: HttpRequest, action: Action) -> None:
    require(can_update_action(request.user, action),
            _("Only the responsible organisation and coordinators may update this action."))
