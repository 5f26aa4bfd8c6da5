"""Backup and restore of the whole database, used by ``samskap backup FILE`` and ``samskap restore FILE``.

- SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies one consistent state of the
  database while the site keeps running; restoring copies the backup into the live file the same way, in
  one write transaction, so readers see either the old or the restored database.
- PostgreSQL: ``pg_dump -Fc`` (one consistent snapshot) and ``pg_restore --clean --if-exists
  --single-transaction``, so a restore that fails changes nothing. The binaries come from the newest
  ``/usr/lib/postgresql/*/bin`` (as scripts/test.sh finds them) or from ``PATH``.

A backup is written under a temporary name next to FILE and renamed when complete. A restore first checks
that the file is a backup of a Samskap database (for this site's database engine) and refuses anything
else with a clear message, before it touches the database.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from samskap.core import changes

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
#: Every Samskap (Django) database has this table; a file without it is not a backup of one.
MARKER_TABLE = "django_migrations"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why. Nothing was changed."""


def _connection(using: str = DEFAULT_DB_ALIAS) -> Any:
    return connections[using]


def vendor(using: str = DEFAULT_DB_ALIAS) -> str:
    return str(_connection(using).vendor)


def pg_binary(name: str) -> str:
    """The newest installed PostgreSQL client program ``name`` (pg_dump, pg_restore)."""
    def version(path: str) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", path.split("/")[-3]))

    candidates = sorted((p for p in glob.glob(f"/usr/lib/postgresql/*/bin/{name}") if os.access(p, os.X_OK)),
                        key=version)
    found = candidates[-1] if candidates else shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found (looked in /usr/lib/postgresql/*/bin and PATH); "
                          "install the PostgreSQL client programs.")
    return found


def _pg_env(using: str) -> dict[str, str]:
    params = _connection(using).settings_dict
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("NAME", "PGDATABASE")):
        if params.get(key):
            env[var] = str(params[key])
    if params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = str(params["OPTIONS"]["sslmode"])
    return env


def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, env=env, capture_output=True, text=True)


def describe(using: str = DEFAULT_DB_ALIAS) -> str:
    """The database a backup is made from or restored into, for messages."""
    params = _connection(using).settings_dict
    if vendor(using) == "sqlite":
        return f"SQLite {params['NAME']}"
    return f"PostgreSQL {params.get('NAME')} on {params.get('HOST') or 'localhost'}:{params.get('PORT') or 5432}"


# -- backup ------------------------------------------------------------------------------------------


def backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Write a consistent snapshot of the database to ``path`` (replaced only when the copy is complete)."""
    path = Path(path)
    if path.is_dir():
        raise BackupError(f"{path} is a folder; give the name of the backup file.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BackupError(f"The folder {folder} does not exist.")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if vendor(using) == "sqlite":
            _sqlite_backup(tmp, using)
        elif vendor(using) == "postgresql":
            _pg_backup(tmp, using)
        else:
            raise BackupError(f"Backups of {vendor(using)} databases are not supported.")
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _sqlite_backup(tmp: Path, using: str) -> None:
    conn = _connection(using)
    conn.ensure_connection()
    target = sqlite3.connect(tmp)
    try:
        conn.connection.backup(target)  # all pages in one step: one consistent state
        target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
    except sqlite3.Error as exc:
        raise BackupError(f"The backup failed: {exc}") from exc
    finally:
        target.close()


def _pg_backup(tmp: Path, using: str) -> None:
    done = _run([pg_binary("pg_dump"), "--format=custom", "--file", str(tmp)], _pg_env(using))
    if done.returncode:
        raise BackupError(f"pg_dump failed: {done.stderr.strip()}")


# -- restore -----------------------------------------------------------------------------------------


def _kind_of_file(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise BackupError(f"{path} does not exist.") from None
    except OSError as exc:
        raise BackupError(f"Cannot read {path}: {exc.strerror}.") from exc
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PGDUMP_MAGIC):
        return "postgresql"
    return ""


def check(path: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Refuse (``BackupError``) anything that is not a complete Samskap backup for this database engine."""
    path = Path(path)
    kind = _kind_of_file(path)
    site = vendor(using)
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    if not kind:
        raise BackupError(f"{path} is not a Samskap backup (neither a SQLite database nor a pg_dump "
                          "custom-format file). Nothing was restored.")
    if kind != site:
        raise BackupError(f"{path} is a {names[kind]} backup, but this site runs on "
                          f"{names.get(site, site)}. Nothing was restored.")
    if kind == "sqlite":
        _check_sqlite(path)
    else:
        _check_pg(path, using)


def _check_sqlite(path: Path) -> None:
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = source.execute("PRAGMA integrity_check").fetchall()
            tables = {r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{path} is not a usable backup ({exc}). Nothing was restored.") from exc
    if result != [("ok",)]:
        problems = "; ".join(str(r[0]) for r in result[:3])
        raise BackupError(f"{path} is damaged ({problems}). Nothing was restored.")
    if MARKER_TABLE not in tables:
        raise BackupError(f"{path} is a SQLite database, but not of Samskap (it has no {MARKER_TABLE} "
                          "table). Nothing was restored.")


def _check_pg(path: Path, using: str) -> None:
    done = _run([pg_binary("pg_restore"), "--list", str(path)], _pg_env(using))
    if done.returncode:
        raise BackupError(f"{path} is not a usable backup (pg_restore: {done.stderr.strip()}). "
                          "Nothing was restored.")
    if not re.search(rf"\bTABLE DATA \S+ {MARKER_TABLE}\b", done.stdout):
        raise BackupError(f"{path} is a PostgreSQL dump, but not of Samskap (it has no {MARKER_TABLE} "
                          "table). Nothing was restored.")


def restore(path: Path, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the database's contents with the backup at ``path``: all of it, or (on any error) nothing."""
    path = Path(path)
    check(path, using)
    try:
        version = changes.content_version(using)
    except DatabaseError:  # a database without core's tables yet
        version = 0
    if vendor(using) == "sqlite":
        _sqlite_restore(path, using)
    else:
        _pg_restore(path, using)
    # The rows changed behind Django's back: move the content version past both the old and the restored
    # number, so no web process serves a page it cached before the restore.
    changes.raise_past(version, using)


def _sqlite_restore(path: Path, using: str) -> None:
    conn = _connection(using)
    if conn.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    conn.ensure_connection()
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        # One step copies every page in one write transaction on the live database: all or nothing.
        source.backup(conn.connection)
    except sqlite3.Error as exc:
        raise BackupError(f"The restore failed: {exc}. Nothing was restored.") from exc
    finally:
        source.close()
    conn.close()  # the next query opens a fresh connection on the restored database


def _pg_restore(path: Path, using: str) -> None:
    conn = _connection(using)
    if conn.in_atomic_block:
        raise BackupError("A restore cannot run inside a transaction.")
    conn.close()  # hold no locks while pg_restore replaces the tables
    done = _run([pg_binary("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                 "--single-transaction", "--exit-on-error", "--dbname", _pg_env(using).get("PGDATABASE", ""),
                 str(path)], _pg_env(using))
    if done.returncode:
        raise BackupError(f"pg_restore failed: {done.stderr.strip()}. Nothing was restored.")
