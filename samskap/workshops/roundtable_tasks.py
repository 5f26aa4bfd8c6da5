"""Background work for round tables: the planner runs in the task worker (``samskap db_worker``)."""

from __future__ import annotations

from django_tasks import task


@task()
def plan_round_tables(plan_id: int) -> str:
    """Plan a queued round-table plan and store it; returns the plan's final status."""
    from samskap.workshops import roundtable_planning  # roundtable_planning -> roundtable_actions -> here

    return roundtable_planning.run(plan_id)
