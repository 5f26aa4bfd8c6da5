from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from samskap.core.forms import add_action_errors
from samskap.core.http import posted_id, posted_ids
from samskap.core.options import options_response
from samskap.core.pagecache import cached_section, public_page
from samskap.core.registry import registry
from samskap.directory.models import Municipality
from samskap.directory.permissions import (
    can_edit_need,
    contact_municipality_codes,
    is_coordinator,
    require,
    require_coordinator,
)
from samskap.needs import actions
from samskap.needs.exports import call_answers_xlsx
from samskap.needs.forms import CallForm, NeedCreateForm, NeedFilterForm, NeedForm
from samskap.needs.models import Call, Need, NeedStatus
from samskap.needs.queries import needs_audience, visible_needs


@public_page
def need_list(request: HttpRequest) -> HttpResponse:
    # The filters, table and pages are the same for everyone who sees the same needs: kept rendered per
    # audience (core.pagecache.cached_fragment), so signed-in people get them from memory too.
    section = cached_section(request, "needs-list", needs_audience(request.user), "needs/_need_list_section.html",
                             lambda: _need_list_context(request))
    return render(request, "needs/need_list.html", {"section": section})


def _need_list_context(request: HttpRequest) -> dict[str, Any]:
    form = NeedFilterForm(request.GET or None)
    needs = visible_needs(request.user)
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            for word in data["q"].split():
                needs = needs.filter(Q(title__icontains=word) | Q(description__icontains=word)
                                     | Q(municipality__name__icontains=word))
        if data["county"]:
            needs = needs.filter(municipality__county=data["county"])
        if data["sector"]:
            needs = needs.filter(sector=data["sector"])
        if data["status"]:
            needs = needs.filter(status=data["status"])
    page = Paginator(needs.order_by("-created_at"), 25).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"form": form, "page": page, "query": query.urlencode()}


@public_page
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(visible_needs(request.user).select_related("call"), pk=pk)
    context = {"need": need, "can_edit": can_edit_need(request.user, need)}
    # matching adds the researcher's "I'm interested" (``interest``) through the registry
    return render(request, "needs/need_detail.html", registry.page_context("needs:detail", request, context))


def _contact_municipalities(request: HttpRequest) -> Any:
    if is_coordinator(request.user):
        return Municipality.objects.active()
    return Municipality.objects.filter(code__in=contact_municipality_codes(request.user))


@require_GET
@login_required
def create_options(request: HttpRequest) -> HttpResponse:
    """Options of the new-need form's searchable municipality select (read-only): the form's own choices."""
    municipalities = _contact_municipalities(request)
    require(municipalities.exists(), _("Only municipality FoUI contacts and coordinators can register needs."))
    return options_response(request, NeedCreateForm(municipalities=municipalities))


