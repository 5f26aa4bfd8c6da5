"""Warm starts for stage 1: a min-cost flow with tables by first-choice demand, and a min-cost-flow local search over group counts.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from samskap.workshops.solver.bounds import _LS_K_SPAN, _LS_WIDTH, INF
from samskap.workshops.solver.costs import option_costs
from samskap.workshops.solver.index import ProblemIndex
from samskap.workshops.solver.types import groups_needed


def flow_start(idx: ProblemIndex) -> dict[tuple[str, str], str] | None:
    """Warm start: per session a min-cost flow for fixed table counts.

    Tables go to themes by first-choice demand (largest remainders get the
    spare tables); people flow to themes at their rank cost, through
    (theme, organisation) nodes whose parallel arcs price same-organisation
    pairs convexly; unseated people pay the unassigned cost.  Themes that end
    below the minimum are closed and the flow is re-run.
    """
    from ortools.graph.python import min_cost_flow

    st = idx.problem.settings
    W = st.weights
    M = st.max_group_size
    assign: dict[tuple[str, str], str] = {}
    labels_used: dict[str, set[str]] = defaultdict(set)
    for s in idx.sessions:
        T = idx.tables(s)
        locked = {pid: pl.theme for (pid, s2), pl in idx.problem.locked.items() if s2 == s}
        demand: Counter = Counter()
        for pid in idx.attending[s]:
            if pid in locked:
                demand[locked[pid]] += 1
            else:
                ch = idx.people[pid].choices.get(s) or []
                if ch:
                    demand[ch[0]] += 1
        closed: set[str] = set()
        for _ in range(6):
            # tables: floor(d/M) each, spare ones to the largest remainders
            k = {t: (0 if t in closed else demand[t] // M) for t in idx.themes[s]}
            rest = sorted(
                (t for t in idx.themes[s] if t not in closed and demand[t] % M),
                key=lambda t: -(demand[t] % M),
            )
            spare = T - sum(k.values())
            for t in rest:
                if spare <= 0:
                    break
                k[t] += 1
                spare -= 1
            while spare < 0:  # more themes than tables: drop the smallest
                t = min((t for t in k if k[t]), key=lambda t: demand[t])
                k[t] -= 1
                spare += 1
            for t in locked.values():
                k[t] = max(k[t], 1)
            smcf = min_cost_flow.SimpleMinCostFlow()
            src, snk = 0, 1
            nxt = 2
            tnode: dict[str, int] = {}
            for t in idx.themes[s]:
                if k[t] > 0:
                    tnode[t] = nxt
                    nxt += 1
                    smcf.add_arc_with_capacity_and_unit_cost(tnode[t], snk, M * k[t], 0)
            onode: dict[tuple[str, str], int] = {}
            arcs: list[tuple[int, str, str]] = []
            people = idx.attending[s]
            for pid in people:
                pn = nxt
                nxt += 1
                smcf.add_arc_with_capacity_and_unit_cost(src, pn, 1, 0)
                smcf.add_arc_with_capacity_and_unit_cost(pn, snk, 1, W.unassigned)
                if pid in locked:
                    opts = [locked[pid]]
                else:
                    opts = [
                        t
                        for t in idx.people[pid].choices.get(s) or []
                        if idx.label[(s, t)] not in labels_used[pid]
                        or not st.distinct_labels_across_sessions
                    ]
                for t in opts:
                    if t not in tnode:
                        continue
                    o = idx.org[pid]
                    if o and W.same_org_pair:
                        if (t, o) not in onode:
                            onode[(t, o)] = nxt
                            nxt += 1
                            for j in range(M):
                                smcf.add_arc_with_capacity_and_unit_cost(
                                    nxt - 1, tnode[t], k[t], j * W.same_org_pair
                                )
                        head = onode[(t, o)]
                    else:
                        head = tnode[t]
                    cost = -10 * W.unassigned if pid in locked else idx.rank_cost(pid, s, t)
                    a = smcf.add_arc_with_capacity_and_unit_cost(pn, head, 1, cost)
                    arcs.append((a, pid, t))
            smcf.set_node_supply(src, len(people))
            smcf.set_node_supply(snk, -len(people))
            if smcf.solve() != smcf.OPTIMAL:
                return None
            got: dict[str, str] = {}
            for a, pid, t in arcs:
                if smcf.flow(a):
                    got[pid] = t
            count = Counter(got.values())
            small = {
                t
                for t, c in count.items()
                if c < st.min_theme_size and t not in locked.values()
            }
            if not small:
                break
            closed |= small
        else:
            return None
        for pid, t in got.items():
            assign[(pid, s)] = t
            labels_used[pid].add(idx.label[(s, t)])
    return assign

class SessionFlow:
    """Min-cost flow of one session for a fixed group count per theme.

    Built once; a new group-count vector or new label exclusions only change
    arc capacities, so local search over the group counts re-solves the
    same graph.  Costs: option cost per person (rank, theme moves), the
    unplaced cost, even-split pair costs (organisation -> type arcs: M
    parallel arcs of capacity k with unit costs 0, w, 2w, ...), missing
    municipality/research actors (type -> theme: a reward w on the first k
    units), and a large reward on the first max(min, M*(k-1)+1) units into
    each theme to enforce the fewest-groups rule.
    """

    def __init__(self, idx: ProblemIndex, s: str, k_low: dict[str, int] | None = None):
        from ortools.graph.python import min_cost_flow

        st = idx.problem.settings
        W = st.weights
        M = st.max_group_size
        self.idx, self.s, self.M = idx, s, M
        self.big = 4 * (W.unassigned + max(W.rank) + W.move_theme) + 1
        f = min_cost_flow.SimpleMinCostFlow()
        self.f = f
        src, snk = 0, 1
        nxt = 2
        self.tnode: dict[str, int] = {}
        self.theme_arcs: dict[str, tuple[int, int]] = {}
        self.k_arcs: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (arc, mult of k)
        themes = [t for t in idx.themes[s] if idx.candidates[s][t]]
        for t in themes:
            self.tnode[t] = nxt
            nxt += 1
            lo_arc = f.add_arc_with_capacity_and_unit_cost(self.tnode[t], snk, 0, -self.big)
            hi_arc = f.add_arc_with_capacity_and_unit_cost(self.tnode[t], snk, 0, 0)
            self.theme_arcs[t] = (lo_arc, hi_arc)
        typenode: dict[tuple[str, str], int] = {}
        orgnode: dict[tuple[str, str, str], int] = {}
        self.person_arcs: list[tuple[int, str, str]] = []
        k_low = {t: max(1, k) for t, k in (k_low or {}).items()}
        org_count: Counter = Counter(
            (t, idx.org[p]) for t in themes for p in idx.candidates[s][t]
        )
        # constant part of the lack terms: w per group (the arcs reward w per
        # group that has the actor type)
        self.lack_w = {
            t: sum(
                w
                for a_t, w in (("municipality", W.lack_municipality), ("research", W.lack_research))
                if w and idx.has_type[(s, t, a_t)]
            )
            for t in themes
        }
        # re-planning: previous groups numbered above k are gone and their members move (a k-only part
        # of the group moves, as in the knapsack bound), so the search does not drop groups for free
        self.prev_groups: dict[str, Counter] = {t: Counter() for t in themes}
        if W.move_group:
            for t in themes:
                for p in idx.candidates[s][t]:
                    prev = idx.problem.previous.get((p, s))
                    if prev is not None and prev.theme == t and prev.group is not None:
                        self.prev_groups[t][prev.group] += 1
        self.w_move = W.move_group
        people = idx.attending[s]
        for pid in people:
            pn = nxt
            nxt += 1
            f.add_arc_with_capacity_and_unit_cost(src, pn, 1, 0)
            opts, u = option_costs(idx, pid, s)
            if u is not None:
                f.add_arc_with_capacity_and_unit_cost(pn, snk, 1, u)
            locked = (pid, s) in idx.problem.locked
            for t, c in opts.items():
                a_t = idx.people[pid].actor_type
                if (t, a_t) not in typenode:
                    typenode[(t, a_t)] = nxt
                    nxt += 1
                    w = {"municipality": W.lack_municipality, "research": W.lack_research}.get(
                        a_t, 0
                    )
                    if w and idx.has_type[(s, t, a_t)]:
                        a = f.add_arc_with_capacity_and_unit_cost(nxt - 1, self.tnode[t], 0, -w)
                        self.k_arcs[t].append((a, 1))
                    a = f.add_arc_with_capacity_and_unit_cost(nxt - 1, self.tnode[t], 0, 0)
                    self.k_arcs[t].append((a, M))
                o = idx.org[pid]
                n_o = org_count[(t, o)] if o else 0
                if o and W.same_org_pair and n_o > k_low.get(t, 1):
                    if (t, o, a_t) not in orgnode:
                        orgnode[(t, o, a_t)] = nxt
                        nxt += 1
                        # enough parallel arcs for any k >= k_low
                        for j in range(min(M, -(-n_o // k_low.get(t, 1)))):
                            a = f.add_arc_with_capacity_and_unit_cost(
                                nxt - 1, typenode[(t, a_t)], 0, j * W.same_org_pair
                            )
                            self.k_arcs[t].append((a, 1))
                    h = orgnode[(t, o, a_t)]
                else:
                    h = typenode[(t, a_t)]
                a = f.add_arc_with_capacity_and_unit_cost(
                    pn, h, 1, c - (2 * self.big if locked else 0)
                )
                self.person_arcs.append((a, pid, t))
        f.set_node_supply(src, len(people))
        f.set_node_supply(snk, -len(people))
        self.n_people = len(people)
        self.k: dict[str, int] = {t: 0 for t in themes}
        self.blocked: set[int] = set()

    def lo(self, k: int) -> int:
        st = self.idx.problem.settings
        return 0 if k <= 0 else min(self.M * k, max(st.min_theme_size, self.M * (k - 1) + 1))

    def set_k(self, t: str, k: int) -> None:
        f = self.f
        lo_arc, hi_arc = self.theme_arcs[t]
        lo = self.lo(k)
        f.set_arc_capacity(lo_arc, lo)
        f.set_arc_capacity(hi_arc, self.M * k - lo)
        for a, mult in self.k_arcs[t]:
            f.set_arc_capacity(a, mult * k)
        self.k[t] = k

    def block(self, blocked: set[int]) -> None:
        """Close the person arcs in ``blocked`` (label rule), reopen others."""
        for a in self.blocked - blocked:
            self.f.set_arc_capacity(a, 1)
        for a in blocked - self.blocked:
            self.f.set_arc_capacity(a, 0)
        self.blocked = set(blocked)

    def solve(self) -> float:
        """Plan cost for the current k (inf if the fewest-groups rule fails)."""
        f = self.f
        if f.solve() != f.OPTIMAL:
            return INF
        lo_total = 0
        for lo_arc, _hi in self.theme_arcs.values():
            lo = f.capacity(lo_arc)
            if f.flow(lo_arc) < lo:
                return INF
            lo_total += lo
        flow_cost: int = f.optimal_cost()
        return (
            flow_cost
            + self.big * lo_total
            + sum(self.lack_w[t] * k for t, k in self.k.items())
            + sum(self.w_move * c for t, k in self.k.items() for g, c in self.prev_groups[t].items() if g > k)
        )

    def assignment(self) -> dict[str, str]:
        return {pid: t for a, pid, t in self.person_arcs if self.f.flow(a)}

@dataclass
class LocalSearchResult:
    assign: dict[tuple[str, str], str]  # (person, session) -> theme
    cost: float  # stage-1 cost of ``assign``


def local_search_k(
    idx: ProblemIndex,
    start_k: dict[tuple[str, str], int],
    out: set[tuple[str, str]],
    best: dict[tuple[str, str], str],
    time_limit: float,
) -> LocalSearchResult | None:
    """Primal heuristic: sessions are solved as exact min-cost flows for fixed
    group counts; the counts are improved by moving, adding or removing one
    table at a time (first the single changes, then swaps between the best
    candidates), alternating over sessions so the label rule sees the other
    sessions' current assignment."""
    t_end = time.perf_counter() + time_limit
    st = idx.problem.settings
    flows = {
        s: SessionFlow(
            idx, s, {t: k - _LS_K_SPAN for (s2, t), k in start_k.items() if s2 == s}
        )
        for s in idx.sessions
    }
    assign: dict[str, dict[str, str]] = {s: {} for s in idx.sessions}
    no_labels = {
        pid for pid in idx.people if any((pid, s) in idx.problem.locked for s in idx.sessions)
    }

    def blocked_for(s: str) -> set[int]:
        bl = set()
        fl = flows[s]
        for a, pid, t in fl.person_arcs:
            if pid in no_labels:
                continue
            if not assign[s] and (pid, s) in out and best.get((pid, s)) == t:
                bl.add(a)  # first pass: the relaxation's choice of who moves
                continue
            if st.distinct_labels_across_sessions:
                lab = idx.label[(s, t)]
                for s2 in idx.sessions:
                    t2 = assign[s2].get(pid) if s2 != s else None
                    if t2 is not None and idx.label[(s2, t2)] == lab:
                        bl.add(a)
                        break
        return bl

    cost: dict[str, float] = {}
    for s in idx.sessions:
        fl = flows[s]
        for t in fl.k:
            fl.set_k(t, max(0, start_k.get((s, t), 0)))
        fl.block(blocked_for(s))
        cost[s] = fl.solve()
        if cost[s] == INF:
            return None
        assign[s] = fl.assignment()
    # every state below is label-consistent: the session solved last avoids
    # the labels of all others, which were consistent among themselves
    best_total = sum(cost.values())
    best_assign = {s: dict(a) for s, a in assign.items()}
    improved = True
    while improved and time.perf_counter() < t_end:
        improved = False
        for s in idx.sessions:
            fl = flows[s]
            fl.block(blocked_for(s))
            cur = fl.solve()
            if cur == INF:  # the other sessions' labels leave no feasible flow
                improved = False
                break
            cost[s] = cur
            assign[s] = fl.assignment()
            T = idx.tables(s)
            themes = list(fl.k)

            def trial(changes: dict[str, int], fl: SessionFlow = fl) -> float:
                old = {t: fl.k[t] for t in changes}
                for t, k in changes.items():
                    fl.set_k(t, k)
                v = fl.solve()
                for t, k in old.items():
                    fl.set_k(t, k)
                return v

            singles: list[tuple[float, dict[str, int]]] = []
            used = sum(fl.k.values())
            kmax = {t: min(T, groups_needed(len(idx.candidates[s][t]), fl.M)) for t in themes}
            for t in themes:
                if time.perf_counter() > t_end:
                    break
                if fl.k[t] > 0:
                    ch = {t: fl.k[t] - 1}
                    singles.append((trial(ch), ch))
                if fl.k[t] < kmax[t] and used < T:
                    ch = {t: fl.k[t] + 1}
                    singles.append((trial(ch), ch))
            minus = sorted(
                (v, t) for v, ch in singles for t, k in ch.items() if k < fl.k[t]
            )[:_LS_WIDTH]
            plus_all = [
                (t, fl.k[t] + 1) for t in themes if fl.k[t] < kmax[t]
            ]
            # a swap frees a table where it hurts least and adds one anywhere
            best_v, best_ch = cur, None
            for v, ch in singles:
                if v < best_v - 1e-9:
                    best_v, best_ch = v, ch
            for _v, a in minus:
                for b, kb in plus_all:
                    if b == a or time.perf_counter() > t_end:
                        continue
                    ch = {a: fl.k[a] - 1, b: kb}
                    v = trial(ch)
                    if v < best_v - 1e-9:
                        best_v, best_ch = v, ch
            if best_ch is not None:
                for t, k in best_ch.items():
                    fl.set_k(t, k)
            cost[s] = fl.solve()
            assign[s] = fl.assignment()
            total = sum(cost.values())
            if total < best_total - 1e-9:  # stop after a round without progress
                best_total = total
                best_assign = {s2: dict(a) for s2, a in assign.items()}
                improved = True
    result = {(pid, s): t for s in idx.sessions for pid, t in best_assign[s].items()}
    return LocalSearchResult(result, best_total)
