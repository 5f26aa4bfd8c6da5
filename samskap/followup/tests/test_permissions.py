"""Every role against every write in follow-up. A refused write changes nothing."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from samskap.followup import actions
from samskap.followup.models import (
    Action,
    ActionChange,
    Application,
    DeletionRequest,
    OrganisationContact,
    OutcomeChange,
    OutcomeRow,
)

ROLES = ["coordinator", "note_taker", "host", "owner_member", "owner_person", "other", "anonymous"]
OUTCOME_WRITERS = {"coordinator", "note_taker"}
ACTION_UPDATERS = {"coordinator", "owner_member", "owner_person"}


def _attempt(allowed, call):
    if allowed:
        return call()
    with pytest.raises(PermissionDenied):
        call()
    return None


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_add_row(world, role):
    before = OutcomeRow.objects.count()
    row = _attempt(role in OUTCOME_WRITERS, lambda: actions.add_row(world.group,
                                                                     {"idea": "Ny idé"}, actor=world.users[role]))
    assert OutcomeRow.objects.count() == before + (1 if row else 0)


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_update_row(world, role):
    changes = OutcomeChange.objects.count()
    _attempt(role in OUTCOME_WRITERS, lambda: actions.update_row(
        world.row, {"follow_up": "Endret"}, version=world.row.version, actor=world.users[role]))
    row = OutcomeRow.objects.get(pk=world.row.pk)
    if role in OUTCOME_WRITERS:
        assert row.follow_up == "Endret" and row.version == world.row.version + 1
        assert OutcomeChange.objects.count() == changes + 1
    else:
        assert row.follow_up == "Kartlegge interessen i tre kommuner." and row.version == world.row.version
        assert OutcomeChange.objects.count() == changes


@pytest.mark.parametrize("role", ROLES)
def test_delete_row(world, role):
    row = actions.add_row(world.group, {"idea": "Skal slettes"}, actor=world.users["coordinator"])
    _attempt(role in OUTCOME_WRITERS, lambda: actions.delete_row(row, version=row.version, actor=world.users[role]))
    assert OutcomeRow.objects.filter(pk=row.pk).exists() == (role not in OUTCOME_WRITERS)


@pytest.mark.parametrize("role", ROLES)
def test_create_action(world, role):
    before = Action.objects.count()
    data = {"title": "Nytt tiltak", "owner_organisation": world.nord,
            "due_date": timezone.localdate() + dt.timedelta(days=7)}
    _attempt(role in OUTCOME_WRITERS, lambda: actions.create_action(world.row, data, actor=world.users[role]))
    assert Action.objects.count() == before + (1 if role in OUTCOME_WRITERS else 0)


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_update_action(world, role):
    log = ActionChange.objects.filter(action=world.action).count()
    _attempt(role in ACTION_UPDATERS, lambda: actions.update_action(
        world.action, {"status": "in_progress", "progress_notes": "I gang"},
        version=world.action.version, actor=world.users[role]))
    action = Action.objects.get(pk=world.action.pk)
    if role in ACTION_UPDATERS:
        assert action.status == "in_progress"
        assert ActionChange.objects.filter(action=action).count() == log + 2
    else:
        assert action.status == "planned" and action.progress_notes == ""
        assert ActionChange.objects.filter(action=action).count() == log


# Handing an action over: coordinators to any organisation; those who may update it only to an organisation
# taking part in the same outcome (named in the row, or registered for the workshop).
HAND_OVER = {"taking_part": ACTION_UPDATERS, "unrelated": {"coordinator"}}


@pytest.mark.postgres
@pytest.mark.parametrize("target", sorted(HAND_OVER))
@pytest.mark.parametrize("role", ROLES)
def test_hand_over_action(world, role, target):
    from samskap.followup.tests import factories

    organisation = world.nord if target == "taking_part" else factories.organisation("Langt Unna AS")
    log = ActionChange.objects.filter(action=world.action).count()
    _attempt(role in HAND_OVER[target], lambda: actions.update_action(
        world.action, {"owner_organisation": organisation, "owner_person": None},
        version=world.action.version, actor=world.users[role]))
    action = Action.objects.get(pk=world.action.pk)
    if role in HAND_OVER[target]:
        assert action.owner_organisation == organisation
    else:
        assert action.owner_organisation == world.steinkjer and action.owner_person == world.freelancer
        assert ActionChange.objects.filter(action=action).count() == log


@pytest.mark.parametrize("role", ROLES)
def test_name_a_responsible_person_outside_the_organisation(world, role):
    """Only coordinators may name someone without an organisation (who could then write) as responsible."""
    from samskap.followup.tests import factories

    outsider = factories.person("Otto Utenfor", None, username="otto.utenfor")
    _attempt(role == "coordinator", lambda: actions.update_action(
        world.action, {"owner_person": outsider}, version=world.action.version, actor=world.users[role]))
    expected = outsider if role == "coordinator" else world.freelancer
    assert Action.objects.get(pk=world.action.pk).owner_person == expected


def test_taking_part_lists_the_outcome_and_workshop_organisations(world):
    from samskap.followup.permissions import taking_part
    from samskap.followup.tests import factories

    unrelated = factories.organisation("Langt Unna AS")
    ids = taking_part(world.action)
    assert {world.steinkjer.pk, world.nord.pk, world.personas.namsos.person.organisation_id,
            world.personas.researcher.person.organisation_id} <= ids
    assert unrelated.pk not in ids


def test_edit_form_offers_only_organisations_taking_part(client, world):
    from samskap.followup.tests import factories

    unrelated = factories.organisation("Langt Unna AS")
    url = f"/oppfolging/tiltak/{world.action.pk}/rediger/"
    client.force_login(world.users["owner_member"])
    html = client.get(url).content.decode()
    assert "Nord universitet" in html and "Langt Unna AS" not in html
    response = client.post(url, {"title": "Kartlegge delte stillinger", "owner_organisation": unrelated.pk,
                                 "due_date": "2030-01-01", "status": "planned", "version": world.action.version})
    assert response.status_code == 422
    assert Action.objects.get(pk=world.action.pk).owner_organisation == world.steinkjer
    client.force_login(world.users["coordinator"])
    assert "Langt Unna AS" in client.get(url).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_add_application(world, role):
    _attempt(role in ACTION_UPDATERS, lambda: actions.add_application(
        world.action, {"instrument_name": "Regionale forskningsfond", "result": "applied"}, actor=world.users[role]))
    assert Application.objects.filter(action=world.action).count() == (1 if role in ACTION_UPDATERS else 0)


@pytest.mark.parametrize("role", ROLES)
def test_update_application(world, role):
    application = actions.add_application(world.action,
                                          {"instrument_name": "Regionale forskningsfond"}, actor=world.users["coordinator"])
    _attempt(role in ACTION_UPDATERS, lambda: actions.update_application(
        application, {"result": "granted", "amount": 400000}, actor=world.users[role]))
    application.refresh_from_db()
    assert application.result == ("granted" if role in ACTION_UPDATERS else "applied")


@pytest.mark.parametrize("role", ROLES)
def test_add_and_remove_contact(world, role):
    allowed = role in {"coordinator", "owner_member"}  # Steinkjer kommune's own users and coordinators
    _attempt(allowed, lambda: actions.add_contact(world.steinkjer, "post@steinkjer.example.no", actor=world.users[role]))
    assert OrganisationContact.objects.filter(organisation=world.steinkjer).count() == (1 if allowed else 0)
    contact = OrganisationContact.objects.create(organisation=world.steinkjer, email="annen@steinkjer.example.no")
    _attempt(allowed, lambda: actions.remove_contact(contact, actor=world.users[role]))
    assert OrganisationContact.objects.filter(pk=contact.pk).exists() == (not allowed)


@pytest.mark.parametrize("role", ROLES)
def test_request_deletion_of_someone_else(world, role):
    """Only the person themself (and coordinators) may ask to delete a person's data."""
    target = world.note_taker
    allowed = role in {"coordinator", "note_taker"}
    _attempt(allowed, lambda: actions.request_deletion(target, "Jeg vil slettes", actor=world.users[role]))
    assert DeletionRequest.objects.filter(person=target).count() == (1 if allowed else 0)


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_consent_of_someone_else(world, role):
    target = world.note_taker
    allowed = role in {"coordinator", "note_taker"}
    _attempt(allowed, lambda: actions.withdraw_consent(target, actor=world.users[role]))
    target.refresh_from_db()
    assert target.listed_in_directory == (not allowed)


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_confirm_deletion(world, role):
    request = actions.request_deletion(world.note_taker, actor=world.users["note_taker"])
    _attempt(role == "coordinator", lambda: actions.confirm_deletion(request, actor=world.users[role]))
    request.refresh_from_db()
    assert request.status == ("confirmed" if role == "coordinator" else "pending")


