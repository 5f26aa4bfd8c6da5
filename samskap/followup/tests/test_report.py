"""The workshop summary report: DOCX (python-docx), PDF and Markdown; names only with consent."""

import io
import re
import zlib

import pytest
from docx import Document as DocxDocument

from samskap.followup import actions, report
from samskap.followup.document import Bullets, Document, Heading, Table, render_markdown
from samskap.followup.pdfwriter import render_pdf
from samskap.followup.tests import factories

COLUMNS = ["Idé", "Behov og utfordringer", "Oppfølging", "Aktører"]


def docx_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_list_events(world):
    [(slug, description)] = report.list_events()
    assert slug == "testverksted"
    assert "Testverksted" in description and "1 outcome row" in description


def test_docx_holds_the_outcome_tables_with_four_columns(world):
    actions.add_row(world.group, {"idea": "Innovasjonsfaglig dag",
                                                             "follow_up": "KS tar ansvar", "actor_groups": ["all"]}, actor=world.users["note_taker"])
    data = report.build_report("testverksted", "docx")
    document = DocxDocument(io.BytesIO(data))
    outcome_tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == COLUMNS]
    assert len(outcome_tables) == 1
    table = outcome_tables[0]
    assert len(table.rows) == 3  # header + two ideas
    first = [c.text for c in table.rows[1].cells]
    assert first[0].startswith("Delte stillinger mellom kommune og universitet")
    assert "Idéhaver: Steinkjer kommune" in first[0]
    assert "Likeverdig samarbeid" in first[1]
    assert "Kartlegge interessen i tre kommuner." in first[2] and "Kartlegge delte stillinger" in first[2]
    assert "Nord universitet" in first[3] and "Per Forsker" in first[3]
    assert "(deltaker uten samtykke)" in first[3]
    text = docx_text(document)
    # Programme, themes and groups with host, note-taker and participants who consented.
    assert "Velkommen" in text and "Samarbeid om kompetanse og FoU" in text
    roster = next(t for t in document.tables if t.rows[0].cells[0].text == "Gruppe")
    cells = [c.text for c in roster.rows[1].cells]
    assert cells[2].startswith("Nina Notat") and "Per Forsker" in cells[3]
    assert "Ulrik Usynlig" not in text  # did not consent: counted, not named
    assert "1 deltaker uten samtykke til å bli navngitt" in cells[3]
    # Signals per actor, as in seed 004 § 4.2.1.
    assert "Signaler til aktørene" in text
    assert "Alle" in [p.text for p in document.paragraphs]
    assert document.core_properties.title.startswith("Oppsummering")


def test_markdown_and_pdf(world):
    md = report.build_report(world.workshop.event, "md").decode()
    assert "| Idé | Behov og utfordringer | Oppfølging | Aktører |" in md
    assert "Ulrik Usynlig" not in md
    pdf = report.build_report(world.workshop.event, "pdf")
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    text = pdf_text(pdf)
    assert "Behov og utfordringer" in text and "Delte stillinger mellom" in text and "Gruppe\n" in text
    assert "Side 1 av" in text


def test_unknown_format_and_event_give_clear_errors(world):
    with pytest.raises(report.ReportError, match="Unknown format"):
        report.build_report(world.workshop.event, "odt")
    with pytest.raises(report.ReportError, match="Unknown workshop"):
        report.build_report("finnes-ikke", "md")


def test_the_download_view(client, world):
    assert client.get("/oppfolging/verksted/testverksted/oppsummering/?format=docx").status_code == 302
    client.force_login(world.users["other"])
    response = client.get("/oppfolging/verksted/testverksted/oppsummering/?format=docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="testverksted-oppsummering.docx"'
    assert DocxDocument(io.BytesIO(response.content)).tables
    assert client.get("/oppfolging/verksted/testverksted/oppsummering/?format=exe").status_code == 404
    assert client.get("/oppfolging/verksted/testverksted/oppsummering/?format=pdf")["Content-Type"] == \
        "application/pdf"


def test_an_event_without_groups(reference):
    w = factories.workshop(slug="tomt")
    w.group.delete()
    md = report.build_report("tomt", "md").decode()
    assert "Ingen grupper er planlagt." in md


# --- The PDF writer on its own --------------------------------------------------------------------------------

def pdf_text(pdf: bytes) -> str:
    """Check the cross-reference table and return the text shown on the pages."""
    xref = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[xref:xref + 4] == b"xref"
    count = int(re.search(rb"xref\n0 (\d+)", pdf).group(1))
    offsets = [int(x) for x in re.findall(rb"(\d{10}) 00000 n", pdf)]
    assert len(offsets) == count - 1
    for number, offset in enumerate(offsets, start=1):
        assert pdf[offset:].startswith(f"{number} 0 obj".encode())
    shown = []
    for stream in re.findall(rb"stream\n(.*?)\nendstream", pdf, re.S):
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", zlib.decompress(stream)):
            shown.append(re.sub(rb"\\(.)", rb"\1", literal).decode("cp1252"))
    return "\n".join(shown)


def test_pdf_tables_split_over_pages_and_repeat_the_header():
    doc = Document("Lang rapport – æøå ÆØÅ", language="nb")
    doc.add(Heading("Resultater", 1))
    doc.add(Bullets(["Første punkt (med parentes)", "Andre punkt \\ med skråstrek"]))
    rows = [[f"Idé {i}", "Behov " * 300 if i == 3 else "Kort", "Følg opp", "KS"] for i in range(30)]
    doc.add(Table(COLUMNS, rows, widths=[3, 3, 2.5, 2]))
    pdf = render_pdf(doc)
    pages = pdf.count(b"/Type /Page ")
    assert pages >= 3
    text = pdf_text(pdf)
    assert text.count("Behov og utfordringer") == pages  # the header row on every page
    assert "Første punkt (med parentes)" in text and "Andre punkt \\ med skråstrek" in text
    assert "Idé 29" in text and "Lang rapport – æøå ÆØÅ" in text
    assert b"/Lang (nb)" in pdf


def test_markdown_escapes_table_cells():
    doc = Document("T")
    doc.add(Table(["a", "b"], [["x | y", "linje 1\nlinje 2"]]))
    assert "| x \\| y | linje 1<br>linje 2 |" in render_markdown(doc)
