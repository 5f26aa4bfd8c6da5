"""Published cases are catalogue items (kind "case") for brokering; changes are signalled after commit."""

import json

import pytest

from samskap.core.signals import catalogue_changed
from samskap.knowledge import actions, catalog
from samskap.knowledge.tests.factories import COMPLETE, municipalities, published_case


@pytest.fixture
def signals(monkeypatch):
    """The signals sent, with the other receivers (brokering's re-indexing) switched off."""
    monkeypatch.setattr(catalogue_changed, "receivers", [])
    received = []

    def handler(sender, **kwargs):
        received.append((kwargs["kind"], kwargs["pk"], kwargs.get("deleted", False)))

    catalogue_changed.connect(handler)
    yield received
    catalogue_changed.disconnect(handler)


def test_entries_follow_the_contract(coordinator):
    case = published_case(coordinator.user, ("5001", "5014", "1566"))
    [entry] = catalog.entries()
    assert entry["id"] == f"case:{case.pk}" and entry["kind"] == "case"
    assert entry["title"] == COMPLETE["title"]
    assert COMPLETE["summary"] in entry["text"] and COMPLETE["title"] not in entry["text"]
    assert entry["language"] == "nb"
    assert entry["url"] == f"/kunnskap/{case.pk}/"
    assert entry["meta"]["municipalities"] == ["1566", "5001", "5014"]
    assert entry["meta"]["counties"] == ["15", "50"]
    assert {k: entry["meta"][k] for k in ("stage", "year", "sector", "innovation_type")} == {
        "stage": "implemented", "year": 2023, "sector": "health", "innovation_type": "service"}
    assert isinstance(entry["keywords"], list) and "Surnadal" in entry["keywords"]
    json.dumps(entry)  # JSON-safe


@pytest.mark.postgres
def test_only_published_cases_and_requested_pks(coordinator, contact_steinkjer):
    one = published_case(coordinator.user)
    two = published_case(coordinator.user, title="Nummer to")
    actions.create_case(COMPLETE, municipalities("5006"), actor=contact_steinkjer.user)  # a draft
    assert [e["id"] for e in catalog.entries()] == [f"case:{one.pk}", f"case:{two.pk}"]
    assert [e["id"] for e in catalog.entries([two.pk, 999999])] == [f"case:{two.pk}"]
    assert catalog.entries([]) == []


def test_catalogue_changed_after_commit(coordinator, signals, django_capture_on_commit_callbacks):
    # One signal per object and transaction (the save and the municipalities' m2m change count once).
    with django_capture_on_commit_callbacks(execute=True):
        case = actions.create_case(COMPLETE, municipalities("5006"), actor=coordinator.user)
    assert signals == [("case", case.pk, False)]
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit_case(case, actor=coordinator.user)
        actions.publish_case(case, actor=coordinator.user)
    assert signals[1:] == [("case", case.pk, False)]
    with django_capture_on_commit_callbacks(execute=True):
        actions.update_case(case, {"title": "Nytt navn"}, actor=coordinator.user)
    assert signals[-1] == ("case", case.pk, False) and len(signals) == 3
    with django_capture_on_commit_callbacks(execute=True):
        actions.return_case(case, "Mer om resultater.", actor=coordinator.user)
    assert signals[-1] == ("case", case.pk, False) and len(signals) == 4
    pk = case.pk
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_case(case, actor=coordinator.user)
    assert signals[-1] == ("case", pk, True)


def test_changing_only_the_municipalities_is_signalled(coordinator, signals, django_capture_on_commit_callbacks):
    case = published_case(coordinator.user)
    with django_capture_on_commit_callbacks(execute=True):
        case.municipalities.add(*municipalities("1566"))
    assert signals[-1] == ("case", case.pk, False)


def test_no_signal_when_the_transaction_rolls_back(coordinator, signals, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.create_case(COMPLETE, municipalities("5006"), actor=coordinator.user)
    assert signals == [] and callbacks  # pending until the commit that never comes


def test_source_is_registered():
    from samskap.core.registry import registry

    source = registry.catalogue_source("case")
    assert source is not None and source.entries is catalog.entries
