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
    return actions.submit_need(contact_steinkjer.user, Municipality.objects.get(code="5006"), NEED)


ALLOWED_NEED_WRITE = {"coordinator", "own_contact"}


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_submit_need_for_steinkjer(actors, role):
    steinkjer = Municipality.objects.get(code="5006")
    if role in ALLOWED_NEED_WRITE:
        need = actions.submit_need(actors[role], steinkjer, NEED)
        assert need.municipality_id == "5006"
    else:
        with pytest.raises(PermissionDenied):
            actions.submit_need(actors[role], steinkjer, NEED)
        assert not Need.objects.filter(municipality=steinkjer).exists()


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_update_need(actors, steinkjer_need, role):
    if role in ALLOWED_NEED_WRITE:
        actions.update_need(actors[role], steinkjer_need, {"title": "Endret"})
        assert Need.objects.get(pk=steinkjer_need.pk).title == "Endret"
    else:
        with pytest.raises(PermissionDenied):
            actions.update_need(actors[role], steinkjer_need, {"title": "Endret"})
        assert Need.objects.get(pk=steinkjer_need.pk).title == NEED["title"]


@pytest.mark.parametrize("role", ROLES)
def test_set_need_status(actors, steinkjer_need, role):
    if role in ALLOWED_NEED_WRITE:
        actions.set_need_status(actors[role], steinkjer_need, "brokering")
        assert Need.objects.get(pk=steinkjer_need.pk).status == "brokering"
    else:
        with pytest.raises(PermissionDenied):
            actions.set_need_status(actors[role], steinkjer_need, "brokering")
        assert Need.objects.get(pk=steinkjer_need.pk).status == "submitted"


@pytest.mark.parametrize("role", ROLES)
def test_delete_need(actors, steinkjer_need, role):
    if role in ALLOWED_NEED_WRITE:
        actions.delete_need(actors[role], steinkjer_need)
        assert not Need.objects.filter(pk=steinkjer_need.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.delete_need(actors[role], steinkjer_need)
        assert Need.objects.filter(pk=steinkjer_need.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_open_and_close_call(actors, role):
    deadline = timezone.now() + dt.timedelta(days=10)
    if role == "coordinator":
        call = actions.open_call(actors[role], title="Innspill", question="Hvilke tema?", deadline=deadline)
        actions.close_call(actors[role], call)
        assert not Call.objects.get(pk=call.pk).is_open
    else:
        with pytest.raises(PermissionDenied):
            actions.open_call(actors[role], title="Innspill", question="Hvilke tema?", deadline=deadline)
        call = Call.objects.create(title="x", question="y", deadline=deadline)
        with pytest.raises(PermissionDenied):
            actions.close_call(actors[role], call)
        assert Call.objects.get(pk=call.pk).is_open


@pytest.mark.parametrize("role", ROLES)
def test_edit_municipality_profile(actors, role):
    steinkjer = Municipality.objects.get(code="5006")
    if role in ALLOWED_NEED_WRITE:
        directory_actions.update_municipality_profile(actors[role], steinkjer, "Vi satser på velferdsteknologi.")
        assert Municipality.objects.get(code="5006").profile.startswith("Vi satser")
    else:
        with pytest.raises(PermissionDenied):
            directory_actions.update_municipality_profile(actors[role], steinkjer, "Hacket")
        assert Municipality.objects.get(code="5006").profile == ""


@pytest.mark.parametrize("role", ROLES)
def test_edit_researcher_profile(actors, researcher, role):
    person = researcher.person
    allowed = role in {"coordinator", "researcher"}
    if allowed:
        directory_actions.update_person(actors[role], person, {"position": "Professor"})
        person.refresh_from_db()
        assert person.position == "Professor"
    else:
        with pytest.raises(PermissionDenied):
            directory_actions.update_person(actors[role], person, {"position": "Professor"})
        person.refresh_from_db()
        assert person.position == ""


@pytest.mark.parametrize("role", ROLES)
def test_grant_role(actors, role, researcher):
    from samskap.directory.models import Role

    if role == "coordinator":
        directory_actions.grant_role(actors[role], researcher.user, "foui_contact",
                                     Municipality.objects.get(code="5006"))
        assert Role.objects.filter(user=researcher.user, kind="foui_contact").exists()
    else:
        with pytest.raises(PermissionDenied):
            directory_actions.grant_role(actors[role], researcher.user, "foui_contact",
                                         Municipality.objects.get(code="5006"))
        assert not Role.objects.filter(user=researcher.user, kind="foui_contact").exists()
