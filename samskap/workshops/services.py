"""Entry points that combine an action with background work (used by the views and the API)."""

from __future__ import annotations

from typing import Any

from samskap.workshops import actions, tasks
from samskap.workshops.models import Event, Plan


def request_plan(actor: Any, event: Event) -> Plan:
    """Queue a plan (committed by the action) and hand it to the task worker."""
    plan = actions.start_plan(actor, event)
    tasks.plan_workshop.enqueue(plan.pk)
    plan.refresh_from_db()
    return plan
