"""The table-knapsack relaxation: a valid lower bound with exact per-session table limits.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from samskap.workshops.solver.costs import option_costs
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import groups_needed

if TYPE_CHECKING:
    import numpy as np

INF = float("inf")

_MAX_COMBOS = 256

_AGG_INFLOW_CAP = 8

_LS_WIDTH = 4

_LS_K_SPAN = 4

_AGG_SOLVERS = ("HIGHS", "SCIP")  # MIP solvers bundled with OR-Tools

class ThemeTable:
    """h_t(k, c): least cost attributable to theme t (see :func:`knapsack_bound`).

    ``members``: people whose unique cheapest option is t, as (org, delta,
    forced); delta = extra cost of any other outcome.  ``h(k, out)``:
    displacement cost of the members not kept plus their even-split pair cost
    with k groups, when the members in ``out`` may not be kept and at most
    M*k are kept.  Exact by a greedy on marginal costs: for one organisation,
    keeping its i-th member (members by decreasing delta) changes the cost by
    W_pair*floor(i/k) - delta, which increases with i, so the cheapest
    selection under one cardinality limit takes the smallest negative
    marginals (a separable convex allocation).
    """

    def __init__(self, members: list[tuple[str, int, bool]], w_pair: int, M: int):
        import numpy as np

        self.M = M
        self.w_pair = w_pair
        orgs = sorted({o for o, _, _ in members})
        oid = {o: i for i, o in enumerate(orgs)}
        order = sorted(range(len(members)), key=lambda i: (
            oid[members[i][0]], not members[i][2], -members[i][1]))
        self.where = {i: j for j, i in enumerate(order)}  # member -> sorted position
        m = [members[i] for i in order]
        self.org = np.array([oid[o] for o, _, _ in m], dtype=np.int64)
        self.has_org = np.array([bool(o) for o, _, _ in m], dtype=bool)
        self.delta = np.array([d for _, d, _ in m], dtype=np.int64)
        self.forced = np.array([f for _, _, f in m], dtype=bool)
        n = len(m)
        start = np.zeros(n, dtype=np.int64)
        for j in range(1, n):
            start[j] = start[j - 1] if self.org[j] == self.org[j - 1] else j
        self.start = start
        self.total_delta = int(self.delta[~self.forced].sum()) if n else 0
        self._pos: dict[frozenset[int], tuple[np.ndarray, np.ndarray]] = {}

    def _positions(self, out: frozenset[int]) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        got = self._pos.get(out)
        if got is None:
            keep = np.ones(len(self.org), dtype=bool)
            for i in out:
                keep[self.where[i]] = False
            cs = np.cumsum(keep) - keep  # kept members before j
            pos = cs - cs[self.start] if len(cs) else cs
            got = (keep, pos)
            self._pos[out] = got
        return got

    def h(self, k: int, out: frozenset[int] = frozenset(), taken: int = 0) -> float:
        """``taken`` seats are occupied by people from outside D_t."""
        import numpy as np

        if k <= 0:
            return INF if self.forced.any() or taken else self.total_delta
        if not len(self.org):
            return 0 if taken <= self.M * k else INF
        keep, pos = self._positions(out)
        pc = np.where(self.has_org, self.w_pair * (pos // k), 0)
        forced = self.forced
        n_forced = int(forced.sum())
        cap = self.M * k - n_forced - taken
        if cap < 0:
            return INF
        forced_cost = int(pc[forced].sum())
        marg = (pc - self.delta)[keep & ~forced]
        neg = marg[marg < 0]
        if len(neg) > cap:
            neg = np.partition(neg, cap - 1)[:cap] if cap > 0 else neg[:0]
        return self.total_delta + forced_cost + int(neg.sum())

    def h_taken(self, k: int, out: frozenset[int], n_taken: int) -> list[float]:
        """[h(k, out, i) for i in 0..n_taken] with one sort."""
        import numpy as np

        if k <= 0 or not len(self.org):
            return [self.h(k, out, i) for i in range(n_taken + 1)]
        keep, pos = self._positions(out)
        pc = np.where(self.has_org, self.w_pair * (pos // k), 0)
        forced = self.forced
        n_forced = int(forced.sum())
        forced_cost = int(pc[forced].sum())
        marg = (pc - self.delta)[keep & ~forced]
        neg = np.sort(marg[marg < 0])
        cums = np.concatenate(([0], np.cumsum(neg)))
        res = []
        for i in range(n_taken + 1):
            cap = self.M * k - n_forced - i
            if cap < 0:
                res.append(INF)
            else:
                res.append(self.total_delta + forced_cost + int(cums[min(cap, len(neg))]))
        return res

    def kept_taken(self, k: int, out: frozenset[int], n_taken: int) -> list[tuple[int, int]]:
        """[(kept, eps) for i in 0..n_taken]: how many non-forced members the minimum of ``h(k, out, i)``
        keeps, and the least extra cost of keeping one fewer (its least negative selected marginal,
        negated; h is convex in the number kept, so every further one costs at least as much)."""
        import numpy as np

        res: list[tuple[int, int]] = []
        if k <= 0 or not len(self.org):
            return [(0, 0)] * (n_taken + 1)
        keep, pos = self._positions(out)
        pc = np.where(self.has_org, self.w_pair * (pos // k), 0)
        n_forced = int(self.forced.sum())
        marg = (pc - self.delta)[keep & ~self.forced]
        neg = np.sort(marg[marg < 0])
        for i in range(n_taken + 1):
            m = max(0, min(self.M * k - n_forced - i, len(neg)))
            res.append((m, int(-neg[m - 1]) if m else 0))
        return res

@dataclass
class KnapsackBound:
    """The table-knapsack relaxation's bound and the point it found (a start for the local search)."""

    bound: float
    status: str  # OPTIMAL | FEASIBLE
    k: dict[tuple[str, str], int]  # (session, theme) -> group count
    out: set[tuple[str, str]]  # conflicted (person, session) not kept in their cheapest theme
    best: dict[tuple[str, str], str]  # (person, session) -> cheapest theme


