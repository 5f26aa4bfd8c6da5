"""Population figures (observed and projected) per municipality, county and the country."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskap.directory.models import County, Municipality


class AgeGroup(models.TextChoices):
    CHILDREN = "0-19", _("0–19 years")
    WORKING = "20-66", _("20–66 years")
    YOUNG_OLD = "67-79", _("67–79 years")
    OLD_OLD = "80+", _("80 years and over")
    TOTAL = "total", _("All ages")


GROUPS = [AgeGroup.CHILDREN, AgeGroup.WORKING, AgeGroup.YOUNG_OLD, AgeGroup.OLD_OLD]


class Series(models.TextChoices):
    OBSERVED = "observed", _("Observed")
    MAIN = "MMMM", _("Main alternative (MMMM)")
    HIGH = "HHMH", _("High national growth (HHMH)")
    LOW = "LLML", _("Low national growth (LLML)")


class Level(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    COUNTY = "county", _("County")
    COUNTRY = "country", _("Country")


class DataImport(models.Model):
    """One imported table (a file or an API response): where the figures came from."""

    table_id = models.CharField(_("table"), max_length=40, help_text=_("SSB's table number, e.g. 07459."))
    title = models.CharField(_("title"), max_length=400, blank=True)
    source_name = models.CharField(_("source"), max_length=400, blank=True, help_text=_("File name or URL."))
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    updated = models.CharField(_("updated by the publisher"), max_length=40, blank=True)
    illustrative = models.BooleanField(
        _("illustrative"), default=False,
        help_text=_("Generated figures for demonstration; never presented as official statistics."))
    checksum = models.CharField(_("checksum"), max_length=64, blank=True, db_index=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("imported by"))
    figure_count = models.PositiveIntegerField(_("figures"), default=0)
    report = models.JSONField(_("report"), default=dict, blank=True)

    class Meta:
        ordering = ["-imported_at"]
        verbose_name = _("population data import")
        verbose_name_plural = _("population data imports")

    def __str__(self) -> str:
        return f"{self.table_id} ({self.imported_at:%Y-%m-%d})"

    @property
    def projection_round(self) -> int | None:
        """SSB's projection round (e.g. 2026 for table 14746), recorded at import; None for observed figures."""
        value = (self.report or {}).get("projection_round")
        return int(value) if isinstance(value, int) else None


class PopulationFigure(models.Model):
    """Persons in one area, year, age group and series (observed or a projection alternative)."""

    level = models.CharField(_("level"), max_length=12, choices=Level.choices, default=Level.MUNICIPALITY)
    municipality = models.ForeignKey(Municipality, null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="population_figures", verbose_name=_("municipality"))
    county = models.ForeignKey(County, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="population_figures", verbose_name=_("county"))
    year = models.PositiveSmallIntegerField(_("year"), help_text=_("Population on 1 January."))
    age_group = models.CharField(_("age group"), max_length=8, choices=AgeGroup.choices)
    series = models.CharField(_("series"), max_length=8,
                              help_text=_("\"observed\" or a projection alternative such as MMMM."))
    value = models.PositiveIntegerField(_("persons"))
    source = models.ForeignKey(DataImport, on_delete=models.CASCADE, related_name="figures",
                               verbose_name=_("source"))

    class Meta:
        ordering = ["level", "municipality", "county", "series", "age_group", "year"]
        verbose_name = _("population figure")
        verbose_name_plural = _("population figures")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "age_group", "series"],
                                    condition=Q(level="municipality"), name="outlook_one_municipality_figure"),
            models.UniqueConstraint(fields=["county", "year", "age_group", "series"],
                                    condition=Q(level="county"), name="outlook_one_county_figure"),
            models.UniqueConstraint(fields=["year", "age_group", "series"],
                                    condition=Q(level="country"), name="outlook_one_country_figure"),
            models.CheckConstraint(
                condition=(Q(level="municipality", municipality__isnull=False, county__isnull=True)
                           | Q(level="county", county__isnull=False, municipality__isnull=True)
                           | Q(level="country", county__isnull=True, municipality__isnull=True)),
                name="outlook_figure_area_matches_level",
            ),
        ]
        indexes = [models.Index(fields=["series", "age_group", "year"], name="outlook_series_age_year")]

    def __str__(self) -> str:
        area = self.municipality_id or self.county_id or "NO"
        return f"{area} {self.year} {self.age_group} {self.series}: {self.value}"

    @property
    def source_table(self) -> str:
        return self.source.table_id

    @property
    def imported_at(self) -> Any:
        return self.source.imported_at


class CareBaseline(models.Model):
    """A municipality's own health and care full-time equivalents, to replace the national assumption."""

    municipality = models.OneToOneField(Municipality, on_delete=models.CASCADE, related_name="care_baseline",
                                        verbose_name=_("municipality"))
    year = models.PositiveSmallIntegerField(_("year"))
    fte = models.DecimalField(_("full-time equivalents in health and care"), max_digits=9, decimal_places=1)
    source = models.CharField(_("source"), max_length=300, help_text=_("For example SSB table 11924, 2024."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("health and care staffing")
        verbose_name_plural = _("health and care staffing")

    def __str__(self) -> str:
        return f"{self.municipality}: {self.fte} ({self.year})"
