"""Real headless Chromium: a municipality offers a master's thesis topic, a coordinator vets it, a student
sends a sketch with a PDF and the municipality accepts it. axe finds no WCAG 2.1 A/AA violations."""

import re

import pytest

from samskap.conftest import assert_no_axe_violations, login
from samskap.directory.models import OrgType
from samskap.directory.testing import make_persona
from samskap.opportunities.models import Agreement, Opportunity, Sketch, Status
from samskap.opportunities.tests.factories import minimal_pdf

pytestmark = pytest.mark.browser

TITLE = "Digitalt tilsyn i hjemmetjenesten"


def _switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def test_offer_vet_sketch_and_accept_a_masters_thesis(page, contact_steinkjer, coordinator):
    make_persona("stine.student", "Stine Student", organisation="NTNU", org_type=OrgType.UNIVERSITY)

    # The municipality offers a master's thesis topic.
    login(page, "ola.steinkjer")
    page.goto("/samarbeid/ny/")
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)
    page.select_option("#id_kind", "thesis")
    page.select_option("#id_level", "master")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Hvordan virker digitalt tilsyn om natta for brukere og ansatte?")
    page.fill("#id_problem", "Vi vet lite om hvordan digitalt tilsyn endrer nattarbeidet i hjemmetjenesten.")
    page.fill("#id_relevance", "Kommunen skal ta i bruk digitalt tilsyn i alle soner.")
    page.fill("#id_data_and_method", "Intervjuer og anonymiserte tall fra fagsystemet.")
    page.select_option("#id_field", "health")
    page.select_option("#id_sector", "health")
    page.fill("#id_place", "Steinkjer")
    page.check("#id_provides_supervision")
    page.click("main form.form-grid button[type=submit]")
    page.wait_for_url(re.compile(r"/samarbeid/\d+/$"))
    opportunity = Opportunity.objects.get(title=TITLE)
    assert opportunity.status == Status.DRAFT and opportunity.organisation.name == "Steinkjer kommune"
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send til vurdering").click()
    page.wait_for_load_state()
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.SUBMITTED

    # A coordinator vets it.
    _switch_user(page, "kari.koordinator")
    page.goto("/samarbeid/til-vurdering/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/samarbeid/\d+/$"))
    assert_no_axe_violations(page)
    page.check("#vet-form input[value=approve]")
    page.fill("#id_note", "Godt beskrevet, passer for master i sykepleie.")
    page.click("#vet-form button[type=submit]")
    page.wait_for_load_state()
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.VETTED

    # The municipality publishes it.
    _switch_user(page, "ola.steinkjer")
    page.goto(f"/samarbeid/{opportunity.pk}/")
    page.get_by_role("button", name="Publiser").click()
    page.wait_for_load_state()
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.PUBLISHED

    # A student finds it in the catalogue and sends a sketch with a PDF.
    _switch_user(page, "stine.student")
    page.goto("/samarbeid/")
    page.select_option("#id_level", "master")
    page.select_option("#id_field", "health")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    assert_no_axe_violations(page)
    page.get_by_role("table").get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/samarbeid/\d+/$"))
    assert_no_axe_violations(page)
    page.fill("#id_institution", "NTNU, master i sykepleie")
    page.fill("#id_text", "Jeg vil intervjue nattevakter og brukere om digitalt tilsyn våren 2027.")
    page.set_input_files("#id_pdf", files=[{"name": "skisse.pdf", "mimeType": "application/pdf",
                                            "buffer": minimal_pdf()}])
    page.get_by_role("button", name="Send skissen").click()
    page.wait_for_url(re.compile(r"/samarbeid/skisse/\d+/$"))
    sketch = Sketch.objects.get(opportunity=opportunity)
    assert sketch.sender_name == "Stine Student" and sketch.pdf_name == "skisse.pdf"
    assert_no_axe_violations(page)

    # The municipality accepts it; the agreement is recorded and the DOCX can be downloaded.
    _switch_user(page, "ola.steinkjer")
    page.goto(f"/samarbeid/{opportunity.pk}/")
    page.get_by_role("link", name="Stine Student").click()
    page.wait_for_url(re.compile(r"/samarbeid/skisse/\d+/$"))
    assert_no_axe_violations(page)
    page.fill("#id_accept-supervisor", "Professor Eva Veileder")
    page.fill("#id_accept-message", "Velkommen! Vi avtaler et oppstartsmøte.")
    page.click("#accept-form button[type=submit]")
    page.wait_for_load_state()
    assert Opportunity.objects.get(pk=opportunity.pk).status == Status.TAKEN
    assert Agreement.objects.get(sketch=sketch).supervisor == "Professor Eva Veileder"
    assert_no_axe_violations(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("samarbeidsavtalen", re.IGNORECASE)).click()
    assert download.value.suggested_filename.endswith(".docx")


def test_demo_pages_in_nynorsk_and_my_page_are_accessible(page, reference):
    import io

    from samskap.directory import demo as directory_demo
    from samskap.opportunities import demo

    directory_demo.load(io.StringIO())
    demo.load(io.StringIO())
    nynorsk = Opportunity.objects.get(title="Kva gjer at folk flyttar heim att til bygda?")
    page.goto(f"/samarbeid/{nynorsk.pk}/")
    assert page.locator("h1[lang=nn]").inner_text() == nynorsk.title
    assert_no_axe_violations(page)
    page.goto("/samarbeid/?kind=secondment")
    assert page.get_by_role("link", name="Hospitering i Levanger: innovative anskaffelser i helse").is_visible()
    assert_no_axe_violations(page)
    login(page, "kari.steinkjer", "samskap-demo")  # the demo FoUI contact of Steinkjer
    page.goto("/samarbeid/mine/")
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)
    own = Opportunity.objects.get(title__startswith="Velferdsteknologi i hjemmetjenesten")
    page.goto(f"/samarbeid/{own.pk}/rediger/")
    assert_no_axe_violations(page)
