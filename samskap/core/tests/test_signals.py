"""`notify_catalogue_changed`: after commit, once per object and transaction, never lost to a savepoint."""

from __future__ import annotations

import pytest
from django.db import transaction

from samskap.core.signals import catalogue_changed, notify_catalogue_changed


@pytest.fixture
def sent(monkeypatch):
    monkeypatch.setattr(catalogue_changed, "receivers", [])  # no re-indexing here
    calls: list[tuple[str, int, bool]] = []

    def handler(sender, **kwargs):
        calls.append((kwargs["kind"], kwargs["pk"], kwargs["deleted"]))

    catalogue_changed.connect(handler, weak=False, dispatch_uid="core-signals-test")
    yield calls
    catalogue_changed.disconnect(dispatch_uid="core-signals-test")


def test_once_per_object_with_the_last_deleted(db, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_catalogue_changed(None, "need", 1)
        notify_catalogue_changed(None, "need", 2)
        notify_catalogue_changed(None, "need", 1, deleted=True)
    assert sent == [("need", 1, True), ("need", 2, False)]


def test_a_rolled_back_savepoint_keeps_the_outer_change(db, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify_catalogue_changed(None, "need", 1)
        try:
            with transaction.atomic():
                notify_catalogue_changed(None, "need", 1)
                notify_catalogue_changed(None, "need", 3)
                raise RuntimeError
        except RuntimeError:
            pass
    assert sent == [("need", 1, False)]


def test_first_change_in_a_rolled_back_savepoint_is_not_needed_by_a_later_one(db, sent,
                                                                             django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify_catalogue_changed(None, "need", 1)
                raise RuntimeError
        except RuntimeError:
            pass
        notify_catalogue_changed(None, "need", 1)
    assert sent == [("need", 1, False)]
