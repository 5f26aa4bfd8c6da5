"""Contact addresses of organisations, and the claims the mail tasks take on reminders and digests."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from samskap.core.actors import Actor
from samskap.directory.models import Organisation
from samskap.directory.permissions import require
from samskap.followup.models import (
    Action,
    OrganisationContact,
    SentDigest,
    SentReminder,
)
from samskap.followup.permissions import (
    can_manage_contacts,
)

# --- Contacts and subscriptions --------------------------------------------------------------------------------

@transaction.atomic
def add_contact(organisation: Organisation, email: str, name: str = "", *, actor: Actor) -> OrganisationContact:
    require(can_manage_contacts(actor, organisation),
            _("Only the organisation's own users and coordinators may change its contacts."))
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": _("Enter a valid e-mail address.")}) from None
    if OrganisationContact.objects.filter(organisation=organisation, email=email).exists():
        raise ValidationError({"email": _("This address is already a contact of the organisation.")})
    try:
        with transaction.atomic():
            return OrganisationContact.objects.create(organisation=organisation, email=email, name=name.strip())
    except IntegrityError:
        raise ValidationError({"email": _("This address is already a contact of the organisation.")}) from None


@transaction.atomic
def remove_contact(contact: OrganisationContact, *, actor: Actor) -> None:
    require(can_manage_contacts(actor, contact.organisation),
            _("Only the organisation's own users and coordinators may change its contacts."))
    contact.delete()


# --- Sent reminders and digests: system actions of the mail tasks (samskap/followup/mail.py) ------------------

@transaction.atomic
def claim_reminders(email: str, items: Iterable[tuple[Action, str]]) -> list[tuple[Action, str, SentReminder]]:
    """Record the reminders about to be e-mailed to `email`; those already sent (or being sent by another run)
    are left out. Release them with `release_reminders` if the message fails."""
    claimed = []
    for action, kind in items:
        try:
            with transaction.atomic():
                record = SentReminder.objects.create(action=action, kind=kind, due_date=action.due_date, email=email)
        except IntegrityError:
            continue
        claimed.append((action, kind, record))
    return claimed


@transaction.atomic
def release_reminders(records: Iterable[SentReminder]) -> None:
    """The message failed: the reminders go out on the next run."""
    SentReminder.objects.filter(pk__in=[r.pk for r in records]).delete()


@transaction.atomic
def claim_digest(organisation: Organisation, email: str, week: str) -> SentDigest | None:
    """Record the week's digest to `email` before it is sent; None when it was already sent."""
    try:
        with transaction.atomic():
            return SentDigest.objects.create(organisation=organisation, email=email, week=week)
    except IntegrityError:
        return None


@transaction.atomic
def release_digest(claim: SentDigest) -> None:
    SentDigest.objects.filter(pk=claim.pk).delete()
