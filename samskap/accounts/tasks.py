"""Background work: every account e-mail is sent by the task worker (``samskap db_worker``)."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from samskap.accounts import mail


@task()
def send_invitation(invitation_pk: int) -> bool:
    return mail.send_invitation(invitation_pk)


@task()
def send_account_mail(message: dict[str, Any]) -> bool:
    """An e-mail of the account flows (verification, password reset, security notices), rendered in the
    request by ``adapters.AccountAdapter.send_mail``."""
    return mail.send_rendered(message)
