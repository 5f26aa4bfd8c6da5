"""Demographic indicators and the care-worker projection. Pure arithmetic: no Django imports.

Old-age ratio: people aged 67 and over per person aged 20-66.

Care workers: if today's coverage stays the same, the need for health and care full-time equivalents
(FTEs, "årsverk") grows with the number of inhabitants aged 80 and over:

    need(year) = FTEs per 1000 inhabitants 80+ (today) x inhabitants 80+ (year) / 1000

The coverage is the municipality's own (its FTEs / its inhabitants 80+ in the same year) when held,
otherwise the stated national assumption below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# A rounded national level, not a measured figure for any one municipality. SSB's care statistics report
# 530 FTEs in the municipal care services per 1000 inhabitants aged 80+ in 2003, and about 134 000 FTEs
# (2014) against about 220 000 inhabitants 80+, about 600 per 1000. Samskap assumes 550; replace it with the
# municipality's own figure (SSB table 11924, "Omsorgstjenestene - avtalte årsverk") when it is known.
NATIONAL_CARE_FTE_PER_1000_80PLUS = 550.0


def old_age_ratio(groups: Mapping[str, int | float]) -> float | None:
    """People 67+ per person aged 20-66, or None if a group is missing or nobody is 20-66."""
    try:
        working, young_old, old_old = groups["20-66"], groups["67-79"], groups["80+"]
    except KeyError:
        return None
    if not working:
        return None
    return (young_old + old_old) / working


def change_pct(before: float | None, after: float | None) -> float | None:
    if before is None or after is None or before == 0:
        return None
    return (after - before) / before * 100


@dataclass(frozen=True)
class CareProjection:
    year: int
    population_80_plus: int
    fte: float
    extra_fte: float  # compared with the base year
    share_of_working_age_pct: float | None  # FTEs as a share of inhabitants 20-66


def care_coverage(fte: float, population_80_plus: int) -> float:
    """FTEs per 1000 inhabitants aged 80+."""
    if population_80_plus <= 0:
        raise ValueError("the population aged 80+ must be positive")
    return fte / population_80_plus * 1000


def project_care_need(
    population_80_plus: Mapping[int, int],
    base_year: int,
    per_1000: float = NATIONAL_CARE_FTE_PER_1000_80PLUS,
    working_age: Mapping[int, int] | None = None,
) -> list[CareProjection]:
    """The FTEs needed each year if the coverage of the base year stays the same."""
    if base_year not in population_80_plus:
        raise ValueError(f"no population aged 80+ for the base year {base_year}")
    base_fte = population_80_plus[base_year] * per_1000 / 1000
    result = []
    for year in sorted(population_80_plus):
        if year < base_year:
            continue
        fte = population_80_plus[year] * per_1000 / 1000
        working = (working_age or {}).get(year)
        result.append(CareProjection(
            year=year, population_80_plus=population_80_plus[year], fte=fte, extra_fte=fte - base_fte,
            share_of_working_age_pct=fte / working * 100 if working else None,
        ))
    return result
