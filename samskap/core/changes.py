"""Know, in every process, whether the data behind the public pages changed: ``content_version()``.

Every SQL statement our processes send goes through one execute wrapper (installed on each new database
connection). A statement that writes (INSERT, UPDATE, DELETE, REPLACE) to a table that pages can show raises
the one-row ``ContentVersion`` after the write is committed:

- inside ``transaction.atomic`` (every action function) through ``on_commit``, once per transaction, so a
  rolled-back write raises nothing and readers never see a new number before the data it stands for;
- outside a transaction (autocommit) just before the connection's next statement or at the end of the
  request, never in the middle of a statement whose rows are still being read (SQLite's ``RETURNING``).

This catches what model signals miss (``QuerySet.update()``, ``bulk_create``, raw SQL, other processes such
as the task worker and management commands). Writes by programs outside Samskap (psql by hand) are not
seen: the page cache's time limit bounds how long such a change can stay unseen.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db import DatabaseError, connections
from django.db.models import F

logger = logging.getLogger(__name__)

#: Tables whose writes change nothing a page shows: sessions, lockout bookkeeping, the task queue, the
#: periodic job clock and the version itself (raising it must not raise it again).
IGNORED_TABLE_PREFIXES = ("django_session", "axes_", "django_tasks", "core_contentversion", "core_periodicrun")
_WRITE_VERBS = ("INSERT", "UPDATE", "DELETE", "REPLAC")
_QUOTES = "\"`[]"


def written_table(sql: str) -> str | None:
    """The table a writing statement writes to (lower case), or None for a statement that does not write."""
    head = sql.lstrip()[:7].upper()
    if not head.startswith(_WRITE_VERBS):
        return None
    words = sql.split(None, 6)
    upper = [w.upper() for w in words]
    # INSERT [OR IGNORE|REPLACE] INTO t / REPLACE INTO t / UPDATE [OR ...] t / DELETE FROM t
    if upper[0] == "UPDATE":
        index = 3 if len(upper) > 3 and upper[1] == "OR" else 1
    else:
        keyword = "FROM" if upper[0] == "DELETE" else "INTO"
        index = upper.index(keyword) + 1 if keyword in upper else len(words)
    if index >= len(words):
        return ""  # a write we cannot name: count it
    return words[index].split("(")[0].strip(_QUOTES).lower()


def counts(table: str | None) -> bool:
    return table is not None and not table.startswith(IGNORED_TABLE_PREFIXES)


def content_version(using: str = "default") -> int:
    """The current number (0 before the first write), read from the database (one indexed row)."""
    from samskap.core.models import ContentVersion

    connection = connections[using]
    table, column = (connection.ops.quote_name(n) for n in (ContentVersion._meta.db_table, "value"))
    with connection.cursor() as cursor:  # plain SQL: this runs on every cached request
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = 1")  # noqa: S608 - our own names
        row = cursor.fetchone()
    return int(row[0]) if row else 0


#: this process's last reading: (number, when it was read, monotonic seconds), per database alias
_seen: dict[str, tuple[int, float]] = {}


def recent_content_version(max_age: float, using: str = "default") -> int:
    """The number as read at most ``max_age`` seconds ago by this process, else read afresh. A write by this
    process forgets the reading at once; another process's write is seen within ``max_age``."""
    _flush_pending(connections[using])  # an autocommit write of this process not yet counted
    now = time.monotonic()
    seen = _seen.get(using)
    if seen is not None and now - seen[1] < max_age:
        return seen[0]
    value = content_version(using)
    _seen[using] = (value, now)
    return value


def raise_version(using: str = "default") -> None:
    """Raise the number by one (in its own short statement, after the write it stands for is committed)."""
    from samskap.core.models import ContentVersion

    try:
        if not ContentVersion.objects.using(using).filter(pk=1).update(value=F("value") + 1):
            ContentVersion.objects.using(using).get_or_create(pk=1, defaults={"value": 1})
    except DatabaseError as exc:
        # The data is committed already; a failed raise only means the page cache's time limit applies.
        # Before core's migration has made the table (during `migrate`) there is nothing to raise.
        table = ContentVersion._meta.db_table
        try:
            missing = table not in connections[using].introspection.table_names()
        except DatabaseError:
            missing = False
        if not missing:
            logger.warning("Could not raise the content version: %s", exc)
    finally:
        _seen.pop(using, None)  # this process sees its own write at once


def raise_past(floor: int, using: str = "default") -> None:
    """After the data changed behind Samskap's back (``samskap restore``): a number above both ``floor`` (the
    number before) and the current one, so that no key in use before can come back."""
    from samskap.core.models import ContentVersion

    value = max(floor, content_version(using)) + 1
    ContentVersion.objects.using(using).update_or_create(pk=1, defaults={"value": value})
    _seen.pop(using, None)


_raisers: dict[str, Callable[[], None]] = {}


def _raiser(alias: str) -> Callable[[], None]:
    if alias not in _raisers:
        _raisers[alias] = lambda: raise_version(alias)
    return _raisers[alias]


def _flush_pending(connection: Any) -> None:
    if getattr(connection, "samskap_write_pending", False) and not connection.in_atomic_block:
        connection.samskap_write_pending = False
        raise_version(connection.alias)


def detect_writes(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    """The execute wrapper (Django's ``connection.execute_wrappers``)."""
    connection = context["connection"]
    _flush_pending(connection)
    result = execute(sql, params, many, context)
    if counts(written_table(sql)):
        if connection.in_atomic_block:
            raiser = _raiser(connection.alias)
            if not any(func is raiser for _sids, func, _robust in connection.run_on_commit):
                connection.on_commit(raiser, robust=True)
        else:
            connection.samskap_write_pending = True
    return result


def install(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """``connection_created`` receiver: put the wrapper on a connection once."""
    if connection is not None and detect_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(detect_writes)


def flush_all(**kwargs: Any) -> None:
    """``request_finished`` receiver: raise the number for autocommit writes the request made last."""
    for connection in connections.all(initialized_only=True):
        if getattr(connection, "samskap_write_pending", False):
            try:
                _flush_pending(connection)
            except DatabaseError:  # pragma: no cover - logged in raise_version
                pass


V = TypeVar("V")


class KeptAnswers(Generic[V]):
    """Answers a process keeps while the content version stays the same (who has which role, a person's
    language): a write to what they stand for raises the version, so this process sees its own change at
    once and another process's within ``SAMSKAP_PAGE_CACHE_CHECK_SECONDS``, as the page cache does. Nothing
    is kept with the page cache off, nor inside ``transaction.atomic``, where every action function checks
    who may write: there the answer is always read from the database."""

    _all: list[KeptAnswers[Any]] = []

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: dict[Any, V] = {}
        self._version: int | None = None
        KeptAnswers._all.append(self)

    def current(self) -> dict[Any, V] | None:
        """The answers valid now (add to it what you read), or None where none may be used."""
        from django.conf import settings

        if not settings.SAMSKAP_PAGE_CACHE_SECONDS or connections["default"].in_atomic_block:
            return None
        version = recent_content_version(float(settings.SAMSKAP_PAGE_CACHE_CHECK_SECONDS))
        if version != self._version or len(self._entries) >= self.max_entries:
            self._entries, self._version = {}, version
        return self._entries

    def forget(self) -> None:
        self._entries, self._version = {}, None

    @classmethod
    def forget_all(cls) -> None:
        """Drop every kept answer of this process (tests: a flushed database starts its version again)."""
        for kept in cls._all:
            kept.forget()
