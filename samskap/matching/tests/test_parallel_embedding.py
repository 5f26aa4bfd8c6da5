"""`samskap catalog embed --jobs N`: a national import embeds in N single-thread processes that share the work
without overlapping, show one progress figure, and can be stopped and resumed.

Real processes on a database of their own (a SQLite file as in production, or PostgreSQL in the postgres run):
the processes write their batches at the same time, which is what the production database must take.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from samskap.core.tests.livedb import PYTHON, ROOT, LiveDatabases

pytestmark = pytest.mark.postgres

CATALOG = Path(__file__).parent / "data" / "catalog.jsonl"

SETUP = f"""
from pathlib import Path
from samskap.core.actors import SYSTEM
from samskap.matching import actions

actions.import_catalog(Path({str(CATALOG)!r}).read_bytes(), actor=SYSTEM)  # stored, not embedded
"""

STATE = """
import json
from samskap.matching import engine
from samskap.matching.models import CatalogItem

print(json.dumps({c.external_id: {"pk": c.pk, "model": c.vector_model,
                                  "vector": None if c.vector is None else engine.vector_from_bytes(bytes(c.vector)).tolist()}
                  for c in CatalogItem.objects.all()}))
"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDatabases]:
    live = LiveDatabases(tmp_path_factory.mktemp("embed"), setup=SETUP)
    yield live
    live.close()


def state(databases: LiveDatabases, url: str) -> dict[str, dict]:
    return json.loads(databases.script(STATE, url=url).strip().splitlines()[-1])


def test_two_processes_embed_every_item_once_and_as_one_process_does(databases):
    one, two = databases.fresh(), databases.fresh()
    assert all(v["vector"] is None for v in state(databases, one).values())

    out_one = databases.run("catalog", "embed", url=one)
    out_two = databases.run("catalog", "embed", "--jobs", "2", url=two)

    items = sum(1 for line in CATALOG.read_text(encoding="utf-8").splitlines() if line.strip())
    assert f"Indexed {items} item(s)." in out_one
    assert f"Indexed {items} item(s)." in out_two
    serial, parallel = state(databases, one), state(databases, two)
    assert set(serial) == set(parallel) and len(serial) == items
    np = pytest.importorskip("numpy")
    for external_id, row in parallel.items():
        assert row["vector"] is not None and row["model"], external_id
        assert np.allclose(row["vector"], serial[external_id]["vector"], atol=1e-4), external_id
    # nothing is left for a second run
    assert "Indexed" not in databases.run("catalog", "embed", "--jobs", "2", url=two)


def test_a_part_embeds_only_its_share_and_the_next_run_goes_on_from_there(databases):
    url = databases.fresh()
    out = databases.run("catalog", "embed", "--part", "1/2", url=url)
    after_part = state(databases, url)
    odd = {k for k, v in after_part.items() if v["pk"] % 2 == 1}
    assert odd and len(odd) < len(after_part)
    assert {k for k, v in after_part.items() if v["vector"] is not None} == odd
    assert out.strip().splitlines()[-1] == f"progress {len(odd)} {len(odd)}"  # what the parent process reads

    rest = databases.run("catalog", "embed", url=url)
    assert f"Indexed {len(after_part) - len(odd)} item(s)." in rest
    assert all(v["vector"] is not None for v in state(databases, url).values())


@pytest.mark.parametrize(("args", "message"), [
    (["--jobs", "0"], "'0' is not a number of processes from 1 to 64"),
    (["--jobs", "two"], "'two' is not a number of processes from 1 to 64"),
    (["--part", "2/2"], "'2/2' is not I/N with 0 <= I < N"),
])
def test_bad_job_counts_are_refused_with_a_message(databases, args, message):
    url = databases.fresh()
    done = subprocess.run([PYTHON, "-m", "samskap", "catalog", "embed", *args], env=databases.env(url), cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert message in done.stderr
    assert "Traceback" not in done.stderr
    assert all(v["vector"] is None for v in state(databases, url).values())
