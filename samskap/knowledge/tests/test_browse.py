"""Browsing: facets with counts, search (semantic hook with a database fallback), similar cases, API."""

import pytest

from samskap.knowledge import actions, search
from samskap.knowledge.models import Case
from samskap.knowledge.tests.factories import COMPLETE, municipalities, published_case


@pytest.fixture(autouse=True)
def no_semantic_engine(monkeypatch):
    """Deterministic tests: the database fallback unless a test installs a fake engine."""
    monkeypatch.setattr(search, "_semantic_search", lambda: None)


@pytest.fixture
def library(coordinator, contact_steinkjer):
    c = coordinator.user
    cases = {
        "tilsyn": published_case(c, ("5006",), title="Digitalt tilsyn", year=2023),
        "kad": published_case(c, ("5007",), title="Akutt døgnenhet", innovation_type="organisation", year=2019),
        "skole": published_case(c, ("5035",), title="Skolesamarbeid", sector="education",
                                innovation_type="process", year=2023,
                                summary=COMPLETE["summary"] + " Elevene prøver fag på videregående."),
        "felles": published_case(c, ("5001", "5014", "1566"), title="Båtanskaffelse", sector="technical",
                                 innovation_type="process", category="emergency", year=2024,
                                 partners="Lokale verft og SINTEF."),
    }
    cases["draft"] = actions.create_case({**COMPLETE, "title": "Utkast"},
                                         municipalities("5006"), actor=contact_steinkjer.user)
    return cases


def counts(facets, name):
    return {v["value"]: v["count"] for v in facets[name]}


@pytest.mark.postgres
def test_facet_counts_without_filters(library):
    facets = search.facet_counts(Case.objects.published(), {})
    assert counts(facets, "sector") == {"health": 2, "education": 1, "technical": 1}
    assert counts(facets, "innovation_type") == {"service": 1, "organisation": 1, "process": 2}
    assert counts(facets, "category") == {"long_term": 3, "emergency": 1}
    assert counts(facets, "year") == {"2024": 1, "2023": 2, "2019": 1}
    # A case in two counties counts once in each; Trøndelag has every case, counted once each.
    assert counts(facets, "county") == {"50": 4, "15": 1}
    assert [v["label"] for v in facets["county"]][0] == "Møre og Romsdal"


@pytest.mark.postgres
def test_facet_counts_ignore_their_own_filter(library):
    filters = {"sector": "health", "year": "2023"}
    facets = search.facet_counts(Case.objects.published(), filters)
    # Sector counts are for year 2023 (all sectors); year counts are for health (all years).
    assert counts(facets, "sector") == {"health": 1, "education": 1}
    assert counts(facets, "year") == {"2023": 1, "2019": 1}
    assert counts(facets, "innovation_type") == {"service": 1}
    active = [v for v in facets["sector"] if v["active"]]
    assert [v["value"] for v in active] == ["health"]
    result = search.apply_filters(Case.objects.published(), filters)
    assert list(result) == [library["tilsyn"]]


@pytest.mark.postgres
def test_county_filter_has_no_duplicates(library):
    result = search.apply_filters(Case.objects.published(), {"county": "50"})
    assert result.count() == 4 and len(list(result)) == 4


@pytest.mark.postgres
def test_database_search_fallback(library):
    qs, ranked = search.search_cases(Case.objects.published(), "videregående")
    assert ranked is None and list(qs) == [library["skole"]]
    qs, _ranked = search.search_cases(Case.objects.published(), "sintef surnadal")
    assert list(qs) == [library["felles"]]
    qs, _ranked = search.search_cases(Case.objects.published(), "Utkast")
    assert list(qs) == []  # drafts are never found


def test_semantic_hook_is_used_when_available(library, monkeypatch):
    calls = []

    def fake_search(text, kinds, top):
        calls.append((text, kinds, top))
        return [{"id": f"case:{library['kad'].pk}", "score": 0.9}, {"id": "need:3"},
                {"id": f"case:{library['tilsyn'].pk}", "score": 0.5}, {"id": f"case:{library['draft'].pk}"}]

    monkeypatch.setattr(search, "_semantic_search", lambda: fake_search)
    qs, ranked = search.search_cases(Case.objects.published(), "eldre trygghet")
    assert calls == [("eldre trygghet", ["case"], search.SEMANTIC_TOP)]
    assert search.in_rank_order(qs, ranked) == [library["kad"], library["tilsyn"]]
    # Exact database matches that the engine has not indexed yet follow its hits.
    qs, ranked = search.search_cases(Case.objects.published(), "SINTEF")
    assert search.in_rank_order(qs, ranked) == [library["kad"], library["tilsyn"], library["felles"]]


