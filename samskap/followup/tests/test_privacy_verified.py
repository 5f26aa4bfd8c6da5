"""Personal data is keyed on the account and on addresses its holder proved, never on a typed-in address."""

import json

from allauth.account.models import EmailAddress

from samskap.followup import actions
from samskap.workshops.models import Registration


def _guest_registration_of_steinkjer(world):
    """Steinkjer's contact's registration as a guest would have it: an address, no account."""
    reg = Registration.objects.get(person=world.personas.steinkjer.person)
    Registration.objects.filter(pk=reg.pk).update(person=None, email="ola.steinkjer@example.no")
    return Registration.objects.get(pk=reg.pk)


def _mallory_claims_the_address(world):
    researcher = world.personas.researcher
    for obj in (researcher.person, researcher.user):
        obj.email = "OLA.steinkjer@example.no"  # typed into the profile; never verified
        obj.save(update_fields=["email"])
    return researcher


def test_export_does_not_follow_an_unverified_address(client, world):
    guest = _guest_registration_of_steinkjer(world)
    researcher = _mallory_claims_the_address(world)
    client.force_login(researcher.user)
    data = json.loads(client.get("/oppfolging/mine-data/").content)
    assert guest.name not in [r["name"] for r in data["registrations"]]
    assert "ola.steinkjer@example.no" not in json.dumps(data["registrations"])
    # Once the holder proves the address by its link, the guest registration is theirs to see.
    EmailAddress.objects.create(user=researcher.user, email="ola.steinkjer@example.no", verified=True)
    data = json.loads(client.get("/oppfolging/mine-data/").content)
    assert guest.name in [r["name"] for r in data["registrations"]]


def test_deletion_does_not_erase_another_persons_records_through_an_address(world):
    guest = _guest_registration_of_steinkjer(world)
    researcher = _mallory_claims_the_address(world)
    request = actions.request_deletion(researcher.person, actor=researcher.user)
    actions.confirm_deletion(request, actor=world.users["coordinator"])
    guest.refresh_from_db()
    assert guest.email == "ola.steinkjer@example.no" and guest.name  # untouched
