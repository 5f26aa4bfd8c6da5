"""Read side: what is held for a municipality, its county and the country, and the derived indicators.

County and national figures are the stored ones when held (e.g. SSB's county projection), otherwise the sum
of their municipalities - but only where every current municipality of the county (or the country) has a
figure, so a partial sum is never shown as a county total.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, Q, Sum

from samskap.directory.models import County, Municipality
from samskap.outlook import indicators, similarity
from samskap.outlook.models import GROUPS, AgeGroup, CareBaseline, DataImport, Level, PopulationFigure, Series

GROUP_CODES = [str(g) for g in GROUPS]
TOTAL = str(AgeGroup.TOTAL)
OBSERVED = str(Series.OBSERVED)
MAIN = str(Series.MAIN)
ALTERNATIVES = [str(Series.MAIN), str(Series.HIGH), str(Series.LOW)]
MILESTONES = (2030, 2035, 2040, 2045, 2050)
TREND_YEAR = 2040

Key = tuple[str, str]  # (series, age group)


@dataclass
class AreaFigures:
    """Figures of one area: (series, age group) -> {year: persons}."""

    kind: str
    code: str
    name: str
    data: dict[Key, dict[int, int]] = field(default_factory=dict)
    illustrative: set[Key] = field(default_factory=set)
    summed: set[Key] = field(default_factory=set)  # computed from the municipalities
    source_ids: set[int] = field(default_factory=set)
    series_sources: dict[str, set[int]] = field(default_factory=dict)  # series -> DataImport ids

    def get(self, series: str, group: str) -> dict[int, int]:
        return self.data.get((series, group), {})

    def value(self, series: str, group: str, year: int) -> int | None:
        return self.get(series, group).get(year)

    def groups_at(self, series: str, year: int) -> dict[str, int] | None:
        values = {g: self.value(series, g, year) for g in GROUP_CODES}
        if any(v is None for v in values.values()):
            return None
        return {g: int(v) for g, v in values.items() if v is not None}

    def total_at(self, series: str, year: int) -> int | None:
        total = self.value(series, TOTAL, year)
        if total is None and (groups := self.groups_at(series, year)) is not None:
            total = sum(groups.values())
        return total

    def years(self, series: str, group: str | None = None) -> list[int]:
        if group is not None:
            return sorted(self.get(series, group))
        return sorted({y for (s, _g), values in self.data.items() if s == series for y in values})

    def is_illustrative(self, series: str, group: str | None = None) -> bool:
        return any(s == series and (group is None or g == group) for s, g in self.illustrative)

    @property
    def empty(self) -> bool:
        return not self.data


def _rows_to_area(area: AreaFigures, rows: Any) -> AreaFigures:
    for series, group, year, value, illustrative, source_id in rows:
        area.data.setdefault((series, group), {})[year] = value
        if illustrative:
            area.illustrative.add((series, group))
        area.source_ids.add(source_id)
        area.series_sources.setdefault(series, set()).add(source_id)
    return area


def municipality_figures(municipality: Municipality) -> AreaFigures:
    rows = (PopulationFigure.objects.filter(level=Level.MUNICIPALITY, municipality=municipality)
            .values_list("series", "age_group", "year", "value", "source__illustrative", "source_id"))
    return _rows_to_area(AreaFigures("municipality", municipality.code, municipality.name), rows)


def _fill_with_sums(area: AreaFigures, municipalities: Q, expected: int) -> None:
    """Add sums of municipalities where all `expected` municipalities have a figure and nothing is stored."""
    if expected == 0:
        return
    sums = (PopulationFigure.objects.filter(Q(level=Level.MUNICIPALITY) & municipalities)
            .values("series", "age_group", "year")
            .annotate(total=Sum("value"), n=Count("id"), n_illustrative=Count("id", filter=Q(source__illustrative=True))))
    for row in sums:
        key = (row["series"], row["age_group"])
        if row["n"] != expected or row["year"] in area.data.get(key, {}):
            continue
        area.data.setdefault(key, {})[row["year"]] = row["total"]
        area.summed.add(key)
        if row["n_illustrative"]:
            area.illustrative.add(key)


def county_figures(county: County) -> AreaFigures:
    rows = (PopulationFigure.objects.filter(level=Level.COUNTY, county=county)
            .values_list("series", "age_group", "year", "value", "source__illustrative", "source_id"))
    area = _rows_to_area(AreaFigures("county", county.code, county.name), rows)
    expected = Municipality.objects.filter(county=county, active=True).count()
    _fill_with_sums(area, Q(municipality__county=county, municipality__active=True), expected)
    return area


_COUNTRY_CACHE: dict[tuple[Any, ...], AreaFigures] = {}


def country_figures(name: str) -> AreaFigures:
    """The country's figures (stored, or summed from all counties or all municipalities).

    Summing every municipality's figures is the slowest read of a municipality page, so the result is kept in
    memory for as long as the imports (id, time, figure count) and the set of active municipalities and
    counties stay the same; any import, replacement or deletion changes the key.
    """
    key = (name, tuple(DataImport.objects.order_by("pk").values_list("pk", "imported_at", "figure_count")),
           Municipality.objects.filter(active=True).count(), County.objects.filter(active=True).count(),
           PopulationFigure.objects.count())
    cached = _COUNTRY_CACHE.get(key)
    if cached is None:
        if len(_COUNTRY_CACHE) > 8:
            _COUNTRY_CACHE.clear()
        cached = _COUNTRY_CACHE[key] = _country_figures(name)
    return copy.deepcopy(cached)


def _country_figures(name: str) -> AreaFigures:
    rows = (PopulationFigure.objects.filter(level=Level.COUNTRY)
            .values_list("series", "age_group", "year", "value", "source__illustrative", "source_id"))
    area = _rows_to_area(AreaFigures("country", "NO", name), rows)
    counties = list(County.objects.filter(active=True, municipalities__active=True).distinct()
                    .values_list("code", flat=True))
    if counties:
        sums = (PopulationFigure.objects.filter(level=Level.COUNTY, county_id__in=counties)
                .values("series", "age_group", "year")
                .annotate(total=Sum("value"), n=Count("id"),
                          n_illustrative=Count("id", filter=Q(source__illustrative=True))))
        for row in sums:
            key = (row["series"], row["age_group"])
            if row["n"] == len(counties) and row["year"] not in area.data.get(key, {}):
                area.data.setdefault(key, {})[row["year"]] = row["total"]
                area.summed.add(key)
                if row["n_illustrative"]:
                    area.illustrative.add(key)
    _fill_with_sums(area, Q(municipality__active=True), Municipality.objects.filter(active=True).count())
    return area


# --- the outlook of one municipality ---------------------------------------------------------------------

@dataclass
class CarePlan:
    per_1000: float
    basis: str  # "municipality" or "national"
    source: str
    rows: list[indicators.CareProjection]


@dataclass
class Outlook:
    municipality: Municipality
    mine: AreaFigures
    county: AreaFigures | None = None
    country: AreaFigures | None = None
    base_year: int | None = None  # first year of the main projection (with age groups)
    now_year: int | None = None  # the year "now" figures refer to
    now_series: str = MAIN
    milestones: list[int] = field(default_factory=list)
    care: CarePlan | None = None
    similar: list[tuple[Municipality, float]] = field(default_factory=list)
    sources: list[DataImport] = field(default_factory=list)

    @property
    def projection_sources(self) -> list[DataImport]:
        """The imports the municipality's own projection (main alternative) comes from."""
        ids = self.mine.series_sources.get(MAIN, set())
        return [s for s in self.sources if s.pk in ids]

    @property
    def observed_sources(self) -> list[DataImport]:
        ids = self.mine.series_sources.get(OBSERVED, set())
        return [s for s in self.sources if s.pk in ids]

    @property
    def genuine_projection(self) -> bool:
        """Is the municipality's own projection SSB's (imported, not illustrative)?"""
        return self.has_projection and not self.mine.is_illustrative(MAIN)

    @property
    def projection_round(self) -> int | None:
        rounds = {s.projection_round for s in self.projection_sources if s.projection_round}
        return max(rounds) if rounds else None

    @property
    def observed_years(self) -> list[int]:
        """Observed years with every age group (the old-age ratio can be computed)."""
        return [y for y in self.mine.years(OBSERVED) if self.mine.groups_at(OBSERVED, y)]

    @property
    def held(self) -> bool:
        return not self.mine.empty

    @property
    def has_projection(self) -> bool:
        return bool(self.mine.years(MAIN))

    @property
    def illustrative(self) -> bool:
        """Are any of the municipality's own figures illustrative (generated, not SSB's)?"""
        return bool(self.mine.illustrative)

    @property
    def observed_totals(self) -> dict[int, int]:
        return self.mine.get(OBSERVED, TOTAL)

    @property
    def now_groups(self) -> dict[str, int] | None:
        if self.now_year is None:
            return None
        return self.mine.groups_at(self.now_series, self.now_year)

    @property
    def now_total(self) -> int | None:
        if self.now_year is not None:
            return self.mine.total_at(self.now_series, self.now_year)
        if self.observed_totals:
            return self.observed_totals[max(self.observed_totals)]
        return None

    def ratio(self, area: AreaFigures | None, year: int, series: str = MAIN) -> float | None:
        if area is None:
            return None
        groups = area.groups_at(series, year)
        return indicators.old_age_ratio(groups) if groups else None

    def change_pct(self, group: str, year: int, area: AreaFigures | None = None) -> float | None:
        area = area or self.mine
        if self.base_year is None:
            return None
        if group == TOTAL:
            return indicators.change_pct(area.total_at(MAIN, self.base_year), area.total_at(MAIN, year))
        return indicators.change_pct(area.value(MAIN, group, self.base_year), area.value(MAIN, group, year))


