"""The flow: draft -> submitted -> vetted -> published -> taken -> completed -> archived; sketches, expiry."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from samskap.core.actors import SYSTEM
from samskap.opportunities import actions, queries
from samskap.opportunities.models import Opportunity, Sketch, Status, today
from samskap.opportunities.tests.factories import THESIS, minimal_pdf, published, thesis


@pytest.mark.postgres
def test_the_whole_flow(contact_steinkjer, coordinator, researcher, django_capture_on_commit_callbacks, mailoutbox):
    owner = contact_steinkjer.user
    opportunity = thesis(actor=owner)
    assert opportunity.status == Status.DRAFT and opportunity.expires_on > today()
    with translation.override("en"):
        assert opportunity.kind_label == "Master thesis topic"
    assert not queries.catalogue().filter(pk=opportunity.pk).exists()
    actions.submit_opportunity(opportunity, actor=owner)
    with django_capture_on_commit_callbacks(execute=True):
        actions.vet_opportunity(opportunity, "approve", "Godt beskrevet.", actor=coordinator.user)
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.VETTED
    actions.publish_opportunity(opportunity, actor=owner)
    assert queries.catalogue().filter(pk=opportunity.pk).exists()
    with django_capture_on_commit_callbacks(execute=True):
        sketch = actions.send_sketch(opportunity, {"text": "Jeg vil intervjue ansatte.", "institution": "NTNU"},
                                     pdf=minimal_pdf(), pdf_name="skisse.pdf", actor=researcher.user)
    assert sketch.sender_name == "Per Forsker"
    assert any("Per Forsker" in m.body for m in mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        agreement = actions.accept_sketch(sketch, {"supervisor": "Professor Eva Veileder",
                                                   "start_date": dt.date(2027, 1, 10)}, "Velkommen!", actor=owner)
    opportunity.refresh_from_db()
    assert opportunity.status == Status.TAKEN and opportunity.taken_by == "Per Forsker, NTNU"
    assert agreement.party_list == ["Steinkjer kommune", "Per Forsker", "NTNU"]
    assert mailoutbox[-1].to == [researcher.user.email]
    actions.complete_opportunity(opportunity, "https://ntnuopen.ntnu.no/x", actor=owner)
    actions.archive_opportunity(opportunity, actor=owner)
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.ARCHIVED
    assert not queries.catalogue().filter(pk=opportunity.pk).exists()


def test_a_thesis_needs_a_level_and_nothing_is_saved(contact_steinkjer):
    with pytest.raises(ValidationError) as exc:
        thesis(actor=contact_steinkjer.user, level="")
    assert "level" in exc.value.error_dict
    assert not Opportunity.objects.exists()


def test_vetting_asks_for_a_reason_and_changes_go_back(contact_steinkjer, coordinator):
    opportunity = thesis(actor=contact_steinkjer.user)
    actions.submit_opportunity(opportunity, actor=contact_steinkjer.user)
    with pytest.raises(ValidationError):
        actions.vet_opportunity(opportunity, "reject", "", actor=coordinator.user)
    actions.vet_opportunity(opportunity, "changes", "Beskriv datagrunnlaget.", actor=coordinator.user)
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.vetting_note) == (Status.CHANGES, "Beskriv datagrunnlaget.")
    actions.update_opportunity(opportunity, {"data_and_method": "Registerdata."}, actor=contact_steinkjer.user)
    actions.submit_opportunity(opportunity, actor=contact_steinkjer.user)
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.SUBMITTED


def test_changing_the_vetted_text_sends_it_back_to_vetting(contact_steinkjer, reference):
    opportunity = published()
    actions.update_opportunity(opportunity, {"deadline": today() + dt.timedelta(days=60)}, actor=contact_steinkjer.user)
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.PUBLISHED
    actions.update_opportunity(opportunity, {"title": "Noe helt annet"}, actor=contact_steinkjer.user)
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.SUBMITTED


def test_expired_opportunities_are_hidden_and_the_owner_is_asked_to_renew(
        contact_steinkjer, reference, django_capture_on_commit_callbacks, mailoutbox):
    opportunity = published(contact=contact_steinkjer.person)
    Opportunity.objects.filter(pk=opportunity.pk).update(expires_on=today() - dt.timedelta(days=1))
    assert not queries.catalogue().filter(pk=opportunity.pk).exists()
    assert list(queries.to_renew(contact_steinkjer.user)) == [opportunity]
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.claim_renewal_reminders(actor=SYSTEM) == [opportunity.pk]
    assert actions.claim_renewal_reminders(actor=SYSTEM) == []  # asked once
    assert mailoutbox[0].to == [contact_steinkjer.person.email]
    actions.renew_opportunity(opportunity, actor=contact_steinkjer.user)
    assert queries.catalogue().filter(pk=opportunity.pk).exists()


@pytest.mark.parametrize("data, problem", [
    (b"", "empty"), (b"GIF89a....", "not a PDF"), (b"%PDF-1.4\n1 0 obj\n", "incomplete"),
    (b"%PDF-1.4\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n%%EOF", "scripts"),
    (b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF", "too large"),
])
def test_a_bad_pdf_is_a_clear_error_and_nothing_is_saved(researcher, reference, data, problem):
    opportunity = published()
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        actions.send_sketch(opportunity, {"text": "Skisse"}, pdf=data, pdf_name="min.pdf", actor=researcher.user)
    message = exc.value.message_dict["pdf"][0]
    assert "min.pdf" in message and problem in message
    assert not Sketch.objects.exists()


def test_a_sketch_only_to_open_opportunities_and_once(researcher, contact_steinkjer):
    draft = thesis(actor=contact_steinkjer.user)
    with pytest.raises(ValidationError):
        actions.send_sketch(draft, {"text": "Skisse"}, actor=researcher.user)
    opportunity = published()
    actions.send_sketch(opportunity, {"text": "Skisse"}, actor=researcher.user)
    with pytest.raises(ValidationError):
        actions.send_sketch(opportunity, {"text": "Skisse igjen"}, actor=researcher.user)
    with pytest.raises(PermissionDenied):  # not to one's own organisation
        actions.send_sketch(opportunity, {"text": "Skisse"}, actor=contact_steinkjer.user)


def test_accepting_a_second_sketch_is_refused(researcher, contact_namsos, contact_steinkjer):
    opportunity = published()
    first = actions.send_sketch(opportunity, {"text": "A"}, actor=researcher.user)
    second = actions.send_sketch(opportunity, {"text": "B"}, actor=contact_namsos.user)
    actions.accept_sketch(first, {}, actor=contact_steinkjer.user)
    with pytest.raises(ValidationError):
        actions.accept_sketch(second, {}, actor=contact_steinkjer.user)
    assert Sketch.objects.get(pk=second.pk).status == "sent"


def test_contact_must_belong_to_the_owner(contact_steinkjer, researcher):
    with pytest.raises(ValidationError) as exc:
        actions.create_opportunity(contact_steinkjer.person.organisation, {**THESIS, "contact": researcher.person},
                                   actor=contact_steinkjer.user)
    assert "contact" in exc.value.error_dict


def test_the_reminder_command(contact_steinkjer, reference, django_capture_on_commit_callbacks, mailoutbox):
    import io

    from django.core.management import call_command

    opportunity = published(contact=contact_steinkjer.person)
    Opportunity.objects.filter(pk=opportunity.pk).update(expires_on=today() - dt.timedelta(days=2))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("opportunity_reminders", stdout=out)
    assert "1" in out.getvalue() and len(mailoutbox) == 1
    assert "Forny" in mailoutbox[0].subject  # in the contact's language (bokmål by default)
