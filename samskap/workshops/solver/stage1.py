"""Stage 1: the CP-SAT assignment model (running themes, group counts, every person's theme), its LP bound and hint completion.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import PlanningError, even_split_pairs, groups_needed


class LinearModel:
    """Solver-neutral linear model (emitted to CP-SAT and to GLOP)."""

    def __init__(self) -> None:
        self.lb: list[int] = []
        self.ub: list[int] = []
        self.rows: list[tuple[list[int], list[int], int | None, int | None]] = []
        self.obj: dict[int, int] = defaultdict(int)
        self.const = 0
        # auxiliary variables, kept to complete warm-start hints
        self.aux_u: list[tuple[int, str, str]] = []  # (u var, person, session)
        self.aux_lack: list[tuple[int, int, list[int]]] = []  # (lack, k, typed x vars)
        self.aux_pairs: list[tuple[int, int, list[int]]] = []  # (pairs, k, one org's x vars)
        # (k, q, open labels, label sizes, (label, moves var, its previous members' x), theme x)
        self.aux_moves: list[tuple[int, int, list[int], list[int], list[tuple[int, int, list[int]]],
                                   list[int]]] = []
        self.x_of: dict[tuple[str, str, str], int] = {}

    def var(self, lb: int, ub: int) -> int:
        self.lb.append(lb)
        self.ub.append(ub)
        return len(self.lb) - 1

    def add(self, terms: list[tuple[int, int]], lo: int | None, hi: int | None) -> None:
        acc: dict[int, int] = defaultdict(int)
        for v, c in terms:
            acc[v] += c
        vs = [v for v, c in acc.items() if c]
        self.rows.append((vs, [acc[v] for v in vs], lo, hi))

    def cost(self, v: int, c: int) -> None:
        self.obj[v] += c

@dataclass
class Stage1Model:
    """The stage-1 model and its variable containers (indices into ``lm``)."""

    lm: LinearModel
    x: dict[tuple[str, str, str], int]  # (person, session, theme) -> placed
    running: dict[tuple[str, str], int]  # (session, theme) -> runs
    k: dict[tuple[str, str], int]  # (session, theme) -> number of groups


@dataclass
class Stage1Result:
    assign: dict[tuple[str, str], str]  # (person, session) -> theme
    running: set[tuple[str, str]]  # (session, theme)
    status: str  # CP-SAT status name
    objective: float
    bound: float
    notes: list[str]


def build_stage1(idx: ProblemIndex) -> Stage1Model:
    st = idx.problem.settings
    W = st.weights
    M = st.max_group_size
    lm = LinearModel()
    x: dict[tuple[str, str, str], int] = {}
    running: dict[tuple[str, str], int] = {}
    kvar: dict[tuple[str, str], int] = {}
    for s in idx.sessions:
        T = idx.tables(s)
        for t in idx.themes[s]:
            for pid in idx.candidates[s][t]:
                x[(pid, s, t)] = lm.var(0, 1)
                lm.x_of[(pid, s, t)] = x[(pid, s, t)]
        for pid in idx.attending[s]:
            opts = [x[(pid, s, t)] for t in idx.themes[s] if (pid, s, t) in x]
            lock = idx.problem.locked.get((pid, s))
            if lock is not None:
                lv = x[(pid, s, lock.theme)]
                lm.add([(lv, 1)], 1, 1)
            u = lm.var(0, 1)  # not placed in this session
            lm.add([(v, 1) for v in opts] + [(u, 1)], 1, 1)
            lm.cost(u, W.unassigned)
            lm.aux_u.append((u, pid, s))
            for t in idx.themes[s]:
                v = x.get((pid, s, t))
                if v is not None and idx.rank_cost(pid, s, t):
                    lm.cost(v, idx.rank_cost(pid, s, t))
            prev = idx.problem.previous.get((pid, s))
            if prev is not None:
                lm.const += W.move_theme
                v = x.get((pid, s, prev.theme))
                if v is not None:
                    lm.cost(v, -W.move_theme)
        ks = []
        for t in idx.themes[s]:
            cand = idx.candidates[s][t]
            if not cand:
                continue
            kmax = min(T, groups_needed(len(cand), M))
            y = lm.var(0, 1)
            k = lm.var(0, kmax)
            running[(s, t)] = y
            kvar[(s, t)] = k
            ks.append(k)
            n = [(x[(pid, s, t)], 1) for pid in cand]
            lm.add(n + [(k, -M)], None, 0)  # n <= M*k
            lm.add(n + [(k, -M), (y, -1)], -M, None)  # n >= M*k - M + y (fewest groups)
            lm.add(n + [(y, -st.min_theme_size)], 0, None)  # n >= min*y
            lm.add([(k, 1), (y, -1)], 0, None)  # k >= y
            lm.add([(k, 1), (y, -kmax)], None, 0)  # k <= kmax*y
            if len(cand) < st.min_theme_size:
                lm.add([(y, 1)], 0, 0)
            # Rounding (MIR) cut.  With d first-choice registrants, d = q*M + r,
            # at least r*(q + 1 - k) of them cannot be seated in t:
            #   d - F >= r * (q + 1 - k)        (F = first choices seated in t)
            # Valid for every integer k (k >= q+1: trivial; k = q: F <= M*q;
            # k < q: r*(q+1-k) <= d - M*k).  It makes the LP see the seats lost
            # to whole tables, which the plain n <= M*k relaxation hides.
            firsts = [x[(pid, s, t)] for pid in cand if idx.rank.get((pid, s, t)) == 0]
            q, r = divmod(len(firsts), M)
            if r:
                lm.add([(v, -1) for v in firsts] + [(k, r)], r * (q + 1) - len(firsts), None)
            # mix: groups lacking a municipality / research actor
            for a, w in (
                ("municipality", W.lack_municipality),
                ("research", W.lack_research),
            ):
                if w and idx.has_type[(s, t, a)]:
                    typed = [x[(pid, s, t)] for pid in cand if idx.people[pid].actor_type == a]
                    lack = lm.var(0, kmax)
                    lm.add([(lack, 1), (k, -1)] + [(v, 1) for v in typed], 0, None)
                    lm.cost(lack, w)
                    lm.aux_lack.append((lack, k, typed))
            # same-organisation pairs: exact even-split value, linear in (n_o, k)
            if W.same_org_pair:
                by_org: dict[str, list[int]] = defaultdict(list)
                for pid in cand:
                    if idx.org[pid]:
                        by_org[idx.org[pid]].append(x[(pid, s, t)])
                for xs_o in by_org.values():
                    No = len(xs_o)
                    if No < 2:
                        continue
                    pv = lm.var(0, No * (No - 1) // 2)
                    for j in range(1, min(No, M)):
                        # pv >= j*c - j(j+1)/2 * k
                        lm.add(
                            [(pv, 1)] + [(v, -j) for v in xs_o] + [(k, j * (j + 1) // 2)],
                            0,
                            None,
                        )
                    lm.cost(pv, W.same_org_pair)
                    lm.aux_pairs.append((pv, k, xs_o))
            if W.move_group:
                add_group_moves(idx, lm, s, t, cand, [v for v, _ in n], k, kmax)
        if ks:
            lm.add([(k, 1) for k in ks], None, T)

    # never twice in the same topic (label) across sessions
    if st.distinct_labels_across_sessions and len(idx.sessions) > 1:
        for pid, p in idx.people.items():
            if any((pid, s) in idx.problem.locked for s in idx.sessions):
                continue
            by_label: dict[str, list[int]] = defaultdict(list)
            for s in idx.sessions:
                for t in p.choices.get(s) or []:
                    by_label[idx.label[(s, t)]].append(x[(pid, s, t)])
            for vs in by_label.values():
                if len(vs) > 1:
                    lm.add([(v, 1) for v in vs], None, 1)
    return Stage1Model(lm, x, running, kvar)

def add_group_moves(
    idx: ProblemIndex, lm: LinearModel, s: str, t: str, cand: list[str], xs: list[int], k: int,
    kmax: int,
) -> None:
    """Group moves of theme t, exactly as the best balanced split can keep them (locks ignored:
    a relaxation).

    Group label g (1..kmax) is open iff g <= k (``a_g``, a prefix of sum k), has size ``z_g``
    in {q, q+1} when open and 0 when closed, and the sizes sum to the theme's head-count n:
    these are exactly the balanced splits of n into k labelled groups.  Of the c_g chosen
    members whose previous group was g, at least c_g - z_g move (``m_g``); members whose
    previous group is beyond kmax always move.  Minimising over the sizes gives
    :func:`min_group_moves` for every assignment, so stage 1 stays a lower bound of the full
    objective and sees what a change of head-count costs in moves.
    """
    W = idx.problem.settings.weights
    M = idx.problem.settings.max_group_size
    by_group: dict[int, list[int]] = defaultdict(list)
    for pid in cand:
        prev = idx.problem.previous.get((pid, s))
        if prev is not None and prev.theme == t and prev.group is not None:
            by_group[prev.group].append(lm.x_of[(pid, s, t)])
    if not by_group:
        return
    for g, vs in by_group.items():
        if g > kmax:
            for v in vs:
                lm.cost(v, W.move_group)
    q = lm.var(0, M)
    acts: list[int] = []
    sizes: list[int] = []
    labels: list[tuple[int, int, list[int]]] = []
    for g in range(1, kmax + 1):
        a = lm.var(0, 1)
        z = lm.var(0, M)
        lm.add([(z, 1), (a, -M)], None, 0)  # closed: size 0
        lm.add([(z, 1), (q, -1)], None, 1)  # z <= q + 1
        lm.add([(z, 1), (q, -1), (a, -M)], -M, None)  # open: z >= q
        if acts:
            lm.add([(acts[-1], 1), (a, -1)], 0, None)  # open labels are 1..k
        acts.append(a)
        sizes.append(z)
        vs = by_group.get(g, [])
        if vs:
            m = lm.var(0, len(vs))
            lm.add([(m, 1), (z, 1)] + [(v, -1) for v in vs], 0, None)  # m_g >= c_g - z_g
            lm.cost(m, W.move_group)
            labels.append((g, m, vs))
    lm.add([(a, 1) for a in acts] + [(k, -1)], 0, 0)
    lm.add([(z, 1) for z in sizes] + [(v, -1) for v in xs], 0, 0)
    lm.aux_moves.append((k, q, acts, sizes, labels, xs))

def lp_relaxation_bound(lm: LinearModel, time_limit: float) -> float | None:
    """LP relaxation of the stage-1 model (GLOP): a valid lower bound."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver("GLOP")
    if solver is None:
        return None
    inf = solver.infinity()
    vs = [solver.NumVar(lb, ub, "") for lb, ub in zip(lm.lb, lm.ub, strict=True)]
    for idxs, coefs, lo, hi in lm.rows:
        ct = solver.Constraint(-inf if lo is None else lo, inf if hi is None else hi)
        for i, c in zip(idxs, coefs, strict=True):
            ct.SetCoefficient(vs[i], c)
    obj = solver.Objective()
    for i, c in lm.obj.items():
        obj.SetCoefficient(vs[i], c)
    obj.SetMinimization()
    solver.SetTimeLimit(int(max(1.0, time_limit) * 1000))
    if solver.Solve() != pywraplp.Solver.OPTIMAL:
        return None
    value = obj.Value() + lm.const
    # objective is integral: round up, minus a safety margin for float error
    return float(math.ceil(value - 1e-6 * max(1.0, abs(value)) - 1e-6))

