"""Reminders and weekly digests by e-mail.

Recipients of an organisation: its follow-up contacts (OrganisationContact) and, for an action, the
responsible person; when that gives no address, the organisation's FoUI contacts (role), and failing those
its people who have an active user account.
Addresses that unsubscribed (notifications' MailOptOut: one unsubscribe for all Samskap e-mail) get nothing. Every message carries its own unsubscribe link.

A reminder (action, kind, due date, address) and a digest (organisation, address, ISO week) are claimed in
the database before the message is sent and released again if the SMTP server refuses it, so the same
reminder is never sent twice, not even by two runs at once.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from samskap.directory.models import Organisation, OrgType, Person, RoleKind
from samskap.followup import actions, notices
from samskap.followup.models import (
    OPEN_STATUSES,
    Action,
    ActionChange,
    OrganisationContact,
    OutcomeRow,
    ReminderKind,
    SentReminder,
)
from samskap.notifications.actions import opt_out_for
from samskap.notifications.models import MailOptOut
from samskap.notifications.queries import wants_mail

logger = logging.getLogger(__name__)
DEFAULT_REMINDER_DAYS = 7


def reminder_days() -> int:
    return int(getattr(settings, "FOLLOWUP_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def site_url(path: str) -> str:
    return settings.SITE_URL + path


def unsubscribe_url(email: str) -> str:
    return site_url(reverse("notifications:unsubscribe", kwargs={"token": opt_out_for(email).token}))


def organisation_language(organisation: Organisation) -> str:
    if organisation.org_type == OrgType.MUNICIPALITY and organisation.municipality_id:
        return organisation.municipality.ui_language  # type: ignore[union-attr]
    return settings.LANGUAGE_CODE


@dataclass
class Recipient:
    email: str
    name: str = ""
    language: str = "nb"


def _add(out: dict[str, Recipient], email: str, name: str, language: str) -> None:
    key = (email or "").strip().lower()
    if key and key not in out:
        out[key] = Recipient(key, name, language or settings.LANGUAGE_CODE)


def organisation_recipients(organisation: Organisation, person: Person | None = None) -> list[Recipient]:
    language = organisation_language(organisation)
    out: dict[str, Recipient] = {}
    if person is not None and person.email:
        _add(out, person.email, person.name, person.preferred_language or language)
    for contact in OrganisationContact.objects.filter(organisation=organisation):
        _add(out, contact.email, contact.name, language)
    if not out:
        members = Person.objects.filter(organisation=organisation, user__is_active=True).exclude(email="")
        contacts = members.filter(user__roles__kind=RoleKind.FOUI_CONTACT).distinct()
        for member in (contacts if contacts.exists() else members).order_by("name"):
            _add(out, member.email, member.name, member.preferred_language or language)
    unsubscribed = set(MailOptOut.objects.filter(email__in=list(out), unsubscribed_at__isnull=False)
                       .values_list("email", flat=True))
    return [r for key, r in out.items() if key not in unsubscribed]


def _send(recipient: Recipient, subject: str, body: str, connection: Any) -> bool:
    url = unsubscribe_url(recipient.email)
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[recipient.email],
                           connection=connection,
                           headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Follow-up mail to %s failed: %s", recipient.email, exc)
        return False
    return True


def _render(name: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = " ".join(render_to_string(f"followup/email/{name}_subject.txt", context).split())
        body = render_to_string(f"followup/email/{name}.txt", context)
    return subject, body


# --- Reminders -------------------------------------------------------------------------------------------------

@dataclass
class _Pending:
    recipient: Recipient
    items: list[tuple[Action, str]] = field(default_factory=list)


def due_actions(today: dt.date, days: int) -> list[tuple[Action, str]]:
    due = (Action.objects.filter(status__in=OPEN_STATUSES, due_date__lte=today + dt.timedelta(days=days))
           .select_related("owner_organisation__municipality", "owner_person", "outcome_row__group__theme")
           .order_by("due_date", "pk"))
    return [(a, ReminderKind.OVERDUE if a.due_date < today else ReminderKind.DUE_SOON) for a in due]


def send_reminders(today: dt.date | None = None, days: int | None = None) -> dict[str, int]:
    """E-mail the contacts of actions due within `days` days or overdue; each reminder goes out once."""
    today = today or timezone.localdate()
    days = reminder_days() if days is None else days
    pending: dict[str, _Pending] = {}
    for action, kind in due_actions(today, days):
        already = set(SentReminder.objects.filter(action=action, kind=kind, due_date=action.due_date)
                      .values_list("email", flat=True))
        in_app_only = []
        for recipient in organisation_recipients(action.owner_organisation, action.owner_person):
            if recipient.email in already:
                continue
            if not wants_mail(recipient.email, notices.REMINDER_KINDS[kind]):
                in_app_only.append(recipient.email)  # the person chose the digest or Samskap only
                continue
            pending.setdefault(recipient.email, _Pending(recipient)).items.append((action, kind))
        if in_app_only:
            notices.reminded(action, kind, in_app_only, mailed=False)
    stats = {"messages": 0, "reminders": 0, "failed": 0}
    if not pending:
        return stats
    connection = get_connection(fail_silently=False)
    with connection:
        for email, entry in pending.items():
            claimed = actions.claim_reminders(email, entry.items)
            if not claimed:
                continue
            context = {
                "recipient": entry.recipient, "today": today, "count": len(claimed),
                "overdue": [(a, site_url(reverse("followup:action", args=[a.pk]))) for a, k, _r in claimed
                            if k == ReminderKind.OVERDUE],
                "due_soon": [(a, site_url(reverse("followup:action", args=[a.pk]))) for a, k, _r in claimed
                             if k == ReminderKind.DUE_SOON],
                "unsubscribe_url": unsubscribe_url(email),
            }
            subject, body = _render("reminder", context, entry.recipient.language)
            if _send(entry.recipient, subject, body, connection):
                stats["messages"] += 1
                stats["reminders"] += len(claimed)
                for action, kind, _record in claimed:
                    notices.reminded(action, kind, [email], mailed=True)
            else:
                actions.release_reminders(r for _a, _k, r in claimed)
                stats["failed"] += 1
    return stats


# --- Weekly digests --------------------------------------------------------------------------------------------

def iso_week(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def digest_content(organisation: Organisation, today: dt.date) -> dict[str, Any]:
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time.min))
    open_actions = list(Action.objects.filter(owner_organisation=organisation, status__in=OPEN_STATUSES)
                        .order_by("due_date", "pk"))
    changes = list(ActionChange.objects.filter(action__owner_organisation=organisation, at__gte=since)
                   .select_related("action").order_by("-at")[:20])
    new_rows = list(OutcomeRow.objects.filter(created_at__gte=since).filter(
        Q(actor_organisations=organisation) | Q(idea_owner_organisation=organisation) | Q(carried_by=organisation))
        .distinct().order_by("created_at", "pk"))
    return {
        "organisation": organisation, "today": today,
        "overdue": [a for a in open_actions if a.due_date < today],
        "upcoming": [a for a in open_actions if a.due_date >= today],
        "changes": changes, "new_rows": new_rows,
        "signals_url": site_url(reverse("followup:signals", args=[organisation.pk])),
    }


def digest_organisations(today: dt.date) -> list[Organisation]:
    since = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time.min))
    ids = set(Action.objects.filter(status__in=OPEN_STATUSES).values_list("owner_organisation_id", flat=True))
    recent = OutcomeRow.objects.filter(created_at__gte=since)
    ids |= set(recent.values_list("actor_organisations", flat=True))
    ids |= set(recent.values_list("idea_owner_organisation_id", flat=True))
    ids |= set(recent.values_list("carried_by_id", flat=True))
    return list(Organisation.objects.filter(pk__in=ids - {None}).select_related("municipality").order_by("name"))


def send_digests(today: dt.date | None = None) -> dict[str, int]:
    """Each organisation with open actions or new signals gets one digest a week per contact address."""
    today = today or timezone.localdate()
    week = iso_week(today)
    stats = {"messages": 0, "organisations": 0, "failed": 0}
    connection = get_connection(fail_silently=False)
    opened = False
    try:
        for organisation in digest_organisations(today):
            recipients = organisation_recipients(organisation)
            if not recipients:
                continue
            content = digest_content(organisation, today)
            if not (content["overdue"] or content["upcoming"] or content["new_rows"] or content["changes"]):
                continue
            sent_any = False
            for recipient in recipients:
                claim = actions.claim_digest(organisation, recipient.email, week)
                if claim is None:
                    continue
                if not opened:
                    connection.open()
                    opened = True
                context = {**content, "recipient": recipient, "week": week,
                           "unsubscribe_url": unsubscribe_url(recipient.email)}
                subject, body = _render("digest", context, recipient.language)
                if _send(recipient, subject, body, connection):
                    stats["messages"] += 1
                    sent_any = True
                else:
                    actions.release_digest(claim)
                    stats["failed"] += 1
            stats["organisations"] += int(sent_any)
    finally:
        if opened:
            connection.close()
    return stats
