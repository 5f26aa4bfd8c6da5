"""A note-taker registered without an account records the group's outcome through the registration's
personal link: only their own group's rows, only while the plan is published, never with a wrong token."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from samskap.conftest import assert_no_axe_violations
from samskap.followup import actions
from samskap.followup.models import OutcomeChange, OutcomeRow
from samskap.followup.permissions import GuestNoteTaker, can_edit_outcome
from samskap.followup.tests import factories
from samskap.workshops.models import Assignment, Group, Registration, Theme, ThemeRun


@pytest.fixture
def guest_world(coordinator):  # type: ignore[no-untyped-def]
    """A published plan with two groups: the guest Gunn takes notes in group A, a logged-in note-taker in B."""
    nord = factories.organisation("Nord universitet")
    nina = factories.person("Nina Notat", nord, username="nina.notat")
    w = factories.workshop(note_taker=nina, theme_title="Tema B: Boliger for eldre")
    theme = Theme.objects.create(session=w.session, title="Tema A: Eldre og helse")
    guest = Registration.objects.create(event=w.event, name="Gunn Gjest", email="gunn@example.no",
                                        organisation_name="Namsos kommune", accepted_terms=True,
                                        volunteer_note_taker=True)
    group = Group.objects.create(plan=w.plan, theme=theme, number=1, note_taker=guest)
    Assignment.objects.create(plan=w.plan, registration=guest, session=w.session, group=group)
    for t in (theme, w.theme):  # the plan's themes, as the planner records them
        ThemeRun.objects.create(plan=w.plan, theme=t, running=True, registrants=3)
    other_row = actions.add_row(w.group, {"idea": "Nina sin rad"}, actor=nina.user)
    return {"w": w, "guest": guest, "group": group, "other_group": w.group, "other_row": other_row}


def url(name: str, *args):  # type: ignore[no-untyped-def]
    return reverse(f"followup:{name}", args=args)


def test_guest_records_edits_and_deletes_a_row_through_the_link(client, guest_world):
    guest, group = guest_world["guest"], guest_world["group"]
    response = client.get(url("guest", guest.token))
    assert response.status_code == 302 and response["Location"] == url("guest_group", guest.token, group.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Tema A: Eldre og helse" in page and "Nina sin rad" not in page
    response = client.post(url("guest_group", guest.token, group.pk), {
        "new-idea": "Felles frisklivssentral", "new-follow_up": "Søke midler", "new-actor_groups": ["municipalities"]})
    assert response.status_code == 302
    row = OutcomeRow.objects.get(group=group)
    assert row.idea == "Felles frisklivssentral" and row.actor_groups == ["municipalities"]
    assert row.created_by is None and OutcomeChange.objects.filter(row=row, field="created").exists()
    client.post(url("guest_row", guest.token, row.pk), {
        f"row-{row.pk}-idea": "Felles frisklivssentral i Namdalen", f"row-{row.pk}-version": row.version})
    row.refresh_from_db()
    assert row.idea == "Felles frisklivssentral i Namdalen" and row.version == 2
    client.post(url("guest_row", guest.token, row.pk), {f"row-{row.pk}-version": row.version, "delete": "1"})
    assert not OutcomeRow.objects.filter(pk=row.pk).exists()


def test_the_link_cannot_touch_another_groups_rows(client, guest_world):
    guest, other_group, other_row = guest_world["guest"], guest_world["other_group"], guest_world["other_row"]
    assert client.get(url("guest_group", guest.token, other_group.pk)).status_code == 404
    assert client.post(url("guest_group", guest.token, other_group.pk), {"new-idea": "x"}).status_code == 404
    response = client.post(url("guest_row", guest.token, other_row.pk), {
        f"row-{other_row.pk}-idea": "Overskrevet", f"row-{other_row.pk}-version": other_row.version})
    assert response.status_code == 404
    assert client.post(url("guest_row", guest.token, other_row.pk), {
        f"row-{other_row.pk}-version": other_row.version, "delete": "1"}).status_code == 404
    other_row.refresh_from_db()
    assert other_row.idea == "Nina sin rad"
    assert OutcomeRow.objects.filter(group=other_group).count() == 1
    # and the actions refuse it themselves, whoever calls them
    actor = GuestNoteTaker(guest, guest.token)
    with pytest.raises(PermissionDenied):
        actions.add_row(other_group, {"idea": "x"}, actor=actor)
    with pytest.raises(PermissionDenied):
        actions.update_row(other_row, {"idea": "x"}, version=other_row.version, actor=actor)
    with pytest.raises(PermissionDenied):
        actions.delete_row(other_row, version=other_row.version, actor=actor)


def test_a_wrong_token_is_404(client, guest_world):
    group = guest_world["group"]
    assert client.get(url("guest", "feil-token")).status_code == 404
    assert client.get(url("guest_group", "feil-token", group.pk)).status_code == 404
    assert client.post(url("guest_group", "feil-token", group.pk), {"new-idea": "x"}).status_code == 404
    assert OutcomeRow.objects.filter(group=group).count() == 0
    with pytest.raises(PermissionDenied):  # a forged actor with the wrong token
        actions.add_row(group, {"idea": "x"}, actor=GuestNoteTaker(guest_world["guest"], "feil-token"))


def test_only_a_guest_note_taker_of_a_published_plan(client, guest_world):
    guest, group, w = guest_world["guest"], guest_world["group"], guest_world["w"]
    participant = Registration.objects.create(event=w.event, name="Per Deltaker", email="per@example.no",
                                              organisation_name="KS", accepted_terms=True)
    assert client.get(url("guest", participant.token)).status_code == 404  # not a note-taker
    nina_registration = guest_world["other_group"].note_taker
    assert client.get(url("guest", nina_registration.token)).status_code == 404  # has an account: logs in
    w.plan.published = False
    w.plan.save()
    assert client.get(url("guest_group", guest.token, group.pk)).status_code == 404
    assert not can_edit_outcome(GuestNoteTaker(guest, guest.token), group)
    w.plan.published = True
    w.plan.save()
    guest.status = "cancelled"
    guest.save()
    assert client.get(url("guest_group", guest.token, group.pk)).status_code == 404


def test_guest_may_not_link_directory_people_or_make_actions(guest_world, researcher):
    guest, group = guest_world["guest"], guest_world["group"]
    actor = GuestNoteTaker(guest, guest.token)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        actions.add_row(group, {"idea": "x", "actor_people": [researcher.person]}, actor=actor)
    row = actions.add_row(group, {"idea": "x"}, actor=actor)
    with pytest.raises(PermissionDenied):
        actions.create_action(row, {"title": "t"}, actor=actor)


def test_the_personal_page_links_to_the_outcome(client, guest_world):
    guest, group = guest_world["guest"], guest_world["group"]
    page = client.get(reverse("workshops:mine", args=[guest.event.slug, guest.token])).content.decode()
    assert url("guest_group", guest.token, group.pk) in page


@pytest.mark.browser
def test_guest_note_taker_records_a_row_in_the_browser(page, guest_world):
    guest, group = guest_world["guest"], guest_world["group"]
    page.goto(reverse("workshops:mine", args=[guest.event.slug, guest.token]))
    page.get_by_role("link", name="Før inn gruppas resultat").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Tema A: Eldre og helse, gruppe 1"
    assert_no_axe_violations(page)
    page.locator("#id_new-idea").fill("Felles frisklivssentral")
    page.locator("#id_new-follow_up").fill("Søke midler fra RFF")
    page.locator("#new-row-save").click()
    page.wait_for_load_state()
    assert page.get_by_text("Raden ble lagret.").is_visible()
    row = OutcomeRow.objects.get(group=group)
    assert row.idea == "Felles frisklivssentral"
    assert page.locator(f"#id_row-{row.pk}-idea").input_value() == "Felles frisklivssentral"
    assert_no_axe_violations(page)
