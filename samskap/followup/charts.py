"""The funnel chart: matplotlib (Agg) to inline SVG with a <title> and <desc>, labelled for screen readers.

The page also shows the same figures as a data table.
"""

from __future__ import annotations

import html
import io
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure

import samskap.core.charts  # noqa: F401  (Agg backend, no mathtext)

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

_LOCK = threading.Lock()  # pyplot's state is not thread-safe
_ID = re.compile(r'\bid="([^"]+)"')
COLOUR = "#1e4b8f"


def _to_svg(fig: Figure, *, chart_id: str, title: str, desc: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    for old in set(_ID.findall(svg)):
        new = f"{chart_id}-{old}"
        svg = (svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
               .replace(f'href="#{old}"', f'href="#{new}"'))
    head_end = svg.index(">") + 1
    opening = re.sub(r'\s(width|height)="[^"]*"', "", svg[:head_end], count=2)
    opening = opening[:-1] + (f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" class="chart"'
                              f' id="{chart_id}">')
    return (opening + f'<title id="{chart_id}-title">{html.escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{html.escape(desc)}</desc>' + svg[head_end:])


def funnel_svg(*, chart_id: str, title: str, desc: str, labels: Sequence[str], values: Sequence[int]) -> str:
    """Horizontal bars, widest at the top, each with its count."""
    style: dict[RcKeyType, Any] = {"svg.fonttype": "none", "svg.hashsalt": "samskap-followup", "font.size": 10,
             "font.family": ["DejaVu Sans", "sans-serif"], "axes.spines.top": False, "axes.spines.right": False}
    with _LOCK, plt.rc_context(style):
        fig, ax = plt.subplots(figsize=(7.5, 0.5 * len(labels) + 1.0))
        top = max(values) if values and max(values) > 0 else 1
        ys = list(range(len(labels)))
        ax.barh(ys, values, color=COLOUR, height=0.65)
        for y, v in zip(ys, values, strict=True):
            ax.text(v + top * 0.01, y, str(v), va="center", fontsize=9)
        ax.set_yticks(ys, labels=list(labels))
        ax.invert_yaxis()
        ax.set_xlim(0, top * 1.12)
        ax.xaxis.set_visible(False)
        ax.spines["bottom"].set_visible(False)
        ax.set_title(title, loc="left", fontsize=11)
        fig.tight_layout()
        return _to_svg(fig, chart_id=chart_id, title=title, desc=desc)


def benefit_svg(*, chart_id: str, title: str, desc: str, points: Sequence[tuple[Any, float]],
                baseline: tuple[Any, float], target: tuple[Any, float], labels: tuple[str, str, str],
                unit: str) -> str:
    """An indicator over time: the measurements as a line with markers, the baseline and the target as points
    joined by a dotted planned path. `labels` = (measured, baseline, target)."""
    style: dict[RcKeyType, Any] = {"svg.fonttype": "none", "svg.hashsalt": "samskap-benefit", "font.size": 10,
                                   "font.family": ["DejaVu Sans", "sans-serif"], "axes.spines.top": False,
                                   "axes.spines.right": False}
    with _LOCK, plt.rc_context(style):
        fig, ax = plt.subplots(figsize=(7.0, 3.4))
        ax.plot([baseline[0], target[0]], [baseline[1], target[1]], color="#6b6b6b", linestyle=":", linewidth=1.2)
        ax.scatter([baseline[0]], [baseline[1]], marker="s", color="#6b6b6b", zorder=3, label=labels[1])
        ax.scatter([target[0]], [target[1]], marker="*", s=140, color="#D55E00", zorder=3, label=labels[2])
        if points:
            ax.plot([p[0] for p in points], [p[1] for p in points], color=COLOUR, marker="o", linewidth=2,
                    label=labels[0], zorder=4)
        ax.set_ylabel(unit)
        ax.grid(axis="y", color="#d0d0d0", linewidth=0.6)
        ax.legend(frameon=False, fontsize=9, loc="best")
        fig.autofmt_xdate()
        fig.tight_layout()
        return _to_svg(fig, chart_id=chart_id, title=title, desc=desc)
