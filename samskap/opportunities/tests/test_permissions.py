"""The role-by-write grid: every role against every write on opportunities. A refused write changes nothing.

Roles: coordinator; the owner organisation's FoUI contact and a plain member of it (Steinkjer kommune);
another municipality's contact; the designated vetting contact of the vetting institution; the researcher
who sent the sketch; and an anonymous visitor.
"""

import datetime as dt
import inspect

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samskap.core.actors import SYSTEM
from samskap.directory.models import Organisation, OrgType
from samskap.directory.testing import make_persona
from samskap.opportunities import actions
from samskap.opportunities.models import Opportunity, Sketch, Status, VettingContact, today
from samskap.opportunities.tests.factories import published, thesis

ROLES = ["coordinator", "owner_contact", "owner_member", "other_contact", "vetter", "sender", "guest"]
EDIT = {"coordinator", "owner_contact", "owner_member"}
VET = {"coordinator", "vetter"}
DECIDE = {"owner_contact", "owner_member"}  # coordinators do not read or answer sketches
NOBODY: set[str] = set()


@pytest.fixture
def nord(reference):
    return Organisation.objects.get_or_create(name="Nord universitet", defaults={"org_type": OrgType.UNIVERSITY})[0]


@pytest.fixture
def actors(coordinator, contact_steinkjer, contact_namsos, researcher, nord):
    member = make_persona("mona.medlem", "Mona Medlem", None, "5006")
    vetter = make_persona("vera.vurderer", "Vera Vurderer", None, organisation="Nord universitet")
    VettingContact.objects.create(user=vetter.user, organisation=nord)
    return {"coordinator": coordinator.user, "owner_contact": contact_steinkjer.user, "owner_member": member.user,
            "other_contact": contact_namsos.user, "vetter": vetter.user, "sender": researcher.user,
            "guest": AnonymousUser()}


def _draft(nord):
    return thesis(vetting_institution=nord)


def _status(opportunity):
    return Opportunity.objects.get(pk=opportunity.pk).status


def _expect(role, allowed, run, unchanged):
    if role in allowed:
        run()
    else:
        with pytest.raises(PermissionDenied):
            run()
        unchanged()


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_create(actors, role):
    steinkjer = Organisation.objects.get(name="Steinkjer kommune")
    from samskap.opportunities.tests.factories import THESIS
    _expect(role, EDIT, lambda: actions.create_opportunity(steinkjer, THESIS, actor=actors[role]),
            lambda: not Opportunity.objects.exists() or pytest.fail("saved"))


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_update(actors, nord, role):
    o = _draft(nord)
    _expect(role, EDIT, lambda: actions.update_opportunity(o, {"title": "Endret"}, actor=actors[role]),
            lambda: Opportunity.objects.get(pk=o.pk).title != "Endret" or pytest.fail("changed"))


@pytest.mark.parametrize("role", ROLES)
def test_submit(actors, nord, role):
    o = _draft(nord)
    _expect(role, EDIT, lambda: actions.submit_opportunity(o, actor=actors[role]),
            lambda: _status(o) == Status.DRAFT or pytest.fail("submitted"))


@pytest.mark.parametrize("decision", ["approve", "changes", "reject"])
@pytest.mark.parametrize("role", ROLES)
def test_vet(actors, nord, role, decision):
    o = _draft(nord)
    actions.submit_opportunity(o, actor=SYSTEM)
    _expect(role, VET, lambda: actions.vet_opportunity(o, decision, "Grunn.", actor=actors[role]),
            lambda: _status(o) == Status.SUBMITTED or pytest.fail("vetted"))


def test_a_vetting_contact_vets_only_for_their_institution(actors, reference):
    o = thesis()  # no vetting institution
    actions.submit_opportunity(o, actor=SYSTEM)
    with pytest.raises(PermissionDenied):
        actions.vet_opportunity(o, "approve", actor=actors["vetter"])


@pytest.mark.parametrize("role", ROLES)
def test_publish(actors, nord, role):
    o = _draft(nord)
    actions.submit_opportunity(o, actor=SYSTEM)
    actions.vet_opportunity(o, "approve", actor=SYSTEM)
    _expect(role, EDIT, lambda: actions.publish_opportunity(o, actor=actors[role]),
            lambda: _status(o) == Status.VETTED or pytest.fail("published"))


@pytest.mark.parametrize("role", ROLES)
def test_renew(actors, role):
    o = published()
    Opportunity.objects.filter(pk=o.pk).update(expires_on=today() - dt.timedelta(days=3))
    _expect(role, EDIT, lambda: actions.renew_opportunity(o, actor=actors[role]),
            lambda: Opportunity.objects.get(pk=o.pk).expires_on < today() or pytest.fail("renewed"))


def _taken(actors):
    o = published()
    sketch = actions.send_sketch(o, {"text": "Skisse"}, actor=actors["sender"])
    actions.accept_sketch(sketch, {}, actor=SYSTEM)
    return o


@pytest.mark.parametrize("role", ROLES)
def test_complete(actors, role):
    o = _taken(actors)
    _expect(role, EDIT, lambda: actions.complete_opportunity(o, "https://example.org/oppgave", actor=actors[role]),
            lambda: _status(o) == Status.TAKEN or pytest.fail("completed"))


