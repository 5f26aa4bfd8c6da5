"""Write use cases of one-to-one meetings. Views, the management command, tasks and tests call these.

Every function runs in one transaction and takes the acting user (keyword-only). A participant acts for
themselves -- signed in as the registration's person or with its personal-link ``token`` -- and the event's
organisers (coordinators and the event's creator) may act for anyone and run the schedule. The scheduler
runs in the background: ``start_schedule`` enqueues ``tasks.schedule_meetings`` after commit; the task
calls the system actions ``claim_run``, ``store_schedule`` and ``fail_run``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskap.core.actors import Actor, user_of
from samskap.core.tasks import enqueue_on_commit
from samskap.directory.models import Person
from samskap.needs.models import Need
from samskap.partnering import notices, queries
from samskap.partnering.models import (
    Availability,
    MeetingProfile,
    MeetingRequest,
    MeetingTable,
    RequestStatus,
    RunStatus,
    ScheduledMeeting,
    ScheduleRun,
    TimeSlot,
)
from samskap.partnering.permissions import require_acts_for, require_organiser
from samskap.partnering.scheduler import Schedule
from samskap.workshops.models import Event, Registration

MAX_TEXT = 4000
MAX_TABLES = 500
MAX_SLOTS = 60
#: A queued or running run older than this is taken as abandoned (a worker died) and no longer blocks.
STALE_RUN = dt.timedelta(minutes=15)


def _participant(registration: Registration) -> None:
    if not queries.is_participant(registration):
        raise ValidationError(_("%(name)s is not a confirmed participant of this event.") % {
            "name": registration.name})


# -- profiles -----------------------------------------------------------------------------------------


@transaction.atomic
def save_profile(registration: Registration, data: Mapping[str, Any], *, actor: Actor, token: str | None = None,
                 needs: Sequence[Need] | None = None, person: Person | None = None) -> MeetingProfile:
    """Create or update the participant's meeting profile; ``data["published"]`` shows it to the others."""
    require_acts_for(actor, registration, token)
    _participant(registration)
    errors: dict[str, str] = {}
    offer = str(data.get("offer", "")).strip()
    seek = str(data.get("seek", "")).strip()
    tags = ", ".join(t.strip() for t in str(data.get("tags", "")).split(",") if t.strip())
    for name, value in (("offer", offer), ("seek", seek)):
        if len(value) > MAX_TEXT:
            errors[name] = _("At most %(n)s characters.") % {"n": MAX_TEXT}
    if len(tags) > 300:
        errors["tags"] = _("At most %(n)s characters.") % {"n": 300}
    published = bool(data.get("published", False))
    if published and not (offer or seek):
        errors["offer"] = _("Write what you offer or what you are looking for before you publish your profile.")
    if errors:
        raise ValidationError(errors)
    profile, _created = MeetingProfile.objects.get_or_create(registration=registration)
    profile.offer, profile.seek, profile.tags, profile.published = offer, seek, tags, published
    if person is not None:
        profile.person = person
    profile.save()
    if needs is not None:
        profile.needs.set(needs)
    return profile


# -- requests -----------------------------------------------------------------------------------------


def _check_pair(sender: Registration, recipient: Registration) -> None:
    if sender.event_id != recipient.event_id:
        raise ValidationError(_("Both people must take part in the same event."))
    if sender.pk == recipient.pk:
        raise ValidationError(_("You cannot request a meeting with yourself."))
    _participant(sender)
    _participant(recipient)
    if queries.active_between(sender, recipient) is not None:
        raise ValidationError(_("There is already a meeting request between you and %(name)s.") % {
            "name": recipient.name})


def _priority(value: Any) -> int:
    try:
        priority = int(value)
    except (TypeError, ValueError):
        priority = 0
    if not 1 <= priority <= 3:
        raise ValidationError({"priority": _("The priority must be 1, 2 or 3.")})
    return priority


