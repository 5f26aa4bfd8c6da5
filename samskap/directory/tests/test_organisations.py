import pytest
from django.core.exceptions import ValidationError

from samskap.core.actors import SYSTEM
from samskap.directory.models import Organisation, OrgType, validate_org_number


@pytest.mark.parametrize("number", ["974760673", "971 526 920", "983887457"])
def test_valid_organisation_numbers(number):
    validate_org_number(number)


@pytest.mark.parametrize("number", ["974760674", "12345678", "abcdefghi", "9747606731"])
def test_invalid_organisation_numbers(number):
    with pytest.raises(ValidationError):
        validate_org_number(number)


@pytest.mark.django_db
def test_organisation_number_is_optional_but_checked():
    Organisation(name="Uten nummer", org_type=OrgType.OTHER).full_clean()
    with pytest.raises(ValidationError) as excinfo:
        Organisation(name="Feil nummer", org_type=OrgType.COMPANY, org_number="974760674").full_clean()
    assert "org_number" in excinfo.value.message_dict


def test_coordinators_get_the_admin(client, reference, coordinator):
    from samskap.directory.actions import grant_role
    from samskap.directory.testing import PASSWORD

    grant_role(coordinator.user, "coordinator", actor=SYSTEM)
    client.login(username=coordinator.user.username, password=PASSWORD)
    assert client.get("/admin/needs/need/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403


def test_contacts_do_not_get_the_admin(client, contact_steinkjer):
    from samskap.directory.testing import PASSWORD

    client.login(username=contact_steinkjer.user.username, password=PASSWORD)
    assert client.get("/admin/needs/need/").status_code == 302