@pytest.mark.parametrize("role", ROLES)
def test_reject_deletion(world, role):
    request = actions.request_deletion(world.note_taker, actor=world.users["note_taker"])
    _attempt(role == "coordinator", lambda: actions.reject_deletion(request, "Aktiv sak", actor=world.users[role]))
    request.refresh_from_db()
    assert request.status == ("rejected" if role == "coordinator" else "pending")


@pytest.mark.parametrize("role", ["note_taker", "owner_member"])
def test_inactive_users_may_not_write(world, role):
    user = world.users[role]
    user.is_active = False
    user.save()
    with pytest.raises(PermissionDenied):
        actions.add_row(world.group, {"idea": "x"}, actor=user)
    with pytest.raises(PermissionDenied):
        actions.update_action(world.action, {"status": "done"}, version=world.action.version, actor=user)


def test_the_web_refuses_writes_by_role(client, world):
    """The web views enforce the same rules (403 and nothing changed)."""
    for role in ("host", "owner_member", "other"):
        client.force_login(world.users[role])
        response = client.post(f"/oppfolging/rad/{world.row.pk}/", {f"row-{world.row.pk}-idea": "Kapret",
                                                                    f"row-{world.row.pk}-version": world.row.version})
        assert response.status_code == 403, role
        response = client.post(f"/oppfolging/gruppe/{world.group.pk}/rader/ny/", {"new-idea": "Kapret"})
        assert response.status_code == 403, role
    for role in ("note_taker", "host", "other"):
        client.force_login(world.users[role])
        response = client.post(f"/oppfolging/tiltak/{world.action.pk}/rediger/", {
            "title": "Kapret", "owner_organisation": world.nord.pk, "due_date": "2030-01-01", "status": "done",
            "version": world.action.version})
        assert response.status_code == 403, role
    client.force_login(world.users["owner_member"])
    assert client.get("/oppfolging/sletting/").status_code == 403
    assert OutcomeRow.objects.get(pk=world.row.pk).idea == "Delte stillinger mellom kommune og universitet"
    assert Action.objects.get(pk=world.action.pk).title == "Kartlegge delte stillinger"
    client.logout()
    assert client.get(f"/oppfolging/gruppe/{world.group.pk}/").status_code == 302  # to the login page
