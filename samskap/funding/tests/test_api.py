"""The read API under /api/v1/funding."""

import pytest

from .factories import days


@pytest.mark.postgres
def test_list(client, public_instrument, research_led_instrument, rolling_company_instrument):
    response = client.get("/api/v1/funding")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    names = [item["name"] for item in body["items"]]
    assert names == sorted(names)
    item = next(i for i in body["items"] if i["id"] == public_instrument.pk)
    assert item["owner"] == "Forskningsrådet"
    assert item["applicants"] == ["municipality", "county", "other"]
    assert [d["date"] for d in item["deadlines"]] == [days(30).isoformat(), days(60).isoformat()]
    assert item["next_deadline"] == days(30).isoformat()
    assert item["eligible"] is True and item["reason"].startswith("kommuner kan søke; frist")
    assert item["size"] == "1 000 000–16 000 000 kr"
    assert item["keywords"] == ["innovasjon", "offentlig sektor"]


@pytest.mark.postgres
def test_list_filters(client, public_instrument, research_led_instrument, rolling_company_instrument):
    def names(**params):
        return {i["name"] for i in client.get("/api/v1/funding", params).json()["items"]}

    assert names(applicant="municipality") == {"Innovasjonsprosjekt i offentlig sektor"}
    assert names(applicant="company") == {"Innovasjonskontrakter"}
    assert names(applicant="university") == {"Samarbeidsprosjekt"}
    assert names(open_only="true", q="innovasjon") == {"Innovasjonsprosjekt i offentlig sektor",
                                                       "Innovasjonskontrakter"}
    assert client.get("/api/v1/funding", {"applicant": "martian"}).status_code == 422


@pytest.mark.postgres
def test_reason_follows_the_applicant_parameter(client, research_led_instrument):
    url = f"/api/v1/funding/{research_led_instrument.pk}"
    item = client.get(url).json()
    assert item["eligible"] is False
    assert item["reason"] == "kommuner kan ikke søke alene; en forskningsorganisasjon må lede"
    item = client.get(url, {"applicant": "university"}).json()
    assert item["eligible"] is True and item["reason"] == f"universiteter og høgskoler kan søke; frist {days(90)}"


@pytest.mark.postgres
def test_detail(client, coordinator, rolling_company_instrument):
    response = client.get(f"/api/v1/funding/{rolling_company_instrument.pk}")
    assert response.status_code == 200
    item = response.json()
    assert item["owner"] == "Innovasjon Norge" and item["owner_id"] is None
    assert item["rolling"] is True and item["is_open"] is True and item["next_deadline"] is None
    assert client.get("/api/v1/funding/987654").status_code == 404
    from samskap.funding import actions

    actions.update_instrument(rolling_company_instrument, {"active": False}, actor=coordinator.user)
    assert client.get(f"/api/v1/funding/{rolling_company_instrument.pk}").status_code == 404
