"""Rotating round tables ("kunnskapsbord") of a workshop: the settings, the presenters who host a table,
the participants' ratings of the presentations (1-5) and the stored plans made by the pure planner
``samskap.workshops.roundtables``. Imported at the end of ``models.py``."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundTableSettings(models.Model):
    """An event that uses round tables: R rounds, T tables of S seats (the presenter and S-1 listeners);
    a presenter presents at most K times; each participant listens at between A and B tables."""

    event = models.OneToOneField("workshops.Event", on_delete=models.CASCADE, related_name="roundtables",
                                 verbose_name=_("workshop"))
    enabled = models.BooleanField(_("the workshop uses round tables"), default=True)
    rounds = models.PositiveSmallIntegerField(_("rounds"), default=3)
    tables = models.PositiveSmallIntegerField(_("tables"), default=4)
    seats = models.PositiveSmallIntegerField(_("seats per table"), default=6,
                                             help_text=_("Including the presenter."))
    max_presentations = models.PositiveSmallIntegerField(_("presentations per presenter (at most)"), default=2)
    min_visits = models.PositiveSmallIntegerField(_("tables each participant visits (at least)"), default=1)
    max_visits = models.PositiveSmallIntegerField(_("tables each participant visits (at most)"), default=3)
    time_limit = models.PositiveSmallIntegerField(_("time limit for the planner (seconds)"), default=30,
                                                  validators=[MinValueValidator(1), MaxValueValidator(600)])

    class Meta:
        verbose_name = _("round-table settings")
        verbose_name_plural = _("round-table settings")

    def __str__(self) -> str:
        return str(self.event)


class Presenter(models.Model):
    """A participant who hosts a table and presents (a researcher, a municipality with a need, a funding
    body)."""

    event = models.ForeignKey("workshops.Event", on_delete=models.CASCADE, related_name="presenters",
                              verbose_name=_("workshop"))
    registration = models.ForeignKey("workshops.Registration", on_delete=models.CASCADE,
                                     related_name="presentations", verbose_name=_("presenter"))
    title = models.CharField(_("title of the presentation"), max_length=200)
    abstract = models.TextField(_("abstract"), blank=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("presenter")
        verbose_name_plural = _("presenters")
        constraints = [models.UniqueConstraint(fields=["event", "registration"], name="one_presentation_per_person")]

    def __str__(self) -> str:
        return self.title


class Rating(models.Model):
    """How much a participant would like to hear a presentation: 1 (little) to 5 (very much)."""

    registration = models.ForeignKey("workshops.Registration", on_delete=models.CASCADE, related_name="ratings",
                                     verbose_name=_("participant"))
    presenter = models.ForeignKey(Presenter, on_delete=models.CASCADE, related_name="ratings",
                                  verbose_name=_("presentation"))
    value = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.UniqueConstraint(fields=["registration", "presenter"], name="one_rating_per_presentation"),
            models.CheckConstraint(condition=models.Q(value__gte=1, value__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} rates {self.presenter_id}: {self.value}"


class TablePlanStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TablePlan(models.Model):
    """One run of the round-table planner. ``rounds`` is the planner's JSON (rounds -> tables -> presenter
    and listeners, as registration ids); ``errors`` the planner's messages when it failed (in English,
    translated when shown)."""

    event = models.ForeignKey("workshops.Event", on_delete=models.CASCADE, related_name="table_plans",
                              verbose_name=_("workshop"))
    status = models.CharField(_("status"), max_length=8, choices=TablePlanStatus.choices,
                              default=TablePlanStatus.QUEUED)
    published = models.BooleanField(_("published"), default=False)
    rounds = models.JSONField(default=list, blank=True)
    stats = models.JSONField(default=dict, blank=True)
    score = models.IntegerField(_("score"), null=True, blank=True)
    bound = models.IntegerField(_("bound"), null=True, blank=True)
    seconds = models.FloatField(_("seconds"), null=True, blank=True)
    errors = models.JSONField(default=list, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("round-table plan")
        verbose_name_plural = _("round-table plans")

    def __str__(self) -> str:
        return f"{self.event_id} table plan {self.pk} ({self.status})"
