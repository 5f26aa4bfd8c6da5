"""One-to-one meetings at an event ("møtebørs"): profiles, slots, tables, availability, requests and the
scheduled meetings. Participants are the event's confirmed registrations (a guest without an account acts
with the registration's personal-link token, as in workshops)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskap.directory.models import Person
from samskap.workshops.models import Event, Registration


class MeetingProfile(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="meeting_profile",
                                        verbose_name=_("participant"))
    offer = models.TextField(_("what I offer"), blank=True)
    seek = models.TextField(_("what I am looking for"), blank=True)
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separate tags with commas."))
    needs = models.ManyToManyField("needs.Need", blank=True, related_name="meeting_profiles",
                                   verbose_name=_("needs"))
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("profile in the directory"))
    published = models.BooleanField(_("published"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting profile")
        verbose_name_plural = _("meeting profiles")

    def __str__(self) -> str:
        return str(self.registration)

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class TimeSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_slots")
    start = models.TimeField(_("starts"))
    end = models.TimeField(_("ends"))
    is_break = models.BooleanField(_("break"), default=False)

    class Meta:
        ordering = ["event", "start", "pk"]
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")

    def __str__(self) -> str:
        return f"{self.start:%H:%M}–{self.end:%H:%M}"


class MeetingTable(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_tables")
    name = models.CharField(_("name"), max_length=60)

    class Meta:
        ordering = ["event", "pk"]
        verbose_name = _("table")
        verbose_name_plural = _("tables")
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="unique_meeting_table_name")]

    def __str__(self) -> str:
        return self.name


class Availability(models.Model):
    """Whether a participant can meet in a slot. A participant who marked nothing is available in every
    slot."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="meeting_availability")
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="availability")
    available = models.BooleanField(_("available"), default=True)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        constraints = [models.UniqueConstraint(fields=["registration", "slot"], name="one_availability_per_slot")]

    def __str__(self) -> str:
        return f"{self.registration_id} @ {self.slot_id}: {self.available}"


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingRequest(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_requests")
    sender = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="meeting_requests_sent",
                               verbose_name=_("from"))
    recipient = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="meeting_requests_received",
                                  verbose_name=_("to"))
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RequestStatus.choices,
                              default=RequestStatus.REQUESTED)
    priority = models.PositiveSmallIntegerField(_("priority"), default=1,
                                                help_text=_("1 (normal) to 3 (most important)."))
    booked_by_organiser = models.BooleanField(_("booked by the organiser"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [models.CheckConstraint(condition=~models.Q(sender=models.F("recipient")),
                                              name="meeting_not_with_oneself")]

    def __str__(self) -> str:
        return f"{self.sender.name} → {self.recipient.name}"

    def other(self, registration: Registration) -> Registration:
        return self.recipient if registration.pk == self.sender_id else self.sender


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ScheduleRun(models.Model):
    """One run of the scheduler (in the background)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="meeting_runs")
    status = models.CharField(_("status"), max_length=8, choices=RunStatus.choices, default=RunStatus.QUEUED)
    time_limit = models.FloatField(_("time limit (seconds)"), default=20.0)
    solver_status = models.CharField(max_length=20, blank=True)
    placed = models.PositiveIntegerField(default=0)
    unplaced = models.PositiveIntegerField(default=0)
    priority = models.PositiveIntegerField(default=0)
    idle_gaps = models.PositiveIntegerField(default=0)
    bound = models.PositiveIntegerField(null=True, blank=True)
    gap = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("scheduler run")
        verbose_name_plural = _("scheduler runs")

    def __str__(self) -> str:
        return f"{self.event_id} run {self.pk} ({self.status})"


class ScheduledMeeting(models.Model):
    request = models.OneToOneField(MeetingRequest, on_delete=models.CASCADE, related_name="scheduled")
    slot = models.ForeignKey(TimeSlot, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("time slot"))
    table = models.ForeignKey(MeetingTable, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("table"))
    published = models.BooleanField(_("published"), default=False)
    run = models.ForeignKey(ScheduleRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")

    class Meta:
        ordering = ["slot__start", "table_id"]
        verbose_name = _("scheduled meeting")
        verbose_name_plural = _("scheduled meetings")
        constraints = [models.UniqueConstraint(fields=["slot", "table"], name="one_meeting_per_table_and_slot")]

    def __str__(self) -> str:
        return f"{self.request_id} @ {self.slot_id}/{self.table_id}"
