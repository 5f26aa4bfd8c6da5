"""`samskap workshop list` and `samskap workshop report` on the demo workshop."""

import io

import docx
import pytest
from django.core.management import CommandError, call_command


@pytest.fixture
def demo_workshop(reference):
    from samskap.directory import demo as directory_demo
    from samskap.followup import demo as followup_demo
    from samskap.funding import demo as funding_demo
    from samskap.needs import demo as needs_demo
    from samskap.workshops import demo as workshops_demo

    out = io.StringIO()
    for module in (directory_demo, needs_demo, funding_demo, workshops_demo, followup_demo):
        module.load(out)


def test_list_prints_one_event_per_line_slug_first(demo_workshop):
    out = io.StringIO()
    call_command("workshop", "list", stdout=out)
    lines = out.getvalue().splitlines()
    assert [line.split()[0] for line in lines] == ["utviklingsverksted-2027", "utviklingsverksted-2026"]


def test_report_docx_has_the_four_column_outcome_tables(demo_workshop, tmp_path):
    path = tmp_path / "rapport.docx"
    call_command("workshop", "report", "utviklingsverksted-2026", "--format", "docx", "--output", str(path),
                 stdout=io.StringIO())
    document = docx.Document(str(path))
    headers = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["Idé", "Behov og utfordringer", "Oppfølging", "Aktører"] in headers
    outcome_rows = sum(len(t.rows) - 1 for t, h in zip(document.tables, headers, strict=True)
                       if h == ["Idé", "Behov og utfordringer", "Oppfølging", "Aktører"])
    assert outcome_rows >= 8


@pytest.mark.parametrize("fmt", ["pdf", "md"])
def test_report_pdf_and_markdown(demo_workshop, tmp_path, fmt):
    path = tmp_path / f"rapport.{fmt}"
    call_command("workshop", "report", "utviklingsverksted-2026", "--format", fmt, "--output", str(path),
                 stdout=io.StringIO())
    data = path.read_bytes()
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    else:
        assert "| Idé | Behov og utfordringer | Oppfølging | Aktører |" in data.decode("utf-8")


def test_report_unknown_event(db):
    with pytest.raises(CommandError, match="Unknown workshop"):
        call_command("workshop", "report", "finnes-ikke", "--output", "-")
