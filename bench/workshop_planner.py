"""Benchmark of the workshop planner (samskap/workshops/solver.py).

Usage (from the repository root)::

    .venv/bin/python bench/workshop_planner.py [--quick] [--no-replan] [--only NAME] [--plan-cache FILE]
        [--time-limit 40] [--json OUT]

Instances (generated, seeded, no external data):

* ``workshop65``  -- shaped like the 2016 Nord-Trøndelag utviklingsverksted:
  65 people, 8 themes offered in two sessions, one theme with low sign-up,
  one very popular theme, tables limited.
* ``synthetic5000`` -- 5,000 people, 20 themes in each of 2 sessions, 3 ranked
  choices, skewed theme popularity, skewed organisations (a few large
  institutes send many people), tables tight enough to bind.
* ``replan5000`` -- the 5,000 instance re-planned after late changes
  (2 % changed choices, 1 % cancellations, 1 % late registrations, 100 locks).

Every instance is solved by the CP-SAT planner (num_workers=2) and by the
greedy first-come baseline in the same run; both plans are scored by the
same independent ``evaluate()``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from samskap.workshops.solver import (  # noqa: E402
    Participant,
    Placement,
    Problem,
    Session,
    Settings,
    StaffMember,
    Theme,
    evaluate,
    greedy_first_come,
    solve,
)

THEMES_2016 = [
    "Samarbeid om kompetanse og FoU",
    "Kommunen som næringsutvikler",
    "Strategi for bioøkonomi",
    "Innovative offentlige anskaffelser",
    "Kommunale tjenester ved akutt sykdom",
    "Laboratorium for folkehelse",
    "Responssenter for helse og omsorgstjenester",
    "Samarbeid på tvers av grunnskole og videregående skole",
]

ORGS_2016 = [
    # (organisation, actor type, weight)
    ("Steinkjer kommune", "municipality", 6),
    ("Levanger kommune", "municipality", 5),
    ("Stjørdal kommune", "municipality", 4),
    ("Namsos kommune", "municipality", 4),
    ("Verdal kommune", "municipality", 3),
    ("Innherred samkommune", "municipality", 4),
    ("Snåsa kommune", "municipality", 2),
    ("Overhalla kommune", "municipality", 2),
    ("Inderøy kommune", "municipality", 2),
    ("Frosta kommune", "municipality", 2),
    ("Nord universitet", "research", 6),
    ("Trøndelag Forskning og Utvikling", "research", 5),
    ("NTNU", "research", 3),
    ("SINTEF", "research", 2),
    ("HUNT forskningssenter", "research", 2),
    ("KS Nord-Trøndelag", "funding", 3),
    ("Nord-Trøndelag fylkeskommune", "funding", 4),
    ("Fylkesmannen i Nord-Trøndelag", "funding", 2),
    ("Forskningsrådet", "funding", 2),
    ("Innovasjon Norge", "funding", 1),
    ("Helse Nord-Trøndelag", "other", 2),
]


def _ranked(rnd: random.Random, weights: list[float], k: int, exclude=()) -> list[int]:
    items = [i for i in range(len(weights)) if i not in exclude]
    out: list[int] = []
    while items and len(out) < k:
        w = [weights[i] for i in items]
        i = rnd.choices(items, weights=w)[0]
        out.append(i)
        items.remove(i)
    return out


def workshop65(seed: int = 2016) -> Problem:
    rnd = random.Random(seed)
    # popularity: theme 1 very popular, theme 4 hardly chosen
    pop = [9.0, 3.0, 2.5, 0.15, 2.5, 2.5, 2.0, 2.0]
    sessions = [
        Session(s, [Theme(f"T{i + 1}", f"Tema {i + 1}: {lab}") for i, lab in enumerate(THEMES_2016)])
        for s in ("1", "2")
    ]
    people = []
    for i in range(65):
        org, typ, _ = rnd.choices(ORGS_2016, weights=[o[2] for o in ORGS_2016])[0]
        ch: dict[str, list[str]] = {}
        s1 = _ranked(rnd, pop, 3)
        ch["1"] = [f"T{j + 1}" for j in s1]
        # most people pick other themes for session 2
        s2 = _ranked(rnd, pop, 3, exclude=s1[:1])
        ch["2"] = [f"T{j + 1}" for j in s2] if rnd.random() > 0.05 else []
        people.append(
            Participant(
                f"p{i + 1}",
                f"Deltaker {i + 1}",
                org,
                typ,
                ch,
                volunteer_host=rnd.random() < 0.15,
                volunteer_note_taker=rnd.random() < 0.15,
            )
        )
    staff = [StaffMember(f"staff{i}", f"TFoU-ansatt {i}") for i in range(1, 7)]
    settings = Settings(
        min_theme_size=5, max_group_size=7, max_groups_per_session=11, time_limit=10.0
    )
    return Problem(sessions, people, staff, settings)


def synthetic(n: int = 5000, n_themes: int = 20, seed: int = 7, slack: int = 5) -> Problem:
    rnd = random.Random(seed)
    orgs: list[tuple[str, str, float]] = []
    # a few large institutes send many people
    orgs += [("NTNU", "research", 600), ("SINTEF", "research", 350),
             ("Nord universitet", "research", 250), ("Trøndelag Forskning og Utvikling", "research", 60)]
    orgs += [(f"Forskningsinstitutt {i}", "research", 15) for i in range(20)]
    orgs += [("Trondheim kommune", "municipality", 300)]
    orgs += [(f"Kommune {i} kommune", "municipality", rnd.choice([5, 10, 20, 40, 80])) for i in range(80)]
    orgs += [("Trøndelag fylkeskommune", "funding", 120), ("Forskningsrådet", "funding", 60),
             ("KS", "funding", 50), ("Innovasjon Norge", "funding", 40)]
    orgs += [(f"Bedrift {i} AS", "other", 8) for i in range(60)]
    weights = [o[2] for o in orgs]
    labels = [f"Tema {i + 1}" for i in range(n_themes)]
    sessions = [Session(s, [Theme(f"T{i + 1}", labels[i]) for i in range(n_themes)]) for s in ("1", "2")]
    pops = {}
    for s in ("1", "2"):
        p = [1.0 / (i + 1) ** 0.9 for i in range(n_themes)]
        rnd.shuffle(p)
        pops[s] = p
    people = []
    for i in range(n):
        org, typ, _ = rnd.choices(orgs, weights=weights)[0]
        ch = {}
        first: list[int] = []
        for s in ("1", "2"):
            if rnd.random() < 0.05:
                ch[s] = []
                continue
            # mostly distinct topics across sessions, some overlap
            excl = first if rnd.random() < 0.8 else ()
            picks = _ranked(rnd, pops[s], 3, exclude=excl)
            first = picks
            ch[s] = [f"T{j + 1}" for j in picks]
        people.append(Participant(f"p{i}", f"Person {i}", org, typ, ch,
                                  volunteer_host=rnd.random() < 0.08,
                                  volunteer_note_taker=rnd.random() < 0.08))
    M = 10
    attending = max(sum(1 for p in people if p.choices.get(s)) for s in ("1", "2"))
    tables = math.ceil(attending / M) + slack
    settings = Settings(min_theme_size=8, max_group_size=M, max_groups_per_session=tables)
    staff = [StaffMember(f"staff{i}", f"Staff {i}") for i in range(100)]
    return Problem(sessions, people, staff, settings)


def perturb(problem: Problem, placements: dict, seed: int = 11) -> Problem:
    """Late changes after publishing a plan (its ``placements()``): returns the re-planning problem."""
    rnd = random.Random(seed)
    people = [
        Participant(p.id, p.name, p.organisation, p.actor_type,
                    {s: list(c) for s, c in p.choices.items()},
                    p.volunteer_host, p.volunteer_note_taker)
        for p in problem.participants
    ]
    n = len(people)
    theme_ids = [t.id for t in problem.sessions[0].themes]
    for p in rnd.sample(people, n // 50):  # 2 % change a session's choices
        s = rnd.choice(list(p.choices))
        p.choices[s] = rnd.sample(theme_ids, 3)
    gone = set(p.id for p in rnd.sample(people, n // 100))  # 1 % cancel
    people = [p for p in people if p.id not in gone]
    for i in range(n // 100):  # 1 % late registrations
        donor = rnd.choice(people)
        people.append(Participant(f"late{i}", f"Late {i}", donor.organisation,
                                  donor.actor_type,
                                  {s: rnd.sample(theme_ids, 3) for s in ("1", "2")}))
    previous = {k: v for k, v in placements.items() if k[0] not in gone}
    locked = {k: previous[k] for k in rnd.sample(sorted(previous), 100)}
    # keep locks consistent with possibly changed choices: locks win
    return Problem(problem.sessions, people, problem.staff, problem.settings,
                   previous=previous, locked=locked)


def run_instance(name: str, problem: Problem) -> dict:
    t = time.perf_counter()
    greedy = greedy_first_come(problem)
    g_sec = time.perf_counter() - t
    t = time.perf_counter()
    plan = solve(problem)
    s_sec = time.perf_counter() - t
    ev_s = evaluate(problem, plan)
    ev_g = evaluate(problem, greedy)
    st = plan.stats
    row = {
        "instance": name,
        "participants": len(problem.participants),
        "person_sessions": ev_s.metrics.attending,
        "tables": problem.settings.max_groups_per_session,
        "status": st.status,
        "stage1_status": st.stage1_status,
        "objective": st.objective,
        "bound": st.bound,
        "gap": st.gap,
        "seconds": round(s_sec, 2),
        "stage1_seconds": st.stage1_seconds,
        "stage2_seconds": st.stage2_seconds,
        "stage2_cpsat_themes": st.stage2_cpsat_themes,
        "solver_metrics": asdict(ev_s.metrics),
        "solver_breakdown": ev_s.breakdown,
        "violations": ev_s.violations,
        "greedy_violations": ev_g.violations,
        "greedy_objective": ev_g.objective,
        "greedy_seconds": round(g_sec, 2),
        "greedy_metrics": asdict(ev_g.metrics),
        "greedy_breakdown": ev_g.breakdown,
        "notes": st.notes[:5],
    }
    return row, plan


def machine() -> dict:
    model = ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    import ortools

    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "ortools": ortools.__version__,
        "date": time.strftime("%Y-%m-%d %H:%M"),
    }


def fmt(rows: list[dict]) -> str:
    lines = [
        "| instance | who | objective | bound | gap | seconds | placed | 1st choice | "
        "same-org pairs | groups w/o municipality | groups w/o research |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        m, g = r["solver_metrics"], r["greedy_metrics"]
        lines.append(
            f"| {r['instance']} | CP-SAT ({r['status']}) | {r['objective']:.0f} | {r['bound']:.0f} | "
            f"{100 * r['gap']:.2f} % | {r['seconds']:.2f} | {100 * m['placed_share']:.2f} % | "
            f"{100 * m['first_choice_share']:.2f} % | {m['same_org_pairs']} | "
            f"{m['groups_lacking_municipality']} | {m['groups_lacking_research']} |"
        )
        lines.append(
            f"| {r['instance']} | greedy first-come | {r['greedy_objective']:.0f} | – | – | "
            f"{r['greedy_seconds']:.2f} | {100 * g['placed_share']:.2f} % | "
            f"{100 * g['first_choice_share']:.2f} % | {g['same_org_pairs']} | "
            f"{g['groups_lacking_municipality']} | {g['groups_lacking_research']} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="only the 65-person instance")
    ap.add_argument("--no-replan", action="store_true",
                    help="skip replan5000 (65-person and 5,000-person instances only)")
    ap.add_argument("--time-limit", type=float, default=40.0, help="5,000-person limit (s)")
    ap.add_argument("--gap", type=float, default=0.0, help="stage-1 relative gap stop")
    ap.add_argument("--json", help="write all figures to this JSON file")
    ap.add_argument("--only", action="append", choices=("workshop65", "synthetic5000", "replan5000"),
                    help="run only this instance (repeatable); replan5000 alone still needs the "
                    "synthetic5000 plan: from --plan-cache, or solved first and not reported")
    ap.add_argument("--plan-cache",
                    help="JSON file with the synthetic5000 plan's placements: read if it exists "
                    "(replan5000 is then derived from exactly that plan), else written")
    args = ap.parse_args(argv)
    only = set(args.only or ())

    def wanted(name: str) -> bool:
        if only:
            return name in only
        if name == "workshop65":
            return True
        if name == "synthetic5000":
            return not args.quick
        return not args.quick and not args.no_replan

    rows = []
    info = machine()
    info["load_before"] = os.getloadavg()
    print(json.dumps(info))
    keys = ("instance", "status", "objective", "bound", "gap", "seconds")
    if wanted("workshop65"):
        p65 = workshop65()
        row, _ = run_instance("workshop65", p65)
        rows.append(row)
        print(json.dumps({k: row[k] for k in keys}))
    if wanted("synthetic5000") or wanted("replan5000"):
        big = synthetic()
        big.settings.time_limit = args.time_limit
        big.settings.relative_gap_limit = args.gap
        cache = Path(args.plan_cache) if args.plan_cache else None
        placements = None
        if cache is not None and cache.exists() and not wanted("synthetic5000"):
            placements = {
                (pid, s): Placement(t, g) for pid, s, t, g in json.loads(cache.read_text())
            }
            print(f"synthetic5000 plan read from {cache}")
        else:
            if wanted("synthetic5000"):
                row, plan = run_instance("synthetic5000", big)
                rows.append(row)
                print(json.dumps({k: row[k] for k in keys}))
            else:
                plan = solve(big)
                print("synthetic5000 solved for the previous plan (not reported):",
                      plan.stats.objective)
            placements = plan.placements()
            if cache is not None:
                cache.write_text(json.dumps(
                    sorted([pid, s, pl.theme, pl.group] for (pid, s), pl in placements.items())))
    if wanted("replan5000"):
        re = perturb(big, placements)
        re.settings.time_limit = max(5.0, args.time_limit - 10)  # stage 2 re-splits every theme
        row, _ = run_instance("replan5000", re)
        rows.append(row)
        print(json.dumps({k: row[k] for k in ("instance", "status", "objective", "bound", "gap", "seconds")}))
    print()
    print(fmt(rows))
    for r in rows:
        if r["violations"]:
            print("SOLVER VIOLATIONS", r["instance"], r["violations"][:5])
        if r["greedy_violations"]:
            print(f"greedy baseline broke {len(r['greedy_violations'])} rule(s) on {r['instance']}:",
                  r["greedy_violations"][:3])
    info["load_after"] = os.getloadavg()
    print("load average (1, 5, 15 min) before:", info["load_before"], "after:", info["load_after"])
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": info, "rows": rows}, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
