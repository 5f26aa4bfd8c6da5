"""A group's outcome, row by row, for note-takers and coordinators, and for guest note-takers through their personal link."""
from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from samskap.core.forms import add_action_errors
from samskap.core.options import options_response
from samskap.directory.permissions import require
from samskap.followup import actions, queries
from samskap.followup.actions import StaleVersionError
from samskap.followup.forms import (
    GuestOutcomeRowForm,
    OutcomeRowForm,
    group_choices,
)
from samskap.followup.models import (
    OutcomeRow,
)
from samskap.followup.permissions import (
    GuestNoteTaker,
    can_edit_outcome,
    is_guest_note_taker,
)
from samskap.followup.signals import row_queryset
from samskap.workshops.models import Group, Registration

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


@require_GET
@login_required
def group_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Options of the searchable selects of the group's new-row form (read-only): the form's own choices."""
    group = _group(pk)
    require(can_edit_outcome(request.user, group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    return options_response(request, _new_form(group, group_choices(group)))


@require_GET
@login_required
def row_options(request: HttpRequest, pk: int) -> HttpResponse:
    """Options of the searchable selects of a row's form (read-only): the form's own choices."""
    row = get_object_or_404(row_queryset().select_related("group__theme__session__event"), pk=pk)
    require(can_edit_outcome(request.user, row.group),
            _("Only the group's note-taker and coordinators may record its outcome."))
    return options_response(request, OutcomeRowForm(instance=row, group=row.group, prefix=f"row-{row.pk}"))


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
    messages.success(request, _("The row was added."))
    return HttpResponse(body + _page_updates(request, group))


def _page_updates(request: HttpRequest, group: Group) -> str:
    """Out-of-band swaps for what a row added or deleted with htmx changes elsewhere on the group's page: the row
    count, "No rows yet", and the messages region (which takes the message just added)."""
    body = render_to_string("followup/_row_count.html", {"row_count": OutcomeRow.objects.filter(group=group).count(),
                                                         "oob": True}, request=request)
    return body + render_to_string("core/_messages.html", {"oob": True}, request=request)


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
        messages.success(request, _("The row was deleted."))
        return HttpResponse(_page_updates(request, group))
    messages.success(request, _("The row was deleted."))
    return redirect("followup:group", pk=group.pk)




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
