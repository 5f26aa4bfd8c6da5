"""Outcome rows: row-by-row saving, optimistic locking, validation, the change log and the htmx views."""

import pytest
from django.core.exceptions import ValidationError

from samskap.followup import actions
from samskap.followup.actions import StaleVersionError
from samskap.followup.models import OutcomeChange, OutcomeRow

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.postgres
def test_two_note_takers_save_different_rows_without_losing_each_others(world):
    coordinator, note_taker = world.users["coordinator"], world.users["note_taker"]
    other = actions.add_row(world.group, {"idea": "Studentoppgaver i kommunene"}, actor=coordinator)
    row_version, other_version = world.row.version, other.version  # both opened the page
    actions.update_row(world.row, {"follow_up": "Notatet til Nina"}, version=row_version, actor=note_taker)
    actions.update_row(other, {"follow_up": "Notatet til Kari"}, version=other_version, actor=coordinator)
    assert OutcomeRow.objects.get(pk=world.row.pk).follow_up == "Notatet til Nina"
    assert OutcomeRow.objects.get(pk=other.pk).follow_up == "Notatet til Kari"


@pytest.mark.postgres
def test_a_stale_save_is_refused_and_nothing_is_overwritten(world):
    coordinator, note_taker = world.users["coordinator"], world.users["note_taker"]
    opened = world.row.version
    actions.update_row(world.row, {"follow_up": "Koordinatorens tekst"}, version=opened, actor=coordinator)
    with pytest.raises(StaleVersionError) as caught:
        actions.update_row(world.row, {"follow_up": "Ninas tekst", "idea": "Ninas idé"}, version=opened, actor=note_taker)
    assert caught.value.current.follow_up == "Koordinatorens tekst"
    row = OutcomeRow.objects.get(pk=world.row.pk)
    assert row.follow_up == "Koordinatorens tekst"
    assert row.idea == "Delte stillinger mellom kommune og universitet"
    assert row.version == opened + 1


def test_saving_without_changes_keeps_the_version(world):
    row = actions.update_row(world.row, {"idea": world.row.idea},
                             version=world.row.version, actor=world.users["note_taker"])
    assert row.version == world.row.version


def test_an_empty_row_is_refused_with_a_clear_message(world):
    before = OutcomeRow.objects.count()
    with pytest.raises(ValidationError) as caught:
        actions.add_row(world.group, {"idea": "  ", "actors_text": "KS"}, actor=world.users["note_taker"])
    assert "Skriv minst en idé" in " ".join(caught.value.messages)
    assert OutcomeRow.objects.count() == before


def test_bad_input_saves_nothing(world):
    """An unknown group of actors fails validation: neither the text nor the links are saved."""
    version = world.row.version
    with pytest.raises(ValidationError):
        actions.update_row(world.row,
                           {"idea": "Ny tekst", "actor_organisations": [], "actor_groups": ["martians"]},
                           version=version, actor=world.users["note_taker"])
    row = OutcomeRow.objects.get(pk=world.row.pk)
    assert row.idea == "Delte stillinger mellom kommune og universitet"
    assert row.actor_organisations.count() == 2 and row.version == version
    with pytest.raises(ValidationError):
        actions.add_row(world.group, {"idea": "x", "colour": "blå"}, actor=world.users["note_taker"])


def test_every_change_is_logged_with_who_and_when(world):
    actions.update_row(world.row,
                       {"follow_up": "Ny oppfølging", "actor_organisations": [world.steinkjer]},
                       version=world.row.version, actor=world.users["note_taker"])
    changes = {c.field: c for c in OutcomeChange.objects.filter(row=world.row).order_by("at", "pk")}
    assert changes["follow_up"].old == "Kartlegge interessen i tre kommuner."
    assert changes["follow_up"].new == "Ny oppfølging"
    assert changes["follow_up"].by == world.users["note_taker"]
    assert changes["actor_organisations"].old == "Nord universitet; Steinkjer kommune"
    assert changes["actor_organisations"].new == "Steinkjer kommune"
    assert "created" in changes


def test_a_row_with_actions_cannot_be_deleted(world):
    with pytest.raises(ValidationError):
        actions.delete_row(world.row, version=world.row.version, actor=world.users["coordinator"])
    assert OutcomeRow.objects.filter(pk=world.row.pk).exists()


