"""Latency of a need's suggestion panel (one search per kind) on the demo database.

Compares, in the same run: the panel as a page shows it (stored query vector, the per-process panel
cache: a need opened again), the same with the cache emptied before every panel (the first view of a
need after a catalogue change), and embedding the need's text per request (the old baseline). Run after
`make run` has loaded the demo:

    .venv/bin/python bench/need_suggestions.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samskap.settings")

import django  # noqa: E402

django.setup()

from samskap.matching import engine, services  # noqa: E402
from samskap.matching.sources import kinds  # noqa: E402
from samskap.needs.models import Need, NeedStatus  # noqa: E402


def panel_without_stored_vector(need: Need) -> None:
    engine.clear_query_cache()  # a fresh process would embed the text
    for kind in kinds():
        services.search(need.full_text(), kinds=[kind], top=5, exclude_ids=[f"need:{need.pk}"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    needs = list(Need.objects.exclude(status=NeedStatus.DRAFT))
    services.ensure_current()
    services.get_view()  # load the snapshot (and the delta) before timing

    def uncached(need: Need) -> None:
        services.clear_panel_cache()
        services.matches_for_need(need)

    for label, run in (("panel, cached (seen before)", services.matches_for_need),
                       ("panel, cache emptied", uncached),
                       ("embed per request (baseline)", panel_without_stored_vector)):
        run(needs[0])  # warm
        times = []
        for _ in range(args.rounds):
            for need in needs:
                start = time.perf_counter()
                run(need)
                times.append((time.perf_counter() - start) * 1000)
        times.sort()
        p95 = times[int(0.95 * (len(times) - 1))]
        print(f"{label:30} n={len(times):4}  p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms")
    print(f"catalogue: {services.index_status()['items']} items; load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
