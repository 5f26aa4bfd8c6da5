"""Fixtures borrowed from the apps that emit notifications."""

from samskap.followup.tests.conftest import world  # noqa: F401  (a workshop group, a row and an action)
