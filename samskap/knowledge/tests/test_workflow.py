"""Review workflow: every role against every write on cases (draft -> submitted -> published / returned)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from samskap.knowledge import actions
from samskap.knowledge.models import Case, CaseStatus
from samskap.knowledge.tests.factories import COMPLETE, municipalities

ROLES = ["coordinator", "own_contact", "other_contact", "researcher", "guest"]
OWNERS = {"coordinator", "own_contact"}


@pytest.fixture
def actors(coordinator, contact_steinkjer, contact_namsos, researcher):
    return {"coordinator": coordinator.user, "own_contact": contact_steinkjer.user,
            "other_contact": contact_namsos.user, "researcher": researcher.user, "guest": AnonymousUser()}


@pytest.fixture
def draft(contact_steinkjer):
    return actions.create_case(COMPLETE, municipalities("5006"), actor=contact_steinkjer.user)


@pytest.fixture
def submitted(draft, contact_steinkjer):
    return actions.submit_case(draft, actor=contact_steinkjer.user)


@pytest.fixture
def published(submitted, coordinator):
    return actions.publish_case(submitted, actor=coordinator.user)


def status(case):
    return Case.objects.get(pk=case.pk).status


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_create_case_for_steinkjer(actors, role):
    if role in OWNERS:
        case = actions.create_case(COMPLETE, municipalities("5006"), actor=actors[role])
        assert case.status == CaseStatus.DRAFT
        assert list(case.municipalities.values_list("code", flat=True)) == ["5006"]
    else:
        with pytest.raises(PermissionDenied):
            actions.create_case(COMPLETE, municipalities("5006"), actor=actors[role])
        assert not Case.objects.exists()


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_update_draft(actors, draft, role):
    if role in OWNERS:
        actions.update_case(draft, {"title": "Endret"}, actor=actors[role])
        assert Case.objects.get(pk=draft.pk).title == "Endret"
    else:
        with pytest.raises(PermissionDenied):
            actions.update_case(draft, {"title": "Endret"}, actor=actors[role])
        assert Case.objects.get(pk=draft.pk).title == COMPLETE["title"]


@pytest.mark.parametrize("role", ROLES)
def test_submit_draft(actors, draft, role):
    if role in OWNERS:
        actions.submit_case(draft, actor=actors[role])
        assert status(draft) == CaseStatus.SUBMITTED
    else:
        with pytest.raises(PermissionDenied):
            actions.submit_case(draft, actor=actors[role])
        assert status(draft) == CaseStatus.DRAFT


@pytest.mark.parametrize("role", ROLES)
def test_publish_submitted(actors, submitted, role):
    if role == "coordinator":
        actions.publish_case(submitted, actor=actors[role])
        assert status(submitted) == CaseStatus.PUBLISHED
    else:
        with pytest.raises(PermissionDenied):
            actions.publish_case(submitted, actor=actors[role])
        assert status(submitted) == CaseStatus.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_return_submitted_with_comment(actors, submitted, role):
    if role == "coordinator":
        actions.return_case(submitted, "Skriv mer om resultatene.", actor=actors[role])
        case = Case.objects.get(pk=submitted.pk)
        assert case.status == CaseStatus.RETURNED and case.review_comment == "Skriv mer om resultatene."
    else:
        with pytest.raises(PermissionDenied):
            actions.return_case(submitted, "Nei", actor=actors[role])
        assert status(submitted) == CaseStatus.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
def test_edit_published(actors, published, role):
    """Once published, only coordinators may correct a case; owners ask for it to be returned."""
    if role == "coordinator":
        actions.update_case(published, {"title": "Rettet"}, actor=actors[role])
        assert Case.objects.get(pk=published.pk).title == "Rettet"
    else:
        with pytest.raises(PermissionDenied):
            actions.update_case(published, {"title": "Rettet"}, actor=actors[role])


@pytest.mark.parametrize("role", ROLES)
def test_delete_draft(actors, draft, role):
    if role in OWNERS:
        actions.delete_case(draft, actor=actors[role])
        assert not Case.objects.filter(pk=draft.pk).exists()
    else:
        with pytest.raises(PermissionDenied):
            actions.delete_case(draft, actor=actors[role])
        assert Case.objects.filter(pk=draft.pk).exists()


def test_return_needs_a_comment(coordinator, submitted):
    with pytest.raises(ValidationError) as exc:
        actions.return_case(submitted, "  ", actor=coordinator.user)
    assert "comment" in exc.value.message_dict


def test_returned_case_goes_back_to_its_owner(coordinator, contact_steinkjer, submitted):
    actions.return_case(submitted, "Korte setninger, takk.", actor=coordinator.user)
    case = actions.update_case(submitted, {"title": "Ny tittel"}, actor=contact_steinkjer.user)
    actions.submit_case(case, actor=contact_steinkjer.user)
    actions.publish_case(case, actor=coordinator.user)
    case.refresh_from_db()
    assert case.status == CaseStatus.PUBLISHED and case.review_comment == "" and case.title == "Ny tittel"


def test_incomplete_case_cannot_be_submitted(contact_steinkjer):
    case = actions.create_case({**COMPLETE, "results": "", "summary": "Kort."},
                               municipalities("5006"), actor=contact_steinkjer.user)
    with pytest.raises(ValidationError) as exc:
        actions.submit_case(case, actor=contact_steinkjer.user)
    assert set(exc.value.message_dict) == {"results", "summary"}
    assert status(case) == CaseStatus.DRAFT


def test_published_case_must_stay_complete(coordinator, published):
    with pytest.raises(ValidationError):
        actions.update_case(published, {"novelty": ""}, actor=coordinator.user)
    assert Case.objects.get(pk=published.pk).novelty == COMPLETE["novelty"]


def test_only_submitted_cases_are_published(coordinator, draft):
    with pytest.raises(ValidationError):
        actions.publish_case(draft, actor=coordinator.user)


def test_contact_must_include_own_municipality(contact_steinkjer):
    with pytest.raises(PermissionDenied):
        actions.create_case(COMPLETE, municipalities("5007"), actor=contact_steinkjer.user)
    # nor attach another municipality: that would hand its contact edit rights
    with pytest.raises(PermissionDenied):
        actions.create_case(COMPLETE, municipalities("5006", "5007"), actor=contact_steinkjer.user)
    assert not Case.objects.exists()


def test_contacts_of_every_municipality_own_a_shared_case(coordinator, contact_steinkjer, contact_namsos):
    case = actions.create_case(COMPLETE, municipalities("5006", "5007"), actor=coordinator.user)
    actions.update_case(case, {"title": "Felles sak"}, actor=contact_namsos.user)
    assert Case.objects.get(pk=case.pk).title == "Felles sak"


def test_creator_stays_owner(contact_steinkjer):
    case = actions.create_case(COMPLETE, municipalities("5006"), actor=contact_steinkjer.user)
    contact_steinkjer.user.roles.all().delete()
    contact_steinkjer.user._samskap_roles = None
    actions.update_case(case, {"title": "Fortsatt min"}, actor=contact_steinkjer.user)
    assert Case.objects.get(pk=case.pk).title == "Fortsatt min"


def test_language_defaults_to_the_municipality_language_form(contact_surnadal):
    case = actions.create_case({**COMPLETE, "language": ""}, municipalities("1566"), actor=contact_surnadal.user)
    assert case.language == "nn"


# --- the same rules through the web -------------------------------------------------------------------

@pytest.mark.parametrize("role,code", [("guest", 404), ("other_contact", 404), ("researcher", 404),
                                       ("own_contact", 200), ("coordinator", 200)])
def test_draft_is_visible_only_to_owners_and_coordinators(client, actors, draft, role, code):
    if role != "guest":
        client.force_login(actors[role])
    assert client.get(f"/kunnskap/{draft.pk}/").status_code == code


def test_owner_submits_and_coordinator_publishes_through_the_web(client, actors, draft):
    client.force_login(actors["own_contact"])
    client.post(f"/kunnskap/{draft.pk}/send-inn/")
    assert status(draft) == CaseStatus.SUBMITTED
    assert client.post(f"/kunnskap/{draft.pk}/vurder/", {"decision": "publish"}).status_code in (302, 403)
    assert status(draft) == CaseStatus.SUBMITTED
    client.force_login(actors["coordinator"])
    client.post(f"/kunnskap/{draft.pk}/vurder/", {"decision": "publish"})
    assert status(draft) == CaseStatus.PUBLISHED
    client.logout()
    assert client.get(f"/kunnskap/{draft.pk}/").status_code == 200


def test_case_form_creates_a_draft(client, actors):
    client.force_login(actors["own_contact"])
    assert client.get("/kunnskap/ny/").status_code == 200
    data = {**COMPLETE, "municipalities": ["5006"], "benefit_evidence": "measured"}
    response = client.post("/kunnskap/ny/", data)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kunnskap/{case.pk}/"
    assert case.created_by == actors["own_contact"] and case.status == CaseStatus.DRAFT


def test_web_forbids_other_contact_to_edit(client, actors, draft):
    client.force_login(actors["other_contact"])
    assert client.get(f"/kunnskap/{draft.pk}/rediger/").status_code == 403


def test_review_queue_and_my_cases(client, actors, submitted, contact_steinkjer):
    draft = actions.create_case({**COMPLETE, "title": "Mitt utkast"}, municipalities("5006"), actor=contact_steinkjer.user)
    client.force_login(actors["coordinator"])
    html = client.get("/kunnskap/mine/").content.decode()
    assert COMPLETE["title"] in html
    client.force_login(actors["other_contact"])
    html = client.get("/kunnskap/mine/").content.decode()
    assert draft.title not in html
    client.force_login(actors["own_contact"])
    html = client.get("/kunnskap/mine/").content.decode()
    assert draft.title in html


def test_owner_sees_what_is_missing(client, contact_steinkjer):
    case = actions.create_case({**COMPLETE, "partners": ""}, municipalities("5006"), actor=contact_steinkjer.user)
    client.force_login(contact_steinkjer.user)
    html = client.get(f"/kunnskap/{case.pk}/").content.decode()
    assert 'id="completeness"' in html and 'data-section="partners"' in html