def test_engine_result_objects_are_understood(library, monkeypatch):
    class Result:  # like samskap.matching.services.Result
        def __init__(self, external_id):
            self.id = external_id

    monkeypatch.setattr(search, "_semantic_search",
                        lambda: lambda text, kinds, top: [Result(f"case:{library['skole'].pk}")])
    qs, ranked = search.search_cases(Case.objects.published(), "noe helt annet")
    assert search.in_rank_order(qs, ranked) == [library["skole"]]


def test_empty_engine_answer_falls_back(library, monkeypatch):
    monkeypatch.setattr(search, "_semantic_search", lambda: lambda text, kinds, top: [])
    qs, ranked = search.search_cases(Case.objects.published(), "videregående")
    assert ranked is None and list(qs) == [library["skole"]]


def test_broken_semantic_engine_falls_back(library, monkeypatch):
    def broken(text, kinds, top):
        raise RuntimeError("index not built")

    monkeypatch.setattr(search, "_semantic_search", lambda: broken)
    qs, ranked = search.search_cases(Case.objects.published(), "Skolesamarbeid")
    assert ranked is None and list(qs) == [library["skole"]]


def test_similar_cases_fallback(library):
    similar = search.similar_cases(library["tilsyn"])
    # Same sector (health) first; the process cases share no sector/type with a health service.
    assert similar[0] == library["kad"]
    assert library["tilsyn"] not in similar and library["draft"] not in similar
    assert search.similar_cases(library["skole"])[0] == library["felles"]  # same type: process


def test_similarity_scores():
    from samskap.knowledge.similarity import CaseInfo, similar

    target = CaseInfo(1, "health", "service", "velferdsteknologi natt sensorer hjemmetjenesten")
    others = [CaseInfo(2, "health", "process", "kjøkken mat"), CaseInfo(3, "education", "service",
                                                                        "sensorer velferdsteknologien"),
              CaseInfo(4, "culture", "product", "sensorer velferdsteknologi natt"),
              CaseInfo(5, "health", "service", "natt sensorer")]
    assert [pk for pk, _s in similar(target, others)] == [5, 3, 2]


def test_case_list_page_with_facets(client, library):
    response = client.get("/kunnskap/", {"sector": "health"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Digitalt tilsyn" in html and "Akutt døgnenhet" in html and "Skolesamarbeid" not in html
    assert "Utkast" not in html
    assert 'aria-current="true"' in html
    response = client.get("/kunnskap/", {"q": "SINTEF"})
    assert "Båtanskaffelse" in response.content.decode() and "Digitalt tilsyn" not in response.content.decode()


def test_case_page_shows_similar_cases(client, library):
    html = client.get(f"/kunnskap/{library['tilsyn'].pk}/").content.decode()
    assert "Akutt døgnenhet" in html


def test_municipalities_with_cases(client, library):
    html = client.get("/kunnskap/kommuner/").content.decode()
    assert "Surnadal" in html and "Steinkjer" in html and "Namsos" in html
    rows = {m.code: m.case_count for m in search.municipalities_with_cases()}
    assert rows == {"5006": 1, "5007": 1, "5035": 1, "5001": 1, "5014": 1, "1566": 1}


def test_nav_shows_cases(client, library):
    assert 'href="/kunnskap/"' in client.get("/").content.decode()


# --- API ---------------------------------------------------------------------------------------------

@pytest.mark.postgres
def test_api_lists_published_cases_with_facet_filters(client, library):
    data = client.get("/api/v1/knowledge/cases", {"sector": "health"}).json()
    assert data["count"] == 2
    assert {c["title"] for c in data["items"]} == {"Digitalt tilsyn", "Akutt døgnenhet"}
    data = client.get("/api/v1/knowledge/cases", {"county": "15", "year": 2024}).json()
    assert [c["title"] for c in data["items"]] == ["Båtanskaffelse"]
    assert {"code": "1566", "name": "Surnadal", "county": "15"} in data["items"][0]["municipalities"]
    data = client.get("/api/v1/knowledge/cases", {"q": "videregående"}).json()
    assert [c["title"] for c in data["items"]] == ["Skolesamarbeid"]


def test_api_facets(client, library):
    data = client.get("/api/v1/knowledge/cases/facets", {"sector": "health"}).json()
    assert {v["value"]: v["count"] for v in data["innovation_type"]} == {"service": 1, "organisation": 1}


def test_api_detail_published_only_for_the_public(client, library, contact_steinkjer):
    assert client.get(f"/api/v1/knowledge/cases/{library['tilsyn'].pk}").status_code == 200
    assert client.get(f"/api/v1/knowledge/cases/{library['draft'].pk}").status_code == 404
    client.force_login(contact_steinkjer.user)
    assert client.get(f"/api/v1/knowledge/cases/{library['draft'].pk}").json()["status"] == "draft"
