"""This app's conftest shadows the root `_test_settings`: its tests must get the same isolation (their own
brokering index directory, snapshots off), or one test's snapshots leak into the next (a full run hung so)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def test_workshop_tests_have_their_own_index_directory(tmp_path: Path) -> None:
    assert settings.SAMSKAP_INDEX_SNAPSHOTS is False
    assert Path(settings.SAMSKAP_INDEX_DIR) == tmp_path / "index"
    assert settings.SAMSKAP_INDEX_CHECK_SECONDS == 0.0
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
