"""Every role against every write on needs, calls and profiles."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from samskap.directory import actions as directory_actions
from samskap.directory.models import Municipality
from samskap.needs import actions
from samskap.needs.models import Call, Need

NEED = {"title": "Rekruttering av sykepleiere", "description": "Vi mangler sykepleiere i hjemmetjenesten.",
        "sector": "health"}
ROLES = ["coordinator", "own_contact", "other_contact", "researcher", "guest"]


@pytest.fixture
def actors(coordinator, contact_steinkjer, contact_namsos, researcher):
    return {"coordinator": coordinator.user, "own_contact": contact_steinkjer.user,
            "other_contact": contact_namsos.user, "researcher": researcher.user, "guest": AnonymousUser()}


@pytest.fixture
def steinkjer_need(contact_steinkjer):
    return actions.submit_need(Municipality.objects.get(code="5006"), NEED, actor=contact_steinkjer.user)


ALLOWED_NEED_WRITE = {"coordinator", "own_contact"}


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_submit_need_for_steinkjer(actors, role):
    steinkjer = Municipality.objects.get(code="5006")
    if role in ALLOWED_NEED_WRITE:
        need = actions.submit_need(steinkjer, NEED, actor=actors[role])
        assert need.municipality_id == "5006"
    else:
        with pytest.raises(PermissionDenied):
            actions.submit_need(steinkjer, NEED, actor=actors[role])
        assert not Need.objects.filter(municipality=steinkjer).exists()


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_update_need(actors, steinkjer_need, role):
    if role in ALLOWED_NEED_WRITE:
        actions.update_need(steinkjer_need, {"title": "Endret"}, actor=actors[role])
        assert Need.objects.get(pk=steinkjer_need.pk).title == "Endret"
    else:
        with pytest.raises(PermissionDenied):
            actions.update_need(steinkjer_need, {"title": "Endret"}, actor=actors[role])
        assert Need.objects.get(pk=steinkjer_need.pk).title == NEED["title"]


# Who may set which status: contacts the CONTACT_STATUSES (draft, submitted, closed), coordinators all.
STATUS_SETTERS = {"draft": ALLOWED_NEED_WRITE, "submitted": ALLOWED_NEED_WRITE, "closed": ALLOWED_NEED_WRITE,
                  "brokering": {"coordinator"}, "matched": {"coordinator"}, "project": {"coordinator"}}


@pytest.mark.parametrize("status", sorted(STATUS_SETTERS))
@pytest.mark.parametrize("role", ROLES)
def test_set_need_status(actors, steinkjer_need, role, status):
    if role in STATUS_SETTERS[status]:
        actions.set_need_status(steinkjer_need, status, actor=actors[role])
        assert Need.objects.get(pk=steinkjer_need.pk).status == status
    else:
        with pytest.raises(PermissionDenied):
            actions.set_need_status(steinkjer_need, status, actor=actors[role])
        assert Need.objects.get(pk=steinkjer_need.pk).status == "submitted"


@pytest.mark.parametrize("status", sorted(STATUS_SETTERS))
@pytest.mark.parametrize("role", ROLES)
def test_update_need_status(actors, steinkjer_need, role, status):
    if role in STATUS_SETTERS[status]:
        actions.update_need(steinkjer_need, {"status": status}, actor=actors[role])
        assert Need.objects.get(pk=steinkjer_need.pk).status == status
    else:
        with pytest.raises(PermissionDenied):
            actions.update_need(steinkjer_need, {"status": status, "title": "Endret"}, actor=actors[role])
        need = Need.objects.get(pk=steinkjer_need.pk)
        assert (need.status, need.title) == ("submitted", NEED["title"])


@pytest.mark.parametrize("status", sorted(STATUS_SETTERS))
@pytest.mark.parametrize("role", ["coordinator", "own_contact"])
def test_submit_need_with_status(actors, role, status):
    steinkjer = Municipality.objects.get(code="5006")
    if role in STATUS_SETTERS[status]:
        assert actions.submit_need(steinkjer, NEED | {"status": status}, actor=actors[role]).status == status
    else:
        with pytest.raises(PermissionDenied):
            actions.submit_need(steinkjer, NEED | {"status": status}, actor=actors[role])
        assert not Need.objects.filter(municipality=steinkjer).exists()


def test_contact_may_keep_a_coordinator_status_while_editing(actors, steinkjer_need):
    actions.set_need_status(steinkjer_need, "project", actor=actors["coordinator"])
    actions.update_need(steinkjer_need, {"title": "Endret", "status": "project"}, actor=actors["own_contact"])
    need = Need.objects.get(pk=steinkjer_need.pk)
    assert (need.title, need.status) == ("Endret", "project")
    with pytest.raises(PermissionDenied):
        actions.update_need(need, {"status": "matched"}, actor=actors["own_contact"])
    actions.update_need(need, {"status": "closed"}, actor=actors["own_contact"])
    assert Need.objects.get(pk=steinkjer_need.pk).status == "closed"


def test_api_patch_refuses_coordinator_statuses_for_a_contact(client, actors, steinkjer_need):
    """The review: PATCH /api/v1/needs/14 {"status": "project"} by a FoUI contact returned 200."""
    import json

    from samskap.directory.models import ApiToken

    def patch(role, body):
        _token, key = ApiToken.issue(actors[role])
        return client.patch(f"/api/v1/needs/{steinkjer_need.pk}", data=json.dumps(body),
                            content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")

    assert patch("own_contact", {"status": "project"}).status_code == 403
    assert Need.objects.get(pk=steinkjer_need.pk).status == "submitted"
    assert patch("own_contact", {"status": "closed"}).status_code == 200
    assert patch("coordinator", {"status": "project"}).status_code == 200
    assert Need.objects.get(pk=steinkjer_need.pk).status == "project"


def test_edit_form_offers_only_the_statuses_the_user_may_set(client, actors, steinkjer_need):
    from django.urls import reverse

    url = reverse("needs:edit", args=[steinkjer_need.pk])
    client.force_login(actors["own_contact"])
    html = client.get(url).content.decode()
    assert 'value="closed"' in html and 'value="submitted"' in html
    assert 'value="project"' not in html and 'value="brokering"' not in html
    forged = client.post(url, {"title": "Endret", "description": "x", "sector": "health", "language": "nb",
                               "status": "project"})
    assert forged.status_code == 200  # the form shows the error
    assert Need.objects.get(pk=steinkjer_need.pk).status == "submitted"
    client.force_login(actors["coordinator"])
    assert 'value="project"' in client.get(url).content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_delete_need(actors, steinkjer_need, role):
    if role in ALLOWED_NEED_WRITE:
        actions.delete_need(steinkjer_need, actor=actors[role])
        assert not Need.objects.filter(pk=steinkjer_need.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.delete_need(steinkjer_need, actor=actors[role])
        assert Need.objects.filter(pk=steinkjer_need.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_open_and_close_call(actors, role):
    deadline = timezone.now() + dt.timedelta(days=10)
    if role == "coordinator":
        call = actions.open_call(title="Innspill", question="Hvilke tema?", deadline=deadline, actor=actors[role])
        actions.close_call(call, actor=actors[role])
        assert not Call.objects.get(pk=call.pk).is_open
    else:
        with pytest.raises(PermissionDenied):
            actions.open_call(title="Innspill", question="Hvilke tema?", deadline=deadline, actor=actors[role])
        call = Call.objects.create(title="x", question="y", deadline=deadline)
        with pytest.raises(PermissionDenied):
            actions.close_call(call, actor=actors[role])
        assert Call.objects.get(pk=call.pk).is_open


@pytest.mark.parametrize("role", ROLES)
def test_edit_municipality_profile(actors, role):
    steinkjer = Municipality.objects.get(code="5006")
    if role in ALLOWED_NEED_WRITE:
        directory_actions.update_municipality_profile(steinkjer, "Vi satser på velferdsteknologi.", actor=actors[role])
        assert Municipality.objects.get(code="5006").profile.startswith("Vi satser")
    else:
        with pytest.raises(PermissionDenied):
            directory_actions.update_municipality_profile(steinkjer, "Hacket", actor=actors[role])
        assert Municipality.objects.get(code="5006").profile == ""


@pytest.mark.parametrize("role", ROLES)
def test_edit_researcher_profile(actors, researcher, role):
    person = researcher.person
    allowed = role in {"coordinator", "researcher"}
    if allowed:
        directory_actions.update_person(person, {"position": "Professor"}, actor=actors[role])
        person.refresh_from_db()
        assert person.position == "Professor"
    else:
        with pytest.raises(PermissionDenied):
            directory_actions.update_person(person, {"position": "Professor"}, actor=actors[role])
        person.refresh_from_db()
        assert person.position == ""


@pytest.mark.parametrize("role", ROLES)
def test_grant_role(actors, role, researcher):
    from samskap.directory.models import Role

    if role == "coordinator":
        directory_actions.grant_role(researcher.user, "foui_contact",
                                     Municipality.objects.get(code="5006"), actor=actors[role])
        assert Role.objects.filter(user=researcher.user, kind="foui_contact").exists()
    else:
        with pytest.raises(PermissionDenied):
            directory_actions.grant_role(researcher.user, "foui_contact",
                                         Municipality.objects.get(code="5006"), actor=actors[role])
        assert not Role.objects.filter(user=researcher.user, kind="foui_contact").exists()
