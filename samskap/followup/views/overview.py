"""Follow-up overview pages: the index, an event's outcomes and report, the funnel, and the start-page panel."""
from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.directory.models import Person
from samskap.directory.permissions import is_coordinator
from samskap.followup import charts, queries, report
from samskap.followup.forms import (
    FunnelFilterForm,
)
from samskap.followup.funnel import funnel
from samskap.followup.models import (
    OPEN_STATUSES,
    Action,
    DeletionRequest,
    DeletionStatus,
    OutcomeRow,
)
from samskap.followup.permissions import (
    can_edit_outcome,
    person_of,
)
from samskap.followup.signals import event_signals, row_queryset
from samskap.workshops.models import Event

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
