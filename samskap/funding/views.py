from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.core.forms import add_action_errors
from samskap.core.pagecache import public_page
from samskap.directory.permissions import is_coordinator, require_coordinator
from samskap.funding import actions
from samskap.funding.forms import InstrumentFilterForm, InstrumentForm
from samskap.funding.ical import calendar_response
from samskap.funding.models import ApplicantType, Deadline, Instrument, InstrumentQuerySet, today
from samskap.funding.queries import eu_examples, rcn_summary


def visible_instruments(request: HttpRequest) -> InstrumentQuerySet:
    """Coordinators also see inactive instruments."""
    qs = Instrument.objects.select_related("owner").prefetch_related("deadlines")
    return qs if is_coordinator(request.user) else qs.active()


def filter_instruments(qs: InstrumentQuerySet, *, q: str = "", applicant: str = "",
                       open_only: bool = False) -> InstrumentQuerySet:
    for word in q.split():
        qs = qs.filter(Q(name__icontains=word) | Q(summary__icontains=word) | Q(description__icontains=word)
                       | Q(keywords__icontains=word) | Q(owner__name__icontains=word)
                       | Q(owner_name__icontains=word))
    if applicant:
        qs = qs.for_applicant(applicant)
    if open_only:
        qs = qs.open_on(today())
    return qs


def upcoming_deadlines(instruments: InstrumentQuerySet, limit: int = 10) -> QuerySet[Deadline]:
    return (Deadline.objects.filter(date__gte=today(), instrument__in=instruments.values("pk"))
            .select_related("instrument").order_by("date", "time")[:limit])


@public_page
def instrument_list(request: HttpRequest) -> HttpResponse:
    form = InstrumentFilterForm(request.GET or None)
    instruments = visible_instruments(request)
    applicant = ""
    if form.is_valid():
        data = form.cleaned_data
        applicant = data["applicant"]
        instruments = filter_instruments(instruments, q=data["q"], applicant=applicant,
                                         open_only=data["open_only"])
    instruments = instruments.order_by("name")
    page = Paginator(instruments, 25).get_page(request.GET.get("page"))
    day = today()
    reason_applicant = applicant or ApplicantType.MUNICIPALITY
    # The deadline has its own column: the eligibility reason leaves it out.
    rows = [{"instrument": i, "next_deadline": i.next_deadline(day),
             "reason": i.reason_for(reason_applicant, day, timing=False)} for i in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "funding/instrument_list.html", {
        "form": form, "page": page, "rows": rows, "query": query.urlencode(),
        "reason_label": dict(ApplicantType.choices)[reason_applicant],
        "deadlines": upcoming_deadlines(instruments),
    })


@public_page
def instrument_detail(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(visible_instruments(request), pk=pk)
    day = today()
    eligibility_rows = [{"label": label, "eligible": instrument.is_eligible(value),
                         "reason": instrument.reason_for(value, day)} for value, label in ApplicantType.choices]
    return render(request, "funding/instrument_detail.html", {
        "instrument": instrument, "deadlines": instrument.upcoming_deadlines(day),
        "past_deadlines": [d for d in instrument.deadlines.all() if d.date < day],
        "eligibility_rows": eligibility_rows, "can_edit": is_coordinator(request.user),
        "rcn": rcn_summary(instrument), "eu_examples": eu_examples(instrument),
    })


def _form_data(form: InstrumentForm) -> dict[str, Any]:
    return dict(form.cleaned_data)


@login_required
def instrument_create(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    form = InstrumentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            instrument = actions.create_instrument(_form_data(form), actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The funding instrument was saved."))
            return redirect("funding:detail", pk=instrument.pk)
    return render(request, "funding/instrument_form.html", {"form": form, "creating": True})


@login_required
def instrument_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_coordinator(request.user)
    instrument = get_object_or_404(Instrument.objects.prefetch_related("deadlines"), pk=pk)
    form = InstrumentForm(request.POST or None, instance=instrument)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_instrument(instrument, _form_data(form), actor=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, _("The funding instrument was saved."))
            return redirect("funding:detail", pk=instrument.pk)
    return render(request, "funding/instrument_form.html", {"form": form, "instrument": instrument,
                                                            "creating": False})


@require_POST
@login_required
def instrument_delete(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(Instrument, pk=pk)
    actions.delete_instrument(instrument, actor=request.user)
    messages.success(request, _("The funding instrument was deleted."))
    return redirect("funding:list")


def ical_all(request: HttpRequest) -> HttpResponse:
    """All upcoming deadlines of active instruments (the list filters apply when given)."""
    form = InstrumentFilterForm(request.GET or None)
    instruments = Instrument.objects.active()
    if form.is_valid():
        data = form.cleaned_data
        instruments = filter_instruments(instruments, q=data["q"], applicant=data["applicant"])
    deadlines = (Deadline.objects.filter(date__gte=today(), instrument__in=instruments.values("pk"))
                 .select_related("instrument", "instrument__owner").order_by("date", "time"))
    return calendar_response(deadlines, _("Funding deadlines – Samskap"), "finansieringsfrister")


def instrument_ical(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = get_object_or_404(visible_instruments(request), pk=pk)
    deadlines = (instrument.deadlines.filter(date__gte=today()).select_related("instrument", "instrument__owner")
                 .order_by("date", "time"))
    return calendar_response(deadlines, instrument.name, f"frister-{instrument.name}")



def municipality_context(request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    """A municipality's page (directory:municipality): its own and its county authority's Horizon 2020 projects,
    and how many participations organisations in the municipality have."""
    from django.db.models import Count, Sum

    from samskap.funding.models import EuParticipation

    municipality = context["municipality"]
    held = EuParticipation.objects.exists()
    own = EuParticipation.objects.filter(municipality=municipality, public_body="municipality")
    county = EuParticipation.objects.filter(county_id=municipality.county_id, public_body="county")
    local = EuParticipation.objects.filter(municipality=municipality).aggregate(
        n=Count("id"), projects=Count("project_number", distinct=True), eur=Sum("eu_contribution"))
    return {"eu": {"held": held, "own": list(own), "county": list(county), "local": local}}