def complete_hint(idx: ProblemIndex, model: Stage1Model, hint: dict[tuple[str, str], str]) -> list[int] | None:
    """Values for every stage-1 variable from an assignment (None if the
    assignment breaks a stage-1 constraint)."""
    M = idx.problem.settings.max_group_size
    lm, x, running_var, kvar = model.lm, model.x, model.running, model.k
    val = [0] * len(lm.lb)
    for (pid, s, t), v in x.items():
        val[v] = 1 if hint.get((pid, s)) == t else 0
    cnt: Counter = Counter((s, t) for (pid, s), t in hint.items())
    for (s, t), k in kvar.items():
        n = cnt[(s, t)]
        val[k] = groups_needed(n, M)
        val[running_var[(s, t)]] = 1 if n else 0
    for u, pid, s in lm.aux_u:
        val[u] = 0 if (pid, s) in hint else 1
    for lack, k, typed in lm.aux_lack:
        val[lack] = max(0, val[k] - sum(val[v] for v in typed))
    for pv, k, xs_o in lm.aux_pairs:
        val[pv] = even_split_pairs(sum(val[v] for v in xs_o), val[k])
    for k, q, acts, sizes, labels, xs in lm.aux_moves:
        kv = val[k]
        n = sum(val[v] for v in xs)
        qv, r = divmod(n, kv) if kv else (0, 0)
        val[q] = qv
        cnt_g = {g: sum(val[v] for v in vs) for g, _m, vs in labels}
        big = sorted(range(1, kv + 1), key=lambda g: (-(cnt_g.get(g, 0) > qv), g))[:r]
        for g in range(1, len(acts) + 1):
            val[acts[g - 1]] = 1 if g <= kv else 0
            val[sizes[g - 1]] = (qv + (1 if g in big else 0)) if g <= kv else 0
        for g, m, _vs in labels:
            val[m] = max(0, cnt_g[g] - val[sizes[g - 1]])
    for idxs, coefs, lo, hi in lm.rows:
        act = sum(c * val[i] for i, c in zip(idxs, coefs, strict=True))
        if (lo is not None and act < lo) or (hi is not None and act > hi):
            return None
    for i, v in enumerate(val):
        if not lm.lb[i] <= v <= lm.ub[i]:
            return None
    return val

