"""The Markdown report never passes raw HTML from outcome rows."""

from samskap.followup.document import Bullets, Document, Paragraph, Table, render_markdown

PAYLOADS = ["<script>alert(1)</script>", '<img src=x onerror="alert(1)">']


def test_html_in_rows_is_escaped():
    doc = Document(title="Verksted <b>", blocks=[
        Paragraph(PAYLOADS[0]), Bullets([PAYLOADS[1]]), Table(headers=["Idé"], rows=[[PAYLOADS[0] + "\n" + PAYLOADS[1]]]),
    ])
    md = render_markdown(doc)
    assert "<script" not in md and "<img" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in md
    assert "&lt;img src=x onerror=\"alert(1)\"&gt;" in md
    assert "<br>" in md  # the report's own line breaks in table cells stay
