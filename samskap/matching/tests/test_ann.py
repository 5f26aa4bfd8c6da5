"""The approximate nearest-neighbour graph of big catalogues (engine/ann.py): recall against exact
search, the automatic switch, and the graph's round trip through a snapshot."""

from __future__ import annotations

import numpy as np
import pytest

from samskap.matching.engine import Index, Item, config
from samskap.matching.engine import ann as ann_mod
from samskap.matching.engine import snapshot as snapshot_files

N = 3000
DIM = config.EMBEDDING_DIM


def _vectors(n: int, seed: int = 1) -> np.ndarray:
    """Clustered unit vectors (like real embeddings: many near neighbours per topic)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(60, DIM)).astype(np.float32)
    v = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, DIM)).astype(np.float32)
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _items(n: int) -> list[Item]:
    return [Item(f"i{i}", "project", f"Prosjekt {i}", f"Tekst om emne {i % 97} og tema {i % 13}.")
            for i in range(n)]


@pytest.fixture(scope="module")
def data():
    vectors = _vectors(N)
    items = _items(N)
    queries = _vectors(40, seed=7)
    return items, vectors, queries


def _ids(index: Index, qv: np.ndarray, **kw) -> list[str]:
    return [m.id for m in index.search("prosjekt", top=10, mode="dense", query_vector=qv, explain=False, **kw)]


def test_recall_at_10_of_the_graph_against_exact_search(data):
    items, vectors, queries = data
    exact = Index(items, vectors, ann_min_items=None)
    approx = Index(items, vectors, ann_min_items=1000)
    assert exact.dense.ann is None and approx.dense.ann is not None
    hits = sum(len(set(_ids(exact, q)) & set(_ids(approx, q))) for q in queries)
    assert hits / (10 * len(queries)) >= 0.95


def test_the_graph_is_switched_on_above_the_threshold_only(data):
    items, vectors, _q = data
    assert Index(items[:500], vectors[:500], ann_min_items=1000).dense.ann is None
    assert Index(items, vectors, ann_min_items=1000).dense.ann is not None
    assert Index(items, vectors, ann_min_items=None).dense.ann is None


def test_a_small_allowed_set_is_searched_exactly_and_filters_hold(data):
    items, vectors, queries = data
    exact = Index(items, vectors, ann_min_items=None)
    approx = Index(items, vectors, ann_min_items=1000)
    allowed = {f"i{i}" for i in range(0, N, 10)}  # under N//8 and ann_min_items: exact
    excluded = {f"i{i}" for i in range(0, N, 2)}
    for q in queries[:10]:
        got = _ids(approx, q, allowed_ids=allowed)
        assert got == _ids(exact, q, allowed_ids=allowed)
        assert not set(_ids(approx, q, exclude_ids=excluded)) & excluded


def test_snapshot_round_trip_keeps_the_graph(data, tmp_path):
    items, vectors, queries = data
    index = Index(items, vectors, ann_min_items=1000)
    path = snapshot_files.write(tmp_path, {"index": index}, version=1)
    assert any(p.suffix == ".usearch" for p in path.iterdir())
    loaded = snapshot_files.load(snapshot_files.current(tmp_path)).payload["index"]
    assert loaded.dense.ann is not None and loaded.dense.ann.path is not None
    for q in queries[:10]:
        assert _ids(loaded, q) == _ids(index, q)


def test_a_bigger_graph_is_searched_with_a_wider_beam():
    from samskap.matching.engine import ann

    small, big, huge = ann.depth(10, 1.0, 10_000), ann.depth(10, 1.0, 100_000), ann.depth(10, 1.0, 1_000_000)
    assert small == big == ann.MIN_DEPTH  # the floor below 250,000 rows
    assert big < huge  # wider with the square root of the rows
    assert huge == int(ann.DEPTH_PER_SQRT_ROW * 1000) == 1600
    assert ann.depth(10, 0.1, 1_000_000) == 16_000  # a filter leaving a tenth of the rows asks ten times more
    assert ann.depth(10, 0.01, 1_000_000) == ann.MAX_DEPTH  # within the cap
    assert ann.depth(100, 1.0, 10_000) == max(ann.MIN_DEPTH, 100 * ann.DEPTH_PER_RESULT)


def test_a_narrow_kind_filter_is_searched_exactly_and_a_wide_one_with_the_graph(data):
    # A filter widens the graph's beam by 1 / share, so the graph is used only while allowed × share rows
    # reach ann_min_items (at 1M items one kind of five was twice as fast exact, at the same quality).
    import dataclasses

    items, vectors, queries = data
    kinds = ("project", "researcher", "instrument", "case", "group")
    mixed = [dataclasses.replace(it, kind=kinds[i % len(kinds)]) for i, it in enumerate(items)]
    exact = Index(mixed, vectors, ann_min_items=None)
    graph = Index(mixed, vectors, ann_min_items=1000)
    two = {"case", "group"}  # 1,200 rows allowed (above 1,000), a share of 0.4: 480 < 1,000, exact
    assert graph.dense.approximate(queries[0], graph.catalogue.select(two, None, None)) is None
    for q in queries[:10]:
        assert _ids(graph, q, kinds=two) == _ids(exact, q, kinds=two)
    four = set(kinds[:4])  # 2,400 rows, a share of 0.8: 1,920, the graph
    assert graph.dense.approximate(queries[0], graph.catalogue.select(four, None, None)) is not None
    assert graph.dense.approximate(queries[0], graph.catalogue.select(None, None, None)) is not None


def _changed(items: list[Item], vectors: np.ndarray) -> tuple[list[Item], np.ndarray]:
    """The catalogue a while later: 30 items gone, one item's vector changed, 60 new people (a kind sorted
    before "project", so every row that stays moves)."""
    new_vectors = _vectors(61, seed=11)
    kept = list(range(30, len(items)))
    out_items = [items[i] for i in kept] + [Item(f"n{k}", "person", f"Forsker {k}", "Ny profil.") for k in range(60)]
    out_vectors = np.concatenate([vectors[kept], new_vectors[:60]])
    out_vectors[100 - 30] = new_vectors[60]  # item i100 was re-embedded
    return out_items, out_vectors


def test_the_next_index_carries_the_previous_graph_over_with_the_changes(data, tmp_path):
    items, vectors, queries = data
    previous = Index(items, vectors, ann_min_items=1000)
    snapshot_files.write(tmp_path, {"index": previous}, version=1)
    mapped = snapshot_files.load(snapshot_files.current(tmp_path)).payload["index"]  # as the worker reads it
    before = [_ids(mapped, q) for q in queries]
    new_items, new_vectors = _changed(items, vectors)
    index = Index(new_items, new_vectors, ann_min_items=1000, previous=mapped)
    assert index.graph_carried_over and index.dense.ann.changed == 92 and len(index.dense.ann.graph) == len(new_items)
    # the graph's keys are the new index's rows: each row's own vector finds that row first
    rows = [index.catalogue.pos[i] for i in ("n0", "n59", "i100", "i30", "i2999")] + list(range(0, len(new_items), 97))
    for row in rows:
        assert index.dense.ann.candidates(index.dense.vectors[row], 5)[0] == row
    exact = Index(new_items, new_vectors, ann_min_items=None)
    hits = sum(len(set(_ids(exact, q)) & set(_ids(index, q))) for q in queries)
    assert hits / (10 * len(queries)) >= 0.95
    gone = {f"i{i}" for i in range(30)}
    assert not any(gone & set(_ids(index, q)) for q in queries)
    # the previous snapshot's graph is a read-only view and still answers as before
    assert [_ids(mapped, q) for q in queries] == before
    # written and read back, the new graph knows how many rows changed since it was built (61 in, 31 out: a changed vector is both)
    snapshot_files.write(tmp_path, {"index": index}, version=2)
    again = snapshot_files.load(snapshot_files.current(tmp_path)).payload["index"]
    assert again.dense.ann.changed == 92 and [_ids(again, q) for q in queries] == [_ids(index, q) for q in queries]


def test_a_graph_with_too_many_rows_changed_since_it_was_built_is_built_afresh(data):
    items, vectors, _q = data
    previous = Index(items, vectors, ann_min_items=1000)
    many = int(ann_mod.REBUILD_SHARE * len(items)) + 10
    fresh_vectors = _vectors(many, seed=13)
    changed = vectors.copy()
    changed[:many] = fresh_vectors
    index = Index(items, changed, ann_min_items=1000, previous=previous)
    assert not index.graph_carried_over and index.dense.ann.changed == 0
    few = Index(items, vectors, ann_min_items=1000, previous=previous)  # nothing changed: carried over as it is
    assert few.graph_carried_over and few.dense.ann.changed == 0
    assert [m.id for m in few.search("prosjekt", top=10, mode="dense", query_vector=vectors[5], explain=False)][0] == "i5"
