"""Reads of one-to-one meetings used by views, actions and tasks."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from samskap.partnering.models import (
    Availability,
    MeetingRequest,
    RequestStatus,
    ScheduledMeeting,
    ScheduleRun,
    TimeSlot,
)
from samskap.workshops.models import Event, Registration, RegistrationStatus

ACTIVE = (RequestStatus.REQUESTED, RequestStatus.ACCEPTED)


def participants(event: Event) -> QuerySet[Registration]:
    """The event's confirmed registrations: who can take part in one-to-one meetings."""
    return event.registrations.filter(status=RegistrationStatus.CONFIRMED).order_by("name", "pk")


def is_participant(registration: Registration) -> bool:
    return registration.status == RegistrationStatus.CONFIRMED


def own_registration(event: Event, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return participants(event).filter(person__user=user).first()


def requests_of(registration: Registration) -> QuerySet[MeetingRequest]:
    return (MeetingRequest.objects.filter(Q(sender=registration) | Q(recipient=registration))
            .select_related("sender", "recipient", "scheduled__slot", "scheduled__table"))


def active_between(a: Registration, b: Registration) -> MeetingRequest | None:
    return (MeetingRequest.objects.filter(status__in=ACTIVE)
            .filter(Q(sender=a, recipient=b) | Q(sender=b, recipient=a)).first())


def slots(event: Event) -> QuerySet[TimeSlot]:
    return event.meeting_slots.all()


def available_slot_ids(registration: Registration) -> set[int]:
    """The slots the participant can meet in (every slot when they marked nothing)."""
    marks = dict(Availability.objects.filter(registration=registration).values_list("slot_id", "available"))
    return {s.pk for s in slots(registration.event) if marks.get(s.pk, True)}


def agenda(registration: Registration, *, published_only: bool = True) -> list[ScheduledMeeting]:
    rows = (ScheduledMeeting.objects.filter(Q(request__sender=registration) | Q(request__recipient=registration),
                                            request__status=RequestStatus.ACCEPTED)
            .select_related("slot", "table", "request__sender", "request__recipient", "request__event"))
    if published_only:
        rows = rows.filter(published=True)
    return list(rows.order_by("slot__start", "pk"))


def schedule(event: Event) -> QuerySet[ScheduledMeeting]:
    return (ScheduledMeeting.objects.filter(request__event=event, request__status=RequestStatus.ACCEPTED)
            .select_related("slot", "table", "request__sender", "request__recipient")
            .order_by("slot__start", "table_id"))


def is_published(event: Event) -> bool:
    return ScheduledMeeting.objects.filter(request__event=event, published=True).exists()


def latest_run(event: Event) -> ScheduleRun | None:
    return event.meeting_runs.first()


def unbooked(event: Event) -> list[Registration]:
    """Participants without any accepted meeting (for the reminder)."""
    booked = set(MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
                 .values_list("sender_id", flat=True))
    booked |= set(MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED)
                  .values_list("recipient_id", flat=True))
    return [r for r in participants(event).select_related("person__user", "event") if r.pk not in booked]


def participant_by_id(event: Event, registration_id: Any) -> Registration:
    """A confirmed participant of ``event`` by id (ValidationError if there is none)."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    try:
        return participants(event).get(pk=int(registration_id))
    except (TypeError, ValueError, Registration.DoesNotExist):
        raise ValidationError(_("Choose a participant of this event.")) from None