@transaction.atomic
def request_meeting(sender: Registration, recipient: Registration, message: str = "", *, actor: Actor,
                    token: str | None = None, priority: int = 1) -> MeetingRequest:
    """``sender`` asks ``recipient`` for a meeting; the recipient is told."""
    require_acts_for(actor, sender, token)
    _check_pair(sender, recipient)
    message = message.strip()
    if len(message) > MAX_TEXT:
        raise ValidationError({"message": _("At most %(n)s characters.") % {"n": MAX_TEXT}})
    request = MeetingRequest.objects.create(event_id=sender.event_id, sender=sender, recipient=recipient,
                                            message=message, priority=_priority(priority),
                                            created_by=user_of(actor))
    notices.requested(request, actor=actor)
    return request


@transaction.atomic
def answer_request(request: MeetingRequest, accept: bool, *, actor: Actor, token: str | None = None) -> MeetingRequest:
    """The recipient (or an organiser) accepts or declines; the sender is told either way."""
    request = MeetingRequest.objects.select_for_update().select_related("sender__event", "recipient__event").get(
        pk=request.pk)
    require_acts_for(actor, request.recipient, token)
    if request.status != RequestStatus.REQUESTED:
        raise ValidationError(_("This request has already been answered."))
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    if accept:
        notices.accepted(request, actor=actor)
    else:
        notices.declined(request, actor=actor)
    return request


@transaction.atomic
def cancel_request(request: MeetingRequest, *, actor: Actor, token: str | None = None,
                   registration: Registration | None = None) -> MeetingRequest:
    """Either person (or an organiser) calls off a request or an accepted meeting; its slot is freed."""
    request = MeetingRequest.objects.select_for_update().select_related("sender__event", "recipient__event").get(
        pk=request.pk)
    who = registration if registration is not None and registration.pk in (request.sender_id,
                                                                         request.recipient_id) else request.sender
    require_acts_for(actor, who, token)
    if request.status not in queries.ACTIVE:
        raise ValidationError(_("This request is no longer active."))
    request.status = RequestStatus.CANCELLED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    ScheduledMeeting.objects.filter(request=request).delete()
    # A participant's call-off tells the other person; an organiser's (no registration given) tells both.
    notices.cancelled(request, who if registration is not None and who.pk == registration.pk else None, actor=actor)
    return request


@transaction.atomic
def book_meeting(sender: Registration, recipient: Registration, *, actor: Actor, priority: int = 2,
                 message: str = "") -> MeetingRequest:
    """An organiser books an (accepted) meeting between two participants; both are told."""
    require_organiser(actor, sender.event)
    _check_pair(sender, recipient)
    request = MeetingRequest.objects.create(event_id=sender.event_id, sender=sender, recipient=recipient,
                                            message=message.strip()[:MAX_TEXT], priority=_priority(priority),
                                            status=RequestStatus.ACCEPTED, booked_by_organiser=True,
                                            decided_at=timezone.now(), created_by=user_of(actor))
    notices.booked(request, actor=actor)
    return request


# -- slots, tables, availability -------------------------------------------------------------------


def _unpublished_schedule_only(event: Event) -> None:
    if queries.is_published(event):
        raise ValidationError(_("The schedule is published: unpublish it before you change slots or tables."))


@transaction.atomic
def add_slot(event: Event, start: dt.time, end: dt.time, *, actor: Actor, is_break: bool = False) -> TimeSlot:
    require_organiser(actor, event)
    _unpublished_schedule_only(event)
    if start is None or end is None or end <= start:
        raise ValidationError({"end": _("A slot must end after it starts.")})
    if event.meeting_slots.count() >= MAX_SLOTS:
        raise ValidationError(_("At most %(n)s slots.") % {"n": MAX_SLOTS})
    for other in event.meeting_slots.all():
        if start < other.end and other.start < end:
            raise ValidationError({"start": _("The slot overlaps the slot %(slot)s.") % {"slot": str(other)}})
    return TimeSlot.objects.create(event=event, start=start, end=end, is_break=is_break)


