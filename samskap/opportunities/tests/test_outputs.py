"""Catalogue page filters, the Atom feed, iCal of deadlines, CSV/XLSX export (formula-safe), the DOCX
agreement and the API with the same permissions."""

import datetime as dt
import io
import json

import pytest
from django.urls import reverse
from docx import Document
from icalendar import Calendar
from openpyxl import load_workbook

from samskap.core.actors import SYSTEM
from samskap.directory.models import ApiToken, Organisation
from samskap.opportunities import actions
from samskap.opportunities.models import Opportunity, Status, today
from samskap.opportunities.tests.factories import THESIS, published, thesis


@pytest.fixture
def catalogue(reference):
    master = published(stipend_amount=10000, stipend_deadline=today() + dt.timedelta(days=10))
    secondment = published(kind="secondment", level="", title="=HYPERLINK(\"http://x\")", field="planning",
                           sector="technical")
    draft = thesis(title="Hemmelig utkast")
    return {"master": master, "secondment": secondment, "draft": draft}


def test_the_catalogue_filters_and_hides_drafts(client, catalogue):
    page = client.get(reverse("opportunities:list")).content.decode()
    assert THESIS["title"] in page and "Hemmelig utkast" not in page
    page = client.get(reverse("opportunities:list"), {"kind": "secondment"}).content.decode()
    assert THESIS["title"] not in page
    page = client.get(reverse("opportunities:list"), {"level": "master", "field": "health", "county": "50",
                                                      "sector": "health", "q": "velferdsteknologi"}).content.decode()
    assert THESIS["title"] in page
    page = client.get(reverse("opportunities:list"), {"county": "46"}).content.decode()
    assert THESIS["title"] not in page


def test_feed_and_ical(client, catalogue):
    feed = client.get(reverse("opportunities:feed"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert THESIS["title"] in feed.content.decode() and "Hemmelig utkast" not in feed.content.decode()
    response = client.get(reverse("opportunities:ical"))
    calendar = Calendar.from_ical(response.content)
    events = [c for c in calendar.walk("VEVENT")]
    master = catalogue["master"]
    uids = {str(e["uid"]) for e in events}
    assert {f"opportunity-{master.pk}-sketch@samskap.opportunities",
            f"opportunity-{master.pk}-stipend@samskap.opportunities"} <= uids


def test_exports_are_formula_safe(client, catalogue):
    csv_response = client.get(reverse("opportunities:export_csv"))
    assert csv_response.streaming  # row by row, never the whole catalogue in memory
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "Hemmelig utkast" not in text
    assert text.splitlines()[0].startswith("Tittel;")
    xlsx_response = client.get(reverse("opportunities:export_xlsx"))
    assert xlsx_response.streaming and "samarbeidsmuligheter.xlsx" in xlsx_response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content)))
    rows = list(workbook.active.iter_rows())
    assert [c.value for c in rows[0]][:2] == ["Tittel", "Type"] and rows[0][0].font.bold
    cells = [c for row in rows for c in row]
    formula = [c for c in cells if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert formula and all(c.data_type == "s" for c in formula)
    assert len(rows) == 1 + 2  # the header and the two public opportunities, not the draft


def test_a_large_export_streams_in_constant_queries(client, catalogue, django_assert_max_num_queries):
    for i in range(60):
        published(title=f"Oppgave {i}")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("opportunities:export_xlsx"))
        data = b"".join(response.streaming_content)
    assert len(list(load_workbook(io.BytesIO(data)).active.iter_rows())) == 1 + 62


def test_the_agreement_document(client, researcher, contact_steinkjer, reference):
    opportunity = published()
    sketch = actions.send_sketch(opportunity, {"text": "Min skisse\x0bmed kontrolltegn"}, actor=researcher.user)
    actions.accept_sketch(sketch, {"supervisor": "Eva Veileder"}, actor=contact_steinkjer.user)
    client.force_login(contact_steinkjer.user)
    response = client.get(reverse("opportunities:agreement", args=[sketch.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Steinkjer kommune" in text and "Eva Veileder" in text and "Min skissemed kontrolltegn" in text
    client.force_login(researcher.user)
    assert client.get(reverse("opportunities:agreement", args=[sketch.pk])).status_code == 200


def _api(client, user, method, url, body=None):
    _token, key = ApiToken.issue(user)
    return getattr(client, method)(url, data=json.dumps(body) if body is not None else None,
                                   content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


def test_api_list_detail_create_update(client, catalogue, contact_steinkjer, contact_namsos):
    listed = client.get("/api/v1/opportunities").json()
    titles = {item["title"] for item in listed["items"]}
    assert THESIS["title"] in titles and "Hemmelig utkast" not in titles
    assert client.get(f"/api/v1/opportunities/{catalogue['draft'].pk}").status_code == 404
    steinkjer = Organisation.objects.get(name="Steinkjer kommune")
    body = {**THESIS, "organisation": steinkjer.pk}
    body.pop("provides_data"), body.pop("provides_supervision")
    assert _api(client, contact_namsos.user, "post", "/api/v1/opportunities", body).status_code == 403
    created = _api(client, contact_steinkjer.user, "post", "/api/v1/opportunities", body)
    assert created.status_code == 201 and created.json()["status"] == Status.DRAFT
    pk = created.json()["id"]
    assert _api(client, contact_namsos.user, "patch", f"/api/v1/opportunities/{pk}", {"title": "X"}).status_code == 404
    patched = _api(client, contact_steinkjer.user, "patch", f"/api/v1/opportunities/{pk}", {"title": "Nytt navn"})
    assert patched.status_code == 200 and Opportunity.objects.get(pk=pk).title == "Nytt navn"
    bad = _api(client, contact_steinkjer.user, "patch", f"/api/v1/opportunities/{pk}", {"level": ""})
    assert bad.status_code in (400, 422) and Opportunity.objects.get(pk=pk).level == "master"
    assert actions.submit_opportunity(Opportunity.objects.get(pk=pk), actor=SYSTEM).status == Status.SUBMITTED


def test_the_sketch_pdf_only_for_the_owner_and_the_sender(client, researcher, contact_steinkjer, coordinator,
                                                          contact_namsos):
    from samskap.opportunities.tests.factories import minimal_pdf

    sketch = actions.send_sketch(published(), {"text": "Skisse"}, pdf=minimal_pdf(), pdf_name="min skisse.pdf",
                                 actor=researcher.user)
    url = reverse("opportunities:sketch_pdf", args=[sketch.pk])
    for persona, status in ((contact_steinkjer, 200), (researcher, 200), (coordinator, 404), (contact_namsos, 404)):
        client.force_login(persona.user)
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            assert response.content == minimal_pdf() and response["Content-Type"] == "application/pdf"
            assert 'attachment; filename="min-skisse.pdf"' == response["Content-Disposition"]


def test_a_bad_pdf_through_the_page_is_a_clear_error(client, researcher, reference):
    from django.core.files.uploadedfile import SimpleUploadedFile

    opportunity = published()
    client.force_login(researcher.user)
    response = client.post(reverse("opportunities:send_sketch", args=[opportunity.pk]), {
        "sender_name": "Per", "text": "Skisse",
        "pdf": SimpleUploadedFile("bilde.pdf", b"GIF89a not a pdf", content_type="application/pdf")})
    assert response.status_code == 400
    assert "PDF-fila bilde.pdf kan ikke brukes" in response.content.decode()
    assert not opportunity.sketches.exists()