def solve_stage1(idx: ProblemIndex, time_limit: float, hints: list[dict[tuple[str, str], str]]) -> Stage1Result:
    from ortools.sat.python import cp_model

    st = idx.problem.settings
    t_end = time.perf_counter() + time_limit
    notes: list[str] = []
    built = build_stage1(idx)
    lm, x, running_var = built.lm, built.x, built.running
    lp_bound = None
    # "auto" skips GLOP when group moves are modelled: their open/size rows make it several
    # times slower while its bound stays below the table-knapsack bound (replan5000: 14 s)
    if st.lp_bound == "always" or (st.lp_bound == "auto" and len(lm.lb) > 5000 and not lm.aux_moves):
        lp_bound = lp_relaxation_bound(lm, 0.75 * time_limit)
        if lp_bound is not None:
            notes.append(f"LP relaxation bound {lp_bound:.0f}")

    model = cp_model.CpModel()
    vs = [model.NewIntVar(lb, ub, "") for lb, ub in zip(lm.lb, lm.ub, strict=True)]
    for idxs, coefs, lo, hi in lm.rows:
        expr = cp_model.LinearExpr.WeightedSum([vs[i] for i in idxs], coefs)
        if lo is not None and hi is not None:
            model.AddLinearConstraint(expr, lo, hi)
        elif lo is not None:
            model.Add(expr >= lo)
        else:
            model.Add(expr <= hi)
    items = list(lm.obj.items())
    obj_expr = cp_model.LinearExpr.WeightedSum([vs[i] for i, _ in items], [c for _, c in items])
    if lp_bound is not None:
        model.Add(obj_expr + lm.const >= int(lp_bound))
    model.Minimize(obj_expr + lm.const)

    # warm start: the cheapest complete hint that satisfies the stage-1 model
    hint_values = None
    hint_obj = None
    for hint in hints:
        vals = complete_hint(idx, built, hint)
        if vals is None:
            continue
        obj = sum(c * vals[i] for i, c in lm.obj.items()) + lm.const
        if hint_obj is None or obj < hint_obj:
            hint_values, hint_obj = vals, obj
    if hint_values is not None:
        for i, val in enumerate(hint_values):
            model.AddHint(vs[i], val)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.5, t_end - time.perf_counter())
    solver.parameters.num_workers = int(st.num_workers)
    solver.parameters.random_seed = int(st.seed)
    # CP-SAT presolve rewrites the assignment rows into value encodings that
    # weaken its LP on this model (measured: 65-person case 2.1 s -> 0.1 s).
    solver.parameters.cp_model_presolve = False
    if st.relative_gap_limit:
        solver.parameters.relative_gap_limit = float(st.relative_gap_limit)
    solver.parameters.log_search_progress = bool(st.log)
    for key, value in st.cpsat_params.items():
        setattr(solver.parameters, key, value)
    status = solver.Solve(model)
    name = solver.StatusName(status)
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if not found and (status == cp_model.INFEASIBLE or hint_obj is None):
        if status == cp_model.INFEASIBLE:
            raise PlanningError(
                "no feasible plan: the locked placements conflict with the table "
                "limit, the minimum theme size or each other"
            )
        raise PlanningError(f"no plan found within {time_limit:.1f} s (status {name})")
    assign: dict[tuple[str, str], str] = {}
    objective = solver.ObjectiveValue() if found else math.inf
    if hint_obj is not None and hint_obj < objective:
        # CP-SAT did not even reach the (complete, feasible) warm start
        notes.append("stage 1 kept the warm start (CP-SAT found nothing better in time)")
        objective = hint_obj
        assert hint_values is not None  # set together with hint_obj
        for (pid, s, t), v in x.items():
            if hint_values[v]:
                assign[(pid, s)] = t
        running = {key for key, y in running_var.items() if hint_values[y]}
    else:
        for (pid, s, t), v in x.items():
            if solver.Value(vs[v]):
                assign[(pid, s)] = t
        running = {key for key, y in running_var.items() if solver.Value(vs[y])}
    bound = solver.BestObjectiveBound() if found else -math.inf
    if lp_bound is not None:
        bound = max(bound, lp_bound)
    return Stage1Result(assign, running, name, objective, bound, notes)
