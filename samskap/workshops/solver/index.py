"""ProblemIndex: the problem indexed for the models (ids, choices, organisations, locks).
"""

from __future__ import annotations

from samskap.workshops.solver.types import TYPE_RANK, Participant, PlanningError, Problem, org_key


class ProblemIndex:
    """Validated lookups shared by the solver, the baseline and evaluate()."""

    def __init__(self, problem: Problem):
        st = problem.settings
        errors: list[str] = []
        if st.max_group_size < 2:
            errors.append(f"max_group_size must be at least 2 (got {st.max_group_size})")
        if st.min_theme_size < 1:
            errors.append(f"min_theme_size must be at least 1 (got {st.min_theme_size})")
        if st.max_groups_per_session is not None and st.max_groups_per_session < 1:
            errors.append(
                f"max_groups_per_session must be at least 1 (got {st.max_groups_per_session})"
            )
        self.problem = problem
        self.sessions = [s.id for s in problem.sessions]
        if len(set(self.sessions)) != len(self.sessions):
            errors.append("duplicate session ids")
        self.themes: dict[str, list[str]] = {}
        self.label: dict[tuple[str, str], str] = {}
        for sess in problem.sessions:
            ids = [t.id for t in sess.themes]
            if len(set(ids)) != len(ids):
                errors.append(f"duplicate theme ids in session {sess.id}")
            self.themes[sess.id] = ids
            for theme in sess.themes:
                self.label[(sess.id, theme.id)] = theme.label
        self.people: dict[str, Participant] = {}
        for p in problem.participants:
            if p.id in self.people:
                errors.append(f"duplicate participant id {p.id!r}")
            self.people[p.id] = p
            if p.actor_type not in TYPE_RANK:
                errors.append(f"participant {p.id}: unknown actor type {p.actor_type!r}")
            for sid, ch in p.choices.items():
                if sid not in self.themes:
                    if ch:
                        errors.append(f"participant {p.id}: unknown session {sid!r}")
                    continue
                if len(ch) > len(st.weights.rank):
                    errors.append(
                        f"participant {p.id}: {len(ch)} choices in session {sid} but only "
                        f"{len(st.weights.rank)} rank weights"
                    )
                if len(set(ch)) != len(ch):
                    errors.append(f"participant {p.id}: repeated theme in session {sid}")
                unknown = [t for t in ch if (sid, t) not in self.label]
                if unknown:
                    errors.append(
                        f"participant {p.id}: unknown theme(s) {unknown} in session {sid}"
                    )
        staff_ids = [s.id for s in problem.staff]
        if len(set(staff_ids)) != len(staff_ids):
            errors.append("duplicate staff ids")
        if set(staff_ids) & set(self.people):
            errors.append("staff ids must differ from participant ids")
        for what, mapping in (("locked", problem.locked), ("previous", problem.previous)):
            for (pid, sid), pl in mapping.items():
                if pid not in self.people:
                    errors.append(f"{what}: unknown participant {pid!r}")
                elif (sid, pl.theme) not in self.label:
                    errors.append(f"{what}: unknown theme {pl.theme!r} in session {sid!r}")
        if errors:
            raise PlanningError("; ".join(errors))

        # candidates[s][t] = participant ids that may be placed in t
        self.rank: dict[tuple[str, str, str], int] = {}
        self.candidates: dict[str, dict[str, list[str]]] = {
            s: {t: [] for t in self.themes[s]} for s in self.sessions
        }
        self.attending: dict[str, list[str]] = {s: [] for s in self.sessions}
        for p in problem.participants:
            for s in self.sessions:
                ch = list(p.choices.get(s) or [])
                lock = problem.locked.get((p.id, s))
                if not ch and lock is None:
                    continue
                self.attending[s].append(p.id)
                for r, t in enumerate(ch):
                    self.rank[(p.id, s, t)] = r
                    self.candidates[s][t].append(p.id)
                if lock is not None and (p.id, s, lock.theme) not in self.rank:
                    self.rank[(p.id, s, lock.theme)] = -1  # locked outside choices: cost 0
                    self.candidates[s][lock.theme].append(p.id)
        self.org = {pid: org_key(p.organisation) for pid, p in self.people.items()}
        # does a theme have any registrant of a type (mix rule only applies then)
        self.has_type: dict[tuple[str, str, str], bool] = {}
        for s in self.sessions:
            for t in self.themes[s]:
                types = {self.people[pid].actor_type for pid in self.candidates[s][t]}
                for a in ("municipality", "research"):
                    self.has_type[(s, t, a)] = a in types

    def tables(self, s: str) -> int:
        T = self.problem.settings.max_groups_per_session
        return T if T is not None else max(1, len(self.attending[s]))

    def rank_cost(self, pid: str, s: str, t: str) -> int:
        r = self.rank.get((pid, s, t))
        if r is None:
            raise KeyError((pid, s, t))
        return 0 if r < 0 else self.problem.settings.weights.rank[r]
