"""Barometer results from the database: records for barometer.py, labels, and tables for views and exports."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from samskap.knowledge import barometer
from samskap.knowledge.models import Answer, BarometerItem, ItemCategory, ItemKind, Response, Survey
from samskap.needs.models import Sector

GROUPINGS = ("unit", "municipality", "sector")


def grouping_labels() -> dict[str, str]:
    return {"unit": _("Unit"), "municipality": _("Municipality"), "sector": _("Sector"), "all": _("All")}


def scale_text(scale: int) -> str:
    return _("Scale 1–%(scale)d: 1 = strongly disagree, %(scale)d = strongly agree.") % {"scale": scale}


def records(survey: Survey) -> list[barometer.Record]:
    sectors = dict(Sector.choices)
    answers: dict[int, dict[str, int | None]] = {}
    for response_id, code, value in Answer.objects.filter(response__survey=survey).values_list(
            "response_id", "item__code", "value"):
        answers.setdefault(response_id, {})[code] = value
    out = []
    for r in Response.objects.filter(survey=survey).select_related("municipality"):
        out.append(barometer.Record(unit=r.unit_name, municipality=r.municipality.name,
                                    sector=str(sectors.get(r.sector, r.sector)), answers=answers.get(r.pk, {})))
    return out


def survey_items(survey: Survey) -> list[BarometerItem]:
    return list(survey.items.order_by("order", "code"))


@dataclass
class SurveyResults:
    survey: Survey
    by: str
    items: list[BarometerItem]
    result: barometer.Result
    category_labels: dict[str, str]
    rounds: list[tuple[Survey, barometer.Result]]

    @property
    def scale(self) -> int:
        return self.result.scale


def compute(survey: Survey, by: str) -> SurveyResults:
    if by not in (*GROUPINGS, "all"):
        by = "municipality"
    items = survey_items(survey)
    codes = [i.code for i in items]
    categories = {i.code: i.category for i in items}
    reversed_items = {i.code for i in items if i.kind == ItemKind.BARRIER}
    result = barometer.aggregate(records(survey), by=by, scale=survey.scale, items=codes, categories=categories,
                                 reversed_items=reversed_items)
    rounds = []
    chain = survey.rounds()
    if len(chain) > 1:
        # Over time: the items the rounds share, on the (common) scale, grouped the same way.
        shared = [c for c in codes if all(c in {i.code for i in r.items.all()} for r in chain)]
        for label, res in zip(chain, [r.result for r in barometer.compare_rounds(
                [(str(r.year), records(r)) for r in chain], by=by, scale=survey.scale, items=shared,
                categories=categories, reversed_items=reversed_items)], strict=True):
            rounds.append((label, res))
    return SurveyResults(survey=survey, by=by, items=items, result=result,
                         category_labels={str(v): str(lbl) for v, lbl in ItemCategory.choices}, rounds=rounds)


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}".replace(".", ",")


def item_table(res: SurveyResults) -> dict[str, Any]:
    """Rows: items; columns: shown groups (n in the header). Hidden groups listed apart."""
    groups = res.result.visible
    rows = []
    for item in res.items:
        rows.append({"label": item.text, "category": res.category_labels.get(item.category, item.category),
                     "values": [fmt(g.means.get(item.code)) for g in groups]})
    return {"groups": groups, "rows": rows, "hidden": res.result.hidden}


def category_table(result: barometer.Result, labels: dict[str, str]) -> list[dict[str, Any]]:
    return [{"label": labels.get(c, c), "values": [fmt(g.category_means.get(c)) for g in result.visible]}
            for c in result.categories]


def rounds_table(res: SurveyResults) -> dict[str, Any]:
    """Overall mean per group and round; a dash where the group is hidden or missing."""
    if not res.rounds:
        return {}
    keys = sorted({g.key for _s, r in res.rounds for g in r.groups})
    header = [str(s.year) for s, _r in res.rounds]
    rows = []
    for key in keys:
        cells = []
        for _s, r in res.rounds:
            group = next((g for g in r.groups if g.key == key), None)
            if group is None:
                cells.append(_("no answers"))
            elif group.hidden:
                cells.append(_("hidden (fewer than %(n)d)") % {"n": r.threshold})
            else:
                cells.append(f"{fmt(group.overall)} (n={group.n})")
        first = next((g for g in res.rounds[0][1].groups if g.key == key), None)
        last = next((g for g in res.rounds[-1][1].groups if g.key == key), None)
        delta = barometer.change(first, last) if first and last else None
        rows.append({"key": key or _("All"), "cells": cells,
                     "change": ("+" if delta and delta > 0 else "") + fmt(delta) if delta is not None else "–"})
    return {"header": header, "rows": rows}
