from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskap.core.forms import StyledForm
from samskap.core.pagecache import public_page
from samskap.directory.models import County, Municipality
from samskap.outlook import charts, indicators, maps
from samskap.outlook.models import AgeGroup, DataImport, Series
from samskap.outlook.queries import (
    ALTERNATIVES,
    GROUP_CODES,
    MAIN,
    OBSERVED,
    TOTAL,
    AreaFigures,
    IndexRow,
    Outlook,
    index_rows,
    municipality_outlook,
)

GROUP_LABELS = dict(AgeGroup.choices)
SERIES_LABELS = dict(Series.choices)


INDICATOR_LABELS = {
    "population": gettext_lazy("Population"),
    "growth": gettext_lazy("Population change, observed (%)"),
    "share_80": gettext_lazy("Share aged 80 and over (%)"),
    "ratio_now": gettext_lazy("Old-age ratio now"),
    "old_change": gettext_lazy("Change in people aged 80+ by 2040, projected (%)"),
    "ratio_later": gettext_lazy("Old-age ratio 2040, projected"),
}
SORT_KEYS = ["name", "county", *INDICATOR_LABELS]


class CountyFilterForm(StyledForm):
    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=60,
                        help_text=gettext_lazy("Name or number of a municipality."))
    county = forms.ModelChoiceField(County.objects.filter(active=True, municipalities__isnull=False).distinct(),
                                    label=gettext_lazy("County"), required=False,
                                    empty_label=gettext_lazy("All counties"))
    indicator = forms.ChoiceField(label=gettext_lazy("Colour the map by"), required=False,
                                  choices=list(INDICATOR_LABELS.items()))
    sort = forms.ChoiceField(required=False, widget=forms.HiddenInput,
                             choices=[(k, k) for key in SORT_KEYS for k in (key, f"-{key}")])


def _indicator_text(name: str, value: float | None) -> str:
    if value is None:
        return "–"
    if name == "population":
        return _n(value)
    if name in {"growth", "old_change"}:
        return _pct(value)
    if name == "share_80":
        return _n(value, 1) + " %"
    return _n(value, 2)


def _sorted(rows: list[IndexRow], sort: str) -> list[IndexRow]:
    key, descending = sort.lstrip("-"), sort.startswith("-")
    if key in ("", "name"):
        return sorted(rows, key=lambda r: r.municipality.name, reverse=descending)
    if key == "county":
        return sorted(rows, key=lambda r: (r.municipality.county.name, r.municipality.name), reverse=descending)
    present = [r for r in rows if r.indicator(key) is not None]
    missing = [r for r in rows if r.indicator(key) is None]  # always last
    present.sort(key=lambda r: (r.indicator(key) or 0.0, r.municipality.name), reverse=descending)
    return present + sorted(missing, key=lambda r: r.municipality.name)


def _map_section(rows: list[IndexRow], indicator: str) -> dict[str, Any] | None:
    values = {r.municipality.code: r.indicator(indicator) for r in rows}
    known = [r for r in rows if r.indicator(indicator) is not None]
    if not known:
        return None
    legend = maps.classes([float(r.indicator(indicator) or 0) for r in known])
    label = str(INDICATOR_LABELS[indicator])
    names = dict(Municipality.objects.filter(active=True).values_list("code", "name"))
    title = _("Map of the municipalities: %(indicator)s") % {"indicator": label}
    lowest = min(known, key=lambda r: r.indicator(indicator) or 0)
    highest = max(known, key=lambda r: r.indicator(indicator) or 0)
    desc = _("Municipalities coloured in %(count)d classes from light (low) to dark (high); grey: no figure. "
             "Lowest: %(low)s (%(low_value)s), highest: %(high)s (%(high_value)s). The table beside the map gives "
             "every value.") % {
        "count": len(legend), "low": lowest.municipality.name,
        "low_value": _indicator_text(indicator, lowest.indicator(indicator)),
        "high": highest.municipality.name, "high_value": _indicator_text(indicator, highest.indicator(indicator))}
    svg = maps.svg("outlook-map", title, desc, values, names, lambda v: _indicator_text(indicator, v), legend,
                   _("no figure"))
    shared = maps.shapes().get("shared", {})
    return {
        "svg": mark_safe(svg),  # noqa: S308 (generated SVG, texts escaped)
        "title": title, "label": label,
        "legend": [{"colour": c.colour, "low": _indicator_text(indicator, c.low),
                    "high": _indicator_text(indicator, c.high)} for c in legend],
        "shared": [(names.get(code, code), names.get(owner, owner)) for code, owner in shared.items()],
    }


INDEX_COLUMNS = ("population", "growth", "share_80", "ratio_now")
LATER_COLUMNS = ("old_change", "ratio_later")


