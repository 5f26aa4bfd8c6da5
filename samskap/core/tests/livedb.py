"""Real databases, real processes: helpers for tests that need several processes on one database.

The pytest database cannot be shared with other processes (on SQLite it lives in memory; on PostgreSQL
each test runs inside a transaction that is rolled back), so these tests get a database of their own:

- on SQLite, a file in a temporary folder, configured exactly as in production (settings.py);
- when the suite runs on PostgreSQL (``DATABASE_URL`` is a postgres URL, as in the postgres part of
  ``make test``), a database of its own on that same server, created here and dropped afterwards.

``LiveDatabases`` migrates one template database once (``samskap migrate`` in a subprocess) and hands out
copies; ``script`` runs Python code with Django set up against a copy; ``gunicorn`` serves a copy with real
sync workers. Everything runs through the ``samskap`` code of this checkout (``ROOT`` on ``PYTHONPATH``).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
PRELUDE = "import django\ndjango.setup()\n"


def postgres_url() -> str | None:
    """The PostgreSQL server the suite runs on, if it does."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://", "pgsql://")) else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme.replace("pgsql", "postgres"), parts.netloc, "/" + name, parts.query, ""))


class LiveDatabases:
    """A migrated template database and fresh copies of it, on SQLite or on the suite's PostgreSQL."""

    def __init__(self, folder: Path, setup: str = "") -> None:
        self.folder = folder
        self.server = postgres_url()
        self.created: list[str] = []
        self.template = self._create()
        self.run("migrate", "--noinput", url=self.template)
        self.setup_output = self.script(setup, url=self.template) if setup else ""

    @property
    def vendor(self) -> str:
        return "postgresql" if self.server else "sqlite"

    def env(self, url: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update({
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "samskap.settings",
            "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
            "SAMSKAP_DEBUG": "1",
            "SAMSKAP_VAR_DIR": str(self.folder / "var"),
            "SAMSKAP_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "SAMSKAP_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "SAMSKAP_LOG_LEVEL": "WARNING",
        })
        return env

    def _admin(self) -> object:
        import psycopg

        assert self.server is not None
        return psycopg.connect(_with_database(self.server, "postgres"), autocommit=True)

    def _create(self, template: str | None = None) -> str:
        name = f"samskap_live_{uuid.uuid4().hex[:10]}"
        if self.server is None:
            path = self.folder / f"{name}.sqlite3"
            if template is not None:
                source = sqlite3.connect(urlsplit(template).path)
                target = sqlite3.connect(path)
                with target:
                    source.backup(target)
                source.close()
                target.close()
            self.created.append(str(path))
            return f"sqlite:///{path}"
        with self._admin() as conn:  # type: ignore[attr-defined]
            suffix = f" TEMPLATE {urlsplit(template).path.strip('/')}" if template else ""
            conn.execute(f"CREATE DATABASE {name}{suffix}")
        self.created.append(name)
        return _with_database(self.server, name)

    def fresh(self) -> str:
        """A new database with the template's schema and data."""
        return self._create(self.template)

    def close(self) -> None:
        if self.server is None:
            return
        with self._admin() as conn:  # type: ignore[attr-defined]
            for name in self.created:
                conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def run(self, *args: str, url: str, timeout: float = 120) -> str:
        """``samskap <args>`` against ``url``; its output, or a failure with the output."""
        return self._check([PYTHON, "-m", "samskap", *args], url, timeout)

    def script(self, code: str, *, url: str, timeout: float = 120) -> str:
        """Python ``code`` with Django set up against ``url``; its standard output."""
        return self._check([PYTHON, "-c", PRELUDE + code], url, timeout)

    def start_script(self, code: str, *, url: str) -> subprocess.Popen[str]:
        """Like ``script``, but running: talk to it through stdin/stdout."""
        return subprocess.Popen([PYTHON, "-u", "-c", PRELUDE + code], env=self.env(url), cwd=ROOT, text=True,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def _check(self, cmd: list[str], url: str, timeout: float) -> str:
        done = subprocess.run(cmd, env=self.env(url), cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        if done.returncode:
            raise AssertionError(f"{cmd[:3]} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done.stdout

    @contextlib.contextmanager
    def gunicorn(self, url: str, *, workers: int = 4) -> Iterator[tuple[str, Path]]:
        """Serve ``url``'s database with gunicorn (sync workers); yields the base URL and the log file."""
        port = free_port()
        log = self.folder / f"gunicorn-{port}.log"
        with open(log, "w") as out:
            proc = subprocess.Popen(
                [PYTHON, "-m", "gunicorn", "samskap.wsgi:application", "--workers", str(workers),
                 "--worker-class", "sync", "--bind", f"127.0.0.1:{port}", "--timeout", "60", "--preload",
                 "--backlog", "256"],
                env=self.env(url), cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                if proc.poll() is not None:
                    raise AssertionError(f"gunicorn exited:\n{log.read_text()}")
                try:
                    urllib.request.urlopen(base + "/", timeout=5).close()
                    break
                except urllib.error.HTTPError:
                    break  # it answers
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    if time.monotonic() > deadline:
                        raise AssertionError(f"gunicorn did not answer:\n{log.read_text()}") from None
                    time.sleep(0.2)
            yield base, log
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
