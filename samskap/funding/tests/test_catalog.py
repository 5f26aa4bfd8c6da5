"""Instruments as catalogue entries for brokering, and the demo data."""

import io

import pytest

from samskap.core.registry import registry
from samskap.funding import catalog, demo, eligibility, reasons
from samskap.funding.models import Deadline, Instrument
from samskap.matching.sources import kinds

from .factories import days

KEYS = {"id", "kind", "title", "text", "organisation", "keywords", "language", "meta", "url"}
META_KEYS = {"applicants", "deadlines", "rolling", "research_partner_required", "cofunding_required", "lead",
             "owner", "url", "size"}


@pytest.mark.postgres
def test_entry_format(public_instrument):
    [entry] = catalog.entries()
    assert KEYS <= set(entry)
    assert entry["id"] == f"instrument:{public_instrument.pk}"
    assert entry["kind"] == "instrument" and entry["kind"] in kinds()
    assert entry["title"] == "Innovasjonsprosjekt i offentlig sektor"
    assert "forskningsbasert innovasjon" in entry["text"] and entry["title"] not in entry["text"]
    assert entry["organisation"] == "Forskningsrådet"
    assert entry["keywords"] == ["innovasjon", "offentlig sektor"]
    assert entry["language"] == "nb"
    assert entry["url"] == f"/finansiering/{public_instrument.pk}/"
    meta = entry["meta"]
    assert META_KEYS <= set(meta)
    assert meta["applicants"] == ["municipality", "county", "other"]
    assert meta["deadlines"] == [days(30).isoformat(), days(60).isoformat()]  # upcoming only, soonest first
    assert meta["rolling"] is False
    assert meta["research_partner_required"] is True and meta["cofunding_required"] is True
    assert meta["lead"] == "" and meta["owner"] == "Forskningsrådet"
    assert meta["url"] == "https://www.forskningsradet.no/"
    assert meta["size"] == "1 000 000–16 000 000 kr"
    assert eligibility.reason_for(meta, "municipality").startswith(f"kommuner kan søke; frist {days(30).isoformat()}")


@pytest.mark.postgres
def test_entries_by_pk_and_inactive(coordinator, public_instrument, research_led_instrument):
    from samskap.funding import actions

    assert [e["id"] for e in catalog.entries([research_led_instrument.pk])] == \
        [f"instrument:{research_led_instrument.pk}"]
    assert catalog.entries([987654]) == []
    actions.update_instrument(research_led_instrument, {"active": False}, actor=coordinator.user)
    assert [e["id"] for e in catalog.entries()] == [f"instrument:{public_instrument.pk}"]
    assert catalog.entries([research_led_instrument.pk]) == []


def test_source_is_registered():
    source = registry.catalogue_source("instrument")
    assert source is not None and source.entries is catalog.entries
    assert registry.match_reason("instrument") is reasons.reason_for


@pytest.mark.postgres
def test_demo_is_idempotent_and_filled_in(db):
    out = io.StringIO()
    demo.load(out)
    count, deadlines = Instrument.objects.count(), Deadline.objects.count()
    demo.load(out)
    assert (Instrument.objects.count(), Deadline.objects.count()) == (count, deadlines)
    assert 14 <= count <= 17
    for instrument in Instrument.objects.select_related("owner"):
        assert instrument.applicants, instrument.name
        assert instrument.owner is not None and instrument.owner.org_type == "funding", instrument.name
        assert instrument.url.startswith("https://"), instrument.name
        assert instrument.rolling or instrument.deadlines.filter(date__year=2027).exists(), instrument.name
    assert Instrument.objects.filter(language="nn").count() >= 2
    entries = {e["title"]: e for e in catalog.entries()}
    assert eligibility.is_eligible(entries["DigiFin – KS sitt digitaliseringsfond"]["meta"], "municipality")
    assert eligibility.reason_for(entries["Samarbeidsprosjekt for å møte samfunnsutfordringer"]["meta"]) == \
        "kommuner kan ikke søke alene; en forskningsorganisasjon må lede"
    assert eligibility.reason_for(entries["Innovasjonskontrakter (Innovasjon Norge)"]["meta"]) == \
        "kommuner kan ikke søke alene; en bedrift må lede"
    assert eligibility.reason_for(entries["Leverandørutviklingsprogrammet – hjelp til innovative anskaffelser"]
                                  ["meta"]) == "kommuner kan søke; løpende søknad"