def knapsack_bound(idx: ProblemIndex, time_limit: float) -> KnapsackBound | None:
    """Integer lower bound from a small relaxation with exact group counts.

    The stage-1 LP lets group counts be fractional, so it can shave "part of
    a table" from many themes at once; this relaxation keeps every k_t
    integer and the per-session table knapsack exact, at the price of
    aggregating people.  Notation: c0(p,s) is the cheapest stage-1 cost of
    person-session (p,s) over its options (themes it may join, or unplaced);
    if that is a unique theme b(p,s), delta(p,s) > 0 is the extra cost of
    every other outcome (locked people: only the lock, delta = infinity).
    D_t = people with b = t.  "Conflicted" = a person without locks whose
    cheapest themes in several sessions share a label.

    Proof of validity.  For any feasible plan P (k_t its group counts, S_t
    the members of theme t, O_t the conflicted people of D_t not in t, I_t
    the conflicted people seated in t although b != t):

    1. cost(P) >= sum c0 + sum_{(p,s) not seated in b} delta(p,s)
                 + extra(p,s) + pair cost + lack cost, where extra >= 0 is
       the cost of a conflicted person's actual outcome beyond c0 + delta
       (group moves: step 5);
    2. pairs in t >= sum_o g(|S_t ∩ D_t ∩ o|, k_t), g = even_split_pairs
       (g is nondecreasing in n and even splitting is least), and
       |S_t ∩ D_t| <= M*k_t - |I_t|;
    3. lack of municipality >= max(0, k_t - m_t), m_t = all municipality
       registrants of t (an upper bound on the members); same for research;
    4. sum_t k_t <= tables(s); a conflicted person keeps b in at most one
       of the sessions whose cheapest themes share the label.

    5. group moves in t >= the members of t whose previous group in t has a
       number above k_t (that group no longer exists).  Let c_g count the
       people of D_t whose previous group in t is g, and X those of them
       (g > k_t) not seated in t; each of X pays its delta in step 1, and at
       least sum_{g > k_t} c_g - |X| such people are in t and move.  So
       moves cost >= W_move * sum_{g > k_t} c_g - W_move * |X|: charged as
       W_move * sum_{g > k} c_g per group-count choice, with the delta of
       every previous member of t lowered by W_move in h_t (that covers
       -W_move * |X|; lowering more deltas only lowers the bound).

    6. fewest groups: with k_t >= a groups, t seats at least M(a-1)+1
       people, at most |D_t| - |O_t| of them from D_t and |I_t| conflicted
       ones, so at least J_t = M(a-1)+1 - |D_t| + |O_t| - |I_t| others
       ("joiners").  A joiner is in no D (no unique cheapest option: F_s
       people per session) or a non-conflicted member of some D_b not
       seated in b.  If h_b's minimum keeps m* of D_b's eligible members
       (the non-forced ones not in O_b), P keeps kept_b of them and pays at
       least h_b + eps_b * max(0, m* - kept_b), eps_b = the least
       |selected marginal| (h is convex in the cap); its leavers are
       (eligible - m*) + max(0, m* - kept_b).  So per session
       sum_t J_t <= F_s + sum_b [(eligible_b - m*_b) + V_b] with V_b >= 0
       costing eps_b each (V_b <= m*_b).  Used only with a previous plan,
       where it decides which groups survive (step 5); on synthetic5000,
       without one, it left the bound at 543 and only moved the local
       search's start.

    Grouping by theme: cost(P) >= sum c0 + sum extra + sum_t [h_t(k_t, O_t,
    |I_t|) + lack_t(k_t) + moves_t(k_t)], with h_t the minimum over all keep sets
    (:class:`ThemeTable`, exact).  h_t is nonincreasing in k and
    nondecreasing in the seats taken, so a range a..b of group counts is
    represented by cost h_t(b) + lack_t(a) + moves_t(b) and a tables (moves_t
    is nonincreasing in k too), and only
    min(|I_t|, cap) taken seats are charged -- relaxations again.  The MIP
    below chooses per theme one (k-range, conflicted out, seats taken) and
    per conflicted person-session kept / other option / unplaced; P gives
    one of its feasible points with value <= cost(P).  Hence its optimum,
    and any proven dual bound of it, is <= the optimum of the full problem.
    Returns None if no MIP solver is available or time runs out while
    building.
    """
    from ortools.linear_solver import pywraplp

    t_end = time.perf_counter() + time_limit
    st = idx.problem.settings
    W = st.weights
    M = st.max_group_size
    base = 0
    best: dict[tuple[str, str], tuple[str, float]] = {}
    cheapest: dict[tuple[str, str], tuple] = {}
    for s in idx.sessions:
        for pid in idx.attending[s]:
            opts, u = option_costs(idx, pid, s)
            vals = sorted(opts.values())
            allc = vals + ([u] if u is not None else [])
            c0 = min(allc)
            base += c0
            tb = [t for t, c in opts.items() if c == c0]
            if len(tb) != 1:
                continue
            rest = sorted(allc)
            second = rest[1] if len(rest) > 1 else INF
            if u is None and len(opts) == 1:
                second = INF
            if second > c0:
                best[(pid, s)] = (tb[0], second - c0)
                cheapest[(pid, s)] = (c0, opts, u)
    # label conflicts among cheapest options (people without locks)
    conflicts: list[list[tuple[str, str]]] = []
    if st.distinct_labels_across_sessions and len(idx.sessions) > 1:
        for pid in idx.people:
            if any((pid, s) in idx.problem.locked for s in idx.sessions):
                continue
            by_label: dict[str, list[str]] = defaultdict(list)
            for s in idx.sessions:
                bp = best.get((pid, s))
                if bp is not None:
                    by_label[idx.label[(s, bp[0])]].append(s)
            for ss in by_label.values():
                if len(ss) > 1:
                    conflicts.append([(pid, s) for s in ss])
    conflicted = {key for grp in conflicts for key in grp}

    model = None
    for name in _AGG_SOLVERS:
        model = pywraplp.Solver.CreateSolver(name)
        if model is not None:
            break
    if model is None:
        return None
    model.SuppressOutput()
    if name == "HIGHS":
        model.SetSolverSpecificParametersAsString("output_flag=false")  # no banner
    objective: list = []
    delta_var: dict[tuple[str, str], Any] = {}
    choice: dict[tuple[str, str], list[tuple[Any, int, int]]] = {}
    # where a conflicted person goes when not kept: another option (its seat
    # counts against that theme) or unplaced; extra cost beyond delta >= 0
    inflow: dict[tuple[str, str], list] = defaultdict(list)
    for pid, s in sorted(conflicted):
        c0, opts, u = cheapest[(pid, s)]
        bt, d = best[(pid, s)]
        ys = []
        for t2, c in opts.items():
            if t2 != bt:
                y = model.BoolVar("")
                ys.append(y)
                inflow[(s, t2)].append(y)
                objective.append((y, int(c - c0 - d)))
        if u is not None:
            y = model.BoolVar("")
            ys.append(y)
            objective.append((y, int(u - c0 - d)))
        delta_var[(pid, s)] = model.BoolVar("")
        model.Add(sum(ys) == delta_var[(pid, s)])
    for s in idx.sessions:
        T = idx.tables(s)
        table_terms = []
        join_terms: list = []
        supply_terms: list[tuple[Any, int]] = []
        supply_vars: list = []
        for t in idx.themes[s]:
            cand = idx.candidates[s][t]
            if not cand:
                continue
            kmax = min(T, groups_needed(len(cand), M))
            D = [pid for pid in idx.attending[s] if best.get((pid, s), ("",))[0] == t]
            members = []
            conf_pos = []
            # group moves: previous groups of t among D_t (see the docstring, step 5)
            prev_groups: dict[int, int] = defaultdict(int)
            for pid in D:
                forced = best[(pid, s)][1] == INF
                delta = 0 if forced else int(best[(pid, s)][1])
                prev = idx.problem.previous.get((pid, s))
                if W.move_group and prev is not None and prev.theme == t and prev.group is not None:
                    prev_groups[prev.group] += 1
                    if not forced:
                        delta -= W.move_group
                members.append((idx.org[pid], delta, forced))
                if (pid, s) in conflicted:
                    conf_pos.append((len(members) - 1, pid))
            tab = ThemeTable(members, W.same_org_pair, M)

            def beyond(k: int, prev_groups: dict[int, int] = prev_groups) -> int:
                """Moves of D_t's previous members whose group number exceeds k."""
                return W.move_group * sum(c for g, c in prev_groups.items() if g > k)

            lacks: list[tuple[int, int]] = []
            for a_t, w in (("municipality", W.lack_municipality), ("research", W.lack_research)):
                if w and idx.has_type[(s, t, a_t)]:
                    m_all = sum(1 for p in cand if idx.people[p].actor_type == a_t)
                    lacks.append((w, m_all))

            def lack(k: int, lacks: list[tuple[int, int]] = lacks) -> int:
                return sum(w * max(0, k - m) for w, m in lacks)

            kc = groups_needed(len(D), M)
            lo = max(1, min(kc, kmax) - 2)
            hi = min(kmax, max(kc, 1) + 2)
            elems: list[tuple[int, int]] = [(0, 0)] if kmax >= 0 else []
            if lo > 1:
                elems.append((1, lo - 1))
            elems += [(k, k) for k in range(lo, hi + 1)]
            if hi < kmax:
                elems.append((hi + 1, kmax))
            # conflicted members forced out: enumerate subsets by (org, delta)
            cls: dict[tuple, list[int]] = defaultdict(list)
            for i, _pid in conf_pos:
                cls[members[i][:2]].append(i)
            combos: list[tuple[int, frozenset[int]]] = [(0, frozenset())]
            if math.prod(len(v) + 1 for v in cls.values()) <= _MAX_COMBOS:
                for lst in cls.values():
                    combos = [
                        (c + j, out | frozenset(lst[:j]))
                        for c, out in combos
                        for j in range(len(lst) + 1)
                    ]
            else:
                # too many: ignore who is out (h(k, {}) <= h(k, out): still a bound)
                combos = [(c, frozenset()) for c in range(len(conf_pos) + 1)]
            nconf = len(conf_pos)
            n_in = len(inflow[(s, t)])
            icap = min(n_in, _AGG_INFLOW_CAP)
            vars_t = []
            in_terms: list[tuple[Any, int]] = []
            forced_any = any(f for _, _, f in members)
            n_free = sum(1 for _, _, f in members if not f)
            # step 6: per choice z, (z, joiners needed, eligible members left out, kept m*)
            flow_terms: list[tuple[Any, int, int, int]] = []
            eps_t = INF
            for a, b in elems:
                if b == 0:
                    if not forced_any:  # cancelled: nobody kept
                        z = model.BoolVar("")
                        vars_t.append((z, 0, nconf))
                        objective.append((z, sum(d for _, d, f in members)))
                        flow_terms.append((z, 0, n_free - nconf, 0))
                    continue
                hks: list[dict[int, float]] = [{} for _ in range(icap + 1)]
                # over the out sets of one count: the least h, the most left out / kept, the least eps
                left: list[dict[int, int]] = [{} for _ in range(icap + 1)]
                kept: list[dict[int, int]] = [{} for _ in range(icap + 1)]
                for c, out_set in combos:
                    ks_i = tab.kept_taken(b, out_set, icap)
                    for i, v in enumerate(tab.h_taken(b, out_set, icap)):
                        hks[i][c] = min(hks[i].get(c, INF), v)
                        m, eps = ks_i[i]
                        left[i][c] = max(left[i].get(c, 0), n_free - c - m)
                        kept[i][c] = max(kept[i].get(c, 0), m)
                        if m:
                            eps_t = min(eps_t, eps)
                for i in range(icap + 1):
                    hk = hks[i]
                    for c, v in hk.items():
                        if v == INF:
                            continue
                        z = model.BoolVar("")
                        vars_t.append((z, a, c))
                        in_terms.append((z, i))
                        objective.append((z, int(v) + lack(a) + beyond(b)))
                        table_terms.append((z, a))
                        need = M * (a - 1) + 1 - (len(members) - c)
                        flow_terms.append((z, need, max(0, left[i][c]), kept[i][c]))
            if time.perf_counter() > t_end:
                return None
            model.Add(sum(z for z, _, _ in vars_t) == 1)
            # seats taken by conflicted people moving in: i <= min(in-flow, icap)
            if n_in:
                slack = model.NumVar(0, n_in - icap, "")
                model.Add(
                    sum(i * z for z, i in in_terms) + slack >= sum(inflow[(s, t)])
                )
                if n_in > icap:
                    model.Add(slack <= (n_in - icap) * sum(z for z, i in in_terms if i == icap))
            if nconf:
                model.Add(
                    sum(delta_var[(pid, s)] for _i, pid in conf_pos)
                    == sum(c * z for z, _, c in vars_t)
                )
            choice[(s, t)] = vars_t
            if not idx.problem.previous:
                flow_terms = []
            if any(need > 0 for _, need, _, _ in flow_terms):
                joiners = model.NumVar(0, INF, "")
                model.Add(joiners + sum(inflow[(s, t)]) >= sum(need * z for z, need, _, _ in flow_terms))
                join_terms.append(joiners)
            supply_terms += [(z, lo) for z, _, lo, _ in flow_terms if lo]
            if eps_t < INF and any(m for _, _, _, m in flow_terms):
                extra = model.NumVar(0, INF, "")
                model.Add(extra <= sum(m * z for z, _, _, m in flow_terms if m))
                objective.append((extra, int(eps_t)))
                supply_vars.append(extra)
        if join_terms:
            free = sum(1 for pid in idx.attending[s] if (pid, s) not in best)
            model.Add(sum(join_terms) <= free + sum(lo * z for z, lo in supply_terms) + sum(supply_vars))
        model.Add(sum(a * z for z, a in table_terms) <= T)
    for grp in conflicts:
        model.Add(sum(delta_var[key] for key in grp) >= len(grp) - 1)
    model.Minimize(sum(c * z for z, c in objective) + base)
    model.SetTimeLimit(int(max(0.2, t_end - time.perf_counter()) * 1000))
    model.SetNumThreads(1)
    status = model.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        return None
    ks = {}
    for key, vars_t in choice.items():
        for z, a, _c in vars_t:
            if z.solution_value() > 0.5:
                ks[key] = a
    out = {key for key, v in delta_var.items() if v.solution_value() > 0.5}
    bound = model.Objective().BestBound()
    return KnapsackBound(
        bound=float(math.ceil(bound - 1e-6 * max(1.0, abs(bound)))),
        status="OPTIMAL" if status == pywraplp.Solver.OPTIMAL else "FEASIBLE",
        k=ks,
        out=out,
        best={key: b[0] for key, b in best.items()},
    )
