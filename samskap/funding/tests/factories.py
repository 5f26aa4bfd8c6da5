"""Builders for the funding tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)