@public_page
def index(request: HttpRequest) -> HttpResponse:
    form = CountyFilterForm(request.GET or None)
    valid = form.is_valid()
    county = form.cleaned_data["county"] if valid else None
    search = form.cleaned_data["q"] if valid else ""
    indicator = (form.cleaned_data.get("indicator") if valid else "") or "ratio_now"
    sort = (form.cleaned_data.get("sort") if valid else "") or "name"
    rows, later_year = index_rows(county, search)
    rows = _sorted(rows, sort)
    keys = [*INDEX_COLUMNS, *(LATER_COLUMNS if later_year else ())]
    params = {k: v for k, v in (("q", search), ("county", county.code if county else ""),
                                ("indicator", indicator)) if v}
    columns = []
    for key, label in [("name", gettext_lazy("Municipality")), ("county", gettext_lazy("County")),
                       *[(k, INDICATOR_LABELS[k]) for k in keys]]:
        current = sort.lstrip("-") == key
        descending = sort.startswith("-")
        if current:
            next_sort = key if descending else f"-{key}"
        else:
            next_sort = key if key in ("name", "county") else f"-{key}"
        columns.append({"key": key, "label": label, "num": key not in ("name", "county"),
                        "aria_sort": ("descending" if descending else "ascending") if current else "",
                        "url": "?" + urlencode({**params, "sort": next_sort})})
    table_rows = [{"row": r, "values": [_indicator_text(k, r.indicator(k)) for k in keys]} for r in rows]
    return render(request, "outlook/index.html", {
        "form": form, "rows": rows, "table_rows": table_rows, "later_year": later_year, "columns": columns,
        "map": _map_section(rows, indicator), "indicator_label": INDICATOR_LABELS[indicator],
        "imports": DataImport.objects.filter(figure_count__gt=0)[:20],
        "any_illustrative": any(r.illustrative for r in rows),
        "growth_years": next((r.growth_years for r in rows if r.growth_years), None),
        "filtered": bool(search or county),
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


def _history_section(outlook: Outlook) -> dict[str, Any] | None:
    """The observed population (SSB) year by year, with the real old-age ratio where age groups are held."""
    mine = outlook.mine
    totals: dict[int, int] = {y: v for y in mine.years(OBSERVED) if (v := mine.total_at(OBSERVED, y)) is not None}
    if len(totals) < 2:
        return None
    years = sorted(totals)
    rows = []
    for year in reversed(years):
        groups = mine.groups_at(OBSERVED, year)
        rows.append({"year": year, "total": _n(totals[year]),
                     "groups": [_n(groups[g]) for g in GROUP_CODES] if groups else ["–"] * len(GROUP_CODES),
                     "ratio": _n(indicators.old_age_ratio(groups), 2) if groups else "–"})
    first, last = years[0], years[-1]
    title = _("Observed population, %(name)s, %(first)d–%(last)d") % {
        "name": outlook.municipality.name, "first": first, "last": last}
    desc = _("A line of the population on 1 January each year, observed by Statistics Norway (SSB): %(before)s in "
             "%(first)d and %(after)s in %(last)d (%(change)s). The table below gives every year.") % {
        "before": _n(totals[first]), "after": _n(totals[last]), "first": first, "last": last,
        "change": _pct(indicators.change_pct(totals[first], totals[last]))}
    svg = charts.history_and_band("outlook-history", title, desc, [(y, float(totals[y])) for y in years], [], [],
                                  (_("Observed (SSB)"), _("Main alternative"), _("High–low alternatives")),
                                  _("Persons"))
    return {"svg": mark_safe(svg), "title": title, "rows": rows,  # noqa: S308 (generated SVG)
            "group_labels": [GROUP_LABELS[g] for g in GROUP_CODES], "first": first, "last": last,
            "sources": outlook.observed_sources}


def _band_section(outlook: Outlook) -> dict[str, Any] | None:
    """Observed history and the projection: main alternative with the band between the low and high ones."""
    mine = outlook.mine
    main_years = mine.years(MAIN)
    if len(main_years) < 2:
        return None
    main = [(y, float(v)) for y in main_years if (v := mine.total_at(MAIN, y)) is not None]
    band = [(y, float(lo), float(hi)) for y in main_years
            if (lo := mine.total_at("LLML", y)) is not None and (hi := mine.total_at("HHMH", y)) is not None]
    observed = [(y, float(v)) for y in mine.years(OBSERVED) if (v := mine.total_at(OBSERVED, y)) is not None]
    if outlook.genuine_projection:
        what = (_("SSB's projection, %(round)d round") % {"round": outlook.projection_round}
                if outlook.projection_round else _("SSB's projection"))
    else:
        what = _("Illustrative projection (not SSB's)")
    title = _("Population, %(name)s: observed and projected (%(what)s)") % {
        "name": outlook.municipality.name, "what": what}
    last = main[-1]
    band_text = ""
    if band:
        band_text = _("The shaded band runs from the low (LLML) to the high (HHMH) alternative: %(low)s to "
                      "%(high)s in %(year)d.") % {"low": _n(band[-1][1]), "high": _n(band[-1][2]), "year": band[-1][0]}
    desc = (_("Solid line: observed population. Dashed line: the main alternative (MMMM), %(value)s in %(year)d.")
            % {"value": _n(last[1]), "year": last[0]})
    desc = " ".join(part for part in (desc, band_text, _("The table below gives the numbers.")) if part)
    svg = charts.history_and_band("outlook-band", title, desc, observed, main, band,
                                  (_("Observed (SSB)"), _("Main alternative (MMMM)"),
                                   _("Low–high alternatives (LLML–HHMH)")), _("Persons"))
    tables = sorted({s.table_id for s in outlook.projection_sources if s.table_id})
    return {"svg": mark_safe(svg), "title": title, "what": what,  # noqa: S308 (generated SVG)
            "illustrative": not outlook.genuine_projection, "tables": ", ".join(tables),
            "round": outlook.projection_round}


@public_page
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
        "history": _history_section(outlook), "band": _band_section(outlook),
        "latest_observed": (observed[-1][0], _n(observed[-1][1])) if observed else None,
        "latest_ratio": (_n(outlook.ratio(mine, outlook.observed_years[-1], OBSERVED), 2)
                         if outlook.observed_years else None),
    }
    return render(request, "outlook/municipality.html", context)