@transaction.atomic
def add_slots(event: Event, first: dt.time, minutes: int, count: int, *, actor: Actor,
              break_after: int | None = None, break_minutes: int = 15) -> list[TimeSlot]:
    """``count`` slots of ``minutes`` from ``first``; optionally a break after slot ``break_after``."""
    require_organiser(actor, event)
    if not 5 <= minutes <= 240:
        raise ValidationError({"minutes": _("A slot lasts between 5 and 240 minutes.")})
    if not 1 <= count <= MAX_SLOTS:
        raise ValidationError({"count": _("Between 1 and %(n)s slots.") % {"n": MAX_SLOTS}})
    moment = dt.datetime.combine(event.date, first)
    made = []
    for i in range(count):
        end = moment + dt.timedelta(minutes=minutes)
        if end.date() != event.date:
            raise ValidationError({"count": _("The slots must end before midnight.")})
        made.append(add_slot(event, moment.time(), end.time(), actor=actor))
        moment = end
        if break_after is not None and i + 1 == break_after and i + 1 < count:
            end = moment + dt.timedelta(minutes=break_minutes)
            made.append(add_slot(event, moment.time(), end.time(), actor=actor, is_break=True))
            moment = end
    return made


@transaction.atomic
def delete_slot(slot: TimeSlot, *, actor: Actor) -> None:
    require_organiser(actor, slot.event)
    _unpublished_schedule_only(slot.event)
    slot.delete()


@transaction.atomic
def set_tables(event: Event, count: int, *, actor: Actor, prefix: str = "") -> list[MeetingTable]:
    """Make the event have ``count`` tables named "<prefix> 1".. (tables with meetings are kept)."""
    require_organiser(actor, event)
    _unpublished_schedule_only(event)
    if not 0 <= count <= MAX_TABLES:
        raise ValidationError({"count": _("Between 0 and %(n)s tables.") % {"n": MAX_TABLES}})
    prefix = (prefix or _("Table")).strip()[:40]
    tables = list(event.meeting_tables.all())
    for table in tables[count:]:
        ScheduledMeeting.objects.filter(table=table).delete()
        table.delete()
    names = {t.name for t in tables[:count]}
    n = 1
    while len(tables) < count:
        name = f"{prefix} {n}"
        n += 1
        if name in names:
            continue
        names.add(name)
        tables.append(MeetingTable.objects.create(event=event, name=name))
    return list(event.meeting_tables.all())


@transaction.atomic
def set_availability(registration: Registration, available: Collection[int], *, actor: Actor,
                     token: str | None = None) -> set[int]:
    """The participant can meet in the slots ``available`` (slot ids) and not in the others."""
    require_acts_for(actor, registration, token)
    _participant(registration)
    slots = list(queries.slots(registration.event))
    known = {s.pk for s in slots}
    unknown = set(available) - known
    if unknown:
        raise ValidationError(_("Unknown time slot: %(ids)s.") % {"ids": ", ".join(map(str, sorted(unknown)))})
    for slot in slots:
        Availability.objects.update_or_create(registration=registration, slot=slot,
                                              defaults={"available": slot.pk in available})
    return set(available)


# -- the scheduler ------------------------------------------------------------------------------------


