"""Bounded limit/offset pagination for every list endpoint of the API.

django-ninja's ``LimitOffsetPagination`` leaves ``offset`` unbounded, so ``?offset=9223372036854775808``
reached the database as an out-of-range integer and answered 500. Here both parameters are bounded in the
input schema, so an out-of-range value is a 422 validation error (declared in the OpenAPI schema by ninja).
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000
DEFAULT_LIMIT = 100


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """``limit`` in 1..MAX_LIMIT (default DEFAULT_LIMIT), ``offset`` in 0..MAX_OFFSET; anything else is 422."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
