"""The Research Council's applications dataset: import (command and action), success rates on the instrument
page, refusal of a bad file by row."""

from __future__ import annotations

from importlib import resources

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from samskap.core.actors import SystemActor
from samskap.funding import actions
from samskap.funding.models import Instrument, RcnApplicationStat, RcnImport

SYSTEM = SystemActor("test")


def sample() -> bytes:
    return resources.files("samskap.funding").joinpath("fixtures", "rcn_soknader2_sample.csv").read_bytes()


@pytest.fixture
def energix(db):
    return Instrument.objects.create(name="ENERGIX", owner_name="Forskningsrådet", summary="Energi",
                                     rcn_activity="ENERGIX", applicants=["municipality"])


def test_command_imports_the_sample_with_its_date(db, tmp_path, capsys):
    path = tmp_path / "soknader.csv"
    path.write_bytes(sample())
    call_command("funding", "import-rcn", str(path), "--date", "2024-08-13")
    record = RcnImport.objects.get()
    assert record.applications == 171 and str(record.data_date) == "2024-08-13"
    assert "171 applications" in capsys.readouterr().out
    energix = RcnApplicationStat.objects.filter(activity_code="ENERGIX")
    assert sum(s.applications for s in energix) == 23 and sum(s.granted for s in energix) == 10
    # granted = the phases Bevilgning and Avsluttet; rejected = Avslag
    assert sum(s.rejected for s in RcnApplicationStat.objects.all()) == 107
    call_command("funding", "import-rcn", str(path))  # a new import replaces the old one
    assert RcnImport.objects.count() == 1 and sum(s.applications for s in RcnApplicationStat.objects.all()) == 171


def test_instrument_page_shows_the_success_rate(energix, client):
    page = client.get(f"/finansiering/{energix.pk}/").content.decode()
    assert "Ingen søknadstall fra Forskningsrådets søknadsdata finnes for aktiviteten" in page
    actions.import_rcn_applications(sample(), source_name="sample.csv", actor=SYSTEM)
    page = client.get(f"/finansiering/{energix.pk}/").content.decode()
    assert "av 23 søknader i 2012–2012 ble 10 innvilget" in page
    assert "Suksessrate for de avgjorte søknadene: 43 %" in page  # 10 of 23 decided
    assert "Næringsliv" in page and "Søknader og tildelinger etter fylke" in page
    assert "ingen søknader fra kommuner eller fylkeskommuner" in page


def test_type_filter(energix):
    from samskap.funding.queries import rcn_summary

    actions.import_rcn_applications(sample(), source_name="sample.csv", actor=SYSTEM)
    energix.rcn_application_type = "Innovasjonsprosjekt i næringslivet"  # the variant of all 23 in the sample
    summary = rcn_summary(energix)
    assert summary is not None and summary.total.applications == 23
    energix.rcn_application_type = "Forskerprosjekt"
    assert rcn_summary(energix) is None


def test_a_bad_file_is_refused_by_row_and_nothing_changes(db):
    actions.import_rcn_applications(sample(), source_name="sample.csv", actor=SYSTEM)
    lines = sample().decode().splitlines(keepends=True)
    bad = "".join(lines[:3]) + lines[3].replace(",Avsluttet,", ",Kanskje,").replace(",Avslag,", ",Kanskje,") \
        + "".join(lines[4:])
    with pytest.raises(ValidationError) as excinfo:
        actions.import_rcn_applications(bad.encode(), source_name="bad.csv", actor=SYSTEM)
    assert "Rad 4" in " ".join(excinfo.value.messages) and "Kanskje" in " ".join(excinfo.value.messages)
    assert RcnImport.objects.get().source_name == "sample.csv"
    with pytest.raises(ValidationError, match="ikke Forskningsrådets søknadsdatasett"):
        actions.import_rcn_applications(b"a,b\n1,2\n", actor=SYSTEM)


def test_only_coordinators_import(db, contact_steinkjer, tmp_path):
    with pytest.raises(PermissionDenied):
        actions.import_rcn_applications(sample(), actor=contact_steinkjer.user)
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("funding", "import-rcn", str(tmp_path / "missing.csv"))
