import json

import pytest

from samskap.directory.models import ApiToken, Municipality
from samskap.needs import actions
from samskap.needs.models import Need

NEED = {"title": "Digital heimeoppfølging", "description": "Korleis kan vi følgje opp eldre heime med digitale verktøy?",
        "sector": "health", "language": "nn"}


def bearer(user):
    _token, key = ApiToken.issue(user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.mark.postgres
def test_municipalities_count_is_357(client, reference):
    response = client.get("/api/v1/municipalities")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 357
    assert {"code", "name", "county_code", "language_form"} <= set(body["items"][0])


def test_municipalities_filter_by_county_and_detail(client, reference):
    body = client.get("/api/v1/municipalities", {"county": "50", "limit": 100}).json()
    assert body["count"] == Municipality.objects.filter(county="50", active=True).count() == 38
    assert all(item["county_code"] == "50" for item in body["items"])
    detail = client.get("/api/v1/municipalities/5006").json()
    assert detail["name"] == "Steinkjer" and detail["county_code"] == "50"
    assert client.get("/api/v1/municipalities/0000").status_code == 404


def test_openapi_schema_and_docs(client, reference):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/needs" in schema["paths"]
    assert "/api/v1/municipalities/{code}" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.postgres
def test_post_need_with_token(client, contact_steinkjer):
    response = client.post("/api/v1/needs", data=json.dumps({**NEED, "municipality": "5006"}),
                           content_type="application/json", **bearer(contact_steinkjer.user))
    assert response.status_code == 201, response.content
    need = Need.objects.get(pk=response.json()["id"])
    assert need.municipality_id == "5006" and need.language == "nn"


def test_post_need_for_other_municipality_is_403(client, contact_namsos):
    response = client.post("/api/v1/needs", data=json.dumps({**NEED, "municipality": "5006"}),
                           content_type="application/json", **bearer(contact_namsos.user))
    assert response.status_code == 403
    assert Need.objects.count() == 0


def test_post_need_without_token_is_401(client, reference):
    response = client.post("/api/v1/needs", data=json.dumps({**NEED, "municipality": "5006"}),
                           content_type="application/json")
    assert response.status_code == 401
    assert Need.objects.count() == 0


def test_post_invalid_need_is_422_with_field_errors(client, contact_steinkjer):
    response = client.post("/api/v1/needs", data=json.dumps({**NEED, "municipality": "5006", "sector": "romfart"}),
                           content_type="application/json", **bearer(contact_steinkjer.user))
    assert response.status_code == 422
    assert "sector" in response.json()["errors"]
    assert Need.objects.count() == 0


def test_validation_messages_follow_the_language(client, contact_steinkjer):
    payload = json.dumps({**NEED, "municipality": "5006", "title": ""})
    english = client.post("/api/v1/needs", data=payload, content_type="application/json",
                          HTTP_ACCEPT_LANGUAGE="en", **bearer(contact_steinkjer.user))
    norwegian = client.post("/api/v1/needs", data=payload, content_type="application/json",
                            HTTP_ACCEPT_LANGUAGE="nb", **bearer(contact_steinkjer.user))
    assert english.json()["errors"]["title"] != norwegian.json()["errors"]["title"]


@pytest.mark.postgres
def test_patch_need_permissions(client, contact_steinkjer, contact_namsos, coordinator):
    need = actions.submit_need(Municipality.objects.get(code="5006"), NEED, actor=contact_steinkjer.user)
    url = f"/api/v1/needs/{need.pk}"
    denied = client.patch(url, data=json.dumps({"title": "Kapra"}), content_type="application/json",
                          **bearer(contact_namsos.user))
    assert denied.status_code == 403
    need.refresh_from_db()
    assert need.title == NEED["title"]
    ok = client.patch(url, data=json.dumps({"status": "brokering"}), content_type="application/json",
                      **bearer(coordinator.user))
    assert ok.status_code == 200 and ok.json()["status"] == "brokering"
    need.refresh_from_db()
    assert need.status == "brokering" and need.title == NEED["title"]


def test_needs_list_filters_and_hides_drafts(client, contact_steinkjer, contact_namsos):
    steinkjer = Municipality.objects.get(code="5006")
    actions.submit_need(steinkjer, NEED, actor=contact_steinkjer.user)
    actions.submit_need(steinkjer, {**NEED, "title": "Utkast", "status": "draft"}, actor=contact_steinkjer.user)
    actions.submit_need(Municipality.objects.get(code="5007"),
                        {**NEED, "title": "Skule", "sector": "education"}, actor=contact_namsos.user)
    public = client.get("/api/v1/needs").json()
    assert public["count"] == 2
    assert {i["title"] for i in client.get("/api/v1/needs", {"sector": "education"}).json()["items"]} == {"Skule"}
    assert client.get("/api/v1/needs", {"municipality": "5006"}).json()["count"] == 1
    own = client.get("/api/v1/needs", **bearer(contact_steinkjer.user)).json()
    assert own["count"] == 2  # anonymous GET ignores the token; drafts stay hidden


@pytest.mark.parametrize("path", ["/api/v1/municipalities", "/api/v1/needs", "/api/v1/funding",
                                  "/api/v1/opportunities", "/api/v1/knowledge/cases"])
@pytest.mark.parametrize("params", [{"offset": "9223372036854775808"}, {"offset": "-1"},
                                    {"limit": "9223372036854775808"}, {"limit": "0"}, {"limit": "-5"}])
def test_list_endpoints_refuse_out_of_range_pagination_with_422(client, reference, path, params):
    """Issue 11 item 15: a huge or negative offset/limit is a 422 validation error, never a 500."""
    response = client.get(path, params)
    assert response.status_code == 422, (path, params, response.status_code)


def test_list_endpoints_accept_the_largest_bounds(client, reference):
    from samskap.core.pagination import MAX_LIMIT, MAX_OFFSET
    body = client.get("/api/v1/municipalities", {"limit": MAX_LIMIT}).json()
    assert body["count"] == len(body["items"]) == 357
    assert client.get("/api/v1/municipalities", {"offset": MAX_OFFSET}).json()["items"] == []
