"""Validation of query text (used before analysing and before embedding a query)."""

from __future__ import annotations

from . import config
from .types import QueryError


def validate_query(text: str | None) -> tuple[str, bool]:
    """Clean a query; return ``(text, truncated)``.

    Raises :class:`QueryError` for empty or whitespace-only input and for input without any
    letter or digit. Queries longer than :data:`MAX_QUERY_CHARS` are cut at the last whitespace
    before the limit and ``truncated`` is True.
    """
    if text is None:
        raise QueryError("The query is empty: write a few words describing the need.")
    if not isinstance(text, str):
        raise QueryError(f"The query must be text, not {type(text).__name__}.")
    text = " ".join(text.split())
    if not text:
        raise QueryError("The query is empty: write a few words describing the need.")
    if not any(ch.isalnum() for ch in text):
        raise QueryError("The query contains no letters or digits.")
    truncated = False
    limit = config.MAX_QUERY_CHARS
    if len(text) > limit:
        cut = text[:limit]
        space = cut.rfind(" ")
        if space > limit * 0.8:
            cut = cut[:space]
        text, truncated = cut.rstrip(), True
    return text, truncated
