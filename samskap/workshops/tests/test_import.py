"""Import of registration files into the database: themes from canonical labels (or matched to existing ones),
registrations with ranked choices; any error is reported by row and nothing is imported."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from samskap.workshops import actions
from samskap.workshops.models import Choice, Registration, RegistrationStatus, Theme, WorkshopSession

from .factories import make_event, sign_up

SAMPLE = Path(__file__).parent / "data" / "registrations_sample.csv"


def counts():
    return (Registration.objects.count(), Theme.objects.count(), WorkshopSession.objects.count(),
            Choice.objects.count())


@pytest.mark.postgres
def test_sample_file_creates_themes_and_registrations(coordinator):
    event = actions.create_event({
        "title": "Importert verksted", "slug": "importert", "date": dt.date(2031, 1, 1), "place": "Steinkjer",
        "capacity": 100, "registration_deadline": timezone.now()}, actor=coordinator.user)
    result = actions.import_registrations(event, SAMPLE.read_bytes(), SAMPLE.name, actor=coordinator.user)
    assert result.created == 24 and result.waitlisted == 0
    assert result.sessions_created == [1, 2]
    titles = {(t.session.number, t.title) for t in Theme.objects.filter(session__event=event)}
    assert (1, "Tema 1: Samarbeid om kompetanse og FoU") in titles
    assert (1, "Tema 4: Innovative offentlige anskaffelser") in titles
    assert (2, "Tema 4: Innovative offentlige anskaffelser") not in titles
    assert len([t for t in titles if t[0] == 1]) == 7 and len([t for t in titles if t[0] == 2]) == 6
    assert result.merged_labels["TEMA 6: Laboratorium for folkhelse"] == "Tema 6: Laboratorium for folkehelse"
    kari = Registration.objects.get(event=event, email="kari.nordvik@example.no")
    assert kari.name == "Kari Nordvik" and kari.organisation_name == "Steinkjer kommune"
    assert kari.actor_type == "municipality" and kari.volunteer_host and not kari.volunteer_note_taker
    assert kari.status == RegistrationStatus.CONFIRMED
    assert [(c.session.number, c.rank, c.theme.title) for c in kari.choices.all()] == [
        (1, 1, "Tema 1: Samarbeid om kompetanse og FoU"), (1, 2, "Tema 2: Kommunen som næringsutvikler"),
        (1, 3, "Tema 6: Laboratorium for folkehelse"), (2, 1, "Tema 5: Kommunale tjenester ved akutt sykdom"),
        (2, 2, "Tema 3: Strategi for bioøkonomi")]
    ola = Registration.objects.get(event=event, name="Ola Bergli")
    assert ola.choices.get(session__number=1, rank=1).theme.title == "Tema 1: Samarbeid om kompetanse og FoU"


@pytest.mark.postgres
def test_existing_themes_are_matched(coordinator, event):
    before = Theme.objects.filter(session__event=event).count()
    result = actions.import_registrations(event, SAMPLE.read_bytes(), SAMPLE.name, actor=coordinator.user)
    assert "Samarbeid om kompetanse og FoU" in result.themes_matched
    assert "Tema 1: Samarbeid om kompetanse og FoU" not in result.themes_created
    assert Theme.objects.filter(session__event=event).count() == before + len(result.themes_created)
    ingrid = Registration.objects.get(event=event, name="Ingrid Haugen")
    assert ingrid.choices.get(session__number=1, rank=1).theme.title == "Samarbeid om kompetanse og FoU"


BAD = (
    "Fornavn;Etternavn;Organisasjon;E-post;Økt 1 valg 1;Økt 1 valg 2\n"
    "Kari;Nordvik;Steinkjer kommune;kari@example.no;Folkehelse;Næring\n"
    "Ola;;Steinkjer kommune;;Folkehelse;\n"
    "Siri;Lyng;NTNU;ikke-en-adresse;Næring;Folkehelse\n"
    "Per;Aune;Levanger kommune;taken@example.no;Folkehelse;\n"
)


@pytest.mark.postgres
def test_errors_are_reported_by_row_and_nothing_is_imported(coordinator, event):
    sign_up(event, "Taken", {1: ["Laboratorium for folkehelse"]})
    before = counts()
    with pytest.raises(actions.ImportFailed) as caught:
        actions.import_registrations(event, BAD.encode(), "bad.csv", actor=coordinator.user)
    assert "rad 3: Etternavn er tom" in caught.value.errors  # the parser's messages in the page language
    assert counts() == before
    # the regimport errors come first; once fixed, our own checks (e-mail) report their rows too
    fixed = BAD.replace("Ola;;", "Ola;Bergli;")
    with pytest.raises(actions.ImportFailed) as caught:
        actions.import_registrations(event, fixed.encode(), "bad.csv", actor=coordinator.user)
    errors = caught.value.errors
    assert "rad 4: ikke-en-adresse er ikke en gyldig e-postadresse" in errors
    assert "rad 5: taken@example.no er allerede påmeldt dette verkstedet" in errors
    assert counts() == before


@pytest.mark.postgres
def test_web_upload_reports_errors_and_imports_xlsx(client, coordinator, event):
    client.force_login(coordinator.user)
    url = reverse("workshops:import", args=[event.slug])
    before = counts()
    response = client.post(url, {"file": SimpleUploadedFile("bad.csv", BAD.encode(), "text/csv")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ingenting ble importert" in html and "rad 3: Etternavn er tom" in html
    assert counts() == before

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Fornavn", "Etternavn", "Organisasjon", "E-post", "Økt 1 valg 1", "Økt 1 valg 2", "Økt 2 valg 1",
               "Vil være bordvert"])
    ws.append(["Kari", "Nordvik", "Steinkjer kommune", "kari@example.no", "Laboratorium for folkehelse",
               "kommunen som næringsutvikler", "Strategi for bioøkonomi", "ja"])
    ws.append(["Siri", "Lyng", "NTNU", "", "Laboratorium for folkhelse", "", "", "nei"])
    ws.append(["Nytt", "Tema", "Nord universitet", "", "Helt nytt tema", "", "Strategi for bioøkonomi", ""])
    buffer = io.BytesIO()
    wb.save(buffer)
    upload = SimpleUploadedFile("påmeldinger.xlsx", buffer.getvalue(),
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response = client.post(url, {"file": upload})  # step 1: upload; nothing is imported yet
    assert response.status_code == 302 and Registration.objects.filter(event=event).count() == 0
    preview = client.get(response["Location"]).content.decode()
    assert "Laboratorium for folkhelse" in preview and "Helt nytt tema" in preview
    response = client.post(response["Location"], {"confirm": "1"})  # step 2: confirm
    html = response.content.decode()
    assert "3 påmeldinger importert." in html
    assert "Laboratorium for folkhelse" in html  # the merged spelling is listed
    assert Registration.objects.filter(event=event).count() == 3
    siri = Registration.objects.get(event=event, name="Siri Lyng")
    assert siri.actor_type == "research" and siri.email == ""
    assert siri.choices.get().theme.title == "Laboratorium for folkehelse"
    assert Theme.objects.filter(session__event=event, title="Helt nytt tema").exists()


@pytest.mark.parametrize(("language", "expected"), [
    ("nn", "rad 3: Etternavn er tom"),
    ("en", "row 3: Etternavn is empty"),
])
def test_parser_errors_follow_the_language(coordinator, event, language, expected):
    from django.utils.translation import override

    with override(language), pytest.raises(actions.ImportFailed) as caught:
        actions.import_registrations(event, BAD.encode(), "bad.csv", actor=coordinator.user)
    assert expected in caught.value.errors


def test_parser_warnings_are_translated(coordinator, event):
    from django.utils.translation import override

    data = ("Fornavn;Etternavn;Organisasjon;Skostørrelse;Økt 1 valg 1\n"
            "Kari;Nordvik;Steinkjer kommune;38;Laboratorium for folkehelse\n")
    with override("nb"):
        result = actions.import_registrations(event, data.encode(), "ok.csv", actor=coordinator.user)
    assert "kolonnen «Skostørrelse» ble ikke brukt" in result.warnings


def test_full_workshop_puts_imported_people_on_the_waiting_list(coordinator):
    event = make_event(coordinator.user, slug="lite", capacity=20)
    result = actions.import_registrations(event, SAMPLE.read_bytes(), SAMPLE.name, actor=coordinator.user)
    assert result.created == 24 and result.waitlisted == 4
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 20
