"""Shared challenges (the brokering page of clusters of similar needs) turned into workshop themes.

The page belongs to ``matching``, which knows no workshop: this app contributes, through the registry's page
context for ``matching:shared_challenges``, a form under each challenge that adds it as a theme to a session
of an upcoming workshop, and the view that form posts to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from samskap.core.http import posted_id, posted_ids
from samskap.directory.permissions import is_coordinator, require_coordinator
from samskap.needs.models import Need
from samskap.workshops import actions
from samskap.workshops.models import Event, WorkshopSession

TEMPLATE = "workshops/_challenge_to_theme.html"


@dataclass(frozen=True)
class EventSessions:
    event: Event
    sessions: list[WorkshopSession]


def _upcoming() -> list[EventSessions]:
    events = (Event.objects.filter(date__gte=timezone.localdate()).order_by("date", "title")
              .prefetch_related("sessions"))
    return [EventSessions(e, list(e.sessions.all())) for e in events if e.sessions.all()]


def shared_challenges_context(request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    """For coordinators: ``challenge_actions``, one callable per contribution, ``action(challenge)`` giving
    the template and context of the form under that challenge (or None when it has nowhere to go)."""
    if not is_coordinator(request.user):
        return {}
    upcoming = _upcoming()

    def to_theme(challenge: Any) -> dict[str, Any] | None:
        need_pks = [item.source_pk for item in challenge.items if item.kind == "need"]
        if len(need_pks) < 2:
            return None
        calls = set(Need.objects.filter(pk__in=need_pks).values_list("call_id", flat=True))
        # a workshop tied to a call for topics takes only that call's answers (actions._check_needs)
        targets = [t for t in upcoming if t.event.call_id is None or calls <= {None, t.event.call_id}]
        # the first need's title reads as a theme; the cluster's label is a list of key words
        return {"template": TEMPLATE, "targets": targets, "needs": need_pks, "title": challenge.items[0].title[:200]}

    return {"challenge_actions": [to_theme]}


@require_POST
@login_required
def theme_from_shared_challenge(request: HttpRequest) -> HttpResponse:
    require_coordinator(request.user)
    back = reverse("matching:shared_challenges")
    session = get_object_or_404(WorkshopSession.objects.select_related("event"),
                                pk=posted_id(request.POST.get("session")) or 0)
    needs = list(Need.objects.filter(pk__in=posted_ids(request.POST.getlist("needs"), limit=200))
                 .select_related("municipality"))
    title = " ".join(request.POST.get("title", "").split())
    if not title:
        messages.error(request, _("Give the theme a title."))
        return redirect(back)
    try:
        theme = actions.theme_from_challenge(session, title, needs, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, _("The theme «%(title)s» was added to %(session)s.") % {
        "title": theme.title, "session": session})
    return redirect(reverse("workshops:detail", args=[session.event.slug]) + "#themes")
