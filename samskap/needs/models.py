"""Needs (behov) and calls for topics (innspillsrunder)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.directory.models import County, Language, Municipality


class Sector(models.TextChoices):
    HEALTH = "health", _("Health and care")
    EDUCATION = "education", _("Childhood and education")
    SOCIAL = "social", _("Social services")
    TECHNICAL = "technical", _("Technical services")
    CULTURE = "culture", _("Culture")
    BUSINESS = "business", _("Business and community development")
    ADMIN = "admin", _("Administration")


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    BROKERING = "brokering", _("In brokering")
    MATCHED = "matched", _("Matched")
    PROJECT = "project", _("In project")
    CLOSED = "closed", _("Closed")


_SECTOR_LABELS = dict(Sector.choices)
_STATUS_LABELS = dict(NeedStatus.choices)


class Call(models.Model):
    """A call for topics: the coordinator asks municipalities a question before a deadline."""

    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"))
    description = models.TextField(_("description"), blank=True)
    deadline = models.DateTimeField(_("deadline"))
    county = models.ForeignKey(
        County, null=True, blank=True, on_delete=models.SET_NULL, related_name="calls",
        verbose_name=_("county"), help_text=_("Municipalities in this county are invited. Empty: all."),
    )
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                  related_name="+", verbose_name=_("opened by"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("call for topics")
        verbose_name_plural = _("calls for topics")

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.closed_at is None and timezone.now() < self.deadline

    def invited_municipalities(self) -> models.QuerySet[Municipality]:
        qs = Municipality.objects.active()
        return qs.filter(county=self.county) if self.county_id else qs

    def silent_municipalities(self) -> models.QuerySet[Municipality]:
        answered = self.needs.exclude(status=NeedStatus.DRAFT).values("municipality_id")
        return self.invited_municipalities().exclude(code__in=answered)


class Need(models.Model):
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="needs",
                                     verbose_name=_("municipality"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    why_it_matters = models.TextField(_("why it matters"), blank=True)
    who_is_affected = models.TextField(_("who is affected"), blank=True)
    sector = models.CharField(_("sector"), max_length=16, choices=Sector.choices)
    desired_outcome = models.TextField(_("desired outcome"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=NeedStatus.choices, default=NeedStatus.SUBMITTED)
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices,
                                default=Language.NB)
    call = models.ForeignKey(Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="needs",
                             verbose_name=_("answer to call"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        indexes = [models.Index(fields=["status", "sector"])]

    def __str__(self) -> str:
        return self.title

    # Django's generated get_FOO_display() rebuilds a hashable dict of all choices on every call (about
    # 0.2 ms); list pages call these for every row. A plain dict lookup gives the same (translated) label.
    def get_sector_display(self) -> str:  # type: ignore[no-redef]
        return str(_SECTOR_LABELS.get(self.sector, self.sector))

    def get_status_display(self) -> str:  # type: ignore[no-redef]
        return str(_STATUS_LABELS.get(self.status, self.status))

    @property
    def is_locked(self) -> bool:
        """Answers to a closed call are read-only."""
        return self.call_id is not None and not self.call.is_open  # type: ignore[union-attr]

    def full_text(self) -> str:
        parts = [self.title, self.description, self.why_it_matters, self.who_is_affected, self.desired_outcome]
        return "\n".join(p for p in parts if p)
