"""Follow-up of workshop outcomes: outcome rows, actions, applications, reminders and personal data requests.

An outcome row is one line of a group's table in the form of seed 004's appendix:
Idé | Behov og utfordringer | Oppfølging | Aktører. Any row can become one or more actions with an owner
organisation, a due date and a status; every change to an action is kept in ActionChange.
"""

from __future__ import annotations

import datetime as dt
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from samskap.directory.models import Organisation, OrgType, Person


def new_token() -> str:
    return secrets.token_urlsafe(24)


class ActorGroup(models.TextChoices):
    """Groups of actors a signal can be addressed to, as in seed 004 § 4.2.1 («Alle», «Kommunene», ...)."""

    ALL = "all", _("Everyone")
    MUNICIPALITIES = "municipalities", _("The municipalities")
    EDUCATION = "education", _("Universities and university colleges")
    RESEARCH = "research", _("Research communities (institutes and universities)")
    HEALTH = "health", _("Hospital trusts")
    FUNDING = "funding", _("Funding and support bodies")


ACTOR_GROUP_TYPES: dict[str, set[str]] = {
    ActorGroup.ALL: set(OrgType.values),
    ActorGroup.MUNICIPALITIES: {OrgType.MUNICIPALITY},
    ActorGroup.EDUCATION: {OrgType.UNIVERSITY},
    ActorGroup.RESEARCH: {OrgType.RESEARCH_INSTITUTE, OrgType.UNIVERSITY, OrgType.HOSPITAL},
    ActorGroup.HEALTH: {OrgType.HOSPITAL},
    ActorGroup.FUNDING: {OrgType.FUNDING},
}


def groups_for_org_type(org_type: str) -> list[str]:
    """The actor groups (other than «everyone») an organisation of this type belongs to."""
    return [g for g in ActorGroup.values if g != ActorGroup.ALL and org_type in ACTOR_GROUP_TYPES[g]]


