"""Hostile and broken registration workbooks: a clear, translated error on the import page and in the CLI,
never a 500, never gigabytes of memory, and nothing imported."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.translation import override

from samskap.core.tests import hostile_files as hostile
from samskap.workshops import actions
from samskap.workshops.models import Choice, Registration, Theme, WorkshopSession

ROWS = [["Fornavn", "Etternavn", "Organisasjon", "Økt 1 valg 1"],
        ["Kari", "Nordvik", "Steinkjer kommune", "Laboratorium for folkehelse"]]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# builder -> (English text, bokmål text) expected in the error
CASES = {
    "deflate_bomb": ("too large: over 50 MB", "for stor"),
    "ratio_bomb": ("zip bomb", "zip-bombe"),
    "billion_laughs": ("DTD or XML entities", "DTD"),
    "truncated": ("not a complete zip archive", "ikke et komplett zip-arkiv"),
    "truncated_sheet": ("unreadable .xlsx workbook", "kan ikke leses"),
    "no_sheets": ("no worksheets", "ingen regneark"),
}


def counts():
    return (Registration.objects.count(), Theme.objects.count(), WorkshopSession.objects.count(),
            Choice.objects.count())


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_workbook_is_a_clear_error(coordinator, event, name):
    data = getattr(hostile, name)(ROWS)
    before = counts()
    with override("en"), pytest.raises(actions.ImportFailed) as caught:
        actions.import_registrations(event, data, "påmeldte.xlsx", actor=coordinator.user)
    assert any(CASES[name][0] in e for e in caught.value.errors), caught.value.errors
    assert counts() == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_import_page_shows_the_error_in_bokmal(client, coordinator, event, name):
    client.force_login(coordinator.user)
    before = counts()
    upload = SimpleUploadedFile("påmeldte.xlsx", getattr(hostile, name)(ROWS), XLSX)
    response = client.post(reverse("workshops:import", args=[event.slug]), {"file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ingenting ble importert" in html
    assert CASES[name][1] in html, html[html.find("Ingenting"):][:600]
    assert counts() == before


def test_a_cell_at_xfd1048576_is_ignored_and_the_rows_import(coordinator, event):
    """The review's 5 KB file used over 4 GB; now the sheet is streamed within 20,000 rows x 200 columns."""
    result = actions.import_registrations(event, hostile.far_cell(ROWS), "påmeldte.xlsx", actor=coordinator.user)
    assert result.created == 1
    assert Registration.objects.get(event=event).name == "Kari Nordvik"


def test_empty_sheet_says_there_is_no_header(coordinator, event):
    with override("en"), pytest.raises(actions.ImportFailed) as caught:
        actions.import_registrations(event, hostile.workbook([]), "tom.xlsx", actor=coordinator.user)
    assert caught.value.errors == ["the file has no header row"]


def test_cli_plan_reports_a_hostile_workbook(tmp_path):
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(hostile.deflate_bomb(ROWS))
    with pytest.raises(CommandError, match="too large: over 50 MB"):
        call_command("workshop", "plan", str(path), "--json", str(tmp_path / "out.json"))


def test_nul_bytes_late_in_a_csv_are_refused(coordinator, event):
    """NUL after the first 4 KB slipped past the binary check and reached the database (PostgreSQL refuses)."""
    data = ("Fornavn;Etternavn;Organisasjon;Økt 1 valg 1\n" + "Kari;Nordvik;Steinkjer kommune;Tema 1\n" * 150
            + "Ola;Nord\x00mann;NTNU;Tema 1\n").encode()
    with override("en"), pytest.raises(actions.ImportFailed, match="binary data"):
        actions.import_registrations(event, data, "p.csv", actor=coordinator.user)
    assert Registration.objects.count() == 0


def test_an_email_address_longer_than_the_column_is_a_row_error(coordinator, event):
    email = "a" * 64 + "@" + ".".join(["b" * 60] * 4) + ".no"  # valid, but 311 characters
    data = f"Fornavn;Etternavn;Organisasjon;E-post;Økt 1 valg 1\nKari;Nordvik;Steinkjer kommune;{email};Tema 1\n"
    with override("en"), pytest.raises(actions.ImportFailed, match="row 2: .* is not a valid e-mail address"):
        actions.import_registrations(event, data.encode(), "p.csv", actor=coordinator.user)
    assert Registration.objects.count() == 0
