"""The EU Funding & Tenders search API feed: instruments and deadlines created or updated from a saved response."""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from samskap.core.actors import SystemActor
from samskap.funding import actions
from samskap.funding.models import Instrument

SYSTEM = SystemActor("test")


def sample() -> bytes:
    return resources.files("samskap.funding").joinpath("fixtures", "eu_ft_search_sample.json").read_bytes()


def test_feed_creates_instruments_with_deadlines_and_eligibility(db, tmp_path, capsys):
    path = tmp_path / "calls.json"
    path.write_bytes(sample())
    call_command("funding", "import-eu-calls", str(path))
    assert "3 topics: 2 new instruments" in capsys.readouterr().out
    cities = Instrument.objects.get(external_id="SAMSKAP-TEST-2027-CITIES-01")
    assert [d.date for d in cities.deadlines.all()] == [dt.date(2027, 4, 22)]
    assert cities.is_eligible("municipality") and cities.active and cities.language == "en"
    assert cities.url.endswith("/topic-details/samskap-test-2027-cities-01")
    care = Instrument.objects.get(external_id="SAMSKAP-TEST-2027-CARE-02")
    assert [d.date for d in care.deadlines.all()] == [dt.date(2027, 6, 10), dt.date(2027, 11, 18)]  # two stages
    assert not Instrument.objects.filter(external_id="SAMSKAP-TEST-2025-CLOSED-03").exists()


def test_feed_updates_deadlines_keeps_edited_eligibility_and_closes(db):
    actions.import_eu_calls(sample(), actor=SYSTEM)
    cities = Instrument.objects.get(external_id="SAMSKAP-TEST-2027-CITIES-01")
    actions.update_instrument(cities, {"applicants": ["municipality", "county"]}, actor=SYSTEM)
    actions.add_deadline(cities, dt.date(2027, 3, 1), label="Internal deadline", actor=SYSTEM)
    doc = json.loads(sample())
    meta = doc["results"][0]["metadata"]
    meta["deadlineDate"] = ["2027-05-06T00:00:00.000+0000"]
    report = actions.import_eu_calls(json.dumps(doc).encode(), actor=SYSTEM)
    assert report["updated"] == 2 and report["created"] == 0
    cities.refresh_from_db()
    assert sorted(d.date for d in cities.deadlines.all()) == [dt.date(2027, 3, 1), dt.date(2027, 5, 6)]
    assert cities.applicants == ["municipality", "county"]  # the coordinator's choice stays
    meta["status"] = ["31094503"]
    actions.import_eu_calls(json.dumps(doc).encode(), actor=SYSTEM)
    cities.refresh_from_db()
    assert not cities.active


def test_bad_feed_is_refused_and_nothing_changes(db, contact_steinkjer):
    doc = json.loads(sample())
    doc["results"][1]["metadata"]["deadlineDate"] = ["soon"]
    with pytest.raises(ValidationError) as excinfo:
        actions.import_eu_calls(json.dumps(doc).encode(), actor=SYSTEM)
    assert "Resultat 2" in " ".join(excinfo.value.messages)
    assert not Instrument.objects.exists()
    with pytest.raises(ValidationError, match="results"):
        actions.import_eu_calls(b'{"hits": []}', actor=SYSTEM)
    with pytest.raises(ValidationError, match="JSON"):
        actions.import_eu_calls(b"{not json", actor=SYSTEM)
    with pytest.raises(PermissionDenied):
        actions.import_eu_calls(sample(), actor=contact_steinkjer.user)
