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
    external_id = models.CharField(
        _("identifier in a feed"), max_length=120, blank=True, db_index=True,
        help_text=_("For example the topic identifier in the EU Funding & Tenders portal; the feed updates the "
                    "instrument with this identifier."))
    rcn_activity = models.CharField(
        _("Research Council activity"), max_length=40, blank=True,
        help_text=_("The funding activity's code in the Research Council's data (for example ENERGIX), to show "
                    "how many applications were granted."))
    rcn_application_type = models.CharField(
        _("Research Council application type"), max_length=150, blank=True,
        help_text=_("Optional: only this application type or variant (for example Innovasjonsprosjekt i "
                    "offentlig sektor)."))
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

    def reason_for(self, applicant: str = "municipality", day: dt.date | None = None, *, timing: bool = True) -> str:
        day = day or today()
        from samskap.funding import reasons  # gettext wording of eligibility's rules

        return reasons.reason_for(self.meta(day), applicant, day, timing=timing)

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


class RcnImport(models.Model):
    """One import of the Research Council's applications dataset (soknader2); a new import replaces the last."""

    source_name = models.CharField(_("file"), max_length=300)
    data_date = models.DateField(_("date of the data"), null=True, blank=True,
                                 help_text=_("When the Research Council last updated the file."))
    applications = models.PositiveIntegerField(_("applications"), default=0)
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("Research Council applications import")
        verbose_name_plural = _("Research Council applications imports")

    def __str__(self) -> str:
        return f"{self.source_name} ({self.data_date})"


class RcnApplicationStat(models.Model):
    """Applications and grants per funding activity, application type, sector, county and year."""

    source = models.ForeignKey(RcnImport, on_delete=models.CASCADE, related_name="stats")
    activity_code = models.CharField(_("activity"), max_length=40, db_index=True)
    activity_name = models.CharField(_("activity name"), max_length=200, blank=True)
    application_type = models.CharField(_("application type"), max_length=100)
    application_variant = models.CharField(_("application type variant"), max_length=150, blank=True)
    sector = models.CharField(_("sector"), max_length=80)
    category = models.CharField(_("category"), max_length=120, blank=True)
    county_code = models.CharField(_("county number"), max_length=2, blank=True)
    county_name = models.CharField(_("county"), max_length=80, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    applications = models.PositiveIntegerField(_("applications"))
    granted = models.PositiveIntegerField(_("granted"))
    rejected = models.PositiveIntegerField(_("rejected"))
    applied_amount = models.PositiveBigIntegerField(_("applied for (NOK)"))
    granted_amount = models.PositiveBigIntegerField(_("granted (NOK)"))

    class Meta:
        ordering = ["activity_code", "year", "sector"]
        verbose_name = _("Research Council application figure")
        verbose_name_plural = _("Research Council application figures")

    def __str__(self) -> str:
        return f"{self.activity_code} {self.year} {self.sector}: {self.granted}/{self.applications}"


class EuParticipation(models.Model):
    """A Norwegian organisation's participation in a Horizon 2020 project (the Research Council's open data)."""

    framework = models.CharField(_("framework programme"), max_length=20, blank=True)
    programme = models.CharField(_("programme"), max_length=300, blank=True)
    project_number = models.CharField(_("project number"), max_length=20)
    acronym = models.CharField(_("project"), max_length=100)
    title = models.CharField(_("project title"), max_length=500, blank=True)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    action_type = models.CharField(_("type of action"), max_length=100, blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    org_number = models.CharField(_("organisation number"), max_length=9, blank=True, db_index=True)
    org_name = models.CharField(_("organisation"), max_length=200)
    role = models.CharField(_("role"), max_length=40, blank=True)
    sector = models.CharField(_("sector"), max_length=80, blank=True)
    category = models.CharField(_("category"), max_length=120, blank=True)
    public_body = models.CharField(_("public body"), max_length=12, blank=True,
                                   help_text=_("\"municipality\" or \"county\" when the participant is one."))
    municipality_code = models.CharField(_("municipality number in the file"), max_length=4, blank=True)
    municipality = models.ForeignKey("directory.Municipality", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="eu_participations", verbose_name=_("municipality (today)"))
    county = models.ForeignKey("directory.County", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="eu_participations", verbose_name=_("county (today)"))
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="eu_participations", verbose_name=_("organisation in the directory"))
    eu_contribution = models.DecimalField(_("EU contribution (EUR)"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["-start_date", "acronym", "org_name"]
        verbose_name = _("Horizon 2020 participation")
        verbose_name_plural = _("Horizon 2020 participations")

    def __str__(self) -> str:
        return f"{self.acronym}: {self.org_name}"
