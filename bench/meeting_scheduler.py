"""Benchmark of the one-to-one meeting scheduler (samskap/partnering/scheduler/): CP-SAT against the greedy
baseline on synthetic partnering days, in the same run.

Usage (from the repository root)::

    PYTHONPATH=. .venv/bin/python bench/meeting_scheduler.py [--sizes 200,2000] [--time-limit 60]
        [--workers 2] [--seed 1] [--json OUT]

Instances (generated, seeded): ``n`` participants; each requests 3-8 meetings (popular people are asked
more often: Pareto-skewed), about 70 % are accepted; 12-16 slots of 20 minutes with one break in the
middle; 80 % of people have an availability gap (they arrive late, leave early or miss one to three slots);
tables are 80 % of what the peak slot would need (accepted meetings / usable slots); priority 1-3.
Both schedules are scored by the same ``scheduler.evaluate``. The time limit applies to CP-SAT; the
200-person case gets a fifth of it (at least 10 s).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from samskap.partnering.scheduler import Meeting, Problem, Slot, evaluate, greedy, solve  # noqa: E402


def synthetic(n: int, seed: int) -> Problem:
    rng = random.Random(seed * 7919 + n)
    people = [f"p{i}" for i in range(n)]
    n_slots = rng.randint(12, 16)
    brk = n_slots // 2
    slots = [Slot(i, is_break=(i == brk)) for i in range(n_slots)]
    usable = [s.id for s in slots if not s.is_break]
    popularity = [rng.paretovariate(1.5) for _ in people]
    pairs: set[tuple[str, str]] = set()
    meetings: list[Meeting] = []
    for i, person in enumerate(people):
        wanted = rng.randint(3, 8)
        tries = 0
        asked = 0
        while asked < wanted and tries < 50:
            tries += 1
            j = rng.choices(range(n), weights=popularity)[0]
            if j == i:
                continue
            key = (min(person, people[j]), max(person, people[j]))
            if key in pairs:
                continue
            pairs.add(key)
            asked += 1
            if rng.random() < 0.7:  # accepted
                meetings.append(Meeting(len(meetings) + 1, person, people[j], rng.choice([1, 1, 2, 3])))
    availability: dict[str, frozenset[int]] = {}
    for person in people:
        r = rng.random()
        avail = set(usable)
        if r < 0.25:  # arrives late
            avail -= set(usable[: rng.randint(1, 4)])
        elif r < 0.5:  # leaves early
            avail -= set(usable[-rng.randint(1, 4):])
        elif r < 0.8:  # misses one to three slots (a talk elsewhere)
            avail -= set(rng.sample(usable, rng.randint(1, 3)))
        availability[person] = frozenset(avail)
    peak = math.ceil(len(meetings) / len(usable))
    tables = list(range(1, max(1, int(0.8 * peak)) + 1))
    return Problem(slots=slots, tables=tables, meetings=meetings, availability=availability)


def run(n: int, seed: int, time_limit: float, workers: int) -> dict[str, object]:
    base = synthetic(n, seed)
    problem = Problem(base.slots, base.tables, base.meetings, base.availability, time_limit=time_limit,
                      workers=workers, seed=seed)
    row: dict[str, object] = {
        "participants": n, "meetings": len(problem.meetings), "slots": len(problem.slots),
        "usable_slots": sum(1 for s in problem.slots if not s.is_break), "tables": len(problem.tables),
        "time_limit": time_limit,
    }
    for name, fn in (("greedy", greedy), ("cpsat", solve)):
        t0 = time.perf_counter()
        schedule = fn(problem)
        seconds = time.perf_counter() - t0
        placed, priority, idle = evaluate(problem, schedule.placements)
        st = schedule.stats
        row[name] = {"placed": placed, "priority": priority, "idle_gaps": idle, "status": st.status,
                     "bound_placed": st.bound_placed, "bound_priority": st.bound_priority,
                     "gap": st.gap, "gaps_bound": st.gaps_bound, "gaps_status": st.gaps_status,
                     "seconds": round(seconds, 2)}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="200,2000")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    print(f"# {platform.processor() or platform.machine()}, {os.cpu_count()} cores, python {platform.python_version()},"
          f" load {os.getloadavg()[0]:.1f}")
    print("| participants | meetings | slots | tables | method | status | placed | bound | gap | priority |"
          " idle gaps | gaps bound | s |")
    print("|---:|---:|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for n in [int(s) for s in args.sizes.split(",") if s]:
        limit = args.time_limit if n >= 1000 else max(10.0, args.time_limit / 5)
        row = run(n, args.seed, limit, args.workers)
        rows.append(row)
        for name in ("greedy", "cpsat"):
            r = row[name]
            assert isinstance(r, dict)
            gap = "" if r["gap"] is None else f"{100 * r['gap']:.2f} %"
            print(f"| {n} | {row['meetings']} | {row['usable_slots']}+1 break | {row['tables']} | {name} |"
                  f" {r['status']} | {r['placed']} | {r['bound_placed'] if r['bound_placed'] is not None else ''} |"
                  f" {gap} | {r['priority']} | {r['idle_gaps']} |"
                  f" {r['gaps_bound'] if r['gaps_bound'] is not None else ''} | {r['seconds']} |", flush=True)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
