"""The web import in two steps: upload -> preview (themes found, spellings to merge, each merge kept or
split) -> confirmation. Nothing is written before the confirmation, which checks the file again."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from samskap.conftest import assert_no_axe_violations, login
from samskap.core.tests.fuzz import checksum
from samskap.workshops import actions, uploads
from samskap.workshops.models import Choice, Registration, Theme, WorkshopSession

from .factories import make_event, sign_up

FILE = (
    "Fornavn;Etternavn;Organisasjon;E-post;Økt 1 valg 1;Økt 1 valg 2\n"
    "Kari;Nordvik;Steinkjer kommune;kari@example.no;Tema 1.1: Eldre og helse;Tema 1.11: Unge og helse\n"
    "Ola;Bergli;NTNU;ola@example.no;tema 1.1: eldre helse;Tema 1.2: Boliger for eldre\n"
    "Siri;Lyng;Nord universitet;siri@example.no;Tema 1.1: Eldre og helse;Tema 1.2: Boliger for eldre\n"
    "Per;Aune;KS;per@example.no;Tema 1.11: Unge og helse;Tema 1.1: Eldre og helse\n"
)


def tables():  # type: ignore[no-untyped-def]
    return [Registration.objects.all(), Theme.objects.all(), WorkshopSession.objects.all(), Choice.objects.all()]


@pytest.fixture(autouse=True)
def _upload_dir(tmp_path):  # type: ignore[no-untyped-def]
    with override_settings(WORKSHOP_IMPORT_DIR=str(tmp_path / "imports")):
        yield


@pytest.fixture
def empty_event(coordinator):  # type: ignore[no-untyped-def]
    event = actions.create_event({
        "title": "Importert", "slug": "importert", "date": "2031-01-01", "place": "Steinkjer", "capacity": 100,
        "registration_deadline": "2030-12-01T12:00Z"}, actor=coordinator.user)
    return actions.open_registration(event, actor=coordinator.user)


def upload(client, event, data: str = FILE):  # type: ignore[no-untyped-def]
    return client.post(reverse("workshops:import", args=[event.slug]),
                       {"file": SimpleUploadedFile("pamelding.csv", data.encode(), "text/csv")})


def test_upload_shows_a_preview_and_writes_nothing(client, coordinator, empty_event):
    client.force_login(coordinator.user)
    before = checksum(tables())
    response = upload(client, empty_event)
    assert response.status_code == 302
    preview_url = response["Location"]
    assert re.fullmatch(r"/verksted/importert/import/[A-Za-z0-9_-]{40,}/", preview_url)
    html = client.get(preview_url).content.decode()
    assert "Ingenting er importert fra pamelding.csv ennå" in html
    assert "3 tema funnet" in html and "4 påmeldinger blir importert." in html
    assert "Tema 1.1: Eldre og helse" in html and "Tema 1.11: Unge og helse" in html
    assert "tema 1.1: eldre helse" in html  # the merged spelling, with a choice to keep it apart
    assert 'name="split" value="tema 1.1: eldre helse"' in html
    client.get(preview_url)  # a GET never writes
    assert checksum(tables()) == before


def test_confirm_imports_and_split_keeps_a_spelling_apart(client, coordinator, empty_event):
    client.force_login(coordinator.user)
    preview_url = upload(client, empty_event)["Location"]
    before = checksum(tables())
    html = client.post(preview_url, {"split": ["tema 1.1: eldre helse"], "update": "1"}).content.decode()
    assert "4 tema funnet" in html and checksum(tables()) == before  # the preview again, still nothing written
    assert 'value="tema 1.1: eldre helse" id="split-1-1" checked' in html
    response = client.post(preview_url, {"split": ["tema 1.1: eldre helse"], "confirm": "1"})
    assert "4 påmeldinger importert." in response.content.decode()
    titles = set(Theme.objects.filter(session__event=empty_event).values_list("title", flat=True))
    assert titles == {"Tema 1.1: Eldre og helse", "Tema 1.11: Unge og helse", "Tema 1.2: Boliger for eldre",
                      "tema 1.1: eldre helse"}
    ola = Registration.objects.get(event=empty_event, name="Ola Bergli")
    assert ola.choices.order_by("rank").first().theme.title == "tema 1.1: eldre helse"
    # the kept file is gone: the same confirmation cannot import twice
    again = client.post(preview_url, {"confirm": "1"})
    assert again.status_code == 302 and again["Location"] == reverse("workshops:import", args=[empty_event.slug])
    assert Registration.objects.filter(event=empty_event).count() == 4


def test_confirm_without_split_merges(client, coordinator, empty_event):
    client.force_login(coordinator.user)
    preview_url = upload(client, empty_event)["Location"]
    client.post(preview_url, {"confirm": "1"})
    assert Theme.objects.filter(session__event=empty_event).count() == 3
    ola = Registration.objects.get(event=empty_event, name="Ola Bergli")
    assert ola.choices.order_by("rank").first().theme.title == "Tema 1.1: Eldre og helse"


def test_confirmation_checks_the_file_again(client, coordinator, empty_event):
    client.force_login(coordinator.user)
    preview_url = upload(client, empty_event)["Location"]
    actions.create_theme(empty_event.sessions.get_or_create(number=1)[0],
                         {"title": "Tema 1.2: Boliger for eldre"}, actor=coordinator.user)
    sign_up(empty_event, "Kari", {1: ["Tema 1.2: Boliger for eldre"]})  # kari@example.no registers meanwhile
    before = checksum(tables())
    response = client.post(preview_url, {"confirm": "1"})
    html = response.content.decode()
    assert response.status_code == 422 and "Ingenting ble importert" in html
    assert "rad 2: kari@example.no er allerede påmeldt dette verkstedet" in html
    assert checksum(tables()) == before


def test_cancel_forgets_the_file(client, coordinator, empty_event):
    client.force_login(coordinator.user)
    preview_url = upload(client, empty_event)["Location"]
    client.post(preview_url, {"cancel": "1"})
    assert client.get(preview_url).status_code == 302
    assert Registration.objects.count() == 0


def test_a_token_works_only_in_its_own_session_and_event(client, coordinator, empty_event):
    from samskap.directory.testing import make_persona

    client.force_login(coordinator.user)
    preview_url = upload(client, empty_event)["Location"]
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    other_event = make_event(coordinator.user, slug="annet")
    assert client.get(reverse("workshops:import_preview", args=[other_event.slug, token])).status_code == 302
    assert client.get(reverse("workshops:import_preview", args=[empty_event.slug, "x" * 43])).status_code == 302
    assert client.get(reverse("workshops:import_preview", args=[empty_event.slug, "..%2F..%2Fetc"])).status_code \
        == 302
    other = make_persona("koordinator2", "Kari Koordinator", role="coordinator")
    client.force_login(other.user)  # another coordinator's session does not have the token
    assert client.get(preview_url).status_code == 302
    client.post(preview_url, {"confirm": "1"})
    assert Registration.objects.count() == 0


def test_a_changed_or_expired_file_is_refused(client, coordinator, empty_event, monkeypatch):
    client.force_login(coordinator.user)
    preview_url = upload(client, empty_event)["Location"]
    token = preview_url.rstrip("/").rsplit("/", 1)[1]
    (uploads.folder() / f"{token}.upload").write_bytes(FILE.replace("Kari", "Mallory").encode())
    assert client.get(preview_url).status_code == 302
    preview_url = upload(client, empty_event)["Location"]
    monkeypatch.setattr(uploads, "MAX_AGE", -1)
    assert client.get(preview_url).status_code == 302


def test_preview_needs_a_coordinator(client, contact_steinkjer, empty_event):
    client.force_login(contact_steinkjer.user)
    assert upload(client, empty_event).status_code == 403
    response = client.get(reverse("workshops:import_preview", args=[empty_event.slug, "a" * 43]))
    assert response.status_code == 403


def test_preview_action_lists_existing_matches(coordinator, empty_event):
    session = WorkshopSession.objects.create(event=empty_event, number=1)
    actions.create_theme(session, {"title": "Boliger for eldre"}, actor=coordinator.user)
    preview = actions.preview_import(empty_event, FILE.encode(), "p.csv", actor=coordinator.user)
    (number, new, themes), = preview.sessions
    assert number == 1 and not new
    assert {t.label: (t.existing.title if t.existing else None) for t in themes} == {
        "Tema 1.1: Eldre og helse": None, "Tema 1.11: Unge og helse": None,
        "Tema 1.2: Boliger for eldre": "Boliger for eldre"}
    assert [(m.canonical, m.variants) for m in preview.merges] == [
        ("Tema 1.1: Eldre og helse", [("tema 1.1: eldre helse", True, False)])]


@pytest.mark.browser
def test_import_preview_in_the_browser(page, coordinator, tmp_path):
    event = actions.create_event({
        "title": "Importert", "slug": "importert", "date": "2031-01-01", "place": "Steinkjer", "capacity": 100,
        "registration_deadline": "2030-12-01T12:00Z"}, actor=coordinator.user)
    login(page, coordinator.user.username)
    page.goto(f"/verksted/{event.slug}/import/")
    page.set_input_files("#id_file", files=[{"name": "pamelding.csv", "mimeType": "text/csv",
                                             "buffer": FILE.encode()}])
    page.get_by_role("button", name="Last opp og kontroller").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Kontroller importen"
    assert page.get_by_text("3 tema funnet").is_visible()
    assert Registration.objects.count() == 0
    assert_no_axe_violations(page)
    page.get_by_label(re.compile("tema 1.1: eldre helse")).check()
    page.get_by_role("button", name="Vis forhåndsvisningen på nytt").click()
    page.wait_for_load_state()
    assert page.get_by_text("4 tema funnet").is_visible()
    page.get_by_role("button", name="Importer", exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_text("4 påmeldinger importert.").is_visible()
    assert Theme.objects.filter(session__event=event).count() == 4
    assert_no_axe_violations(page)