@pytest.mark.parametrize("role", ROLES)
def test_archive(actors, role):
    o = published()
    _expect(role, EDIT, lambda: actions.archive_opportunity(o, actor=actors[role]),
            lambda: _status(o) == Status.PUBLISHED or pytest.fail("archived"))


@pytest.mark.parametrize("role", ROLES)
def test_delete_draft(actors, nord, role):
    o = _draft(nord)
    _expect(role, EDIT, lambda: actions.delete_opportunity(o, actor=actors[role]),
            lambda: Opportunity.objects.filter(pk=o.pk).exists() or pytest.fail("deleted"))


SEND = {"coordinator", "other_contact", "vetter", "sender"}  # signed in, not of the owner organisation


@pytest.mark.parametrize("role", ROLES)
def test_send_sketch(actors, role):
    o = published()
    _expect(role, SEND, lambda: actions.send_sketch(o, {"text": "Skisse"}, actor=actors[role]),
            lambda: not Sketch.objects.exists() or pytest.fail("sent"))


@pytest.fixture
def sketch(actors):
    return actions.send_sketch(published(), {"text": "Skisse"}, actor=actors["sender"])


@pytest.mark.parametrize("role", ROLES)
def test_withdraw_sketch(actors, sketch, role):
    _expect(role, {"sender"}, lambda: actions.withdraw_sketch(sketch, actor=actors[role]),
            lambda: Sketch.objects.get(pk=sketch.pk).status == "sent" or pytest.fail("withdrawn"))


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_accept_sketch(actors, sketch, role):
    _expect(role, DECIDE, lambda: actions.accept_sketch(sketch, {}, "Velkommen", actor=actors[role]),
            lambda: (Sketch.objects.get(pk=sketch.pk).status, _status(sketch.opportunity)) == ("sent", Status.PUBLISHED)
            or pytest.fail("accepted"))


@pytest.mark.parametrize("role", ROLES)
def test_reject_sketch(actors, sketch, role):
    _expect(role, DECIDE, lambda: actions.reject_sketch(sketch, "Dessverre", actor=actors[role]),
            lambda: Sketch.objects.get(pk=sketch.pk).status == "sent" or pytest.fail("rejected"))


@pytest.mark.parametrize("role", ROLES)
def test_designate_and_remove_vetting_contact(actors, nord, role):
    user = actors["other_contact"]
    _expect(role, {"coordinator"}, lambda: actions.designate_vetting_contact(user, nord, actor=actors[role]),
            lambda: not VettingContact.objects.filter(user=user).exists() or pytest.fail("designated"))
    contact = VettingContact.objects.get(user=actors["vetter"])
    _expect(role, {"coordinator"}, lambda: actions.remove_vetting_contact(contact, actor=actors[role]),
            lambda: VettingContact.objects.filter(pk=contact.pk).exists() or pytest.fail("removed"))


@pytest.mark.parametrize("role", ROLES)
def test_renewal_reminders_are_for_the_system_only(actors, role):
    o = published()
    Opportunity.objects.filter(pk=o.pk).update(expires_on=today() - dt.timedelta(days=3))
    _expect(role, NOBODY, lambda: actions.claim_renewal_reminders(actor=actors[role]),
            lambda: Opportunity.objects.get(pk=o.pk).renewal_requested_at is None or pytest.fail("claimed"))


GRID = {"create_opportunity", "update_opportunity", "submit_opportunity", "vet_opportunity", "publish_opportunity",
        "renew_opportunity", "complete_opportunity", "archive_opportunity", "delete_opportunity", "send_sketch",
        "withdraw_sketch", "accept_sketch", "reject_sketch", "designate_vetting_contact", "remove_vetting_contact",
        "claim_renewal_reminders"}


def test_the_grid_covers_every_write():
    writes = {name for name, fn in inspect.getmembers(actions, inspect.isfunction)
              if not name.startswith("_") and fn.__module__ == actions.__name__}
    assert writes == GRID


# -- reads: who sees a draft and a sketch ------------------------------------------------------------------

SEE_DRAFT = {"coordinator", "owner_contact", "owner_member"}
SEE_SKETCH = {"owner_contact", "owner_member", "sender"}


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_a_draft_and_a_sketch(client, actors, nord, sketch, role):
    if role != "guest":
        client.force_login(actors[role])
    draft = _draft(nord)
    assert client.get(reverse("opportunities:detail", args=[draft.pk])).status_code == (
        200 if role in SEE_DRAFT else 404)
    response = client.get(reverse("opportunities:sketch", args=[sketch.pk]))
    expected = 200 if role in SEE_SKETCH else 302 if role == "guest" else 404
    assert response.status_code == expected
    assert ("Skisse" in response.content.decode()) == (role in SEE_SKETCH)
    page = client.get(reverse("opportunities:detail", args=[sketch.opportunity_id])).content.decode()
    assert (reverse("opportunities:sketch", args=[sketch.pk]) in page) == (role in SEE_SKETCH)


@pytest.mark.parametrize("role", ROLES)
def test_edit_page_by_role(client, actors, nord, role):
    if role != "guest":
        client.force_login(actors[role])
    draft = _draft(nord)
    response = client.post(reverse("opportunities:submit", args=[draft.pk]))
    assert _status(draft) == (Status.SUBMITTED if role in EDIT else Status.DRAFT)
    assert response.status_code in (302, 403, 404)
