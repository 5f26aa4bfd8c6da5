"""Saving a need while another process (the task worker re-indexing the catalogue) holds a write transaction:
the save waits for it and succeeds, instead of failing with "database is locked".

Two real processes on a database of their own (a SQLite file configured as in production, or PostgreSQL in
the postgres run)."""

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
from samskap.needs import actions

load_reference_data()
contact = testing.contact_steinkjer()
need = actions.submit_need(contact.municipality, actor=contact.user, data={
    "title": "Ensomhet blant eldre", "description": "Mange eldre bor alene.", "sector": "health", "status": "submitted"})
print(json.dumps({"need": need.pk, "user": contact.user.pk}))
"""

# The worker: re-indexes the needs and bumps the index version in one transaction, and holds it a while.
WORKER = """
import sys, time
from django.db import transaction
from samskap.matching import services
from samskap.needs.models import Need

with transaction.atomic():
    services.sync_kind("need")
    services.bump_version()
    Need.objects.select_for_update().get(pk=int(sys.argv[1]))  # on PostgreSQL the row is locked too
    print("holding", flush=True)
    time.sleep(3)
print("committed", flush=True)
"""

# The user: reads the need before the worker commits, then saves it through the action.
USER = """
import sys
from django.contrib.auth import get_user_model
from samskap.needs import actions
from samskap.needs.models import Need

need_pk, user_pk = int(sys.argv[1]), int(sys.argv[2])
user = get_user_model().objects.get(pk=user_pk)
need = Need.objects.get(pk=need_pk)
print("ready", flush=True)
sys.stdin.readline()
actions.update_need(need, {"title": "Ensomhet blant eldre i distriktet"}, actor=user)
print("saved", Need.objects.get(pk=need_pk).title, flush=True)
"""


@pytest.fixture(scope="module")
def databases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveDatabases]:
    live = LiveDatabases(tmp_path_factory.mktemp("live"), setup=SETUP)
    yield live
    live.close()


def _args(code: str, *args: object) -> str:
    return f"import sys\nsys.argv[1:] = {[str(a) for a in args]!r}\n" + code


def test_saving_a_need_waits_for_the_reindexing_worker(databases):
    ids = json.loads(databases.setup_output.strip().splitlines()[-1])
    url = databases.fresh()
    user = databases.start_script(_args(USER, ids["need"], ids["user"]), url=url)
    worker = None
    try:
        assert user.stdout is not None and user.stdin is not None
        assert user.stdout.readline().strip() == "ready"
        worker = databases.start_script(_args(WORKER, ids["need"]), url=url)
        assert worker.stdout is not None
        assert worker.stdout.readline().strip() == "holding", worker.communicate(timeout=30)
        user.stdin.write("go\n")
        user.stdin.flush()
        out, err = user.communicate(timeout=60)
        worker_out, worker_err = worker.communicate(timeout=60)
    finally:
        for proc in (user, worker):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    assert worker.returncode == 0, worker_err
    assert "committed" in worker_out
    assert user.returncode == 0, err  # not "database is locked"
    assert out.strip() == "saved Ensomhet blant eldre i distriktet"
