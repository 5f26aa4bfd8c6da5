"""Query counts that do not grow with the number of rows (NetBox style): render a page with N rows, add 3N
more, render it again, and require the same number of queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client: Any, url: str, headers: dict[str, str] | None = None) -> list[str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, headers=headers or {})
    assert response.status_code == 200, (url, response.status_code)
    return [q["sql"] for q in ctx.captured_queries]


def assert_constant_queries(client: Any, url: str, grow: Callable[[int], Any], n: int = 2,
                            headers: dict[str, str] | None = None, most: int | None = None) -> int:
    """`grow(k)` adds k rows the page at `url` shows. Returns the query count."""
    grow(n)
    queries_for(client, url, headers)  # warm-up: per-process caches (content types, sites, translations)
    before = queries_for(client, url, headers)
    grow(3 * n)
    queries_for(client, url, headers)  # again: a changed catalogue is re-read once (the brokering index)
    after = queries_for(client, url, headers)
    assert len(after) == len(before), (
        f"{url}: {len(before)} queries with {n} rows, {len(after)} with {4 * n}:\n" + "\n".join(after))
    if most is not None:
        assert len(after) <= most, f"{url}: {len(after)} queries (at most {most}):\n" + "\n".join(after)
    return len(after)
