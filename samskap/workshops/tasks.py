"""Background work: the workshop planner runs in the task worker (``samskap db_worker``)."""

from __future__ import annotations

from django_tasks import task

from samskap.workshops import planning


@task()
def plan_workshop(plan_id: int) -> str:
    """Solve a queued plan and store the groups; returns the plan's final status."""
    return planning.run(plan_id)
