"""Actions: owner, due date, status, progress, applications; the change log; the API."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samskap.directory.models import ApiToken
from samskap.followup import actions
from samskap.followup.actions import StaleVersionError
from samskap.followup.models import Action, ActionChange, Application
from samskap.funding.models import Instrument

TODAY = timezone.localdate


def test_creating_an_action_logs_who_and_what(world):
    changes = {c.field: c for c in ActionChange.objects.filter(action=world.action)}
    assert changes["created"].by == world.users["coordinator"]
    assert changes["created"].by_name == "Kari Koordinator"
    assert changes["owner_organisation"].new == "Steinkjer kommune"
    assert changes["status"].new == "planned"


def test_every_change_to_an_action_is_kept(world):
    owner = world.users["owner_member"]
    action = actions.update_action(world.action, {"status": "in_progress", "progress_notes": "Møte avtalt"},
                                   version=world.action.version, actor=owner)
    actions.update_action(action, {"due_date": TODAY() + dt.timedelta(days=40)}, version=action.version, actor=owner)
    log = list(ActionChange.objects.filter(action=world.action).order_by("at", "pk"))
    status = [c for c in log if c.field == "status"][-1]
    assert (status.old, status.new, status.by) == ("planned", "in_progress", owner)
    assert status.old_display == "Planlagt" or status.old_display == "Planned"
    assert [c.new for c in log if c.field == "progress_notes"] == ["Møte avtalt"]
    assert [c.field for c in log][-1] == "due_date"
    assert Action.objects.get(pk=world.action.pk).version == world.action.version + 2


@pytest.mark.postgres
def test_a_stale_action_save_is_refused(world):
    opened = world.action.version
    actions.update_action(world.action, {"status": "done"}, version=opened, actor=world.users["owner_member"])
    with pytest.raises(StaleVersionError) as caught:
        actions.update_action(world.action, {"status": "dropped"}, version=opened, actor=world.users["coordinator"])
    assert caught.value.current.status == "done"
    assert Action.objects.get(pk=world.action.pk).status == "done"


def test_bad_input_is_refused_with_clear_errors(world):
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError) as caught:
        actions.create_action(world.row, {"title": "x", "owner_organisation": None,
                                                       "due_date": TODAY()}, actor=coordinator)
    assert "owner_organisation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        actions.create_action(world.row, {"title": "x", "owner_organisation": world.nord,
                                                       "due_date": TODAY() - dt.timedelta(days=1)}, actor=coordinator)
    assert "due_date" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:  # the person belongs to another organisation
        actions.create_action(world.row, {"title": "x", "owner_organisation": world.nord,
                                                       "owner_person": world.personas.steinkjer.person,
                                                       "due_date": TODAY()}, actor=coordinator)
    assert "owner_person" in caught.value.message_dict
    with pytest.raises(ValidationError):
        actions.update_action(world.action, {"status": "finished"}, version=world.action.version, actor=coordinator)
    assert Action.objects.count() == 1
    assert Action.objects.get(pk=world.action.pk).status == "planned"


def test_an_action_without_a_title_takes_the_row(world):
    action = actions.create_action(world.row,
                                   {"owner_organisation": world.nord, "due_date": TODAY()}, actor=world.users["note_taker"])
    assert action.title == "Delte stillinger mellom kommune og universitet"


def test_applications_link_instruments_and_results(world):
    owner = world.users["owner_member"]
    instrument = Instrument.objects.create(name="Kvalifiseringsprosjekt", owner_name="RFF", summary="Forprosjekt")
    application = actions.add_application(world.action, {"instrument": instrument, "result": "applied",
                                                                "applied_on": TODAY()}, actor=owner)
    actions.update_application(application, {"result": "granted", "amount": 500000}, actor=owner)
    application.refresh_from_db()
    assert application.instrument == instrument and application.result == "granted"
    log = [c for c in ActionChange.objects.filter(action=world.action, field="application").order_by("at", "pk")]
    assert "Kvalifiseringsprosjekt" in log[0].new and log[-1].old.endswith(TODAY().isoformat())
    assert "Innvilget" in log[-1].new and "500000 NOK" in log[-1].new
    with pytest.raises(ValidationError):
        actions.add_application(world.action, {"result": "applied"}, actor=owner)  # no instrument
    assert Application.objects.count() == 1


def test_action_pages(client, world):
    client.force_login(world.users["owner_member"])
    response = client.get(f"/oppfolging/tiltak/{world.action.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Kartlegge delte stillinger" in html
    assert f"/oppfolging/tiltak/{world.action.pk}/rediger/" in html
    response = client.post(f"/oppfolging/tiltak/{world.action.pk}/rediger/", {
        "title": "Kartlegge delte stillinger", "owner_organisation": world.steinkjer.pk,
        "due_date": (TODAY() + dt.timedelta(days=10)).isoformat(), "status": "in_progress",
        "progress_notes": "Startet", "version": world.action.version})
    assert response.status_code == 302
    response = client.post(f"/oppfolging/tiltak/{world.action.pk}/rediger/", {
        "title": "Gammel versjon", "owner_organisation": world.steinkjer.pk,
        "due_date": TODAY().isoformat(), "status": "done", "version": world.action.version})
    assert response.status_code == 409
    assert "Startet" in response.content.decode()
    assert Action.objects.get(pk=world.action.pk).title == "Kartlegge delte stillinger"
    response = client.post(f"/oppfolging/tiltak/{world.action.pk}/soknader/ny/", {
        "application-instrument_name": "Regionale forskningsfond", "application-result": "applied"})
    assert response.status_code == 302 and Application.objects.filter(action=world.action).count() == 1
    html = client.get("/oppfolging/tiltak/").content.decode()
    assert "Kartlegge delte stillinger" in html


def test_note_taker_turns_a_follow_up_into_an_action_on_the_web(client, world):
    client.force_login(world.users["note_taker"])
    page = client.get(f"/oppfolging/rad/{world.row.pk}/tiltak/ny/")
    assert page.status_code == 200
    assert f'<option value="{world.nord.pk}" selected>' in page.content.decode()  # carried by Nord universitet
    response = client.post(f"/oppfolging/rad/{world.row.pk}/tiltak/ny/", {
        "title": "Søke om offentlig ph.d.", "owner_organisation": world.nord.pk,
        "due_date": (TODAY() + dt.timedelta(days=90)).isoformat(), "status": "planned"})
    action = Action.objects.get(title="Søke om offentlig ph.d.")
    assert response.status_code == 302 and action.owner_organisation == world.nord
    response = client.post(f"/oppfolging/rad/{world.row.pk}/tiltak/ny/", {"title": "Uten eier", "status": "planned"})
    assert response.status_code == 422 and not Action.objects.filter(title="Uten eier").exists()


def test_api_lists_the_actions_of_an_organisation(client, world):
    _token, key = ApiToken.issue(world.users["other"])
    url = f"/api/v1/followup/organisations/{world.steinkjer.pk}/actions"
    assert client.get(url).status_code == 401
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    [item] = response.json()
    assert item["title"] == "Kartlegge delte stillinger" and item["organisation"] == "Steinkjer kommune"
    assert item["workshop"] == "testverksted" and item["status"] == "planned"
    assert client.get(url + "?status=done", HTTP_AUTHORIZATION=f"Bearer {key}").json() == []
    other = world.personas.namsos.person.organisation
    assert client.get(f"/api/v1/followup/organisations/{other.pk}/actions",
                      HTTP_AUTHORIZATION=f"Bearer {key}").json() == []
