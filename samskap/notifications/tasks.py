"""Background work: notification e-mails (at once, and the weekly digest). Run by `samskap db_worker`."""

from __future__ import annotations

from django_tasks import task

from samskap.notifications import mail


@task()
def send_notifications(pks: list[int]) -> dict[str, int]:
    """E-mail the notifications (delivery "immediate") not e-mailed yet."""
    return mail.send_notifications(pks)


@task()
def send_digests() -> dict[str, int]:
    """The weekly digest of each person's notifications on "digest"."""
    return mail.send_digests()


@task()
def send_pending() -> dict[str, int]:
    """Retry the "at once" notifications whose e-mail could not be sent yet."""
    return mail.send_pending()
