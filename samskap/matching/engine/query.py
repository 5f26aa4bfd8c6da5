"""Validation of a free-text query: empty, too long (cut at a word boundary) or not text."""

from __future__ import annotations

from samskap.matching.engine.config import MAX_QUERY_CHARS
from samskap.matching.engine.types import QueryError


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
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS]
        space = cut.rfind(" ")
        if space > MAX_QUERY_CHARS * 0.8:
            cut = cut[:space]
        text, truncated = cut.rstrip(), True
    return text, truncated
