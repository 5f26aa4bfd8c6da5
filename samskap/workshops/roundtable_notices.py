"""Notification of round tables: a published round-table plan tells each participant their rounds ("Round 1:
table 3, you listen to X") with their personal link. Registered from ``apps.ready``; emitted by
``roundtable_actions.publish_table_plan``."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.actors import Actor
from samskap.core.registry import registry
from samskap.notifications.actions import notify
from samskap.notifications.models import Delivery
from samskap.workshops.notices import recipient
from samskap.workshops.roundtable_models import TablePlan
from samskap.workshops.roundtable_queries import lookups, my_rounds, participants

TABLES_PUBLISHED = "workshops.tables_published"


def _line(row: dict[str, Any]) -> str:
    if not row.get("table"):
        return _("Round %(round)s: a free round, you have no table.") % {"round": row.get("round", "")}
    if row.get("presenting"):
        return _("Round %(round)s: table %(table)s, you present «%(title)s».") % {
            "round": row.get("round", ""), "table": row["table"], "title": row.get("title", "")}
    return _("Round %(round)s: table %(table)s, you listen to %(name)s («%(title)s»).") % {
        "round": row.get("round", ""), "table": row["table"], "name": row.get("name", ""),
        "title": row.get("title", "")}


def render_tables_published(params: dict[str, Any]) -> str:
    lines = [_("The round tables for «%(event)s» are ready. Your rounds:") % {"event": params.get("event", "")}]
    lines += [_line(row) for row in params.get("rounds", [])]
    lines.append(_("Your personal page shows your rounds:"))
    return "\n".join(lines)


def register() -> None:
    registry.add_notification_kind(TABLES_PUBLISHED, gettext_lazy("A workshop's round tables are published"),
                                   Delivery.IMMEDIATE, render_tables_published, order=32)


def personal_url(registration: Any) -> str:
    return reverse("workshops:tables_mine", args=[registration.event.slug, registration.token])


def tables_published(plan: TablePlan, *, actor: Actor) -> None:
    """Tell every confirmed participant their rounds (once per plan, however often it is published)."""
    found = lookups(plan.event)
    for registration in participants(plan.event):
        rows = [{"round": r.round, "table": r.table, "presenting": r.presenting, "name": r.presenter_name,
                 "title": r.title} for r in my_rounds(plan, registration, found)]
        notify([recipient(registration)], TABLES_PUBLISHED, {"event": plan.event.title, "rounds": rows},
               personal_url(registration), actor=actor, key=f"tables:{plan.pk}")