@login_required
def need_create(request: HttpRequest) -> HttpResponse:
    municipalities = _contact_municipalities(request)
    require(municipalities.exists(), _("Only municipality FoUI contacts and coordinators can register needs."))
    call = None
    if request.GET.get("call") or request.POST.get("call"):
        call = get_object_or_404(Call, pk=posted_id(request.POST.get("call") or request.GET.get("call")) or 0)
    initial = {}
    if municipalities.count() == 1:
        only = municipalities.first()
        initial = {"municipality": only, "language": only.ui_language}
    form = NeedCreateForm(request.POST or None, municipalities=municipalities, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        municipality = data.pop("municipality")
        try:
            need = actions.submit_need(municipality, data, call=call, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The need was saved."))
            return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/need_form.html", {"form": form, "call": call, "creating": True})


@login_required
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("municipality", "call"), pk=pk)
    if not can_edit_need(request.user, need):
        raise PermissionDenied(_("You may only edit your own municipality's needs."))
    form = NeedForm(request.POST or None, instance=need,
                    statuses=actions.settable_statuses(need.status, actor=request.user))
    if need.is_locked:
        messages.warning(request, _("The call for topics is closed; its answers are read-only."))
        return redirect("needs:detail", pk=need.pk)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_need(need, form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The need was saved."))
            return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/need_form.html", {"form": form, "need": need, "creating": False})


@public_page
def call_list(request: HttpRequest) -> HttpResponse:
    calls = Call.objects.select_related("county").all()
    return render(request, "needs/call_list.html", {"calls": calls})


@public_page
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.select_related("county"), pk=pk)
    answers = list(visible_needs(request.user).filter(call=call).select_related("municipality")
                   .order_by("municipality__name"))
    silent = call.silent_municipalities() if is_coordinator(request.user) else None
    mine = contact_municipality_codes(request.user)
    return render(request, "needs/call_detail.html", {
        "call": call, "answers": answers, "silent": silent,
        "can_answer": call.is_open and (bool(mine) or is_coordinator(request.user)),
        "attachable": actions.attachable_needs(call, actor=request.user) if request.user.is_authenticated else [],
        "detachable": {n.pk for n in answers if call.is_open and can_edit_need(request.user, n)},
    })


@require_POST
@login_required
def call_attach(request: HttpRequest, pk: int) -> HttpResponse:
    """Needs the municipality already registered answer the call (issue 18: not only new needs)."""
    call = get_object_or_404(Call, pk=pk)
    pks = posted_ids(request.POST.getlist("needs"))
    needs = list(visible_needs(request.user).filter(pk__in=pks))
    try:
        attached = actions.attach_needs_to_call(call, needs, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, ngettext("%(count)d need now answers the call.",
                                           "%(count)d needs now answer the call.", len(attached))
                         % {"count": len(attached)})
    return redirect("needs:call_detail", pk=call.pk)


@require_POST
@login_required
def call_detach(request: HttpRequest, pk: int, need_pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    need = get_object_or_404(visible_needs(request.user), pk=need_pk, call=call)
    try:
        actions.detach_need_from_call(need, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("«%(need)s» no longer answers the call; the need itself is kept.")
                         % {"need": need.title})
    return redirect("needs:call_detail", pk=call.pk)


@login_required
def call_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    form = CallForm(request.POST or None, initial={
        "question": _("Which topics should the development workshop discuss? Why?")})
    if request.method == "POST" and form.is_valid():
        try:
            call = actions.open_call(**form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The call for topics is open."))
            return redirect("needs:call_detail", pk=call.pk)
    return render(request, "needs/call_form.html", {"form": form})


@require_POST
@login_required
def call_close(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    actions.close_call(call, actor=request.user)
    messages.success(request, _("The call for topics is closed."))
    return redirect("needs:call_detail", pk=call.pk)


@login_required
def call_export(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    call = get_object_or_404(Call, pk=pk)
    data = call_answers_xlsx(call)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="innspill-{call.pk}.xlsx"'
    return response


# -- contributions to pages of lower apps (registered in NeedsConfig.ready) ---------------------------


def municipality_context(request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    """A municipality's page (directory:municipality): its needs."""
    municipality = context["municipality"]
    return {"needs": municipality.needs.exclude(status=NeedStatus.DRAFT).order_by("-created_at")}


def start_panel(request: HttpRequest) -> dict[str, Any] | None:
    """The signed-in person's front page: for a FoUI contact, the open calls waiting for their municipality's
    answer and their municipality's needs; for a coordinator, the calls closing within a week and how many
    municipalities have not answered them."""
    user = request.user
    now = timezone.now()
    open_calls = list(Call.objects.filter(closed_at__isnull=True, deadline__gt=now).order_by("deadline", "pk"))
    codes = contact_municipality_codes(user)
    coordinator = is_coordinator(user)
    closing_soon = [c for c in open_calls if c.deadline <= now + dt.timedelta(days=7)] if coordinator else []
    waiting, mine, closing = [], [], []
    # Two queries for all calls (not two per call): the active municipalities, and who answered which call.
    counties: dict[str, str | None] = {}
    names: dict[str, str] = {}
    answered: dict[int, set[str]] = {}
    if (codes and open_calls) or closing_soon:
        active = Municipality.objects.active()
        if not closing_soon:
            active = active.filter(code__in=codes)
        for code, county_id, name in active.values_list("code", "county_id", "name"):
            counties[code], names[code] = county_id, name
        for call_id, code in (Need.objects.filter(call__in=[c.pk for c in open_calls])
                              .exclude(status=NeedStatus.DRAFT).values_list("call_id", "municipality_id")):
            answered.setdefault(call_id, set()).add(code)

    def silent(call: Call, among: Any) -> list[str]:
        done = answered.get(call.pk, set())
        return [code for code in among if code in counties and code not in done
                and (not call.county_id or counties[code] == call.county_id)]

    if codes:
        for call in open_calls:
            mine_silent = sorted(names[code] for code in silent(call, codes))
            if mine_silent:
                waiting.append({"call": call, "municipalities": mine_silent})
        mine = list(Need.objects.filter(municipality_id__in=codes).select_related("municipality")
                    .order_by("-updated_at")[:10])
    for call in closing_soon:
        closing.append({"call": call, "silent": len(silent(call, counties))})
    if not (waiting or mine or closing or codes):
        return None
    return {"template": "needs/panels/start.html", "waiting_calls": waiting, "my_needs": mine,
            "closing_calls": closing, "is_contact": bool(codes)}