@transaction.atomic
def start_schedule(event: Event, *, actor: Actor, time_limit: float = 20.0) -> ScheduleRun:
    """Queue a scheduler run; published meetings stay where they are. The task runs after commit."""
    require_organiser(actor, event)
    event = Event.objects.select_for_update().get(pk=event.pk)
    busy = event.meeting_runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING],
                                     created_at__gt=timezone.now() - STALE_RUN)
    if busy.exists():
        raise ValidationError(_("The scheduler is already running for this event."))
    if not event.meeting_slots.filter(is_break=False).exists():
        raise ValidationError(_("Add time slots before you run the scheduler."))
    if not event.meeting_tables.exists():
        raise ValidationError(_("Add tables before you run the scheduler."))
    if not MeetingRequest.objects.filter(event=event, status=RequestStatus.ACCEPTED).exists():
        raise ValidationError(_("No meeting has been accepted yet."))
    if not 1 <= time_limit <= 600:
        raise ValidationError({"time_limit": _("The time limit is between 1 and 600 seconds.")})
    run = ScheduleRun.objects.create(event=event, requested_by=user_of(actor), time_limit=time_limit)
    from samskap.partnering.tasks import schedule_meetings  # tasks -> planning -> actions

    enqueue_on_commit(schedule_meetings, run.pk)
    return run


@transaction.atomic
def claim_run(run_id: int) -> bool:
    """System action (the scheduler task): take a queued run (now running); False if it is not queued."""
    return bool(ScheduleRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(status=RunStatus.RUNNING))


@transaction.atomic
def store_schedule(run: ScheduleRun, result: Schedule) -> ScheduleRun:
    """System action (the scheduler task): replace the unpublished meetings of the event by ``result``
    (published meetings are fixed in the problem and come back in the same place)."""
    event = run.event
    ScheduledMeeting.objects.filter(request__event=event, published=False).delete()
    published = set(ScheduledMeeting.objects.filter(request__event=event, published=True)
                    .values_list("request_id", flat=True))
    rows = [ScheduledMeeting(request_id=p.meeting, slot_id=p.slot, table_id=p.table, run=run)
            for p in result.placements if p.meeting not in published]
    ScheduledMeeting.objects.bulk_create(rows)
    st = result.stats
    run.status = RunStatus.DONE
    run.solver_status = st.status[:20]
    run.placed, run.priority, run.idle_gaps = st.placed, st.priority, st.idle_gaps
    run.unplaced = len(result.unplaced)
    run.bound = st.bound_placed
    run.gap = st.gap
    run.seconds = st.seconds
    run.finished_at = timezone.now()
    run.save()
    return run


@transaction.atomic
def fail_run(run_id: int, message: str) -> None:
    """System action (the scheduler task): the run failed; ``message`` says why."""
    ScheduleRun.objects.filter(pk=run_id).update(status=RunStatus.FAILED, error=message[:2000],
                                                 finished_at=timezone.now())


@transaction.atomic
def publish_schedule(event: Event, *, actor: Actor) -> int:
    """Publish the scheduled meetings: participants see their agenda, are told and get it by e-mail.
    Returns the number of meetings published."""
    require_organiser(actor, event)
    rows = ScheduledMeeting.objects.filter(request__event=event, request__status=RequestStatus.ACCEPTED)
    if not rows.exists():
        raise ValidationError(_("There is no schedule to publish: run the scheduler first."))
    count = rows.filter(published=False).update(published=True)
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    from samskap.partnering.tasks import send_agenda  # tasks -> mail -> queries

    for registration in queries.participants(event).select_related("person__user", "event"):
        meetings = queries.agenda(registration)
        if not meetings:
            continue
        mailed = [registration.email] if registration.email else []
        notices.published(registration, meetings, actor=actor, key=f"published:{event.pk}:{stamp}", mailed=mailed)
        if registration.email:
            enqueue_on_commit(send_agenda, registration.pk)
    return count


@transaction.atomic
def unpublish_schedule(event: Event, *, actor: Actor) -> int:
    require_organiser(actor, event)
    return ScheduledMeeting.objects.filter(request__event=event, published=True).update(published=False)


@transaction.atomic
def remind_unbooked(event: Event, *, actor: Actor) -> list[Registration]:
    """Remind participants with no meeting booked (once per event and day, however often this runs)."""
    require_organiser(actor, event)
    people = queries.unbooked(event)
    key = f"reminder:{event.pk}:{timezone.localdate().isoformat()}"
    for registration in people:
        notices.reminder(registration, actor=actor, key=key)
    return people
