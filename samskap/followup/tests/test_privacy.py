"""A person's data: export as JSON, ask for deletion, a coordinator confirms; anonymised in past outcomes."""

import json
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from samskap.directory.models import Person
from samskap.followup import actions
from samskap.followup.models import (
    Action,
    ActionChange,
    DeletionRequest,
    OutcomeChange,
    OutcomeRow,
)
from samskap.needs.actions import submit_need
from samskap.workshops.models import Registration


def test_download_all_my_data(client, world):
    researcher = world.personas.researcher
    client.force_login(world.users["note_taker"])
    response = client.get("/oppfolging/mine-data/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["person"]["name"] == "Nina Notat" and data["person"]["listed_in_directory"] is True
    assert data["user"]["username"] == "nina.notat"
    assert data["registrations"][0]["workshop"] == "testverksted"
    assert data["registrations"][0]["volunteer_note_taker"] is True
    assert data["registrations"][0]["groups"] == [{"session": 1, "theme": "Samarbeid om kompetanse og FoU",
                                                   "group": 1}]
    assert data["outcome_rows"][0]["roles"] == ["recorded_by"]
    assert data["outcome_changes_made"]
    # Someone named as an actor sees the row; the responsible person sees the action.
    client.force_login(researcher.user)
    data = json.loads(client.get("/oppfolging/mine-data/").content)
    assert data["outcome_rows"][0]["roles"] == ["actor"]
    assert data["roles"] == [{"role": "researcher", "municipality": None, "since": data["roles"][0]["since"]}]
    client.force_login(world.users["owner_person"])
    data = json.loads(client.get("/oppfolging/mine-data/").content)
    assert data["actions"][0]["title"] == "Kartlegge delte stillinger"
    assert data["actions"][0]["responsible_person"] is True


def test_needs_created_are_in_the_export(client, world):
    contact = world.personas.steinkjer
    submit_need(contact.municipality, {"title": "Rekruttering", "description": "Mangler folk",
                                                     "sector": "health"}, actor=contact.user)
    client.force_login(contact.user)
    data = json.loads(client.get("/oppfolging/mine-data/").content)
    assert [n["title"] for n in data["needs_created"]] == ["Rekruttering"]


def test_ask_for_deletion_and_coordinator_confirms(client, world):
    researcher = world.personas.researcher
    person, user = researcher.person, researcher.user
    actions.update_row(world.row,
                       {"follow_up": "Per Forsker følger opp med kommunene.", "idea_owner_person": person},
                       version=world.row.version, actor=world.users["note_taker"])
    client.force_login(user)
    assert client.get("/oppfolging/mine-data/sletting/").status_code == 200
    response = client.post("/oppfolging/mine-data/sletting/", {"reason": "Jeg har sluttet."})
    assert response.status_code == 302
    request = DeletionRequest.objects.get(person=person)
    assert request.status == "pending" and request.requested_by == user
    response = client.post("/oppfolging/mine-data/sletting/", {"reason": "Igjen"})
    assert DeletionRequest.objects.filter(person=person).count() == 1  # one pending request at a time

    client.force_login(world.users["coordinator"])
    queue = client.get("/oppfolging/sletting/").content.decode()
    assert "Per Forsker" in queue and "Jeg har sluttet." in queue
    response = client.post(f"/oppfolging/sletting/{request.pk}/", {"decision": "confirm"})
    assert response.status_code == 302

    request.refresh_from_db()
    assert request.status == "confirmed" and request.person is None and request.person_name == "(slettet person)"
    assert not Person.objects.filter(pk=person.pk).exists()
    user.refresh_from_db()
    assert not user.is_active and user.username == f"deleted-{user.pk}" and user.email == ""
    assert not user.has_usable_password() and not user.roles.exists()
    row = OutcomeRow.objects.get(pk=world.row.pk)
    assert row.follow_up == "(slettet person) følger opp med kommunene."
    assert row.idea_owner_person is None
    assert list(row.actor_people.all()) == [world.unlisted]
    assert not OutcomeChange.objects.filter(new__icontains="Per Forsker").exists()
    assert not OutcomeChange.objects.filter(old__icontains="Per Forsker").exists()
    registration = Registration.objects.get(event=world.workshop.event, name="(slettet person)")
    assert registration.person is None and registration.email == ""
    assert "Per Forsker" not in client.get(f"/oppfolging/verksted/{world.workshop.event.slug}/").content.decode()
    assert not client.login(username="per.forsker", password="pw-test-Samskap-1")


def test_deleting_the_responsible_person_clears_the_link_and_logs_it(world):
    freelancer = world.freelancer
    request = actions.request_deletion(freelancer, actor=world.users["owner_person"])
    actions.confirm_deletion(request, actor=world.users["coordinator"])
    action = Action.objects.get(pk=world.action.pk)
    assert action.owner_person is None and action.owner_organisation == world.steinkjer
    change = ActionChange.objects.filter(action=action, field="owner_person").order_by("at", "pk").last()
    assert change.old == "(slettet person)" and change.by == world.users["coordinator"]
    assert not ActionChange.objects.filter(new__icontains="Frida Frilans").exists()


@pytest.mark.postgres
def test_deletion_is_atomic(world):
    """If anything fails half-way, nothing is anonymised and the request stays pending."""
    researcher = world.personas.researcher
    request = actions.request_deletion(researcher.person, actor=researcher.user)
    with mock.patch.object(get_user_model(), "set_unusable_password", side_effect=RuntimeError("boom")):
        with pytest.raises(RuntimeError):
            actions.confirm_deletion(request, actor=world.users["coordinator"])
    assert Person.objects.filter(pk=researcher.person.pk).exists()
    assert OutcomeRow.objects.get(pk=world.row.pk).actor_people.filter(pk=researcher.person.pk).exists()
    assert Registration.objects.filter(person=researcher.person).exists()
    request.refresh_from_db()
    assert request.status == "pending"
    researcher.user.refresh_from_db()
    assert researcher.user.is_active


def test_reject_needs_a_reason_and_decided_requests_stay_decided(client, world):
    request = actions.request_deletion(world.note_taker, actor=world.users["note_taker"])
    with pytest.raises(ValidationError):
        actions.reject_deletion(request, "  ", actor=world.users["coordinator"])
    actions.reject_deletion(request, "Pågående sak", actor=world.users["coordinator"])
    with pytest.raises(ValidationError):
        actions.confirm_deletion(request, actor=world.users["coordinator"])
    assert Person.objects.filter(pk=world.note_taker.pk).exists()
    client.force_login(world.users["coordinator"])
    assert "Pågående sak" in client.get("/oppfolging/sletting/").content.decode()
