"""The index snapshot written by the worker, the delta beside it, and the live visibility filter."""

import json
import time

import numpy as np
import pytest
from django.conf import settings as django_settings

from samskap.core.actors import SYSTEM
from samskap.matching import actions, services
from samskap.matching.engine import snapshot as snapshot_files
from samskap.matching.models import CatalogItem
from samskap.matching.services import snapshot as snapshot_build
from samskap.matching.services.catalogue import bump_version
from samskap.matching.tests.test_brokering import DATA


@pytest.fixture
def snap_catalog(db, settings):
    settings.SAMSKAP_INDEX_SNAPSHOTS = True
    services.reset_cache()
    actions.import_catalog((DATA / "catalog.jsonl").read_bytes(), actor=SYSTEM)
    services.embed_pending()
    yield settings
    services.reset_cache()


def test_search_reads_the_snapshot_without_building(snap_catalog, monkeypatch):
    path = services.build_snapshot()
    assert path is not None and (path / snapshot_files.MANIFEST).is_file()
    assert services.build_snapshot() is None  # already current
    services.reset_cache()

    def no_build(*args, **kwargs):
        raise AssertionError("a request built the whole index")

    monkeypatch.setattr(snapshot_build, "_write_snapshot", no_build)
    results = services.search("digital heimeoppfølging av eldre", kinds=["person"], top=3)
    assert results
    view = services.get_view()
    assert view.snapshot is not None and mapped(view.snapshot.index.dense.vectors)
    assert view.snapshot_name == path.name  # (items edited just before the build are also in the delta)


def test_edit_is_searched_in_the_delta_and_removal_is_immediate(snap_catalog):
    services.build_snapshot()
    services.reset_cache()
    first = services.search("digital heimeoppfølging av eldre", top=3)[0]
    # A removed item vanishes at once, although the snapshot still holds it.
    CatalogItem.objects.filter(external_id=first.id).delete()
    assert first.id not in [r.id for r in services.search("digital heimeoppfølging av eldre", top=10)]
    assert snapshot_files.current(services.index_dir()) is not None


def test_no_snapshot_and_a_big_catalogue_answers_building(snap_catalog):
    snap_catalog.SAMSKAP_INDEX_SMALL = 1
    services.reset_cache()
    results = services.search("eldre", top=3)
    assert results.building and list(results) == []


def mapped(a: np.ndarray) -> bool:
    """Whether ``a`` is a view of a memory-mapped file (shared between processes, not a copy)."""
    while isinstance(a, np.ndarray):
        if isinstance(a, np.memmap):
            return True
        a = a.base
    return False


def test_snapshots_keep_the_newest_two(tmp_path):
    for version in range(4):
        snapshot_files.write(tmp_path, {"x": np.arange(5000)}, version=version)
    names = [p.name for p in snapshot_files.snapshots(tmp_path)]
    assert len(names) == 2 and names[-1].startswith("v000000000003")
    loaded = snapshot_files.load(snapshot_files.current(tmp_path))
    x = loaded.payload["x"]
    assert mapped(x) and type(x) is np.ndarray and int(x[4999]) == 4999  # a plain array over the mapping
    assert not x.flags.writeable


from samskap.matching.tests.test_brokering import needs  # noqa: E402,F401 - fixture
from samskap.needs.models import Need, NeedStatus  # noqa: E402


def test_draft_need_vanishes_from_results_before_any_worker_runs(needs, settings):  # noqa: F811
    settings.SAMSKAP_INDEX_SNAPSHOTS = True
    services.build_snapshot()
    services.reset_cache()
    query = "rekruttering av sykepleiere til hjemmetjenesten"
    target = needs[1]
    assert f"need:{target.pk}" in [r.id for r in services.search(query, kinds=["need"], top=10)]
    Need.objects.filter(pk=target.pk).update(status=NeedStatus.DRAFT)  # no signal, no worker
    assert f"need:{target.pk}" not in [r.id for r in services.search(query, kinds=["need"], top=10)]
    services.reset_cache()


def test_catalog_snapshot_command_writes_a_snapshot(snap_catalog):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("catalog", "snapshot", stdout=out)
    assert "Snapshot: v" in out.getvalue()
    assert snapshot_files.current(services.index_dir()) is not None