def _base_year(area: AreaFigures, series: str = MAIN) -> int | None:
    years = [y for y in area.years(series) if area.groups_at(series, y) is not None]
    return min(years) if years else (min(area.years(series)) if area.years(series) else None)


def care_plan(municipality: Municipality, area: AreaFigures, base_year: int, series: str = MAIN) -> CarePlan | None:
    old = area.get(series, "80+")
    if base_year not in old or old[base_year] <= 0:
        return None
    per_1000, basis, source = indicators.NATIONAL_CARE_FTE_PER_1000_80PLUS, "national", ""
    baseline = CareBaseline.objects.filter(municipality=municipality).first()
    if baseline is not None:
        reference = (area.value(OBSERVED, "80+", baseline.year) or area.value(series, "80+", baseline.year))
        if reference:
            per_1000 = indicators.care_coverage(float(baseline.fte), reference)
            basis, source = "municipality", baseline.source
    rows = indicators.project_care_need(old, base_year, per_1000, working_age=area.get(series, "20-66"))
    return CarePlan(per_1000=per_1000, basis=basis, source=source, rows=rows)


def similar_municipalities(municipality: Municipality, area: AreaFigures, base_year: int | None, k: int = 5,
                           series: str = MAIN) -> list[tuple[Municipality, float]]:
    """Nearest neighbours on age shares (and growth to 2040 when a projection is held)."""
    if base_year is not None and area.groups_at(series, base_year):
        target_year = TREND_YEAR if TREND_YEAR in area.years(series) else max(area.years(series))
        years = {base_year, target_year}
    else:
        observed_years = [y for y in area.years(OBSERVED) if area.groups_at(OBSERVED, y)]
        if not observed_years:
            return []
        series, base_year, target_year = OBSERVED, max(observed_years), max(observed_years)
        years = {base_year}
    rows = (PopulationFigure.objects.filter(level=Level.MUNICIPALITY, series=series, year__in=years,
                                            municipality__active=True)
            .values_list("municipality_id", "year", "age_group", "value"))
    data: dict[str, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for code, year, group, value in rows:
        data[code][year][group] = value
    profiles = {}
    for code, by_year in data.items():
        now = by_year.get(base_year, {})
        if any(g not in now for g in GROUP_CODES):
            continue
        growth = old_growth = None
        if target_year != base_year:
            later = by_year.get(target_year, {})
            if any(g not in later for g in GROUP_CODES):
                continue
            growth = indicators.change_pct(sum(now[g] for g in GROUP_CODES), sum(later[g] for g in GROUP_CODES))
            old_growth = indicators.change_pct(now["80+"], later["80+"])
        vector = similarity.profile(now, growth, old_growth)
        if vector is not None:
            profiles[code] = vector
    nearest = similarity.nearest(municipality.code, profiles, k=k)
    by_code = Municipality.objects.in_bulk([code for code, _d in nearest])
    return [(by_code[code], distance) for code, distance in nearest if code in by_code]


def municipality_outlook(municipality: Municipality, *, compare: bool = True, similar: bool = True,
                         country_name: str = "Norway") -> Outlook:
    mine = municipality_figures(municipality)
    outlook = Outlook(municipality=municipality, mine=mine)
    if mine.empty:
        return outlook
    outlook.base_year = _base_year(mine) if mine.years(MAIN) else None
    if outlook.base_year is not None:
        outlook.now_year, outlook.now_series = outlook.base_year, MAIN
        later = [y for y in MILESTONES if y > outlook.base_year and y in mine.years(MAIN)]
        outlook.milestones = [outlook.base_year, *later]
        outlook.care = care_plan(municipality, mine, outlook.base_year)
    else:
        observed_years = [y for y in mine.years(OBSERVED) if mine.groups_at(OBSERVED, y)]
        if observed_years:
            outlook.now_year, outlook.now_series = max(observed_years), OBSERVED
    if compare:
        outlook.county = county_figures(municipality.county)
        outlook.country = country_figures(country_name)
    if similar:
        outlook.similar = similar_municipalities(municipality, mine, outlook.base_year)
    source_ids = set(mine.source_ids)
    for area in (outlook.county, outlook.country):
        if area is not None:
            source_ids |= area.source_ids
    outlook.sources = list(DataImport.objects.filter(pk__in=source_ids).order_by("table_id", "-imported_at"))
    return outlook


# --- JSON (the `outlook show` command and the API) -------------------------------------------------------

def outlook_json(municipality: Municipality) -> dict[str, Any]:
    outlook = municipality_outlook(municipality, compare=False)
    mine = outlook.mine
    observed_years = mine.years(OBSERVED)
    data: dict[str, Any] = {
        "code": municipality.code,
        "name": municipality.name,
        "county": {"code": municipality.county_id, "name": municipality.county.name},
        "population": {str(y): v for y, v in sorted(mine.get(OBSERVED, TOTAL).items())},
        "age_groups": {str(y): groups for y in observed_years if (groups := mine.groups_at(OBSERVED, y))},
        "projections": {},
        "base_year": outlook.base_year,
        "old_age_ratio": {},
        "care_workers": None,
        "similar": [{"code": m.code, "name": m.name, "distance": round(d, 3)} for m, d in outlook.similar],
        "illustrative": outlook.illustrative,
        "sources": [{"table": s.table_id, "title": s.title, "source": s.source_name, "illustrative": s.illustrative,
                     "imported_at": s.imported_at.isoformat()} for s in outlook.sources],
    }
    for series in sorted({s for s, _g in mine.data if s != OBSERVED}, key=lambda s: (s != MAIN, s)):
        by_year: dict[str, dict[str, int]] = {}
        for year in mine.years(series):
            row = {g: v for g in [*GROUP_CODES, TOTAL] if (v := mine.value(series, g, year)) is not None}
            if TOTAL not in row and (total := mine.total_at(series, year)) is not None:
                row[TOTAL] = total
            by_year[str(year)] = row
        data["projections"][series] = by_year
    ratio_series = MAIN if outlook.base_year is not None else OBSERVED
    ratio_years = outlook.milestones or [y for y in observed_years if mine.groups_at(OBSERVED, y)]
    for year in ratio_years:
        ratio = outlook.ratio(mine, year, ratio_series)
        if ratio is not None:
            data["old_age_ratio"][str(year)] = round(ratio, 4)
    if outlook.care is not None:
        milestones = set(outlook.milestones)
        data["care_workers"] = {
            "fte_per_1000_80_plus": round(outlook.care.per_1000, 1),
            "basis": outlook.care.basis,
            "source": outlook.care.source,
            "years": {str(r.year): {"population_80_plus": r.population_80_plus, "fte": round(r.fte),
                                    "extra_fte": round(r.extra_fte),
                                    "share_of_20_66_pct": round(r.share_of_working_age_pct, 2)
                                    if r.share_of_working_age_pct is not None else None}
                      for r in outlook.care.rows if r.year in milestones},
        }
    return data


# --- the index -------------------------------------------------------------------------------------------

INDICATORS = ("population", "growth", "share_80", "ratio_now", "old_change", "ratio_later")


@dataclass
class IndexRow:
    municipality: Municipality
    population: int | None
    population_year: int | None
    old_change_pct: float | None  # projected change in people 80+ to TREND_YEAR (main alternative)
    ratio_now: float | None  # old-age ratio in the latest observed year (else the projection's first year)
    ratio_later: float | None  # projected old-age ratio in TREND_YEAR
    illustrative: bool
    growth_pct: float | None = None  # observed change in population, first to last observed year
    growth_years: tuple[int, int] | None = None
    share_80: float | None = None  # people 80+ as a share of the population now, per cent
    ratio_year: int | None = None
    genuine_projection: bool = False

    def indicator(self, name: str) -> float | None:
        return {"population": self.population, "growth": self.growth_pct, "share_80": self.share_80,
                "ratio_now": self.ratio_now, "old_change": self.old_change_pct,
                "ratio_later": self.ratio_later}.get(name)


def index_rows(county: County | None = None, search: str = "") -> tuple[list[IndexRow], int | None]:
    """One row per municipality with figures: population now, observed growth, share 80+, old-age ratio now,
    and (where a projection is held) the change in people 80+ and the old-age ratio to TREND_YEAR."""
    municipalities = Municipality.objects.filter(active=True)
    if county is not None:
        municipalities = municipalities.filter(county=county)
    search = search.strip()
    if search:
        municipalities = municipalities.filter(Q(name__icontains=search) | Q(code__startswith=search))
    figures = PopulationFigure.objects.filter(level=Level.MUNICIPALITY, municipality__in=municipalities)
    spans: dict[tuple[str, str], tuple[int, int]] = {}
    for row in (figures.filter(Q(series=OBSERVED, age_group=TOTAL) | Q(series=MAIN))
                .values("municipality_id", "series").annotate(first=Min("year"), last=Max("year"))):
        spans[(row["municipality_id"], row["series"])] = (row["first"], row["last"])
    wanted_years = {y for span in spans.values() for y in span} | {TREND_YEAR}
    data: dict[str, dict[tuple[str, int], dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    illustrative: set[str] = set()
    for code, series, year, group, value, is_illustrative in (
            figures.filter(series__in=[OBSERVED, MAIN], year__in=wanted_years)
            .values_list("municipality_id", "series", "year", "age_group", "value", "source__illustrative")):
        data[code][(series, year)][group] = value
        if is_illustrative and series == MAIN:
            illustrative.add(code)
    by_code = Municipality.objects.select_related("county").in_bulk(list(data))
    any_later = False
    result = []
    for code, by_key in data.items():
        observed_span = spans.get((code, OBSERVED))
        main_span = spans.get((code, MAIN))
        first_obs = by_key.get((OBSERVED, observed_span[0]), {}) if observed_span else {}
        last_obs = by_key.get((OBSERVED, observed_span[1]), {}) if observed_span else {}
        base = by_key.get((MAIN, main_span[0]), {}) if main_span else {}
        later = by_key.get((MAIN, TREND_YEAR), {}) if main_span and main_span[0] < TREND_YEAR else {}

        def total(groups: dict[str, int]) -> int | None:
            if TOTAL in groups:
                return groups[TOTAL]
            return sum(groups[g] for g in GROUP_CODES) if all(g in groups for g in GROUP_CODES) else None

        now, now_year = (last_obs, observed_span[1]) if observed_span and total(last_obs) is not None else (
            (base, main_span[0]) if main_span else ({}, None))
        population = total(now)
        ratio_now = indicators.old_age_ratio(now) if all(g in now for g in GROUP_CODES) else None
        share_80 = (now["80+"] / population * 100) if population and "80+" in now else None
        growth = growth_years = None
        if observed_span and observed_span[0] < observed_span[1]:
            growth = indicators.change_pct(total(first_obs), total(last_obs))
            growth_years = observed_span
        old_change = indicators.change_pct(base.get("80+"), later.get("80+")) if later else None
        ratio_later = indicators.old_age_ratio(later) if later else None
        any_later = any_later or ratio_later is not None or old_change is not None
        result.append(IndexRow(
            municipality=by_code[code], population=population, population_year=now_year if population else None,
            old_change_pct=old_change, ratio_now=ratio_now, ratio_later=ratio_later,
            illustrative=code in illustrative, growth_pct=growth, growth_years=growth_years, share_80=share_80,
            ratio_year=now_year if ratio_now is not None else None,
            genuine_projection=bool(main_span) and code not in illustrative,
        ))
    result.sort(key=lambda r: (r.municipality.county_id, r.municipality.name))
    return result, TREND_YEAR if any_later else None


def region_name_codes() -> dict[str, str]:
    """Region names as SSB writes them -> code: municipalities ("Våler (Østfold)", and the Norwegian part of
    "Namsos - Nåavmesjenjaelmie"), counties and the country ("Hele landet"), also in lower case. A name that
    two regions share is left out, so such rows must give the number."""
    candidates: dict[str, set[str]] = defaultdict(set)

    def add(name: str, code: str) -> None:
        for form in {name.strip(), name.strip().lower()}:
            if form:
                candidates[form].add(code)

    for code, name in Municipality.objects.filter(active=True).values_list("code", "name"):
        add(name, code)
        add(name.split(" - ")[0], code)
    for code, name in County.objects.filter(active=True).values_list("code", "name"):
        add(name, code)
        add(name.split(" - ")[0], code)
    for name in ("Hele landet", "Norge", "Landet i alt"):
        add(name, "0")
    return {name: next(iter(codes)) for name, codes in candidates.items() if len(codes) == 1}


def county_name_codes() -> dict[str, str]:
    """County names (full and the Norwegian part before " - ") -> code, for flattened CSV headers."""
    names: dict[str, str] = {}
    for county in County.objects.all():
        names[county.name] = county.code
        names.setdefault(county.name.split(" - ")[0].strip(), county.code)
    return names
