"""Reads for the funding pages: the Research Council's application figures for an instrument."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum

from samskap.funding.models import Instrument, RcnApplicationStat, RcnImport


@dataclass
class RcnLine:
    label: str
    applications: int
    granted: int
    decided: int

    @property
    def success_pct(self) -> float | None:
        return self.granted / self.decided * 100 if self.decided else None


@dataclass
class RcnSummary:
    source: RcnImport
    activity: str
    first_year: int
    last_year: int
    total: RcnLine
    municipal: RcnLine | None
    by_sector: list[RcnLine] = field(default_factory=list)
    by_county: list[RcnLine] = field(default_factory=list)
    by_year: list[RcnLine] = field(default_factory=list)


MUNICIPAL_WORDS = ("kommun", "fylkeskommun")


def _stats(instrument: Instrument) -> QuerySet[RcnApplicationStat]:
    stats = RcnApplicationStat.objects.filter(activity_code__iexact=instrument.rcn_activity.strip())
    kind = instrument.rcn_application_type.strip()
    if kind:
        stats = stats.filter(Q(application_type__iexact=kind) | Q(application_variant__iexact=kind))
    return stats


def _lines(stats: QuerySet[RcnApplicationStat], by: str) -> list[RcnLine]:
    rows = (stats.values(by).annotate(a=Sum("applications"), g=Sum("granted"), r=Sum("rejected"))
            .order_by("-a", by))
    return [RcnLine(str(row[by] or "–"), row["a"], row["g"], row["g"] + row["r"]) for row in rows]


def rcn_summary(instrument: Instrument) -> RcnSummary | None:
    """Applications and grants for the instrument's Research Council activity, or None without data."""
    source = RcnImport.objects.first()
    if source is None or not instrument.rcn_activity.strip():
        return None
    stats = _stats(instrument)
    totals = stats.aggregate(a=Sum("applications"), g=Sum("granted"), r=Sum("rejected"))
    if not totals["a"]:
        return None
    years = sorted(set(stats.values_list("year", flat=True)))
    municipal_q = Q()
    for word in MUNICIPAL_WORDS:
        municipal_q |= Q(category__icontains=word) | Q(sector__icontains=word)
    municipal_stats = stats.filter(municipal_q)
    m = municipal_stats.aggregate(a=Sum("applications"), g=Sum("granted"), r=Sum("rejected"))
    activity = stats.exclude(activity_name="").values_list("activity_name", flat=True).first() or instrument.rcn_activity
    return RcnSummary(
        source=source, activity=activity, first_year=years[0], last_year=years[-1],
        total=RcnLine("", totals["a"], totals["g"], totals["g"] + totals["r"]),
        municipal=RcnLine("", m["a"], m["g"], m["g"] + m["r"]) if m["a"] else None,
        by_sector=_lines(stats, "sector"), by_county=_lines(stats, "county_name")[:10], by_year=_lines(stats, "year"),
    )


def eu_examples(instrument: Instrument, limit: int = 8) -> list[Any] | None:
    """For an EU research instrument (its name or owner mentions Horizon/Horisont): Norwegian municipalities' and
    county authorities' Horizon 2020 projects as examples, newest first; None for other instruments."""
    from samskap.funding.models import EuParticipation

    words = f"{instrument.name} {instrument.owner_display} {instrument.keywords}".lower()
    if not any(word in words for word in ("horizon", "horisont", "horizont")):
        return None
    return list(EuParticipation.objects.filter(public_body__in=["municipality", "county"])
                .select_related("municipality", "county").order_by("-start_date", "acronym")[:limit])
