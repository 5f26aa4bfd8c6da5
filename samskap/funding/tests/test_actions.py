"""Only coordinators write instruments and deadlines; every write tells brokering after commit."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from samskap.core.signals import catalogue_changed
from samskap.funding import actions
from samskap.funding.models import Deadline, Instrument
from samskap.matching.models import CatalogItem

from .factories import days

ROLES = ["coordinator", "contact", "researcher", "guest"]
NEW = {"name": "DigiFin", "owner_name": "KS", "summary": "Felles digitalisering.",
       "applicants": ["municipality", "county"], "lead_requirement": "public"}


@pytest.fixture
def received():
    calls = []

    def handler(sender, **kwargs):
        calls.append({k: kwargs[k] for k in ("kind", "pk", "deleted")})

    catalogue_changed.connect(handler, weak=False, dispatch_uid="funding-test")
    yield calls
    catalogue_changed.disconnect(dispatch_uid="funding-test")


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_create_instrument(actors, role):
    if role == "coordinator":
        instrument = actions.create_instrument({**NEW, "deadlines": [days(20)]}, actor=actors[role])
        assert instrument.deadlines.count() == 1
    else:
        with pytest.raises(PermissionDenied):
            actions.create_instrument({**NEW, "deadlines": [days(20)]}, actor=actors[role])
        assert not Instrument.objects.filter(name="DigiFin").exists()
        assert not Deadline.objects.exists()


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_update_instrument(actors, public_instrument, role):
    if role == "coordinator":
        actions.update_instrument(public_instrument, {"name": "Endret", "deadlines": []}, actor=actors[role])
        assert Instrument.objects.get(pk=public_instrument.pk).name == "Endret"
        assert not public_instrument.deadlines.exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.update_instrument(public_instrument, {"name": "Endret", "deadlines": []}, actor=actors[role])
        assert Instrument.objects.get(pk=public_instrument.pk).name == "Innovasjonsprosjekt i offentlig sektor"
        assert public_instrument.deadlines.count() == 3


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_delete_instrument(actors, public_instrument, role):
    if role == "coordinator":
        actions.delete_instrument(public_instrument, actor=actors[role])
        assert not Instrument.objects.filter(pk=public_instrument.pk).exists()
        assert not Deadline.objects.exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.delete_instrument(public_instrument, actor=actors[role])
        assert Instrument.objects.filter(pk=public_instrument.pk).exists()


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_deadline_writes(actors, public_instrument, role):
    deadline = public_instrument.deadlines.get(label="Skisse")
    if role == "coordinator":
        added = actions.add_deadline(public_instrument, days(100), label="Ny", actor=actors[role])
        actions.update_deadline(deadline, {"date": days(31)}, actor=actors[role])
        actions.delete_deadline(added, actor=actors[role])
        assert Deadline.objects.get(pk=deadline.pk).date == days(31)
        assert public_instrument.deadlines.count() == 3
        return
    with pytest.raises(PermissionDenied):
        actions.add_deadline(public_instrument, days(100), label="Ny", actor=actors[role])
    with pytest.raises(PermissionDenied):
        actions.update_deadline(deadline, {"date": days(31)}, actor=actors[role])
    with pytest.raises(PermissionDenied):
        actions.delete_deadline(deadline, actor=actors[role])
    assert Deadline.objects.get(pk=deadline.pk).date == days(30)
    assert public_instrument.deadlines.count() == 3


@pytest.mark.postgres
def test_validation(coordinator):
    with pytest.raises(ValidationError) as excinfo:
        actions.create_instrument({**NEW, "applicants": ["municipality", "alien"]}, actor=coordinator.user)
    assert "applicants" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        actions.create_instrument({**NEW, "min_amount": 5, "max_amount": 1}, actor=coordinator.user)
    assert "max_amount" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        actions.create_instrument({**NEW, "owner_name": ""}, actor=coordinator.user)
    assert "owner_name" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        actions.create_instrument({**NEW, "deadlines": [days(5), days(5)]}, actor=coordinator.user)
    assert not Instrument.objects.exists()


@pytest.mark.postgres
def test_applicants_are_stored_in_canonical_order(coordinator):
    instrument = actions.create_instrument({**NEW, "applicants": ["company", "municipality"]}, actor=coordinator.user)
    assert Instrument.objects.get(pk=instrument.pk).applicants == ["municipality", "company"]


@pytest.mark.postgres
def test_duplicate_deadline_is_refused(coordinator, public_instrument):
    existing = public_instrument.deadlines.get(label="Skisse")
    with pytest.raises(ValidationError):
        actions.add_deadline(public_instrument, existing.date, label="Skisse", actor=coordinator.user)


@pytest.mark.postgres
def test_signals_after_commit(coordinator, received, django_capture_on_commit_callbacks):
    # One signal per instrument and transaction, whichever of its rows changed.
    with django_capture_on_commit_callbacks(execute=True):
        instrument = actions.create_instrument(NEW, actor=coordinator.user)
    assert received == [{"kind": "instrument", "pk": instrument.pk, "deleted": False}]
    with django_capture_on_commit_callbacks(execute=True):
        actions.add_deadline(instrument, days(3), actor=coordinator.user)
        actions.update_instrument(instrument, {"active": False}, actor=coordinator.user)
    assert received[1:] == [{"kind": "instrument", "pk": instrument.pk, "deleted": False}]
    assert not CatalogItem.objects.filter(external_id=f"instrument:{instrument.pk}").exists()  # inactive
    pk = instrument.pk
    with django_capture_on_commit_callbacks(execute=True):
        actions.delete_instrument(instrument, actor=coordinator.user)
    assert received[-1] == {"kind": "instrument", "pk": pk, "deleted": True}


@pytest.mark.postgres
def test_deadline_saved_in_the_admin_reaches_the_catalogue(admin_client, public_instrument,
                                                           django_capture_on_commit_callbacks):
    from samskap.matching import services

    services.sync_kind("instrument")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/funding/deadline/add/", {"instrument": public_instrument.pk,
                                                                "date": days(40).isoformat(), "label": "Ny"})
    assert response.status_code == 302
    item = CatalogItem.objects.get(external_id=f"instrument:{public_instrument.pk}")
    assert days(40).isoformat() in item.meta["deadlines"]


@pytest.mark.postgres
def test_no_signal_when_refused(contact_steinkjer, public_instrument, received, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        actions.update_instrument(public_instrument, {"name": "X"}, actor=contact_steinkjer.user)
    assert received == []


@pytest.mark.postgres
def test_open_and_applicant_querysets(public_instrument, research_led_instrument, rolling_company_instrument):
    closed = Instrument.objects.create(name="Stengt", owner_name="X", summary="s", applicants=["municipality"])
    Deadline.objects.create(instrument=closed, date=days(-1))
    open_now = set(Instrument.objects.open_on().values_list("name", flat=True))
    assert open_now == {"Innovasjonsprosjekt i offentlig sektor", "Samarbeidsprosjekt", "Innovasjonskontrakter"}
    assert set(Instrument.objects.for_applicant("municipality").values_list("name", flat=True)) == \
        {"Innovasjonsprosjekt i offentlig sektor", "Stengt"}
    assert set(Instrument.objects.for_applicant("company").values_list("name", flat=True)) == \
        {"Innovasjonskontrakter"}
    assert Instrument.objects.open_on(days(91)).get() == rolling_company_instrument
    assert closed.reason_for("municipality") == "kommuner kan søke; ingen åpen frist nå"


@pytest.mark.postgres
def test_model_reasons(public_instrument, research_led_instrument, rolling_company_instrument):
    assert public_instrument.reason_for("municipality") == (
        f"kommuner kan søke; frist {days(30).isoformat()}; krever forskningspartner; "
        "krever egenfinansiering (egeninnsats)")
    assert research_led_instrument.reason_for("municipality") == \
        "kommuner kan ikke søke alene; en forskningsorganisasjon må lede"
    assert rolling_company_instrument.reason_for("company") == "bedrifter kan søke; løpende søknad"
    assert public_instrument.next_deadline().date == days(30)
    assert [d.label for d in public_instrument.upcoming_deadlines()] == ["Skisse", "Hovedfrist"]
    assert public_instrument.size_display == "1 000 000–16 000 000 kr"
    assert dt.date.fromisoformat(public_instrument.meta()["deadlines"][0]) == days(30)
