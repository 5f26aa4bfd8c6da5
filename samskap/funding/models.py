"""Funding instruments (virkemidler) and their application deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.core.validators import validate_http_url
from samskap.directory.models import Language, Organisation
from samskap.funding import eligibility


class ApplicantType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County authority")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    UNIVERSITY = "university", _("University or university college")
    COMPANY = "company", _("Company")
    HOSPITAL = "hospital", _("Hospital trust")
    INTEREST = "interest", _("Interest or voluntary organisation")
    OTHER = "other", _("Other (e.g. state agency)")


class LeadRequirement(models.TextChoices):
    NONE = "", _("No requirement")
    RESEARCH = "research", _("A research organisation must lead")
    PUBLIC = "public", _("A municipality or county authority must lead")
    MUNICIPALITY = "municipality", _("A municipality must lead")
    COMPANY = "company", _("A company must lead")
    STATE = "state", _("A state agency must lead")
    INTEREST = "interest", _("A voluntary or interest organisation must lead")


def today() -> dt.date:
    return timezone.localdate()


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def active(self) -> InstrumentQuerySet:
        return self.filter(active=True)

    def open_on(self, day: dt.date | None = None) -> InstrumentQuerySet:
        """Rolling intake or at least one deadline on or after the day (today by default)."""
        day = day or today()
        return self.filter(Q(rolling=True) | Q(deadlines__date__gte=day)).distinct()

    def for_applicant(self, applicant: str) -> InstrumentQuerySet:
        """Instruments an applicant of this type may apply for (applicant list and lead requirement).

        Decided in Python by `eligibility.is_eligible`, so it behaves the same on SQLite and PostgreSQL.
        """
        rows = self.values_list("pk", "applicants", "lead_requirement")
        pks = [pk for pk, applicants, lead in rows
               if eligibility.is_eligible({"applicants": applicants or [], "lead": lead}, applicant)]
        return self.filter(pk__in=pks)


class Instrument(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    owner = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="instruments",
        verbose_name=_("funding body"), help_text=_("The organisation that owns the instrument."),
    )
    owner_name = models.CharField(_("funding body (text)"), max_length=200, blank=True,
                                  help_text=_("Used when the funding body is not in the directory."))
    summary = models.CharField(_("summary"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    applicants = models.JSONField(_("who may apply"), default=list, blank=True,
                                  help_text=_("The kinds of organisation that may take part as applicants."))
    lead_requirement = models.CharField(_("who must lead"), max_length=16, choices=LeadRequirement.choices,
                                        blank=True, default=LeadRequirement.NONE)
    research_partner_required = models.BooleanField(_("research partner required"), default=False)
    cofunding_required = models.BooleanField(_("co-funding required"), default=False)
    cofunding_share = models.CharField(_("co-funding share"), max_length=200, blank=True,
                                       help_text=_("For example “at least 50 %” or “own work”."))
    requirements = models.TextField(_("other requirements"), blank=True)
    min_amount = models.PositiveBigIntegerField(_("typical minimum (NOK)"), null=True, blank=True)
    max_amount = models.PositiveBigIntegerField(_("typical maximum (NOK)"), null=True, blank=True)
    rolling = models.BooleanField(_("rolling intake"), default=False,
                                  help_text=_("Applications are accepted at any time."))
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[validate_http_url])
    language = models.CharField(_("language of the text"), max_length=2, choices=Language.choices,
                                default=Language.NB)
    keywords = models.CharField(_("keywords"), max_length=500, blank=True, help_text=_("Separate with commas."))
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("funding instrument")
        verbose_name_plural = _("funding instruments")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not isinstance(self.applicants, list):
            errors["applicants"] = _("Choose who may apply.")
        else:
            unknown = [a for a in self.applicants if a not in ApplicantType.values]
            if unknown:
                errors["applicants"] = _("Unknown applicant type: %(types)s.") % {"types": ", ".join(map(str, unknown))}
            else:
                self.applicants = [a for a in ApplicantType.values if a in self.applicants]
        if self.min_amount is not None and self.max_amount is not None and self.min_amount > self.max_amount:
            errors["max_amount"] = _("The maximum must not be smaller than the minimum.")
        if not self.owner_id and not self.owner_name.strip():
            errors["owner_name"] = _("Choose a funding body or write its name.")
        if errors:
            raise ValidationError(errors)

    @property
    def owner_display(self) -> str:
        return self.owner.name if self.owner_id and self.owner else self.owner_name

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]

    @property
    def size_display(self) -> str:
        return eligibility.format_size(self.min_amount, self.max_amount)

    def applicant_labels(self) -> list[str]:
        labels = dict(ApplicantType.choices)
        return [str(labels[a]) for a in self.applicants if a in labels]

    def upcoming_deadlines(self, day: dt.date | None = None) -> list[Deadline]:
        day = day or today()
        return sorted((d for d in self.deadlines.all() if d.date >= day), key=Deadline.sort_key)

    def next_deadline(self, day: dt.date | None = None) -> Deadline | None:
        upcoming = self.upcoming_deadlines(day)
        return upcoming[0] if upcoming else None

    def is_open(self, day: dt.date | None = None) -> bool:
        return self.rolling or self.next_deadline(day) is not None

    def meta(self, day: dt.date | None = None) -> dict[str, Any]:
        """JSON-safe facts for brokering and `eligibility` (upcoming deadlines only, soonest first)."""
        return {
            "applicants": list(self.applicants or []),
            "deadlines": sorted({d.date.isoformat() for d in self.upcoming_deadlines(day)}),
            "rolling": self.rolling,
            "research_partner_required": self.research_partner_required,
            "cofunding_required": self.cofunding_required,
            "cofunding_share": self.cofunding_share,
            "lead": self.lead_requirement or "",
            "owner": self.owner_display,
            "url": self.url,
            "size": self.size_display,
        }

    def reason_for(self, applicant: str = "municipality", day: dt.date | None = None) -> str:
        day = day or today()
        return eligibility.reason_for(self.meta(day), applicant, day)

    def is_eligible(self, applicant: str = "municipality") -> bool:
        return eligibility.is_eligible({"applicants": self.applicants, "lead": self.lead_requirement}, applicant)


class Deadline(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="deadlines",
                                   verbose_name=_("funding instrument"))
    date = models.DateField(_("date"))
    time = models.TimeField(_("time"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=200, blank=True,
                             help_text=_("For example “Main deadline” or “Outline proposal”."))

    class Meta:
        ordering = ["date", "time"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "date", "label"], name="unique_deadline_per_instrument"),
        ]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.instrument} {self.date.isoformat()}"

    def sort_key(self) -> tuple[dt.date, dt.time]:
        return (self.date, self.time or dt.time.min)

    @property
    def is_upcoming(self) -> bool:
        return self.date >= today()
