"""Real headless Chromium against the live server."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from samskap.conftest import assert_no_axe_violations, login
from samskap.directory.models import Municipality
from samskap.needs import actions
from samskap.needs.models import Need

pytestmark = pytest.mark.browser


def test_contact_creates_a_nynorsk_need_and_finds_it_in_the_list(page, contact_steinkjer):
    login(page, "ola.steinkjer")
    page.goto("/behov/ny/")
    assert_no_axe_violations(page)
    page.fill("#id_title", "Korleis halde på sjukepleiarar i heimetenesta")
    page.fill("#id_description", "Kommunen vår slit med å rekruttere og halde på sjukepleiarar.")
    page.select_option("#id_sector", "health")
    page.select_option("#id_language", "nn")
    page.click("form.form-grid button[type=submit]")
    page.wait_for_load_state()
    page.wait_for_url(re.compile(r"/behov/\d+/$"))
    assert page.locator("h1").inner_text() == "Korleis halde på sjukepleiarar i heimetenesta"
    assert page.locator("article[lang=nn]").count() == 1
    need = Need.objects.get(title__startswith="Korleis halde")
    assert need.language == "nn" and need.municipality_id == "5006"
    page.goto("/behov/?q=sjukepleiarar")
    assert page.get_by_role("link", name="Korleis halde på sjukepleiarar i heimetenesta").is_visible()
    assert_no_axe_violations(page)


def test_contact_from_another_municipality_cannot_edit(page, contact_steinkjer, contact_namsos):
    need = actions.submit_need(Municipality.objects.get(code="5006"),
                               {"title": "Felles legevakt", "description": "Akutt sykdom om natta.",
                                "sector": "health"}, actor=contact_steinkjer.user)
    login(page, "siri.namsos")
    response = page.goto(f"/behov/{need.pk}/rediger/")
    assert response.status == 403
    assert page.locator("h1").inner_text() in {"Ikke tillatt", "Ikkje tillate", "Not allowed"}
    assert_no_axe_violations(page)
    page.goto(f"/behov/{need.pk}/")
    assert page.get_by_role("link", name="Rediger").count() == 0
    status = page.evaluate(
        """async (url) => {
            const token = document.querySelector('input[name=csrfmiddlewaretoken]').value;
            const body = new URLSearchParams({csrfmiddlewaretoken: token, title: 'Kapret', description: 'x',
                                              sector: 'health', language: 'nb', status: 'submitted'});
            const r = await fetch(url, {method: 'POST', body, credentials: 'same-origin'});
            return r.status;
        }""",
        f"/behov/{need.pk}/rediger/",
    )
    assert status == 403
    need.refresh_from_db()
    assert need.title == "Felles legevakt"


def test_language_switch(page, reference):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nb"
    assert page.get_by_role("link", name="Behov", exact=True).count() == 1
    page.click(".lang-menu summary")
    page.click('.lang-menu button[value="nn"]')
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.get_by_role("link", name="Kommunar", exact=True).count() == 1
    page.click(".lang-menu summary")
    page.click('.lang-menu button[value="en"]')
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Municipalities", exact=True).count() == 1
    assert_no_axe_violations(page)


def test_contact_default_language_is_the_municipality_form(page, contact_surnadal):
    login(page, "eir.surnadal")
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "nn"


def test_public_pages_have_no_axe_violations(page, contact_steinkjer, coordinator):
    need = actions.submit_need(Municipality.objects.get(code="5006"),
                               {"title": "Skolefravær", "description": "Vi vil redusere fravær.", "sector": "education"}, actor=contact_steinkjer.user)
    call = actions.open_call(title="Innspill 2027", question="Hvilke tema bør diskuteres? Hvorfor?",
                             deadline=timezone.now() + dt.timedelta(days=5), actor=coordinator.user)
    for url in ["/", "/behov/", f"/behov/{need.pk}/", "/kommuner/", "/kommuner/5006/", "/behov/innspill/",
                f"/behov/innspill/{call.pk}/", "/logg-inn/"]:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, url
        assert_no_axe_violations(page)


def test_coordinator_pages_have_no_axe_violations(page, coordinator):
    call = actions.open_call(title="Innspill 2027", question="Hvilke tema bør diskuteres?",
                             deadline=timezone.now() + dt.timedelta(days=5), actor=coordinator.user)
    login(page, "kari.koordinator")
    for url in ["/profil/", "/behov/innspill/ny/", f"/behov/innspill/{call.pk}/", "/behov/ny/"]:
        response = page.goto(url)
        assert response.status == 200, url
        assert_no_axe_violations(page)
    page.goto(f"/behov/innspill/{call.pk}/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Eksporter svar (Excel)").click()
    assert download.value.suggested_filename == f"innspill-{call.pk}.xlsx"


def test_pages_default_to_bokmaal_even_for_an_english_browser(browser, live_server, reference):
    context = browser.new_context(base_url=live_server.url, locale="en-US", extra_http_headers={
        "Accept-Language": "en-US,en;q=0.9"})
    pg = context.new_page()
    pg.goto("/")
    assert pg.locator("html").get_attribute("lang") == "nb"
    context.close()
