"""Every role against every write: coordinators run workshops; anyone registers; a registration is cancelled
only with its token, by its own person or by a coordinator."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from samskap.directory.models import Municipality
from samskap.needs import actions as need_actions
from samskap.workshops import actions
from samskap.workshops.models import (
    Assignment,
    Event,
    Group,
    Plan,
    PlanStatus,
    ProgrammeItem,
    Registration,
    RegistrationStatus,
    StaffMember,
    Theme,
    WorkshopSession,
)

from .factories import fill, sign_up

ROLES = ["coordinator", "contact", "researcher", "guest"]


@pytest.fixture
def actors(coordinator, contact_steinkjer, researcher):
    return {"coordinator": coordinator.user, "contact": contact_steinkjer.user, "researcher": researcher.user,
            "guest": AnonymousUser()}


@pytest.fixture
def world(event, coordinator, contact_steinkjer):
    """An event with programme, staff, registrations and a stored plan of one group."""
    item = actions.add_programme_item(event, {"start": dt.time(10), "title": "Velkommen"}, actor=coordinator.user)
    staff = actions.add_staff(event, {"name": "Marte Vollan"}, actor=coordinator.user)
    regs = fill(event, 6)
    plan = Plan.objects.create(event=event, status=PlanStatus.DONE, published=True)
    draft = Plan.objects.create(event=event, status=PlanStatus.DONE)
    session = event.sessions.get(number=1)
    theme = session.themes.first()
    group_a = Group.objects.create(plan=plan, theme=theme, number=1)
    group_b = Group.objects.create(plan=plan, theme=theme, number=2)
    assignment = Assignment.objects.create(plan=plan, registration=regs[0], session=session, group=group_a,
                                           locked=True)
    need = need_actions.submit_need(Municipality.objects.get(code="5006"), {
        "title": "Felles legevakt", "description": "Akutt sykdom om natta.", "sector": "health"}, actor=contact_steinkjer.user)
    return {"event": event, "item": item, "staff": staff, "regs": regs, "plan": plan, "draft": draft, "session": session,
            "theme": theme, "group_b": group_b, "assignment": assignment, "need": need}


def _future(days):
    return timezone.now() + dt.timedelta(days=days)


EVENT_DATA = {"title": "Nytt verksted", "slug": "nytt", "date": dt.date(2031, 5, 5), "place": "Levanger",
              "capacity": 30}

WRITES = {
    "create_event": lambda a, w: actions.create_event({**EVENT_DATA, "registration_deadline": _future(10)}, actor=a),
    "update_event": lambda a, w: actions.update_event(w["event"], {"title": "Endret"}, actor=a),
    "add_programme_item": lambda a, w: actions.add_programme_item(w["event"], {"start": dt.time(9),
                                                                                   "title": "Kaffe"}, actor=a),
    "update_programme_item": lambda a, w: actions.update_programme_item(w["item"], {"title": "Endret"}, actor=a),
    "delete_programme_item": lambda a, w: actions.delete_programme_item(w["item"], actor=a),
    "add_session": lambda a, w: actions.add_session(w["event"], actor=a),
    "update_session": lambda a, w: actions.update_session(w["session"], {"start": dt.time(12)}, actor=a),
    "delete_session": lambda a, w: actions.delete_session(w["event"].sessions.get(number=2), actor=a),
    "create_theme": lambda a, w: actions.create_theme(w["session"], {"title": "Nytt tema"}, actor=a),
    "update_theme": lambda a, w: actions.update_theme(w["theme"], {"title": "Endret tema"}, actor=a),
    "delete_theme": lambda a, w: actions.delete_theme(w["session"].themes.last(), actor=a),
    "theme_from_need": lambda a, w: actions.theme_from_need(w["session"], w["need"], actor=a),
    "theme_from_challenge": lambda a, w: actions.theme_from_challenge(w["session"], "Legevakt", [w["need"]], actor=a),
    "add_staff": lambda a, w: actions.add_staff(w["event"], {"name": "Ny stab"}, actor=a),
    "update_staff": lambda a, w: actions.update_staff(w["staff"], {"name": "Marte V."}, actor=a),
    "delete_staff": lambda a, w: actions.delete_staff(w["staff"], actor=a),
    "import_registrations": lambda a, w: actions.import_registrations(
        w["event"], "Fornavn;Etternavn;Organisasjon;Økt 1 valg 1\nKari;Nordmann;NTNU;Nytt\n".encode(), "r.csv", actor=a),
    "start_plan": lambda a, w: actions.start_plan(w["event"], actor=a),
    "publish_plan": lambda a, w: actions.publish_plan(w["draft"], actor=a),
    "unpublish_plan": lambda a, w: actions.unpublish_plan(w["plan"], actor=a),
    "move_assignment": lambda a, w: actions.move_assignment(w["assignment"], w["group_b"], actor=a),
    "unlock_assignment": lambda a, w: actions.unlock_assignment(w["assignment"], actor=a),
    "cancel_others_registration": lambda a, w: actions.cancel_registration(w["regs"][1], notify=False, actor=a),
}


def _snapshot():
    return {
        "events": list(Event.objects.values_list("title", "slug")),
        "programme": list(ProgrammeItem.objects.values_list("title", flat=True)),
        "sessions": list(WorkshopSession.objects.values_list("number", "start")),
        "themes": sorted(Theme.objects.values_list("title", flat=True)),
        "staff": list(StaffMember.objects.values_list("name", flat=True)),
        "registrations": list(Registration.objects.values_list("name", "status").order_by("pk")),
        "plans": list(Plan.objects.values_list("pk", "published", "status").order_by("pk")),
        "assignments": list(Assignment.objects.values_list("group", "locked").order_by("pk")),
    }


@pytest.mark.postgres
@pytest.mark.parametrize("write", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_coordinator_writes(actors, world, role, write):
    if role == "coordinator":
        before = _snapshot()
        WRITES[write](actors[role], world)
        assert _snapshot() != before
    else:
        before = _snapshot()
        with pytest.raises(PermissionDenied):
            WRITES[write](actors[role], world)
        assert _snapshot() == before


@pytest.mark.postgres
@pytest.mark.parametrize("role", ROLES)
def test_everyone_may_register(actors, event, role):
    registration = sign_up(event, f"Deltaker {role}", {1: ["Samarbeid om kompetanse og FoU"]}, actor=actors[role])
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.person is None  # the e-mail is not the actor's own


def test_own_registration_is_linked_and_cancellable(contact_steinkjer, event):
    registration = actions.register(event, {
        "name": "Ola Nordmo", "email": contact_steinkjer.user.email, "organisation_name": "Steinkjer kommune",
        "actor_type": "municipality", "accepted_terms": True}, {}, notify=False, actor=contact_steinkjer.user)
    assert registration.person == contact_steinkjer.person
    assert registration.organisation.name == "Steinkjer kommune"
    actions.cancel_registration(registration, notify=False, actor=contact_steinkjer.user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


@pytest.mark.parametrize("role", ROLES)
def test_cancel_with_token_works_for_anyone(actors, event, role):
    registration = sign_up(event, "Kari Token", {1: ["Laboratorium for folkehelse"]})
    if role != "coordinator":
        with pytest.raises(PermissionDenied):
            actions.cancel_registration(registration, token="wrong-token", notify=False, actor=actors[role])
    actions.cancel_registration(registration, token=registration.token, notify=False, actor=actors[role])
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CANCELLED


COORDINATOR_PAGES = ["workshops:create"]
EVENT_PAGES = ["workshops:edit", "workshops:programme_create", "workshops:session_create", "workshops:theme_create",
               "workshops:staff_create", "workshops:registrations", "workshops:import", "workshops:plan",
               "workshops:challenges"]


@pytest.mark.parametrize("role", ROLES)
def test_coordinator_pages(client, actors, event, role):
    if role != "guest":
        client.force_login(actors[role])
    urls = [reverse(n) for n in COORDINATOR_PAGES] + [reverse(n, args=[event.slug]) for n in EVENT_PAGES]
    for url in urls:
        response = client.get(url)
        if role == "coordinator":
            assert response.status_code == 200, url
        elif role == "guest":
            assert response.status_code == 302 and "/logg-inn/" in response["Location"], url
        else:
            assert response.status_code == 403, url


@pytest.mark.parametrize("role", ["contact", "researcher"])
def test_posts_are_refused(client, actors, world, role):
    client.force_login(actors[role])
    event = world["event"]
    posts = [
        reverse("workshops:plan_start", args=[event.slug]),
        reverse("workshops:plan_publish", args=[event.slug, world["plan"].pk]),
        reverse("workshops:theme_delete", args=[event.slug, world["theme"].pk]),
        reverse("workshops:staff_delete", args=[event.slug, world["staff"].pk]),
        reverse("workshops:programme_delete", args=[event.slug, world["item"].pk]),
        reverse("workshops:registration_cancel", args=[event.slug, world["regs"][0].pk]),
        reverse("workshops:move", args=[event.slug, world["plan"].pk, world["assignment"].pk]),
    ]
    before = _snapshot()
    for url in posts:
        assert client.post(url, {"group": world["group_b"].pk}).status_code == 403, url
    assert _snapshot() == before
