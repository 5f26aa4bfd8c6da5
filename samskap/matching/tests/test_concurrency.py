"""Two task workers re-indexing the same new need at once (two saves in quick succession): the second waits
for the first and updates its catalogue item, instead of failing on the unique id or adding a second one.

Real processes on a database of their own (a SQLite file as in production, or PostgreSQL in the postgres
run, where this race happens: there the first worker's uncommitted item blocks the second's insert)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from samskap.core.tests.livedb import LiveDatabases

pytestmark = pytest.mark.postgres

SETUP = """
import json
from samskap.directory import testing
from samskap.directory.actions import load_reference_data
from samskap.matching import services
from samskap.needs import actions

load_reference_data()
services.bump_version()  # the index state exists, as on any running site
contact = testing.contact_steinkjer()
need = actions.submit_need(contact.municipality, actor=contact.user, data={
    "title": "Ensomhet blant eldre", "description": "Mange eldre bor alene.", "sector": "health"})
print(json.dumps({"need": need.pk}))
"""

FIRST = """
import sys, time
from django.db import transaction
from samskap.matching.tasks import sync_object

with transaction.atomic():
    sync_object("need", int(sys.argv[1]))
    print("holding", flush=True)
    time.sleep(3)
print("committed", flush=True)
"""

SECOND = """
import sys
from samskap.matching.models import CatalogItem
from samskap.matching.tasks import sync_object

pk = int(sys.argv[1])
print("ready", flush=True)
sys.stdin.readline()
sync_object("need", pk)
print("items", CatalogItem.objects.filter(external_id=f"need:{pk}").count(), flush=True)
"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDatabases]:
    live = LiveDatabases(tmp_path_factory.mktemp("live"), setup=SETUP)
    yield live
    live.close()


def _args(code: str, *args: object) -> str:
    return f"import sys\nsys.argv[1:] = {[str(a) for a in args]!r}\n" + code


def test_two_workers_reindex_the_same_new_need(databases):
    need = json.loads(databases.setup_output.strip().splitlines()[-1])["need"]
    url = databases.fresh()
    second = databases.start_script(_args(SECOND, need), url=url)
    first = None
    try:
        assert second.stdout is not None and second.stdin is not None
        assert second.stdout.readline().strip() == "ready", second.communicate(timeout=30)
        first = databases.start_script(_args(FIRST, need), url=url)
        assert first.stdout is not None
        assert first.stdout.readline().strip() == "holding", first.communicate(timeout=30)
        second.stdin.write("go\n")
        second.stdin.flush()
        out, err = second.communicate(timeout=60)
        first_out, first_err = first.communicate(timeout=60)
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    assert first.returncode == 0, first_err
    assert second.returncode == 0, err  # not an IntegrityError on the external id
    assert out.strip() == "items 1"
