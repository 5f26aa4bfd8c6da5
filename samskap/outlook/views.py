from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.forms import StyledForm
from samskap.directory.models import County, Municipality
from samskap.outlook import charts, indicators
from samskap.outlook.models import AgeGroup, DataImport, Series
from samskap.outlook.queries import (
    ALTERNATIVES,
    GROUP_CODES,
    MAIN,
    OBSERVED,
    TOTAL,
    AreaFigures,
    Outlook,
    index_rows,
    municipality_outlook,
)

GROUP_LABELS = dict(AgeGroup.choices)
SERIES_LABELS = dict(Series.choices)


class CountyFilterForm(StyledForm):
    county = forms.ModelChoiceField(County.objects.filter(active=True, municipalities__isnull=False).distinct(),
                                    label=gettext_lazy("County"), required=False,
                                    empty_label=gettext_lazy("All counties"))


def index(request: HttpRequest) -> HttpResponse:
    form = CountyFilterForm(request.GET or None)
    county = form.cleaned_data["county"] if form.is_valid() else None
    rows, later_year = index_rows(county)
    return render(request, "outlook/index.html", {
        "form": form, "rows": rows, "later_year": later_year,
        "imports": DataImport.objects.filter(figure_count__gt=0)[:20],
        "any_illustrative": any(r.illustrative for r in rows),
    })


def _n(value: float | None, decimals: int = 0) -> str:
    return "–" if value is None else number_format(value, decimals, force_grouping=True)


def _pct(value: float | None) -> str:
    if value is None:
        return "–"
    rounded = round(value)
    return (f"+{rounded}" if rounded > 0 else f"−{abs(rounded)}" if rounded < 0 else "0") + " %"


def _index_series(area: AreaFigures | None, group: str, years: list[int]) -> list[float | None] | None:
    if area is None:
        return None
    base = area.total_at(MAIN, years[0]) if group == TOTAL else area.value(MAIN, group, years[0])
    if not base:
        return None
    values: list[float | None] = []
    for year in years:
        value = area.total_at(MAIN, year) if group == TOTAL else area.value(MAIN, group, year)
        values.append(None if value is None else value / base * 100)
    return values if sum(v is not None for v in values) > 1 else None


def _age_section(outlook: Outlook) -> dict[str, Any] | None:
    years = outlook.milestones
    mine = outlook.mine
    if len(years) < 2 or not all(mine.groups_at(MAIN, y) for y in years):
        return None
    chart_years = [years[0], *[y for y in (2030, 2040, 2050) if y in years and y != years[0]]]
    rows = []
    for group in GROUP_CODES:
        values = [mine.value(MAIN, group, y) for y in years]
        rows.append({"label": GROUP_LABELS[group], "values": [_n(v) for v in values],
                     "change": _pct(indicators.change_pct(values[0], values[-1]))})
    totals = [mine.total_at(MAIN, y) for y in years]
    rows.append({"label": GROUP_LABELS[TOTAL], "values": [_n(v) for v in totals],
                 "change": _pct(indicators.change_pct(totals[0], totals[-1])), "total": True})
    old_now, old_last = mine.value(MAIN, "80+", years[0]), mine.value(MAIN, "80+", years[-1])
    desc = _("Bars for each age group in %(years)s (main alternative). The group 80 and over changes from "
             "%(before)s to %(after)s people (%(change)s) between %(first)d and %(last)d. The table below gives "
             "the numbers.") % {
        "years": ", ".join(map(str, chart_years)), "before": _n(old_now), "after": _n(old_last),
        "change": _pct(indicators.change_pct(old_now, old_last)), "first": years[0], "last": years[-1]}
    title = _("Population by age group, %(name)s") % {"name": outlook.municipality.name}
    svg = charts.grouped_bars(
        "outlook-age", title, desc, [str(GROUP_LABELS[g]) for g in GROUP_CODES],
        [(str(y), [mine.value(MAIN, g, y) or 0 for g in GROUP_CODES]) for y in chart_years], _("Persons"))
    return {"svg": mark_safe(svg), "title": title, "years": years, "rows": rows,  # noqa: S308 (generated SVG)
            "illustrative": mine.is_illustrative(MAIN)}


def _alternatives(outlook: Outlook) -> dict[str, Any] | None:
    mine = outlook.mine
    years = outlook.milestones
    series = [s for s in ALTERNATIVES if mine.years(s)]
    if len(series) < 2 or not years:
        return None
    return {"years": years, "rows": [{"label": SERIES_LABELS.get(s, s),
                                      "values": [_n(mine.total_at(s, y)) for y in years]} for s in series]}