def test_htmx_add_row_returns_the_row_and_a_fresh_form(client, world):
    client.force_login(world.users["note_taker"])
    response = client.post(f"/oppfolging/gruppe/{world.group.pk}/rader/ny/",
                           {"new-idea": "Innovasjonsfaglig dag", "new-follow_up": "KS tar ansvar"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    row = OutcomeRow.objects.get(idea="Innovasjonsfaglig dag")
    assert f'id="row-{row.pk}"' in html and 'id="new-row"' in html and 'hx-swap-oob="true"' in html
    assert row.created_by == world.users["note_taker"]


def test_htmx_add_row_with_errors_retargets_the_new_row_form(client, world):
    client.force_login(world.users["note_taker"])
    response = client.post(f"/oppfolging/gruppe/{world.group.pk}/rader/ny/", {"new-actors_text": "KS"}, **HTMX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#new-row"
    assert "Skriv minst en idé" in response.content.decode()


def test_htmx_stale_save_shows_the_current_text_and_keeps_mine(client, world):
    prefix = f"row-{world.row.pk}"
    opened = world.row.version
    actions.update_row(world.row, {"follow_up": "Koordinatoren var først"},
                       version=opened, actor=world.users["coordinator"])
    client.force_login(world.users["note_taker"])
    response = client.post(f"/oppfolging/rad/{world.row.pk}/", {
        f"{prefix}-idea": "Delte stillinger", f"{prefix}-follow_up": "Min egen oppfølging",
        f"{prefix}-version": opened}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="alert"' in html
    assert "Koordinatoren var først" in html  # the current text
    assert "Min egen oppfølging" in html  # my text is kept in the form
    assert f'name="{prefix}-version" value="{opened + 1}"' in html
    assert OutcomeRow.objects.get(pk=world.row.pk).follow_up == "Koordinatoren var først"


def test_htmx_save_and_delete(client, world):
    row = actions.add_row(world.group, {"idea": "Hospitering"}, actor=world.users["note_taker"])
    prefix = f"row-{row.pk}"
    client.force_login(world.users["note_taker"])
    response = client.post(f"/oppfolging/rad/{row.pk}/", {f"{prefix}-idea": "Hospitering i Bærum",
                                                            f"{prefix}-actor_groups": ["all"],
                                                            f"{prefix}-version": row.version}, **HTMX)
    assert response.status_code == 200
    row.refresh_from_db()
    assert row.idea == "Hospitering i Bærum" and row.actor_groups == ["all"] and row.version == 2
    response = client.post(f"/oppfolging/rad/{row.pk}/slett/", {f"{prefix}-version": 1}, **HTMX)
    assert OutcomeRow.objects.filter(pk=row.pk).exists()  # stale version: refused
    response = client.post(f"/oppfolging/rad/{row.pk}/slett/", {f"{prefix}-version": 2}, **HTMX)
    assert response.status_code == 200 and not OutcomeRow.objects.filter(pk=row.pk).exists()


def test_without_javascript_the_forms_still_work(client, world):
    client.force_login(world.users["note_taker"])
    response = client.post(f"/oppfolging/gruppe/{world.group.pk}/rader/ny/", {"new-idea": "Traineeordning"})
    row = OutcomeRow.objects.get(idea="Traineeordning")
    assert response.status_code == 302 and response["Location"].endswith(f"#row-{row.pk}")
    response = client.post(f"/oppfolging/rad/{row.pk}/", {f"row-{row.pk}-idea": "Traineeordning i ett år",
                                                          f"row-{row.pk}-version": row.version})
    assert response.status_code == 302
    response = client.post(f"/oppfolging/rad/{row.pk}/", {f"row-{row.pk}-idea": "For sent",
                                                          f"row-{row.pk}-version": row.version})
    assert response.status_code == 409
    assert OutcomeRow.objects.get(pk=row.pk).idea == "Traineeordning i ett år"


def test_group_and_event_pages(client, world):
    client.force_login(world.users["other"])
    response = client.get(f"/oppfolging/gruppe/{world.group.pk}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Delte stillinger mellom kommune og universitet" in html
    assert 'id="new-row"' not in html  # read only
    assert "Ulrik Usynlig" not in html  # an actor who did not consent is not named
    response = client.get(f"/oppfolging/verksted/{world.workshop.event.slug}/")
    html = response.content.decode()
    assert response.status_code == 200 and "Kartlegge delte stillinger" in html
    assert "Steinkjer kommune" in html and "Ulrik Usynlig" not in html
    client.force_login(world.users["note_taker"])
    html = client.get(f"/oppfolging/gruppe/{world.group.pk}/").content.decode()
    assert 'id="new-row"' in html and f'id="row-{world.row.pk}"' in html
    html = client.get("/oppfolging/").content.decode()
    assert f"/oppfolging/gruppe/{world.group.pk}/" in html
