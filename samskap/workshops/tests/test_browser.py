"""The workshop pages in real headless Chromium: a guest registers; a coordinator plans, moves a person by hand
and plans again; every page has zero axe (WCAG 2.1 A/AA) violations."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser

from samskap.conftest import assert_no_axe_violations, login
from samskap.workshops import actions
from samskap.workshops.models import Assignment, Plan, Registration

from .factories import fill, make_event

pytestmark = pytest.mark.browser


def test_guest_registers(page, coordinator, smtp_server):
    event = make_event(coordinator.user, slug="apent-verksted")
    actions.add_staff(event, {"name": "Marte Vollan"}, actor=coordinator.user)
    page.goto(f"/verksted/{event.slug}/")
    assert page.locator("h1").inner_text() == "Utviklingsverksted"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Meld deg på").click()
    page.wait_for_url(re.compile(r"/pamelding/$"))
    assert_no_axe_violations(page)
    page.get_by_label("Navn").fill("Guro Gjest")
    page.get_by_label("E-post").fill("guro.gjest@example.no")
    page.get_by_label("Organisasjon").fill("Verdal kommune")
    page.get_by_label("Type aktør").select_option("municipality")
    first, second = event.sessions.order_by("number")
    page.locator(f"#id_session_{first.pk}_1").select_option(label="Laboratorium for folkehelse")
    page.locator(f"#id_session_{first.pk}_2").select_option(label="Kommunen som næringsutvikler")
    page.locator(f"#id_session_{second.pk}_1").select_option(label="Strategi for bioøkonomi")
    page.get_by_label("Jeg kan være bordvert").check()
    # forgetting the terms gives a translated error and an accessible page
    page.get_by_role("button", name="Meld deg på").click()
    page.wait_for_load_state()
    assert page.get_by_text("Du må godta vilkårene for å melde deg på.").is_visible()
    assert_no_axe_violations(page)
    page.get_by_label("Jeg godtar vilkårene").check()
    page.get_by_role("button", name="Meld deg på").click()
    page.wait_for_url(re.compile(rf"/verksted/{event.slug}/$"))
    assert page.get_by_text("Takk for påmeldingen.").is_visible()
    assert_no_axe_violations(page)
    registration = Registration.objects.get(email="guro.gjest@example.no")
    assert registration.volunteer_host and registration.choices.count() == 3
    assert [m["To"] for m in smtp_server] == ["guro.gjest@example.no"]
    # the personal link comes by e-mail
    link = re.search(r"https?://\S+/min/\S+/", smtp_server[0].get_payload(decode=True).decode()).group(0)
    assert registration.token in link
    page.goto(link[link.index("/verksted/"):])
    assert page.get_by_role("heading", name="Min påmelding").is_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Meld meg av").click()
    page.wait_for_load_state()
    assert page.get_by_text("Du er meldt av.").is_visible()
    assert_no_axe_violations(page)


def test_coordinator_plans_moves_and_replans(page, coordinator):
    event = make_event(coordinator.user, slug="planlagt")
    actions.add_staff(event, {"name": "Marte Vollan"}, actor=coordinator.user)
    fill(event, 10)
    login(page, coordinator.user.username)
    page.goto(f"/verksted/{event.slug}/")
    assert page.get_by_role("heading", name="For koordinatorer").is_visible()
    assert_no_axe_violations(page)

    page.goto(f"/verksted/{event.slug}/plan/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Planlegg", exact=True).click()
    page.wait_for_url(re.compile(r"/plan/\d+/$"))
    plan = Plan.objects.get(event=event)
    assert plan.status == "done", plan.error
    assert page.get_by_role("heading", name="Resultat").is_visible()
    assert page.get_by_text("Plan laget").is_visible()
    assert_no_axe_violations(page)

    # move a person from session 1 to a group of another theme
    session = event.sessions.get(number=1)
    mover = plan.assignments.filter(session=session, group__isnull=False).select_related(
        "registration", "group__theme").order_by("registration__name").first()
    target = plan.groups.filter(theme__session=session).exclude(theme=mover.group.theme).first()
    page.locator(f"#group-{mover.group.pk}").get_by_role("link", name=f"Flytt {mover.registration.name}").click()
    page.wait_for_url(re.compile(rf"/flytt/{mover.pk}/$"))
    assert_no_axe_violations(page)
    page.get_by_label("Flytt til gruppe").select_option(str(target.pk))
    page.get_by_role("button", name="Flytt", exact=True).click()
    page.wait_for_url(re.compile(r"/plan/\d+/#group-\d+$"))
    assert page.get_by_text("og låst der").is_visible()
    assert page.locator(f"#group-{target.pk}").get_by_text("låst", exact=True).is_visible()
    assert_no_axe_violations(page)
    assert Assignment.objects.get(pk=mover.pk).locked

    # publish, then plan again: the lock is kept
    page.get_by_role("button", name="Publiser planen").click()
    page.wait_for_load_state()
    page.get_by_role("button", name="Planlegg på nytt").click()
    page.wait_for_url(lambda url: re.search(r"/plan/(\d+)/$", url) and not url.endswith(f"/plan/{plan.pk}/"))
    second = Plan.objects.filter(event=event).exclude(pk=plan.pk).get()
    assert second.status == "done", second.error
    kept = second.assignments.get(registration=mover.registration, session=session)
    assert kept.locked and kept.group.theme_id == target.theme_id
    assert page.get_by_text("Endringer fra den publiserte planen").is_visible()
    assert_no_axe_violations(page)

    # the printable pages
    for path in ("utskrift", "dagsoversikt", "navneskilt"):
        page.goto(f"/verksted/{event.slug}/plan/{second.pk}/{path}/")
        assert page.locator("h1").count() == 1
        assert_no_axe_violations(page)


def test_registrations_and_import_pages(page, coordinator):
    event = make_event(coordinator.user, slug="deltakere")
    fill(event, 3)
    actions.cancel_registration(event.registrations.first(),
                                token=event.registrations.first().token, notify=False, actor=AnonymousUser())
    login(page, coordinator.user.username)
    page.goto(f"/verksted/{event.slug}/deltakere/")
    assert_no_axe_violations(page)
    page.goto(f"/verksted/{event.slug}/import/")
    page.set_input_files("#id_file", files=[{
        "name": "feil.csv", "mimeType": "text/csv",
        "buffer": "Fornavn;Etternavn;Organisasjon;Økt 1 valg 1\nKari;;NTNU;Folkehelse\n".encode()}])
    page.get_by_role("button", name="Last opp og kontroller").click()
    page.wait_for_load_state()
    assert page.get_by_text("Ingenting ble importert").is_visible()
    assert_no_axe_violations(page)
    page.goto("/verksted/")
    assert_no_axe_violations(page)
    page.goto("/verksted/ny/")
    assert_no_axe_violations(page)