def _ratio_section(outlook: Outlook) -> dict[str, Any] | None:
    years = outlook.milestones
    if not years:
        return None
    rows = []
    for area in (outlook.mine, outlook.county, outlook.country):
        if area is None:
            continue
        values = [outlook.ratio(area, y) for y in years]
        if any(v is not None for v in values):
            rows.append({"label": area.name, "values": [_n(v, 2) for v in values],
                         "illustrative": any(area.is_illustrative(MAIN, g) for g in GROUP_CODES),
                         "summed": any((MAIN, g) in area.summed for g in GROUP_CODES)})
    return {"years": years, "rows": rows} if rows else None


def _compare_section(outlook: Outlook, group: str, chart_id: str) -> dict[str, Any] | None:
    years = outlook.milestones
    if len(years) < 2:
        return None
    series = []
    for area in (outlook.mine, outlook.county, outlook.country):
        values = _index_series(area, group, years)
        if area is not None and values is not None:
            series.append((area, values))
    if len(series) < 2:
        return None
    what = _("all ages") if group == TOTAL else _("people aged 80 and over")
    title = _("Change in %(what)s compared with the county and the country (index, %(year)d = 100)") % {
        "what": what, "year": years[0]}
    last = ", ".join(f"{area.name} {_n(values[-1], 0)}" for area, values in series if values[-1] is not None)
    desc = _("Lines for %(areas)s, main alternative, %(first)d to %(last)d. In %(last)d the index is: %(values)s. "
             "The table below gives the numbers.") % {
        "areas": ", ".join(area.name for area, _v in series), "first": years[0], "last": years[-1], "values": last}
    svg = charts.lines(chart_id, title, desc, years, [(a.name, v) for a, v in series], _("Index"), baseline=100)
    return {
        "svg": mark_safe(svg), "title": title, "years": years,  # noqa: S308 (generated SVG)
        "rows": [{"label": area.name, "values": [_n(v, 1) for v in values],
                  "illustrative": area.is_illustrative(MAIN, group), "summed": (MAIN, group) in area.summed}
                 for area, values in series],
    }


def _care_section(outlook: Outlook) -> dict[str, Any] | None:
    if outlook.care is None:
        return None
    milestones = set(outlook.milestones)
    rows = [{"year": r.year, "old": _n(r.population_80_plus), "fte": _n(r.fte), "extra": _n(r.extra_fte),
             "share": _n(r.share_of_working_age_pct, 1) if r.share_of_working_age_pct is not None else "–"}
            for r in outlook.care.rows if r.year in milestones]
    return {"per_1000": _n(outlook.care.per_1000), "basis": outlook.care.basis, "source": outlook.care.source,
            "rows": rows, "national": _n(indicators.NATIONAL_CARE_FTE_PER_1000_80PLUS),
            "last": rows[-1] if rows else None, "first": rows[0] if rows else None}


def municipality(request: HttpRequest, code: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.select_related("county"), code=code)
    outlook = municipality_outlook(municipality, country_name=_("Norway"))
    mine = outlook.mine
    observed = sorted(mine.get(OBSERVED, TOTAL).items())
    ratios = [(y, outlook.ratio(mine, y)) for y in outlook.milestones]
    context = {
        "municipality": municipality, "outlook": outlook,
        "observed": [(y, _n(v)) for y, v in observed],
        "now_total": _n(outlook.now_total), "now_year": outlook.now_year,
        "last_year": outlook.milestones[-1] if outlook.milestones else None,
        "last_total": _n(mine.total_at(MAIN, outlook.milestones[-1])) if outlook.milestones else None,
        "last_low": _n(mine.total_at("LLML", outlook.milestones[-1])) if outlook.milestones else None,
        "last_high": _n(mine.total_at("HHMH", outlook.milestones[-1])) if outlook.milestones else None,
        "ratio_first": _n(ratios[0][1], 2) if ratios else None,
        "ratio_last": _n(ratios[-1][1], 2) if ratios else None,
        "age": _age_section(outlook), "alternatives": _alternatives(outlook), "ratio": _ratio_section(outlook),
        "compare_total": _compare_section(outlook, TOTAL, "outlook-compare-total"),
        "compare_old": _compare_section(outlook, "80+", "outlook-compare-old"),
        "care": _care_section(outlook),
    }
    return render(request, "outlook/municipality.html", context)
