"""Hybrid search with a graph fuses and re-ranks only the rows whose cosines are known
(``Index._hybrid_candidates``); the ranking must be the one fusing every row of the catalogue gives
(``candidate_fusion = False``), for needs-style and keyword queries, with kinds, exclusions and filters."""

from __future__ import annotations

import numpy as np
import pytest

from samskap.matching.engine import Index, Item, config

N = 4000
DIM = config.EMBEDDING_DIM
WORDS = ("barnevern helse skole vann klima eldre digital rekruttering velferdsteknologi samarbeid "
         "innovasjon bolig ungdom demens beredskap energi transport kultur frivillighet folkehelse "
         "integrering landbruk reiseliv arealplan kompetanse avfall psykisk barnehage tannhelse sykehjem").split()


def _vectors(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(50, DIM)).astype(np.float32)
    v = centres[rng.integers(0, len(centres), n)] + 0.7 * rng.normal(size=(n, DIM)).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _items(n: int) -> list[Item]:
    rng = np.random.default_rng(3)
    items = []
    for i in range(n):
        # few distinct texts: many rows share a BM25 score, so ties at every boundary are tested too
        words = [WORDS[j] for j in rng.choice(len(WORDS), size=4, replace=False)] if i % 3 else \
            [WORDS[i % 7], WORDS[(i // 7) % 11]]
        kind = ("project", "researcher", "instrument")[i % 3]
        items.append(Item(f"i{i}", kind, f"Tittel {' '.join(words[:2])}", f"Tekst om {' og '.join(words)}."))
    return items


@pytest.fixture(scope="module")
def indexes():
    items, vectors = _items(N), _vectors(N, 1)
    fast = Index(items, vectors, ann_min_items=1000)
    full = Index(items, vectors, ann_min_items=1000)
    full.dense = fast.dense  # the same graph
    full.candidate_fusion = False
    assert fast.dense.ann is not None
    return fast, full


QUERIES = [
    # needs-style: some words in the catalogue, some not (the feedback pass runs)
    "hvordan kan vi rekruttere flere sykepleiere til eldre i distriktet med velferdsteknologi",
    "ungdom psykisk helse og samarbeid med skole om folkehelse",
    "noe helt annet uten kjente ord i det hele tatt",
    # keyword questions: the strong regime (no feedback, the exact word forms count)
    "demens sykehjem",
    "klima beredskap",
    "tannhelse",
]


def _run(index: Index, text: str, qv: np.ndarray, **kw) -> list[tuple[str, float]]:
    return [(m.id, m.score) for m in index.search(text, top=20, query_vector=qv, explain=False, **kw)]


def _same(a: list[tuple[str, float]], b: list[tuple[str, float]]) -> None:
    assert [i for i, _ in a] == [i for i, _ in b]
    assert np.allclose([s for _, s in a], [s for _, s in b], atol=1e-5)


@pytest.mark.parametrize("text", QUERIES)
def test_the_ranking_over_the_known_rows_is_that_of_every_row(indexes, text):
    fast, full = indexes
    for qv in _vectors(4, seed=len(text)):
        _same(_run(fast, text, qv), _run(full, text, qv))


def test_both_regimes_are_exercised(indexes):
    fast, _ = indexes
    regimes = {fast._regime(fast.analyzer.query_terms(t), fast.lexical.scores(fast.analyzer.query_terms(t).weights),
                            None) is None for t in QUERIES}
    assert regimes == {True, False}


@pytest.mark.parametrize("text", [QUERIES[0], QUERIES[3]])
def test_kinds_exclusions_and_a_filter_give_the_same_ranking(indexes, text):
    fast, full = indexes
    qv = _vectors(1, seed=11)[0]
    excluded = {f"i{i}" for i in range(0, N, 5)}
    _same(_run(fast, text, qv, kinds={"project", "researcher"}), _run(full, text, qv, kinds={"project", "researcher"}))
    _same(_run(fast, text, qv, exclude_ids=excluded), _run(full, text, qv, exclude_ids=excluded))
    for m in fast.search(text, top=20, query_vector=qv, explain=False, exclude_ids=excluded,
                         kinds={"project", "researcher"}):
        assert m.id not in excluded and m.kind != "instrument"
    # a filter evaluated on ranked rows only: the keyword query gives the same ranking; every result passes
    odd = lambda item_id: int(item_id[1:]) % 2 == 1  # noqa: E731
    got = _run(fast, text, qv, allowed_ids=odd)
    assert len(got) == 20 and all(odd(i) for i, _ in got)
    if text == QUERIES[3]:
        _same(got, _run(full, text, qv, allowed_ids=odd))


def test_a_filter_that_leaves_few_known_rows_still_fills_the_page(indexes):
    fast, full = indexes
    qv = _vectors(1, seed=5)[0]
    rare = lambda item_id: int(item_id[1:]) % 400 == 7  # noqa: E731  (10 of 4,000 rows)
    got = _run(fast, "tannhelse", qv, allowed_ids=rare)
    assert len(got) == 10 and all(rare(i) for i, _ in got)
    _same(got, _run(full, "tannhelse", qv, allowed_ids=rare))


def test_scores_carry_the_users_query(indexes):
    fast, full = indexes
    qv = _vectors(1, seed=2)[0]
    a = fast.search(QUERIES[0], top=10, query_vector=qv)
    b = full.search(QUERIES[0], top=10, query_vector=qv)
    for x, y in zip(a, b, strict=True):
        assert x.id == y.id and x.bm25_score == y.bm25_score and x.dense_score == y.dense_score
        assert x.coverage == y.coverage and x.shared_terms == y.shared_terms
