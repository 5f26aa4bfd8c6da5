"""In real headless Chromium: browsing cases (facets, a case), answering a survey by its link, axe checks."""

import pytest

from samskap.conftest import assert_no_axe_violations, login
from samskap.knowledge import actions, parsing
from samskap.knowledge.models import Response
from samskap.knowledge.tests.factories import open_survey, published_case

pytestmark = pytest.mark.browser


@pytest.fixture
def library(coordinator, monkeypatch):
    from samskap.core.signals import catalogue_changed
    from samskap.knowledge import search

    monkeypatch.setattr(catalogue_changed, "receivers", [])  # no re-indexing in the background here
    monkeypatch.setattr(search, "_semantic_search", lambda: None)
    c = coordinator.user
    return {
        "tilsyn": published_case(c, ("5006",), title="Digitalt tilsyn om natten"),
        "skole": published_case(c, ("5035",), title="Skolesamarbeid i Stjørdal", sector="education",
                                innovation_type="process", year=2022),
        "nynorsk": published_case(c, ("1566",), title="Velferdsteknologi i Surnadal", language="nn",
                                  innovation_type="product", year=2021),
    }


def test_browse_cases_filter_by_facet_and_open_a_case(page, library):
    page.goto("/kunnskap/")
    assert page.locator("h1").inner_text()
    assert page.locator(".case-list > li").count() == 3
    assert_no_axe_violations(page)

    page.locator('[data-facet="sector"] a[data-value="education"]').click()
    page.wait_for_load_state()
    assert "sector=education" in page.url
    assert page.locator(".case-list > li").count() == 1
    assert page.locator('[data-facet="sector"] a[aria-current="true"]').count() == 1
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Skolesamarbeid i Stjørdal").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Skolesamarbeid i Stjørdal"
    assert_no_axe_violations(page)

    page.goto(f"/kunnskap/{library['nynorsk'].pk}/")
    assert page.locator("h1").get_attribute("lang") == "nn"
    assert_no_axe_violations(page)

    page.goto("/kunnskap/kommuner/")
    assert page.get_by_role("link", name="Surnadal").count() == 1
    assert_no_axe_violations(page)


def test_answer_survey_by_link_without_login_only_once(page, coordinator):
    survey = open_survey(coordinator.user, scale=4, n_items=4)
    [recipient] = actions.add_recipients(survey, parsing.parse_recipients(
        "Hjemmetjenesten nord; 5006; health; a@example.org"), actor=coordinator.user)
    actions.send_survey(survey, send_email=False, actor=coordinator.user)
    token = actions.issue_link(recipient, actor=coordinator.user)

    page.goto(f"/kunnskap/svar/{token}/")
    fieldsets = page.locator("fieldset.question")
    assert fieldsets.count() == 4
    assert_no_axe_violations(page)
    for i in range(fieldsets.count()):
        fieldsets.nth(i).locator('input[type=radio][value="3"]').check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert Response.objects.count() == 1
    assert page.locator("main input[type=radio]").count() == 0
    assert_no_axe_violations(page)

    page.goto(f"/kunnskap/svar/{token}/")
    assert page.locator("main input[type=radio]").count() == 0
    assert page.locator("main .ds-alert").count() == 1  # "already answered"
    assert_no_axe_violations(page)
    assert Response.objects.count() == 1


def test_results_and_builder_pages_are_accessible(page, coordinator):
    survey = open_survey(coordinator.user, scale=4, n_items=5)
    actions.send_survey(survey, send_email=False, actor=coordinator.user)
    rows = [{"unit_name": "Skole", "municipality": "5006", "sector": "education", "email": f"s{i}@example.org"}
            for i in range(5)]
    for recipient in actions.add_recipients(survey, rows, actor=coordinator.user):
        actions.submit_answers(actions.issue_link(recipient, actor=coordinator.user),
                               {item.pk: 2 + recipient.pk % 2 for item in survey.items.all()})
    login(page, coordinator.user.username)
    page.goto(f"/kunnskap/barometer/{survey.pk}/resultater/?by=unit")
    page.locator("#results-pending").wait_for()  # published only when the survey closes
    assert_no_axe_violations(page)
    actions.close_survey(survey, actor=coordinator.user)
    page.goto(f"/kunnskap/barometer/{survey.pk}/resultater/?by=unit")
    assert page.locator("svg[role=img]").count() >= 2
    assert_no_axe_violations(page)
    page.goto(f"/kunnskap/barometer/{survey.pk}/")
    assert_no_axe_violations(page)
    page.goto("/kunnskap/barometer/ny/")
    assert_no_axe_violations(page)