# -- edits beside the snapshot: found at once, right within the check interval -------------------------

QUERY = "digital heimeoppfølging av eldre"


@pytest.fixture
def served(snap_catalog):
    """A snapshot that this process already searches (its view is cached)."""
    services.build_snapshot()
    services.reset_cache()
    assert services.search(QUERY, top=3)
    return snap_catalog


def _entry(external_id, title, text, kind="person"):
    return json.dumps({"id": external_id, "kind": kind, "title": title, "text": text, "language": "nb", "organisation": "NTNU", "keywords": [],
                       "meta": {"counties": ["50"]}}).encode()


def _after_check_interval(monkeypatch, seconds=None):
    """Let the clock pass the check interval (SAMSKAP_INDEX_CHECK_SECONDS, 1 s by default)."""
    step = (seconds if seconds is not None else django_settings.SAMSKAP_INDEX_CHECK_SECONDS) + 0.01
    now = time.monotonic() + step
    monkeypatch.setattr(time, "monotonic", lambda: now)


def test_an_item_not_embedded_yet_is_found_by_its_words_at_once(served, monkeypatch):
    actions.import_catalog(_entry("p-ny", "Ingrid Fjell", "Forskning på tareskogsrestaurering i fjordene."),
                           actor=SYSTEM)
    assert CatalogItem.objects.get(external_id="p-ny").vector is None  # no worker has run
    _after_check_interval(monkeypatch)
    results = services.search("tareskogsrestaurering", top=3)
    assert [r.id for r in results][:1] == ["p-ny"]
    assert services.get_view().snapshot is not None and "p-ny" not in services.get_view().snapshot.index


def test_an_edit_is_searched_with_its_new_words_within_the_check_interval(served, monkeypatch):
    first = services.search(QUERY, top=1)[0]
    assert "tareskogsrestaurering" not in first.item.text
    actions.import_catalog(_entry(first.id, first.title, "Forskning på tareskogsrestaurering i fjordene."),
                           actor=SYSTEM)
    _after_check_interval(monkeypatch)
    found = services.search("tareskogsrestaurering", top=3)
    assert [r.id for r in found][:1] == [first.id]
    # the snapshot's copy with the old text is not searched any more (in BM25 mode only words count)
    assert first.id not in [r.id for r in services.search("heimeoppfølging", top=10, mode="bm25")]
    assert [r.id for r in services.search(QUERY, top=10)].count(first.id) <= 1


def test_an_edit_is_not_missed_after_the_check_interval(served, monkeypatch):
    served.SAMSKAP_INDEX_CHECK_SECONDS = 1.0
    services.search(QUERY, top=1)  # the view is checked now
    actions.import_catalog(_entry("p-ny", "Ingrid Fjell", "Forskning på tareskogsrestaurering."), actor=SYSTEM)
    _after_check_interval(monkeypatch, 1.0)
    assert "p-ny" in [r.id for r in services.search("tareskogsrestaurering", top=3)]


def test_withdrawn_consent_vanishes_at_once(researcher, settings):
    from samskap.directory.models import Person

    settings.SAMSKAP_INDEX_SNAPSHOTS = True
    services.reset_cache()
    person = Person.objects.get(user=researcher.user)
    Person.objects.filter(pk=person.pk).update(listed_in_directory=True,
                                               research_fields="Tareskogsrestaurering i fjordene")
    services.sync_kind("person")
    services.embed_pending()
    services.build_snapshot()
    services.reset_cache()
    target = f"person:{person.pk}"
    assert target in [r.id for r in services.search("tareskogsrestaurering", top=5)]
    Person.objects.filter(pk=person.pk).update(listed_in_directory=False)  # no signal, no worker
    assert target not in [r.id for r in services.search("tareskogsrestaurering", top=5)]
    services.reset_cache()