class OutcomeRow(models.Model):
    group = models.ForeignKey("workshops.Group", on_delete=models.PROTECT, related_name="outcome_rows",
                              verbose_name=_("group"))
    position = models.PositiveIntegerField(pgettext_lazy("order of rows", "position"), default=0)
    idea = models.TextField(_("idea"), blank=True)
    needs_and_challenges = models.TextField(_("needs and challenges"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    actors_text = models.TextField(_("other actors"), blank=True,
                                   help_text=_("Actors that are not in the directory, in your own words."))
    actor_organisations = models.ManyToManyField(Organisation, blank=True, related_name="outcome_rows_as_actor",
                                                 verbose_name=_("organisations"))
    actor_people = models.ManyToManyField(Person, blank=True, related_name="outcome_rows_as_actor",
                                          verbose_name=_("people"))
    actor_groups = models.JSONField(_("addressed to"), default=list, blank=True,
                                    help_text=_("Groups of actors the follow-up is addressed to."))
    idea_owner_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas_owned",
        verbose_name=_("idea owner (organisation)"))
    idea_owner_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas_owned",
        verbose_name=_("idea owner (person)"))
    idea_owner_text = models.CharField(_("idea owner (text)"), max_length=200, blank=True,
                                       help_text=_("When the idea owner is not in the directory."))
    carried_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="ideas_carried",
        verbose_name=_("carries the idea on"),
        help_text=_("The organisation responsible for taking the idea further (oppmannsansvar)."))
    needs = models.ManyToManyField("needs.Need", blank=True, related_name="outcome_rows",
                                   verbose_name=_("needs it came from"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("last changed by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["group", "position", "pk"]
        verbose_name = _("outcome row")
        verbose_name_plural = _("outcome rows")

    def __str__(self) -> str:
        text = self.idea or self.needs_and_challenges or self.follow_up
        return text[:80] if text else f"#{self.pk}"

    @property
    def short_title(self) -> str:
        text = (self.idea or self.follow_up or self.needs_and_challenges).strip()
        first = text.splitlines()[0] if text else ""
        return first if len(first) <= 90 else first[:89].rstrip() + "…"

    def clean(self) -> None:
        if not (self.idea.strip() or self.needs_and_challenges.strip() or self.follow_up.strip()):
            raise ValidationError(_("Write at least an idea, a need or challenge, or a follow-up."))
        if not isinstance(self.actor_groups, list) or any(g not in ActorGroup.values for g in self.actor_groups):
            raise ValidationError({"actor_groups": _("Unknown group of actors.")})

    def actor_group_labels(self) -> list[str]:
        labels = dict(ActorGroup.choices)
        return [str(labels[g]) for g in self.actor_groups if g in labels]


CHANGE_LABELS = {
    "created": _("created"),
    "deleted": _("deleted"),
    "anonymised": _("person anonymised"),
    "application": _("funding application"),
    "benefit": _("benefit"),
    "measurement": _("benefit measurement"),
    "phase": _("roadmap phase"),
    "case": _("case in the case library"),
    "idea": _("idea"),
    "needs_and_challenges": _("needs and challenges"),
    "follow_up": _("follow-up"),
    "actors_text": _("other actors"),
    "actor_groups": _("addressed to"),
    "actor_organisations": _("organisations"),
    "actor_people": _("people"),
    "idea_owner_organisation": _("idea owner (organisation)"),
    "idea_owner_person": _("idea owner (person)"),
    "idea_owner_text": _("idea owner (text)"),
    "carried_by": _("carries the idea on"),
    "needs": _("needs it came from"),
    "title": _("title"),
    "description": _("description"),
    "owner_organisation": _("responsible organisation"),
    "owner_person": _("responsible person"),
    "due_date": _("due date"),
    "status": _("status"),
    "progress_notes": _("progress notes"),
}


class OutcomeChange(models.Model):
    """Every change to a group's outcome rows: who, when, which field, old and new value."""

    group = models.ForeignKey("workshops.Group", on_delete=models.CASCADE, related_name="outcome_changes")
    row = models.ForeignKey(OutcomeRow, null=True, blank=True, on_delete=models.SET_NULL, related_name="changes")
    field = models.CharField(_("field"), max_length=60)
    old = models.TextField(_("old value"), blank=True)
    new = models.TextField(_("new value"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("outcome change")
        verbose_name_plural = _("outcome changes")

    def __str__(self) -> str:
        return f"{self.field}: {self.old!r} -> {self.new!r}"

    @property
    def field_label(self) -> str:
        return str(CHANGE_LABELS.get(self.field, self.field))


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Action(models.Model):
    outcome_row = models.ForeignKey(OutcomeRow, on_delete=models.PROTECT, related_name="actions",
                                    verbose_name=_("outcome row"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="followup_actions",
                                           verbose_name=_("responsible organisation"))
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="followup_actions", verbose_name=_("responsible person"))
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices,
                              default=ActionStatus.PLANNED)
    progress_notes = models.TextField(_("progress notes"), blank=True)
    case = models.ForeignKey("knowledge.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("case in the case library"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.is_open and self.due_date < (today or timezone.localdate())


class BenefitType(models.TextChoices):
    AVOIDED_COSTS = "avoided_costs", _("Avoided costs")
    SAVED_TIME = "saved_time", _("Saved time")
    HIGHER_QUALITY = "quality", _("Higher quality")
    OTHER = "other", _("Other")


class Benefit(models.Model):
    """An expected benefit of an action that became a project (its benefit plan, after KS's benefit tool and
    DFØ's benefit map): what kind, who benefits, the indicator with its unit, baseline and target, the owner
    of the benefit, and the assumptions and uncertainty."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="benefits", verbose_name=_("action"))
    title = models.CharField(_("benefit"), max_length=200)
    kind = models.CharField(_("type of benefit"), max_length=16, choices=BenefitType.choices)
    beneficiaries = models.CharField(_("who benefits"), max_length=300,
                                     help_text=_("For example residents at home, the home care staff."))
    indicator = models.CharField(_("indicator"), max_length=200, help_text=_("What is measured."))
    unit = models.CharField(_("unit"), max_length=40, help_text=_("For example hours per week, NOK, per cent."))
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2)
    baseline_date = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)
    target_date = models.DateField(_("target date"))
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="followup_benefits",
                                           verbose_name=_("benefit owner"))
    owner_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="followup_benefits", verbose_name=_("benefit owner (person)"))
    assumptions = models.TextField(_("assumptions and uncertainty"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["action", "pk"]
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        constraints = [models.UniqueConstraint(fields=["action", "title"], name="followup_one_benefit_title")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            raise ValidationError({"target_date": _("The target date must be after the baseline date.")})
        if self.baseline_value is not None and self.target_value is not None and self.target_value == self.baseline_value:
            raise ValidationError({"target_value": _("The target must differ from the baseline.")})

    @property
    def increasing(self) -> bool:
        return self.target_value > self.baseline_value

    def reached(self, value: Decimal) -> bool:
        return bool(value >= self.target_value if self.increasing else value <= self.target_value)

    @property
    def latest(self) -> BenefitMeasurement | None:
        measurements = list(self.measurements.all())
        return max(measurements, key=lambda m: (m.measured_on, m.pk)) if measurements else None

    @property
    def realised(self) -> bool:
        """The latest measurement has reached the target."""
        latest = self.latest
        return latest is not None and self.reached(latest.value)


class BenefitMeasurement(models.Model):
    benefit = models.ForeignKey(Benefit, on_delete=models.CASCADE, related_name="measurements",
                                verbose_name=_("benefit"))
    measured_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=200, blank=True)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["benefit", "measured_on", "pk"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [models.UniqueConstraint(fields=["benefit", "measured_on"], name="followup_one_measurement_a_day")]

    def __str__(self) -> str:
        return f"{self.benefit}: {self.value} ({self.measured_on})"


class RoadmapPhase(models.TextChoices):
    """The phases of KS's roadmap for service innovation."""

    ANCHORING = "anchoring", _("Anchoring")
    INSIGHT = "insight", _("Insight")
    IDEA = "idea", _("Idea")
    TEST = "test", _("Test")
    IMPLEMENT = "implement", _("Implementation")
    SPREAD = "spread", _("Spreading")


PHASE_ORDER = [p.value for p in RoadmapPhase]


class ActionPhase(models.Model):
    """When an action (as a project) entered a phase of the roadmap, with a short note."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="phases", verbose_name=_("action"))
    phase = models.CharField(_("phase"), max_length=12, choices=RoadmapPhase.choices)
    started_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["action", "started_on", "pk"]
        verbose_name = _("roadmap phase")
        verbose_name_plural = _("roadmap phases")
        constraints = [models.UniqueConstraint(fields=["action", "phase"], name="followup_one_phase_each")]

    def __str__(self) -> str:
        return f"{self.action}: {self.get_phase_display()} ({self.started_on})"


class ApplicationResult(models.TextChoices):
    APPLIED = "applied", _("Applied")
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", pgettext_lazy("application result", "Rejected")


class Application(models.Model):
    """An application for funding made to carry an action out."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="applications",
                               verbose_name=_("action"))
    instrument = models.ForeignKey("funding.Instrument", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="followup_applications", verbose_name=_("funding instrument"))
    instrument_name = models.CharField(_("funding instrument (text)"), max_length=200, blank=True,
                                       help_text=_("When the instrument is not in the list."))
    result = models.CharField(_("result"), max_length=10, choices=ApplicationResult.choices,
                              default=ApplicationResult.APPLIED)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (NOK)"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return self.instrument_display

    @property
    def instrument_display(self) -> str:
        if self.instrument_id and self.instrument is not None:
            return self.instrument.name
        return self.instrument_name

    def clean(self) -> None:
        if not self.instrument_id and not self.instrument_name.strip():
            raise ValidationError({"instrument": _("Choose a funding instrument or write its name.")})


class ActionChange(models.Model):
    """The log of an action: every change, with who made it and when."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="changes", verbose_name=_("action"))
    field = models.CharField(_("field"), max_length=60)
    old = models.TextField(_("old value"), blank=True)
    new = models.TextField(_("new value"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                           related_name="+", verbose_name=_("by"))
    by_name = models.CharField(_("by (name)"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("action change")
        verbose_name_plural = _("action changes")

    def __str__(self) -> str:
        return f"{self.action_id} {self.field}"

    @property
    def field_label(self) -> str:
        return str(CHANGE_LABELS.get(self.field, self.field))

    def _value(self, value: str) -> str:
        if self.field == "status":
            return str(dict(ActionStatus.choices).get(value, value))
        return value

    @property
    def old_display(self) -> str:
        return self._value(self.old)

    @property
    def new_display(self) -> str:
        return self._value(self.new)


class OrganisationContact(models.Model):
    """Where reminders and digests for an organisation go (also for organisations without user accounts)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="followup_contacts",
                                     verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "email"]
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")
        constraints = [models.UniqueConstraint(fields=["organisation", "email"], name="unique_followup_contact")]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Due soon")
    OVERDUE = "overdue", _("Overdue")


class SentReminder(models.Model):
    """A reminder that went out; the same reminder (action, kind, due date, address) is never sent twice."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("kind"), max_length=10, choices=ReminderKind.choices)
    due_date = models.DateField(_("due date"))
    email = models.EmailField(_("e-mail"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [models.UniqueConstraint(fields=["action", "kind", "due_date", "email"],
                                               name="reminder_sent_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.due_date} -> {self.email}"


class SentDigest(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail"))
    week = models.CharField(_("week"), max_length=8, help_text=_("ISO week, e.g. 2026-W12."))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("sent digest")
        verbose_name_plural = _("sent digests")
        constraints = [models.UniqueConstraint(fields=["organisation", "email", "week"], name="digest_sent_once")]

    def __str__(self) -> str:
        return f"{self.week} -> {self.email}"


class DeletionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a coordinator")
    CONFIRMED = "confirmed", _("Deleted")
    REJECTED = "rejected", pgettext_lazy("application result", "Rejected")


class DeletionRequest(models.Model):
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="deletion_requests", verbose_name=_("person"))
    person_name = models.CharField(_("name"), max_length=200, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("requested by"))
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=DeletionStatus.choices,
                              default=DeletionStatus.PENDING)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("deletion request")
        verbose_name_plural = _("deletion requests")
        constraints = [models.UniqueConstraint(fields=["person"], condition=models.Q(status="pending"),
                                               name="one_pending_deletion_per_person")]

    def __str__(self) -> str:
        return self.person_name or f"#{self.pk}"
