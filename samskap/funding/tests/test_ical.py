"""iCal export of deadlines: all-day events that parse back and hold only upcoming deadlines."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from .factories import days


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


@pytest.mark.postgres
def test_all_upcoming_deadlines(client, public_instrument, research_led_instrument, rolling_company_instrument):
    calendar, events = parse(client.get(reverse("funding:ical")))
    assert str(calendar["VERSION"]) == "2.0"
    starts = sorted(event.decoded("DTSTART") for event in events)
    assert starts == [days(30), days(60), days(90)]  # the passed deadline is left out
    for event in events:
        start = event.decoded("DTSTART")
        assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)  # all day
        assert event.decoded("DTEND") == start + dt.timedelta(days=1)
        assert str(event["UID"]).endswith("@samskap.funding")
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)
        assert str(event["SUMMARY"])
    assert len({str(e["UID"]) for e in events}) == 3
    main = next(e for e in events if e.decoded("DTSTART") == days(60))
    assert "Innovasjonsprosjekt i offentlig sektor" in str(main["SUMMARY"])
    assert "Hovedfrist" in str(main["SUMMARY"])
    description = str(main["DESCRIPTION"])
    assert f"/finansiering/{public_instrument.pk}/" in description
    assert "https://www.forskningsradet.no/" in description
    assert "13:00" in description


@pytest.mark.postgres
def test_filtered_calendar(client, public_instrument, research_led_instrument):
    _calendar, events = parse(client.get(reverse("funding:ical"), {"applicant": "university"}))
    assert [e.decoded("DTSTART") for e in events] == [days(90)]


@pytest.mark.postgres
def test_one_instrument(client, public_instrument, research_led_instrument):
    response = client.get(reverse("funding:instrument_ical", args=[public_instrument.pk]))
    calendar, events = parse(response)
    assert response["Content-Disposition"].endswith('.ics"')
    assert sorted(e.decoded("DTSTART") for e in events) == [days(30), days(60)]
    assert str(calendar["X-WR-CALNAME"]) == "Innovasjonsprosjekt i offentlig sektor"


@pytest.mark.postgres
def test_inactive_instrument_is_hidden(client, coordinator, public_instrument):
    from samskap.funding import actions

    actions.update_instrument(public_instrument, {"active": False}, actor=coordinator.user)
    _calendar, events = parse(client.get(reverse("funding:ical")))
    assert events == []
    assert client.get(reverse("funding:instrument_ical", args=[public_instrument.pk])).status_code == 404


@pytest.mark.postgres
def test_api_calendars(client, public_instrument, research_led_instrument):
    _calendar, events = parse(client.get("/api/v1/funding/ical"))
    assert len(events) == 3
    _calendar, events = parse(client.get(f"/api/v1/funding/{research_led_instrument.pk}/ical"))
    assert [e.decoded("DTSTART") for e in events] == [days(90)]
