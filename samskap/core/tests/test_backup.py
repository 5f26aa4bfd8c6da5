"""`samskap backup` and `samskap restore`: back up the demo, change it, restore, and find every row of every
table as it was; refuse files that are not backups and change nothing then. On SQLite here, on PostgreSQL
(pg_dump/pg_restore) in the postgres run."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import sqlite3

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from samskap.core.registry import registry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _load_demo() -> None:
    """The demo, as `samskap load_demo` loads it, without computing the catalogue's vectors (slow): the
    catalogue rows are mirrored, and one vector is set by hand so binary columns are covered too."""
    from samskap.matching import services
    from samskap.matching.models import CatalogItem

    for loader in registry.demo_loaders():
        if loader.name != "matching":
            loader.load(io.StringIO())
    services.sync_all()
    CatalogItem.objects.filter(pk=CatalogItem.objects.order_by("pk").values("pk")[:1]).update(
        vector=bytes(range(256)) * 6, vector_model="hand-made")


def _value(value: object) -> str:
    if isinstance(value, memoryview | bytes | bytearray):
        return "b:" + bytes(value).hex()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "t:" + value.isoformat()
    return f"{type(value).__name__}:{value!r}"


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: the number of rows and a checksum of all of them (in any order)."""
    out = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted("|".join(_value(v) for v in row) for row in cursor.fetchall())
            out[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return out


def _change_everything() -> None:
    from samskap.needs.models import Need
    from samskap.workshops.models import Registration

    get_user_model().objects.create_user("ny.bruker", "ny@example.org", "pw-test-Samskap-1")
    Need.objects.order_by("pk").first().delete()  # type: ignore[union-attr]
    Registration.objects.filter(pk=Registration.objects.order_by("pk").values("pk")[:1]).update(name="Endret")


def test_backup_change_restore_gives_back_every_row(tmp_path):
    _load_demo()
    before = snapshot()
    assert sum(n for n, _digest in before.values()) > 1000 and before["workshops_registration"][0] > 0

    out = io.StringIO()
    call_command("backup", str(tmp_path / "samskap.backup"), stdout=out)
    assert "Backed up" in out.getvalue()
    assert not [p.name for p in tmp_path.iterdir() if p.name != "samskap.backup"]  # no partial files left

    _change_everything()
    changed = snapshot()
    assert changed != before
    assert {t for t in before if changed[t] != before[t]} >= {"auth_user", "needs_need", "workshops_registration"}

    from samskap.core.changes import content_version

    version_before_restore = content_version()
    assert version_before_restore > 0
    call_command("restore", str(tmp_path / "samskap.backup"), "--noinput", stdout=io.StringIO())
    restored = snapshot()
    # every row as it was, except the content version, which moves past both numbers (page cache keys)
    assert content_version() > version_before_restore
    assert {t: v for t, v in restored.items() if t != "core_contentversion"} == {
        t: v for t, v in before.items() if t != "core_contentversion"}

    # the site works on the restored database
    from samskap.needs.models import Need

    assert Need.objects.count() == before["needs_need"][0]


def test_restore_refuses_what_is_not_a_backup_and_changes_nothing(tmp_path):
    _load_demo()
    good = tmp_path / "good.backup"
    call_command("backup", str(good), stdout=io.StringIO())
    _change_everything()
    current = snapshot()

    garbage = tmp_path / "notes.txt"
    garbage.write_text("not a backup\n")
    truncated = tmp_path / "truncated.backup"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    cases = {garbage: "is not a Samskap backup", truncated: "", tmp_path / "missing.backup": "does not exist"}
    if connection.vendor == "sqlite":
        cases[other] = "not of Samskap"
    else:
        cases[other] = "is a SQLite backup, but this site runs on PostgreSQL"
    for path, message in cases.items():
        with pytest.raises(CommandError) as refused:
            call_command("restore", str(path), "--noinput", stdout=io.StringIO())
        assert message in str(refused.value)
        assert "Nothing was restored" in str(refused.value) or "does not exist" in str(refused.value)
        assert snapshot() == current, path
