"""List, detail and the coordinator-only form."""

import pytest
from django.urls import reverse

from samskap.directory.testing import PASSWORD
from samskap.funding.models import Instrument

from .factories import days


def login(client, persona):
    assert client.login(username=persona.user.username, password=PASSWORD)


@pytest.mark.postgres
def test_list_with_filters(client, public_instrument, research_led_instrument, rolling_company_instrument):
    response = client.get(reverse("funding:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    for name in ("Innovasjonsprosjekt i offentlig sektor", "Samarbeidsprosjekt", "Innovasjonskontrakter"):
        assert name in page
    assert "kommuner kan ikke søke alene; en forskningsorganisasjon må lede" in page
    assert "Hovedfrist" in page  # upcoming deadlines section
    assert reverse("funding:ical") in page

    rows = client.get(reverse("funding:list"), {"applicant": "company"}).context["rows"]
    assert [r["instrument"].name for r in rows] == ["Innovasjonskontrakter"]
    rows = client.get(reverse("funding:list"), {"q": "samarbeid"}).context["rows"]
    assert [r["instrument"].name for r in rows] == ["Samarbeidsprosjekt"]


@pytest.mark.postgres
def test_open_only_filter(client, coordinator, public_instrument, research_led_instrument):
    from samskap.funding import actions

    actions.update_instrument(research_led_instrument, {"deadlines": [days(-5)]}, actor=coordinator.user)
    rows = client.get(reverse("funding:list"), {"open_only": "on"}).context["rows"]
    assert [r["instrument"].name for r in rows] == ["Innovasjonsprosjekt i offentlig sektor"]
    assert len(client.get(reverse("funding:list")).context["rows"]) == 2


@pytest.mark.postgres
def test_detail(client, public_instrument):
    response = client.get(reverse("funding:detail", args=[public_instrument.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<h1") == 1
    assert "Hovedfrist" in page and "Passert" not in page
    assert reverse("funding:instrument_ical", args=[public_instrument.pk]) in page
    assert "https://www.forskningsradet.no/" in page
    assert reverse("funding:edit", args=[public_instrument.pk]) not in page
    assert client.get(reverse("funding:detail", args=[987654])).status_code == 404


@pytest.mark.postgres
@pytest.mark.parametrize("who", ["contact_steinkjer", "researcher"])
def test_non_coordinators_cannot_write_on_the_web(client, request, public_instrument, who):
    login(client, request.getfixturevalue(who))
    assert client.get(reverse("funding:create")).status_code == 403
    assert client.post(reverse("funding:create"), {"name": "X"}).status_code == 403
    assert client.post(reverse("funding:edit", args=[public_instrument.pk]), {"name": "X"}).status_code == 403
    assert client.post(reverse("funding:delete", args=[public_instrument.pk])).status_code == 403
    assert Instrument.objects.get().name == "Innovasjonsprosjekt i offentlig sektor"


@pytest.mark.postgres
def test_guest_is_sent_to_login(client, public_instrument):
    response = client.get(reverse("funding:create"))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    client.post(reverse("funding:delete", args=[public_instrument.pk]))
    assert Instrument.objects.filter(pk=public_instrument.pk).exists()


@pytest.mark.postgres
def test_coordinator_creates_and_edits(client, coordinator, funder):
    login(client, coordinator)
    assert client.get(reverse("funding:create")).status_code == 200
    response = client.post(reverse("funding:create"), {
        "name": "Skjønnsmidler", "owner": funder.pk, "summary": "Fornying i kommunene.",
        "applicants": ["municipality"], "lead_requirement": "municipality", "language": "nb",
        "deadlines": f"{days(40).isoformat()} 12:00 Hovedfrist\n{days(80).isoformat()}",
        "url": "https://www.statsforvalteren.no/", "active": "on",
    })
    instrument = Instrument.objects.get(name="Skjønnsmidler")
    assert response.status_code == 302 and response["Location"] == reverse("funding:detail", args=[instrument.pk])
    assert [(d.date, d.label) for d in instrument.deadlines.all()] == [(days(40), "Hovedfrist"), (days(80), "")]
    assert instrument.deadlines.first().time.hour == 12

    form = client.get(reverse("funding:edit", args=[instrument.pk])).context["form"]
    assert days(40).isoformat() in form.initial["deadlines"]
    response = client.post(reverse("funding:edit", args=[instrument.pk]), {
        "name": "Skjønnsmidler", "owner": funder.pk, "summary": "Endret.", "applicants": ["municipality", "county"],
        "lead_requirement": "public", "language": "nb", "deadlines": "i morgen", "active": "on",
    })
    assert response.status_code == 200
    assert "deadlines" in response.context["form"].errors
    instrument.refresh_from_db()
    assert instrument.summary == "Fornying i kommunene."

    response = client.post(reverse("funding:delete", args=[instrument.pk]))
    assert response.status_code == 302
    assert not Instrument.objects.filter(pk=instrument.pk).exists()
