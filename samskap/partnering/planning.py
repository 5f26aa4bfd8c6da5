"""The scheduler run in the task worker: build the pure problem from the database, solve it and store the
result through the system actions."""

from __future__ import annotations

import logging

from samskap.partnering import actions, scheduler
from samskap.partnering.models import (
    Availability,
    MeetingRequest,
    RequestStatus,
    ScheduledMeeting,
    ScheduleRun,
)
from samskap.workshops.models import Event, RegistrationStatus

logger = logging.getLogger(__name__)


def problem_for(event: Event, *, time_limit: float = 20.0, workers: int = 1) -> scheduler.Problem:
    slots = [scheduler.Slot(s.pk, s.is_break) for s in event.meeting_slots.all()]
    tables = list(event.meeting_tables.values_list("pk", flat=True))
    fixed = {m.request_id: m for m in ScheduledMeeting.objects.filter(request__event=event, published=True)}
    meetings = []
    for r in (MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED,
                                            sender__status=RegistrationStatus.CONFIRMED,
                                            recipient__status=RegistrationStatus.CONFIRMED).order_by("pk")):
        f = fixed.get(r.pk)
        meetings.append(scheduler.Meeting(r.pk, str(r.sender_id), str(r.recipient_id), r.priority,
                                          f.slot_id if f else None, f.table_id if f else None))
    people = {m.a for m in meetings} | {m.b for m in meetings}
    all_slots = {s.id for s in slots}
    availability: dict[str, set[int]] = {}
    for reg_id, slot_id, available in Availability.objects.filter(
            registration__event=event).values_list("registration_id", "slot_id", "available"):
        if str(reg_id) in people:
            availability.setdefault(str(reg_id), set(all_slots))
            if not available:
                availability[str(reg_id)].discard(slot_id)
    return scheduler.Problem(slots, tables, meetings, {k: frozenset(v) for k, v in availability.items()},
                             time_limit=time_limit, workers=workers)


def run(run_id: int) -> str:
    """Solve a queued run and store the meetings; returns the run's final status."""
    if not actions.claim_run(run_id):
        return "skipped"
    job = ScheduleRun.objects.select_related("event").get(pk=run_id)
    try:
        problem = problem_for(job.event, time_limit=job.time_limit)
        result = scheduler.solve(problem)
        if result.stats.status == "infeasible":
            actions.fail_run(run_id, "; ".join(result.stats.notes) or "infeasible")
            return "failed"
        actions.store_schedule(job, result)
    except Exception as exc:  # the run must end as failed, never stay "running"
        logger.exception("Meeting scheduler run %s failed", run_id)
        actions.fail_run(run_id, str(exc))
        return "failed"
    return "done"
