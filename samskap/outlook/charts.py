"""Charts as inline SVG (matplotlib, Agg backend). No Django imports: callers pass translated texts.

Each SVG gets role="img", a <title> (its name, via aria-labelledby) and a <desc> (its description, via
aria-describedby), ids prefixed so several
charts can share a page, and no fixed size (it scales with its container). The page shows the same numbers
in a table next to it. Rendered charts are cached in memory by their inputs.
"""

from __future__ import annotations

import html
import io
import re
import threading
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import matplotlib.ticker  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

import samskap.core.charts  # noqa: F401  (Agg backend, no mathtext)

# Colour-blind-safe (Okabe-Ito), all with at least 3:1 contrast against white.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00")
MARKERS = ("o", "s", "^", "D", "v", "P")
TEXT = "#1a1a1a"
_LOCK = threading.Lock()  # pyplot's state is global


def _style(ax: Any) -> None:
    ax.spines["top"].set_visible(False)
    ax.spines["right"].set_visible(False)
    ax.tick_params(colors=TEXT, labelsize=10)
    ax.yaxis.label.set_color(TEXT)
    ax.grid(axis="y", color="#d0d0d0", linewidth=0.6)
    ax.set_axisbelow(True)


def _legend(fig: Any, ax: Any, count: int) -> None:
    # Fixed margins instead of bbox_inches="tight": one draw instead of two.
    fig.subplots_adjust(left=0.11, right=0.98, top=0.96, bottom=0.21)
    fig.legend(*ax.get_legend_handles_labels(), frameon=False, fontsize=9, labelcolor=TEXT,
               ncols=min(count, 4), loc="lower center", bbox_to_anchor=(0.5, 0.0))


def _svg(fig: Any, chart_id: str, title: str, desc: str) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<style[^>]*>.*?</style>", "", svg, flags=re.DOTALL)  # a global "*{...}" rule otherwise
    ids = set(re.findall(r'\sid="([^"]+)"', svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{chart_id}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                 lambda m: f'<svg {m.group(1)}class="outlook-chart" role="img" '
                           f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc"', svg, count=1)
    head_end = svg.index(">", svg.index("<svg")) + 1
    accessible = (f'<title id="{chart_id}-title">{html.escape(title)}</title>'
                  f'<desc id="{chart_id}-desc">{html.escape(desc)}</desc>')
    return svg[:head_end] + accessible + svg[head_end:]


def grouped_bars(chart_id: str, title: str, desc: str, categories: Sequence[str],
                 series: Sequence[tuple[str, Sequence[float]]], y_label: str) -> str:
    """Bars per category (e.g. age group), one bar per series (e.g. year)."""
    return _grouped_bars(chart_id, title, desc, tuple(categories),
                         tuple((label, tuple(values)) for label, values in series), y_label)


@lru_cache(maxsize=256)
def _grouped_bars(chart_id: str, title: str, desc: str, categories: tuple[str, ...],
                  series: tuple[tuple[str, tuple[float, ...]], ...], y_label: str) -> str:
    with _LOCK, plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id, "font.size": 10}):
        fig, ax = plt.subplots(figsize=(7.2, 3.8))
        width = 0.8 / max(len(series), 1)
        for i, (label, values) in enumerate(series):
            positions = [x + (i - (len(series) - 1) / 2) * width for x in range(len(categories))]
            ax.bar(positions, values, width=width * 0.95, label=label, color=COLOURS[i % len(COLOURS)],
                   hatch=("", "//", "..", "xx", "\\\\", "++")[i % 6], edgecolor="white", linewidth=0.5)
        ax.set_xticks(range(len(categories)), categories)
        ax.set_ylabel(y_label)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}".replace(",", " ")))
        _style(ax)
        _legend(fig, ax, len(series))
        return _svg(fig, chart_id, title, desc)


def lines(chart_id: str, title: str, desc: str, x: Sequence[int],
          series: Sequence[tuple[str, Sequence[float | None]]], y_label: str, baseline: float | None = None) -> str:
    """One line per series over the years in x; None values leave gaps."""
    return _lines(chart_id, title, desc, tuple(x), tuple((label, tuple(values)) for label, values in series),
                  y_label, baseline)


@lru_cache(maxsize=256)
def _lines(chart_id: str, title: str, desc: str, x: tuple[int, ...],
           series: tuple[tuple[str, tuple[float | None, ...]], ...], y_label: str, baseline: float | None) -> str:
    with _LOCK, plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id, "font.size": 10}):
        fig, ax = plt.subplots(figsize=(7.2, 3.8))
        for i, (label, values) in enumerate(series):
            points = [(year, value) for year, value in zip(x, values, strict=True) if value is not None]
            if not points:
                continue
            ax.plot([p[0] for p in points], [p[1] for p in points], label=label, color=COLOURS[i % len(COLOURS)],
                    marker=MARKERS[i % len(MARKERS)], linewidth=2, linestyle=("-", "--", ":", "-.")[i % 4])
        if baseline is not None:
            ax.axhline(baseline, color="#6b6b6b", linewidth=0.8)
        ax.set_xticks(list(x), [str(year) for year in x])
        ax.set_ylabel(y_label)
        _style(ax)
        _legend(fig, ax, len(series))
        return _svg(fig, chart_id, title, desc)


def history_and_band(chart_id: str, title: str, desc: str, observed: Sequence[tuple[int, float]],
                     main: Sequence[tuple[int, float]], band: Sequence[tuple[int, float, float]],
                     labels: tuple[str, str, str], y_label: str) -> str:
    """Observed values as a solid line, the projection's main alternative dashed, and the band between the low
    and the high alternative shaded. `labels` = (observed, main, band)."""
    return _history_and_band(chart_id, title, desc, tuple(observed), tuple(main), tuple(band), labels, y_label)


@lru_cache(maxsize=256)
def _history_and_band(chart_id: str, title: str, desc: str, observed: tuple[tuple[int, float], ...],
                      main: tuple[tuple[int, float], ...], band: tuple[tuple[int, float, float], ...],
                      labels: tuple[str, str, str], y_label: str) -> str:
    with _LOCK, plt.rc_context({"svg.fonttype": "none", "svg.hashsalt": chart_id, "font.size": 10}):
        fig, ax = plt.subplots(figsize=(7.2, 3.8))
        count = 0
        if band:
            ax.fill_between([b[0] for b in band], [b[1] for b in band], [b[2] for b in band], color=COLOURS[4],
                            alpha=0.35, linewidth=0, label=labels[2])
            count += 1
        if observed:
            ax.plot([p[0] for p in observed], [p[1] for p in observed], color=COLOURS[0], linewidth=2,
                    label=labels[0])
            count += 1
        if main:
            ax.plot([p[0] for p in main], [p[1] for p in main], color=COLOURS[1], linewidth=2, linestyle="--",
                    label=labels[1])
            count += 1
        ax.set_ylabel(y_label)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _p: f"{v:,.0f}".replace(",", " ")))
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
        _style(ax)
        _legend(fig, ax, max(count, 1))
        return _svg(fig, chart_id, title, desc)
