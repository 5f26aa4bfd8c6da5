"""Background work of one-to-one meetings: the scheduler and the agenda e-mails run in the task worker."""

from __future__ import annotations

from django_tasks import task

from samskap.partnering import mail, planning


@task()
def schedule_meetings(run_id: int) -> str:
    """Solve a queued scheduler run and store the meetings; returns the run's final status."""
    return planning.run(run_id)


@task()
def send_agenda(registration_pk: int) -> bool:
    """The personal agenda by e-mail; False when it could not be sent."""
    return mail.send_agenda(registration_pk)
