"""Barometer charts: matplotlib (Agg) to inline SVG with a title and a text description.

Each chart is also shown as a data table on the page; the SVG is `role="img"` and labelled by its
<title> and <desc>. Element ids are prefixed so that several charts can share a page.
"""

from __future__ import annotations

import html
import io
import re
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from matplotlib import pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

import samskap.core.charts  # noqa: F401  (Agg backend, no mathtext)

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

PALETTE = ["#1e4b8f", "#c05a00", "#2e7d32", "#6a1b9a", "#ad1457", "#00695c", "#5d4037", "#37474f"]
_LOCK = threading.Lock()  # matplotlib's state is not thread-safe
_ID = re.compile(r'\bid="([^"]+)"')


def _to_svg(fig: Figure, *, chart_id: str, title: str, desc: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]  # drop the XML declaration and DOCTYPE
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)
    for old in set(_ID.findall(svg)):
        new = f"{chart_id}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})") \
            .replace(f'href="#{old}"', f'href="#{new}"')
    head_end = svg.index(">") + 1
    opening = svg[:head_end]
    opening = re.sub(r'\s(width|height)="[^"]*"', "", opening, count=2)
    opening = opening[:-1] + (f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
                              f' class="chart" id="{chart_id}">')
    return (opening + f'<title id="{chart_id}-title">{html.escape(title)}</title>'
            f'<desc id="{chart_id}-desc">{html.escape(desc)}</desc>' + svg[head_end:])


def _style() -> dict[RcKeyType, Any]:
    return {"svg.fonttype": "none", "svg.hashsalt": "samskap", "font.size": 10,
            "font.family": ["DejaVu Sans", "sans-serif"], "axes.spines.top": False, "axes.spines.right": False}


def horizontal_bars(*, chart_id: str, title: str, desc: str, labels: Sequence[str],
                    series: Sequence[tuple[str, Sequence[float | None]]], scale: int, xlabel: str) -> str:
    """Grouped horizontal bars: one bar per series for each label, on the axis 1..scale."""
    with _LOCK, plt.rc_context(_style()):
        height = max(2.2, 0.45 * len(labels) * max(1, len(series)) ** 0.6 + 1.2)
        fig, ax = plt.subplots(figsize=(7.5, height))
        n = max(1, len(series))
        bar = 0.8 / n
        for s, (name, values) in enumerate(series):
            ys = [i + (s - (n - 1) / 2) * bar for i in range(len(labels))]
            widths = [v - 1 if v is not None else 0 for v in values]  # bars start at the scale's minimum, 1
            ax.barh(ys, widths, height=bar * 0.92, color=PALETTE[s % len(PALETTE)], label=name, left=1)
            for y, v in zip(ys, values, strict=True):
                if v is not None:
                    ax.text(v + 0.05, y, f"{v:.2f}".replace(".", ","), va="center", fontsize=8)
        ax.set_yticks(range(len(labels)), labels=list(labels))
        ax.invert_yaxis()
        ax.set_xlim(1, scale + 0.4)
        ax.set_xticks(range(1, scale + 1))
        ax.set_xlabel(xlabel)
        ax.set_title(title, loc="left", fontsize=11)
        if len(series) > 1:
            ax.legend(loc="lower right", fontsize=8, frameon=False)
        fig.tight_layout()
        return _to_svg(fig, chart_id=chart_id, title=title, desc=desc)
