"""Benchmark: rotating round tables (``samskap workshop tables``) against a simulated-annealing baseline.

Synthetic rating sets shaped like a partnering day: 18 rounds x 10 tables x 12 seats; 160-200 people of
whom 100-120 present; each person rates 20-30 presentations 1-5, with popularity skewed (Pareto), so a
few presentations are wanted by many. Both methods get the same time limit, in the same run; the
score of each plan is recomputed and every rule checked by ``roundtables.verify``.

    .venv/bin/python bench/round_tables.py [--time-limit 60] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time

from samskap.workshops.roundtables import TablesProblem, TablesSettings, plan_tables, score, violations
from samskap.workshops.roundtables.annealing import anneal

INSTANCES = [
    # name, people, presenters, ratings per person, max presentations, min visits, max visits, seed
    ("people160_presenters100", 160, 100, 25, 2, 8, 14, 1),
    ("people200_presenters120", 200, 120, 30, 2, 7, 12, 2),
]


def synthetic(people: int, presenters: int, per_person: int, settings: TablesSettings, seed: int) -> TablesProblem:
    rnd = random.Random(seed)
    ids = [str(i) for i in range(1, people + 1)]
    hosts = rnd.sample(ids, presenters)
    popularity = {p: rnd.paretovariate(1.5) for p in hosts}
    ratings: dict[tuple[str, str], int] = {}
    for i in ids:
        candidates = [p for p in hosts if p != i]
        weights = [popularity[p] for p in candidates]
        chosen: set[str] = set()
        while len(chosen) < min(per_person, len(candidates)):
            chosen.add(rnd.choices(candidates, weights)[0])
        for p in chosen:
            ratings[(i, p)] = rnd.choices([1, 2, 3, 4, 5], [1, 2, 3, 3, 2])[0]
    return TablesProblem(tuple(ids), tuple(hosts), ratings, settings)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("--json", dest="json_out")
    args = ap.parse_args()
    rows = []
    load_before = os.getloadavg()
    for name, n, p, per, k, a, b, seed in INSTANCES:
        st = TablesSettings(rounds=18, tables=10, seats=12, max_presentations=k, min_visits=a, max_visits=b,
                            time_limit=args.time_limit, seed=seed)
        problem = synthetic(n, p, per, st, seed)
        plan = plan_tables(problem)
        assert not violations(problem, plan.rounds)
        t = time.perf_counter()
        sa = anneal(problem, args.time_limit)
        sa_seconds = time.perf_counter() - t
        assert not violations(problem, sa)
        row = {"instance": name, "ratings": len(problem.ratings),
               "planner": {"score": plan.stats.score, "bound": plan.stats.bound, "gap": round(plan.stats.gap, 4),
                           "seconds": plan.stats.seconds, "method": plan.stats.method},
               "annealing": {"score": score(problem, sa), "seconds": round(sa_seconds, 2)}}
        rows.append(row)
        print(f"{name}: planner {row['planner']['score']} (bound {row['planner']['bound']}, gap "
              f"{100 * plan.stats.gap:.2f} %, {plan.stats.seconds:.1f} s) | annealing {row['annealing']['score']} "
              f"({sa_seconds:.1f} s)", flush=True)
    meta = {"machine": platform.platform(), "cpus": os.cpu_count(), "load_before": load_before,
            "load_after": os.getloadavg(), "time_limit": args.time_limit}
    if args.json_out:
        with open(args.json_out, "w") as fh:
            json.dump({"meta": meta, "results": rows}, fh, indent=2)
    print(meta)


if __name__ == "__main__":
    main()
