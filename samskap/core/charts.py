"""Matplotlib set up once for every chart module: the Agg backend (SVG output, no display) and no
mathtext, so user text such as ``$5 og $10`` is drawn literally and a lone ``$`` never raises."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["text.parse_math"] = False
