"""The Research Council's Horizon 2020 participations: import, code mapping, enrichment, municipality page."""

from __future__ import annotations

from importlib import resources

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from samskap.core.actors import SystemActor
from samskap.directory.models import Organisation, OrgType
from samskap.funding import actions
from samskap.funding.models import EuParticipation

SYSTEM = SystemActor("test")


def dataset() -> bytes:
    return resources.files("samskap.funding").joinpath("fixtures", "rcn_bevilgningereu_h2020.csv").read_bytes()


def test_import_maps_old_codes_and_links_municipalities(reference, tmp_path, capsys):
    oslo = Organisation.objects.filter(org_type=OrgType.MUNICIPALITY, municipality_id="0301").first()
    if oslo is None:
        oslo = Organisation.objects.create(name="Oslo kommune", org_type=OrgType.MUNICIPALITY, municipality_id="0301")
    Organisation.objects.filter(pk=oslo.pk).update(org_number="")
    path = tmp_path / "h2020.csv"
    path.write_bytes(dataset())
    call_command("funding", "import-h2020", str(path))
    assert "2931 participations" in capsys.readouterr().out
    assert EuParticipation.objects.count() == 2931
    # 301 (no leading zero) is 0301 Oslo; 3030 Lillestrøm (2020-2023) is 3205 today, found by its name
    assert EuParticipation.objects.filter(municipality_code="0301", municipality_id="0301").exists()
    lillestrom = EuParticipation.objects.filter(org_name="LILLESTRØM KOMMUNE").first()
    assert lillestrom is not None and lillestrom.municipality_id == "3205" and lillestrom.public_body == "municipality"
    assert EuParticipation.objects.filter(public_body__in=["municipality", "county"]).count() == 55
    oslo.refresh_from_db()
    assert oslo.org_number == "958935420"  # enriched from the dataset
    assert EuParticipation.objects.filter(organisation=oslo).count() >= 1


def test_municipality_page_lists_its_eu_projects(reference, client):
    page = client.get("/kommuner/0301/").content.decode()
    assert "EU-prosjekter (Horisont 2020)" not in page  # nothing imported: nothing said
    actions.import_h2020(dataset(), actor=SYSTEM)
    page = client.get("/kommuner/0301/").content.decode()
    assert "EU-prosjekter (Horisont 2020)" in page and "WASTE2ROAD" in page and "GreenCharge" in page
    assert page.count("<h1") == 1
    steinkjer = client.get("/kommuner/5006/").content.decode()
    assert "har ikke noe eget Horisont 2020-prosjekt" in steinkjer


def test_bad_file_refused_by_row(reference):
    lines = dataset().decode().splitlines(keepends=True)
    bad = "".join(lines[:2]) + lines[2].rsplit(";", 1)[0] + ";mange\n"
    with pytest.raises(ValidationError) as excinfo:
        actions.import_h2020(bad.encode(), actor=SYSTEM)
    assert "Rad 3" in " ".join(excinfo.value.messages)
    assert not EuParticipation.objects.exists()


def test_only_coordinators(reference, contact_steinkjer):
    with pytest.raises(PermissionDenied):
        actions.import_h2020(dataset(), actor=contact_steinkjer.user)


def test_horizon_instrument_shows_municipal_examples(reference, client):
    from samskap.funding.models import Instrument

    horizon = Instrument.objects.create(name="Horisont Europa – samarbeidsprosjekter", owner_name="EU",
                                        summary="EU", applicants=["municipality"])
    other = Instrument.objects.create(name="DigiFin", owner_name="KS", summary="x", applicants=["municipality"])
    actions.import_h2020(dataset(), actor=SYSTEM)
    page = client.get(f"/finansiering/{horizon.pk}/").content.decode()
    assert "Eksempler: kommuner og fylkeskommuner i Horisont 2020" in page and 'href="/kommuner/' in page
    assert "Eksempler: kommuner" not in client.get(f"/finansiering/{other.pk}/").content.decode()
