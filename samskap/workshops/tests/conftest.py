"""Fixtures for the workshop tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from samskap.workshops.tests.factories import make_event


@pytest.fixture(autouse=True)
def _test_settings() -> Iterator[None]:
    """Same as samskap/conftest.py's, without the ``settings`` fixture: test_solver.py parametrizes an
    argument called ``settings``, which would shadow pytest-django's fixture of that name."""
    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        LANGUAGE_CODE="nb",
        WORKSHOP_PLAN_TIME_LIMIT=3,
    ):
        yield


@pytest.fixture
def event(coordinator):  # type: ignore[no-untyped-def]
    return make_event(coordinator.user)