def test_a_restore_that_sends_the_version_back_is_built_once_and_served(snap_catalog):
    """After `samskap restore` of an older backup the catalogue's version is lower than the snapshots on
    disk: the worker writes one snapshot of the restored catalogue, keeps it (pruning went by the version in
    the name and deleted the new one), and stops (it rebuilt for ever, as a test run showed)."""
    from samskap.matching.models import IndexState

    root = services.index_dir()
    state = IndexState.objects.get()
    for ahead in (50, 51):  # two snapshots newer by version than the restored catalogue
        IndexState.objects.filter(pk=state.pk).update(version=state.version + ahead)
        assert services.build_snapshot() is not None
    IndexState.objects.filter(pk=state.pk).update(version=state.version)  # the restore
    restored = services.build_snapshot()
    assert restored is not None and restored.exists()
    assert snapshot_files.current(root) == restored
    assert json.loads((restored / snapshot_files.MANIFEST).read_text())["version"] == state.version
    assert services.build_snapshot() is None  # current: nothing more to build
    services.reset_cache()
    assert services.get_view().snapshot_name == restored.name


def test_the_next_snapshot_starts_from_the_previous_graph(snap_catalog):
    """Above SAMSKAP_ANN_MIN_ITEMS the worker carries the newest snapshot's graph over with the items changed
    since (engine/ann.py), and the result searches as a graph built afresh would."""
    snap_catalog.SAMSKAP_ANN_MIN_ITEMS = 5
    first = services.build_snapshot()
    assert first is not None
    manifest = json.loads((first / snapshot_files.MANIFEST).read_text())
    assert manifest["graph"] == "built" and manifest["graph_rows_changed_since_built"] == 0
    gone = CatalogItem.objects.order_by("pk").first()
    assert gone is not None
    CatalogItem.objects.filter(pk=gone.pk).delete()
    bump_version()  # (as the catalogue's writers do)
    second = services.build_snapshot()
    assert second is not None and second != first
    manifest = json.loads((second / snapshot_files.MANIFEST).read_text())
    assert manifest["graph"] == "carried over" and manifest["graph_rows_changed_since_built"] == 1
    index = snapshot_files.load(second).payload["index"]
    assert gone.external_id not in index.catalogue.pos
    for row in range(len(index.items)):  # every row is found by its own vector under its own row number
        assert index.dense.ann.candidates(index.dense.vectors[row], 3)[0] == row


def _replace_file(path, content: bytes) -> None:
    """Put other bytes under ``path`` as a new file (a mapping of the old one keeps its pages)."""
    path.unlink()
    path.write_bytes(content)


def _second_snapshot_after_damaging(snap_catalog, name: str, damage) -> dict:
    snap_catalog.SAMSKAP_ANN_MIN_ITEMS = 5
    first = services.build_snapshot()
    assert first is not None
    target = first / name
    _replace_file(target, damage(target.read_bytes()))
    CatalogItem.objects.filter(pk=CatalogItem.objects.order_by("pk").values_list("pk", flat=True)[0]).delete()
    bump_version()
    second = services.build_snapshot()
    assert second is not None and second != first
    index = snapshot_files.load(second).payload["index"]
    for row in range(len(index.items)):  # a working graph all the same
        assert index.dense.ann.candidates(index.dense.vectors[row], 3)[0] == row
    return json.loads((second / snapshot_files.MANIFEST).read_text())


def test_an_unreadable_previous_snapshot_gets_a_graph_built_afresh(snap_catalog, caplog):
    manifest = _second_snapshot_after_damaging(snap_catalog, snapshot_files.PICKLE, lambda b: b"not a pickle" + b[:40])
    assert manifest["graph"] == "built" and manifest["graph_rows_changed_since_built"] == 0
    assert "could not be read" in caplog.text


def test_a_damaged_previous_graph_gets_a_graph_built_afresh(snap_catalog, caplog):
    manifest = _second_snapshot_after_damaging(snap_catalog, "g0000.usearch", lambda b: b[: len(b) // 3])
    assert manifest["graph"] == "built" and manifest["graph_rows_changed_since_built"] == 0
    assert "could not be read" in caplog.text  # a cut-off graph file fails to map: the snapshot is unreadable


def test_a_loaded_snapshot_is_searched_once_before_any_request(snap_catalog):
    """A web process warms a snapshot it loads (maps the pages and fills the caches of a first search) before
    it serves from it: the reasons' word cache is already filled when the first request comes."""
    services.build_snapshot()
    services.reset_cache()
    index = services.get_view().snapshot.index
    assert index.analyzer.__dict__.get("_explain_reads"), "the snapshot was not searched before it was served"
    first = services.search("digital heimeoppfølging av eldre", top=3)
    assert first and first == services.search("digital heimeoppfølging av eldre", top=3)
