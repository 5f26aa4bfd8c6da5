"""Fixtures for the workshop tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings

from samskap.workshops.tests.factories import make_event


@pytest.fixture(autouse=True)
def _test_settings(tmp_path: Path) -> Iterator[None]:
    """Same as samskap/conftest.py's (which this one shadows: keep the two in step), without the ``settings``
    fixture: test_solver.py parametrizes an argument called ``settings``, which would shadow pytest-django's
    fixture of that name. The brokering index of every test lives in its own directory with snapshots off,
    as in all other apps: a shared one kept snapshots of other tests' catalogues."""
    from django.core.cache import cache

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        SAMSKAP_INDEX_SNAPSHOTS=False,
        SAMSKAP_INDEX_DIR=tmp_path / "index",
        SAMSKAP_INDEX_CHECK_SECONDS=0.0,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        LANGUAGE_CODE="nb",
        WORKSHOP_PLAN_TIME_LIMIT=3,
    ):
        cache.clear()
        yield


@pytest.fixture
def event(coordinator):  # type: ignore[no-untyped-def]
    return make_event(coordinator.user)
