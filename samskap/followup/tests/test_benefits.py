"""Benefit realisation on an action: the benefit plan, measurements (web and file), the roadmap, the chart, the
funnel, the owner's signals page, and turning a finished project into a case."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from samskap.followup import actions
from samskap.followup.funnel import funnel
from samskap.followup.models import ActionChange, Benefit, BenefitMeasurement

TODAY = dt.date(2026, 6, 1)
PLAN = {"title": "Færre timer til reise", "kind": "saved_time", "beneficiaries": "Hjemmetjenesten",
        "indicator": "Reisetid per uke", "unit": "timer", "baseline_value": Decimal("40"),
        "baseline_date": dt.date(2026, 1, 1), "target_value": Decimal("30"), "target_date": dt.date(2026, 12, 31),
        "assumptions": "Samme antall brukere."}


@pytest.fixture
def plan(world):
    return actions.add_benefit(world.action, dict(PLAN), actor=world.users["owner_member"])


def measure(benefit, day, value, who):
    return actions.add_measurement(benefit, {"measured_on": day, "value": Decimal(value), "source": "Turplan",
                                             "comment": ""}, actor=who)


def test_the_owner_and_coordinators_may_plan_and_measure_others_may_not(world, plan):
    assert plan.owner_organisation == world.steinkjer  # defaults to the responsible organisation
    for name in ("other", "host", "anonymous"):
        with pytest.raises(PermissionDenied):
            actions.add_benefit(world.action, {**PLAN, "title": "x"}, actor=world.users[name])
        with pytest.raises(PermissionDenied):
            measure(plan, dt.date(2026, 3, 1), "38", world.users[name])
        with pytest.raises(PermissionDenied):
            actions.set_phase(world.action, {"phase": "test", "started_on": TODAY, "note": ""},
                              actor=world.users[name])
    measure(plan, dt.date(2026, 3, 1), "38", world.users["coordinator"])
    assert plan.measurements.count() == 1
    assert ActionChange.objects.filter(action=world.action, field__in=["benefit", "measurement"]).count() == 2


def test_plan_checks_dates_targets_and_duplicates(world, plan):
    with pytest.raises(ValidationError) as excinfo:
        actions.add_benefit(world.action, {**PLAN, "title": "Ny", "target_date": dt.date(2025, 1, 1)},
                            actor=world.users["coordinator"])
    assert "target_date" in excinfo.value.message_dict
    with pytest.raises(ValidationError) as excinfo:
        actions.add_benefit(world.action, {**PLAN, "title": "færre timer til reise"}, actor=world.users["coordinator"])
    assert "title" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        measure(plan, dt.date(2025, 12, 1), "39", world.users["coordinator"])  # before the baseline
    measure(plan, dt.date(2026, 3, 1), "38", world.users["coordinator"])
    with pytest.raises(ValidationError):
        measure(plan, dt.date(2026, 3, 1), "37", world.users["coordinator"])  # same day twice


def test_realised_when_the_latest_measurement_reaches_the_target(world, plan):
    measure(plan, dt.date(2026, 3, 1), "29", world.users["coordinator"])
    assert Benefit.objects.get(pk=plan.pk).realised  # target 30 from 40: lower is better
    measure(plan, dt.date(2026, 4, 1), "33", world.users["coordinator"])
    assert not Benefit.objects.get(pk=plan.pk).realised  # the latest counts


def csv_file(text: str) -> bytes:
    return text.encode("utf-8")


def test_csv_import_all_rows_or_none(world, plan):
    good = csv_file("gevinst;dato;verdi;kilde;kommentar\n"
                    "Færre timer til reise;01.02.2026;39,5;Turplan;\n"
                    "færre timer til reise;2026-03-01;36;Turplan;Ny rute\n")
    stored = actions.import_measurements(world.action, good, "m.csv", actor=world.users["owner_member"])
    assert [(m.measured_on.month, m.value) for m in stored] == [(2, Decimal("39.5")), (3, Decimal("36"))]
    bad = csv_file("benefit,date,value,source\n"
                   "Færre timer til reise,2026-04-01,35,Turplan\n"
                   "Færre timer til reise,2026-05-01,=SUM(A1:A2),Turplan\n"
                   "Ukjent gevinst,2026-05-01,30,Turplan\n"
                   "Færre timer til reise,2026-06-01,31,=HYPERLINK(\"x\")\n")
    with pytest.raises(ValidationError) as excinfo:
        actions.import_measurements(world.action, bad, "m.csv", actor=world.users["owner_member"])
    text = " ".join(excinfo.value.messages)
    assert "Rad 3: «=SUM(A1:A2)» er ikke et tall" in text and "Rad 5" in text and "regnearkformel" in text
    assert BenefitMeasurement.objects.count() == 2  # nothing of the bad file, not even its good row 2
    unknown = csv_file("benefit,date,value\nFærre timer til reise,2026-04-01,35\nUkjent gevinst,2026-05-01,30\n")
    with pytest.raises(ValidationError) as excinfo:
        actions.import_measurements(world.action, unknown, "m.csv", actor=world.users["owner_member"])
    assert "Rad 3: planen har ingen gevinst «Ukjent gevinst»" in " ".join(excinfo.value.messages)
    assert BenefitMeasurement.objects.count() == 2
    with pytest.raises(PermissionDenied):
        actions.import_measurements(world.action, good, "m.csv", actor=world.users["other"])


def test_xlsx_import(world, plan):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Benefit", "Date", "Value", "Source"])
    sheet.append(["Færre timer til reise", dt.datetime(2026, 2, 1), 37, "Turplan"])
    sheet.append(["Færre timer til reise", "2026-03-01", 34.5, "Turplan"])
    buffer = io.BytesIO()
    book.save(buffer)
    stored = actions.import_measurements(world.action, buffer.getvalue(), "m.xlsx", actor=world.users["coordinator"])
    assert [m.value for m in stored] == [Decimal("37"), Decimal("34.5")]


def test_action_page_shows_timeline_chart_and_table(world, plan, client):
    for day, value in ((dt.date(2026, 2, 1), "38"), (dt.date(2026, 3, 1), "35"), (dt.date(2026, 4, 1), "31"),
                       (dt.date(2026, 5, 1), "29")):
        measure(plan, day, value, world.users["coordinator"])
    actions.set_phase(world.action, {"phase": "test", "started_on": dt.date(2026, 2, 1), "note": "Tre soner"},
                      actor=world.users["owner_member"])
    client.force_login(world.users["other"])  # anyone logged in reads; only the owner writes
    page = client.get(reverse("followup:action", args=[world.action.pk])).content.decode()
    assert "Gevinstplan" in page and "Færre timer til reise" in page and "Realisert" in page
    assert re.search(r"<strong>Utprøving</strong>: 1\. februar 2026 – Tre soner", page)
    assert f'id="benefit-{plan.pk}-title"' in page and 'role="img"' in page
    assert "Reisetid per uke (timer): målt mot utgangspunkt og mål" in page
    assert page.count("<tr><th scope=\"row\">") >= 6  # baseline, four measurements, target
    assert "Registrer fasen" not in page  # no forms for a reader
    client.force_login(world.users["owner_member"])
    page = client.get(reverse("followup:action", args=[world.action.pk])).content.decode()
    assert "Registrer fasen" in page and "Importer målinger" in page


def test_web_forms_and_a_refused_file_by_row(world, plan, client):
    client.force_login(world.users["owner_member"])
    url = reverse("followup:measurement_add", args=[plan.pk])
    response = client.post(url, {f"m{plan.pk}-measured_on": "2026-02-01", f"m{plan.pk}-value": "37",
                                 f"m{plan.pk}-source": "Turplan"})
    assert response.status_code == 302 and plan.measurements.count() == 1
    upload = SimpleUploadedFile("m.csv", b"benefit,date,value\nF\xc3\xa6rre timer til reise,2026-13-01,3\n",
                                content_type="text/csv")
    response = client.post(reverse("followup:measurements_import", args=[world.action.pk]),
                           {"import-file": upload})
    assert response.status_code == 422 and "Rad 2" in response.content.decode()
    assert plan.measurements.count() == 1
    response = client.post(reverse("followup:phase_set", args=[world.action.pk]),
                           {"phase-phase": "anchoring", "phase-started_on": "2026-01-05", "phase-note": "Vedtak"})
    assert response.status_code == 302 and world.action.phases.get().note == "Vedtak"
    client.force_login(world.users["other"])
    response = client.post(url, {f"m{plan.pk}-measured_on": "2026-03-01", f"m{plan.pk}-value": "36"})
    assert response.status_code == 403 and plan.measurements.count() == 1


def test_funnel_counts_measured_and_realised_benefits(world, plan):
    stages = {s.key: s.count for s in funnel()}
    assert stages["benefit_measured"] == 0 and stages["benefit_realised"] == 0
    measure(plan, dt.date(2026, 2, 1), "35", world.users["coordinator"])
    stages = {s.key: s.count for s in funnel()}
    assert stages["benefit_measured"] == 1 and stages["benefit_realised"] == 0
    measure(plan, dt.date(2026, 3, 1), "30", world.users["coordinator"])
    assert {s.key: s.count for s in funnel()}["benefit_realised"] == 1


def test_signals_page_lists_the_benefits_the_organisation_owns(world, plan, client):
    measure(plan, dt.date(2026, 2, 1), "35", world.users["coordinator"])
    client.force_login(world.users["other"])
    page = client.get(reverse("followup:signals", args=[world.steinkjer.pk])).content.decode()
    assert "Gevinster Steinkjer kommune eier" in page and "Færre timer til reise" in page and "35" in page
    nord = client.get(reverse("followup:signals", args=[world.nord.pk])).content.decode()
    assert "Færre timer til reise" not in nord


def test_a_finished_project_with_realised_benefits_becomes_a_draft_case(world, plan):
    from samskap.knowledge.models import Case, CaseStatus

    owner = world.users["owner_member"]
    data = {"sector": "health", "innovation_type": "service"}
    with pytest.raises(ValidationError, match="Bare et avsluttet tiltak"):
        actions.make_case(world.action, data, actor=owner)
    actions.update_action(world.action, {"status": "done"}, version=world.action.version, actor=owner)
    with pytest.raises(ValidationError, match="nådd målet"):
        actions.make_case(world.action, data, actor=owner)
    measure(plan, dt.date(2026, 5, 1), "28", world.users["coordinator"])
    with pytest.raises(PermissionDenied):
        actions.make_case(world.action, data, actor=world.users["other"])
    with translation.override("en"):
        case = actions.make_case(world.action, data, actor=owner)
    assert case.status == CaseStatus.DRAFT and case.benefit_evidence == "measured"
    assert list(case.municipalities.values_list("code", flat=True)) == ["5006"]
    assert "Reisetid per uke (timer): baseline 40 on 2026-01-01, measured 28 on 2026-05-01" in case.results
    assert "target reached" in case.results
    with pytest.raises(ValidationError, match="allerede"):
        actions.make_case(world.action, data, actor=owner)
    assert Case.objects.count() == 1
