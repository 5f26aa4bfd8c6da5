"""Development workshops (utviklingsverksted): events, sessions, themes, registrations and plans."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.directory.models import Organisation, Person


def new_token() -> str:
    return secrets.token_urlsafe(24)


class RegistrationState(models.TextChoices):
    """Whether people can register: the coordinator opens registration and may close it again; it also
    closes at the deadline."""

    NOT_OPEN = "not_open", _("Not opened yet")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Event(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    registration_deadline = models.DateTimeField(_("registration deadline"))
    registration_status = models.CharField(_("registration"), max_length=10, choices=RegistrationState.choices,
                                           default=RegistrationState.NOT_OPEN)
    capacity = models.PositiveIntegerField(_("capacity"), help_text=_("How many people can take part."))
    min_theme_size = models.PositiveIntegerField(_("minimum sign-ups for a theme"), default=4)
    max_group_size = models.PositiveIntegerField(_("maximum group size"), default=8)
    tables_per_session = models.PositiveIntegerField(_("tables or rooms per session"), default=8)
    call = models.ForeignKey("needs.Call", null=True, blank=True, on_delete=models.SET_NULL, related_name="events",
                             verbose_name=_("call for topics"))
    terms = models.TextField(_("terms"), blank=True,
                             help_text=_("What participants accept when they register (e.g. names on group lists)."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return self.title

    @property
    def registration_state(self) -> str:
        """not_open, open or closed (closed by the coordinator or because the deadline has passed)."""
        if self.registration_status == RegistrationState.OPEN and timezone.now() >= self.registration_deadline:
            return RegistrationState.CLOSED
        return self.registration_status

    @property
    def registration_open(self) -> bool:
        return self.registration_state == RegistrationState.OPEN


class ProgrammeItem(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="programme")
    start = models.TimeField(_("time"))
    end = models.TimeField(_("ends"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("speaker"), max_length=200, blank=True)

    class Meta:
        ordering = ["start"]
        verbose_name = _("programme item")
        verbose_name_plural = _("programme items")

    def __str__(self) -> str:
        return f"{self.start:%H:%M} {self.title}"


class WorkshopSession(models.Model):
    """An økt: a round of parallel themes."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("number"))
    start = models.TimeField(_("starts"), null=True, blank=True)
    end = models.TimeField(_("ends"), null=True, blank=True)

    class Meta:
        ordering = ["event", "number"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [models.UniqueConstraint(fields=["event", "number"], name="unique_session_number")]

    def __str__(self) -> str:
        return str(_("Session %(number)s") % {"number": self.number})


class Theme(models.Model):
    session = models.ForeignKey(WorkshopSession, on_delete=models.CASCADE, related_name="themes",
                                verbose_name=_("session"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    needs = models.ManyToManyField("needs.Need", blank=True, related_name="workshop_themes",
                                   verbose_name=_("needs it came from"))
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("proposed by"))
    proposed_by_name = models.CharField(_("proposed by (name)"), max_length=200, blank=True)

    class Meta:
        ordering = ["session", "title"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.title


class ActorType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    RESEARCH = "research", _("Research or knowledge actor")
    FUNDING = "funding", _("Funding or support actor")
    OTHER = "other", _("Other")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations",
                               verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="workshop_registrations")
    actor_type = models.CharField(_("type of actor"), max_length=12, choices=ActorType.choices,
                                  default=ActorType.OTHER)
    volunteer_host = models.BooleanField(_("willing to host a table"), default=False)
    volunteer_note_taker = models.BooleanField(_("willing to take notes"), default=False)
    accepted_terms = models.BooleanField(_("accepted the terms"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.CONFIRMED)
    token = models.CharField(max_length=64, unique=True, default=new_token)
    language = models.CharField(_("language for e-mails"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # one active registration per e-mail address and event (imports may lack an address)
            models.UniqueConstraint(
                models.F("event"), Lower("email"),
                condition=~models.Q(status="cancelled") & ~models.Q(email=""),
                name="one_active_registration_per_email",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation_name})"


class Choice(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="choices")
    session = models.ForeignKey(WorkshopSession, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="choices")
    rank = models.PositiveSmallIntegerField(_("rank"))

    class Meta:
        verbose_name = _("theme choice")
        verbose_name_plural = _("theme choices")
        ordering = ["session__number", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "session", "rank"], name="one_choice_per_rank"),
            models.UniqueConstraint(fields=["registration", "theme"], name="theme_chosen_once"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id}: {self.theme_id} #{self.rank}"


class StaffMember(models.Model):
    """Organisers' staff who host or take notes where no participant volunteers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")

    def __str__(self) -> str:
        return self.name


class PlanStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Plan(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="plans")
    status = models.CharField(_("status"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.QUEUED)
    published = models.BooleanField(_("published"), default=False)
    objective = models.FloatField(_("objective"), null=True, blank=True)
    bound = models.FloatField(_("bound"), null=True, blank=True)
    gap = models.FloatField(_("gap"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    solver_status = models.CharField(max_length=20, blank=True)
    error = models.TextField(blank=True)
    stats = models.JSONField(default=dict, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return f"{self.event_id} plan {self.pk} ({self.status})"


class CancelReason(models.TextChoices):
    """Why the planner cancelled a theme (``solver.CancelReason``); worded in ``reports``."""

    TOO_FEW = "too_few", _("Too few sign-ups")
    NO_TABLE = "no_table", _("No table left")
    OTHER_CHOICES = "other_choices", _("Its sign-ups got themes they ranked higher")
    BY_HAND = "by_hand", _("Emptied by hand")


class ThemeRun(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="theme_runs")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="runs")
    running = models.BooleanField(default=True)
    registrants = models.PositiveIntegerField(default=0)
    first_choices = models.PositiveIntegerField(default=0)
    cancel_reason = models.CharField(max_length=16, blank=True, choices=CancelReason.choices)

    class Meta:
        verbose_name = _("theme in a plan")
        verbose_name_plural = _("themes in plans")

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.theme_id} ({'running' if self.running else 'cancelled'})"


class Group(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="groups")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveSmallIntegerField(_("group"))
    host = models.ForeignKey(Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("host"))
    host_staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note_taker = models.ForeignKey(Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("note-taker"))
    note_taker_staff = models.ForeignKey(StaffMember, null=True, blank=True, on_delete=models.SET_NULL,
                                         related_name="+")
    mix = models.JSONField(default=dict, blank=True)
    same_org_pairs = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["theme__session__number", "theme__title", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "theme", "number"], name="unique_group_number")]

    def __str__(self) -> str:
        return f"{self.theme} – {self.number}"

    @property
    def host_name(self) -> str | None:
        return self.host.name if self.host else (self.host_staff.name if self.host_staff else None)

    @property
    def note_taker_name(self) -> str | None:
        if self.note_taker:
            return self.note_taker.name
        return self.note_taker_staff.name if self.note_taker_staff else None


class UnassignedReason(models.TextChoices):
    CANCELLED = "cancelled", _("All chosen themes were cancelled")
    SAME_THEME = "same_theme", _("Already takes part in the chosen themes in another session")
    NO_SEAT = "no_seat", _("No seat left in the chosen themes")
    OTHER = "other", _("Not placed")


class Assignment(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assignments")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="assignments")
    session = models.ForeignKey(WorkshopSession, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    unassigned_reason = models.CharField(max_length=300, blank=True)
    reason_code = models.CharField(_("reason"), max_length=12, blank=True, choices=UnassignedReason.choices)
    locked = models.BooleanField(_("locked by hand"), default=False)

    class Meta:
        verbose_name = _("group placement")
        verbose_name_plural = _("group placements")
        constraints = [models.UniqueConstraint(fields=["plan", "registration", "session"],
                                               name="one_assignment_per_session")]

    def __str__(self) -> str:
        return f"{self.registration_id} -> {self.group_id or '-'}"


from samskap.workshops.roundtable_models import (  # noqa: E402,F401
    Presenter,
    Rating,
    RoundTableSettings,
    TablePlan,
    TablePlanStatus,
)
