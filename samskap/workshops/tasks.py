"""Background work: the workshop planner and the e-mails to participants run in the task worker
(``samskap db_worker``), so a slow or unreachable mail server never slows or fails a registration."""

from __future__ import annotations

from django_tasks import task

from samskap.workshops import notifications, planning


@task()
def plan_workshop(plan_id: int) -> str:
    """Solve a queued plan and store the groups; returns the plan's final status."""
    return planning.run(plan_id)


@task()
def send_confirmation(registration_pk: int) -> bool:
    """The confirmation (or waiting-list) e-mail with the personal link; False when it could not be sent."""
    return notifications.send_confirmation(registration_pk)


@task()
def send_promotion(registration_pk: int) -> bool:
    """The e-mail to someone who moved up from the waiting list."""
    return notifications.send_promotion(registration_pk)


@task()
def send_already_registered(event_pk: int, email: str) -> bool:
    """Someone registered an address that is already registered: tell its owner (with the personal link)."""
    return notifications.send_already_registered(event_pk, email)
