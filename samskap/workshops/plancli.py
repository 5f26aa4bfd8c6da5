"""Plan a workshop from a registration file -- pure Python, no Django.

``run_plan`` is the engine of ``samskap workshop plan FILE ... --json OUT``:
it reads the registrations (regimport), checks the settings, solves
(solver) and returns the JSON-ready dict described in
docs/benchmarks.md ("CLI contract").
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from samskap.workshops.regimport import Registration, check_settings, read_registrations
from samskap.workshops.solver import (
    Participant,
    Plan,
    Problem,
    Session,
    Settings,
    StaffMember,
    Theme,
    solve,
)

DEFAULT_MAX_GROUP_SIZE = 8
DEFAULT_MIN_THEME_SIZE = 4
DEFAULT_TIME_LIMIT = 30.0


def registration_to_problem(
    reg: Registration,
    settings: Settings,
    staff: Sequence[str] = (),
) -> Problem:
    """Solver input from imported registrations.

    Participant ids are ``"row<N>"``; theme ids are the canonical labels, so a
    theme offered in two sessions has the same label in both and nobody is
    placed in it twice.
    """
    sessions = [Session(s, [Theme(lab, lab) for lab in reg.themes[s]]) for s in reg.sessions]
    people = [
        Participant(
            id=f"row{r.row}",
            name=r.name,
            organisation=r.organisation,
            actor_type=r.actor_type,
            choices={s: list(c) for s, c in r.choices.items() if c},
            volunteer_host=r.volunteer_host,
            volunteer_note_taker=r.volunteer_note_taker,
        )
        for r in reg.participants
    ]
    staff_members = [StaffMember(f"staff{i}", name) for i, name in enumerate(staff, start=1)]
    return Problem(sessions, people, staff_members, settings)


def plan_to_dict(reg: Registration, problem: Problem, plan: Plan) -> dict:
    people = {p.id: p for p in problem.participants}
    labels = {(s.id, t.id): t.label for s in problem.sessions for t in s.themes}
    staff = {s.id: s.name for s in problem.staff}

    def who(pid: str | None) -> str | None:
        if pid is None:
            return None
        if pid in people:
            return people[pid].name
        return staff.get(pid, pid)

    sessions = []
    for sp in plan.sessions:
        themes = []
        for tp in sp.themes:
            themes.append(
                {
                    "theme": tp.theme,
                    "status": tp.status,
                    "registrants": tp.registrants,
                    "first_choices": tp.first_choices,
                    "groups": [
                        {
                            "group": g.number,
                            "host": who(g.host),
                            "host_kind": g.host_kind,
                            "note_taker": who(g.note_taker),
                            "note_taker_kind": g.note_taker_kind,
                            "members": [
                                {
                                    "name": people[pid].name,
                                    "organisation": people[pid].organisation,
                                    "actor_type": people[pid].actor_type,
                                }
                                for pid in g.members
                            ],
                            "mix": g.mix,
                            "same_org_pairs": g.same_org_pairs,
                        }
                        for g in tp.groups
                    ],
                }
            )
        sessions.append({"session": sp.session, "tables_used": sp.tables_used, "themes": themes})
    st = plan.stats
    return {
        "sessions": sessions,
        "unassigned": [
            {
                "name": people[u.participant].name,
                "organisation": people[u.participant].organisation,
                "session": u.session,
                "reason": str(u.reason),  # a code: cancelled | same_theme | no_seat
                "reason_themes": [labels[(u.session, t)] for t in u.themes],
            }
            for u in plan.unassigned
        ],
        "merged_labels": dict(reg.merged_labels),
        "themes_found": {s: list(reg.themes[s]) for s in reg.sessions},
        "warnings": list(reg.warnings),
        "stats": {
            "objective": st.objective,
            "bound": st.bound,
            "gap": st.gap,
            "seconds": st.seconds,
            "status": st.status,
            "stage1_status": st.stage1_status,
            "breakdown": st.breakdown,
            "notes": st.notes,
        },
        "settings": {
            "max_group_size": problem.settings.max_group_size,
            "min_theme_size": problem.settings.min_theme_size,
            "max_groups_per_session": problem.settings.max_groups_per_session,
            "time_limit": problem.settings.time_limit,
        },
    }


def run_plan(
    path: str | Path,
    max_group_size: int = DEFAULT_MAX_GROUP_SIZE,
    min_theme_size: int = DEFAULT_MIN_THEME_SIZE,
    max_groups_per_session: int | None = None,
    time_limit: float = DEFAULT_TIME_LIMIT,
    *,
    themes: Sequence[str] | Mapping[str, Sequence[str]] | None = None,
    staff: Sequence[str] = (),
    num_workers: int = 2,
    seed: int = 0,
    merge: bool = True,
) -> dict:
    """Read ``path``, plan, and return the JSON-ready result.

    ``merge=False``: theme labels are taken as written (only case, punctuation and whitespace are ignored);
    otherwise spelling variants of one label are merged (listed under ``merged_labels``). The themes found
    per session are under ``themes_found``.

    Raises ``RegistrationImportError`` (a ValueError with ``.errors``) for bad
    files or impossible settings and ``PlanningError`` (ValueError) when no
    plan exists.
    """
    reg = read_registrations(path, themes=themes, merge=merge)
    check_settings(reg, max_group_size, min_theme_size, max_groups_per_session)
    settings = Settings(
        min_theme_size=min_theme_size,
        max_group_size=max_group_size,
        max_groups_per_session=max_groups_per_session,
        time_limit=time_limit,
        num_workers=num_workers,
        seed=seed,
    )
    problem = registration_to_problem(reg, settings, staff)
    plan = solve(problem)
    return plan_to_dict(reg, problem, plan)


def write_json(result: dict, out: str | Path) -> None:
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
