"""A tiny document model (headings, paragraphs, bullet lists, tables) and its Markdown and DOCX renderers.

Pure: no Django. `report.py` builds a Document from the database; `pdfwriter.py` renders it as PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, cast


@dataclass
class Heading:
    text: str
    level: int = 1


@dataclass
class Paragraph:
    text: str
    subtle: bool = False


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    caption: str = ""
    widths: list[float] | None = None  # relative column widths


Block = Heading | Paragraph | Bullets | Table


@dataclass
class Document:
    title: str
    language: str = "nb"
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)


# --- Markdown --------------------------------------------------------------------------------------------------

def _md_inline(text: str) -> str:
    """User text as literal Markdown: emphasis and code marks escaped, and HTML escaped as entities so a
    Markdown renderer never passes ``<script>`` or ``<img onerror>`` through."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")


def _md_cell(text: str) -> str:
    lines = [_md_inline(line.strip()) for line in text.replace("\r", "").split("\n")]
    return "<br>".join(line for line in lines if line).replace("|", "\\|")


def render_markdown(doc: Document) -> str:
    out = [f"# {_md_inline(doc.title)}", ""]
    if doc.subtitle:
        out += [_md_inline(doc.subtitle), ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * min(6, block.level + 1) + " " + _md_inline(block.text), ""]
        elif isinstance(block, Paragraph):
            text = _md_inline(block.text)
            out += [f"*{text}*" if block.subtle else text, ""]
        elif isinstance(block, Bullets):
            for item in block.items:
                lines = item.split("\n")
                out.append("- " + _md_inline(lines[0]))
                out += ["  " + _md_inline(line) for line in lines[1:]]
            out.append("")
        elif isinstance(block, Table):
            if block.caption:
                out += [f"**{_md_inline(block.caption)}**", ""]
            out.append("| " + " | ".join(_md_cell(h) for h in block.headers) + " |")
            out.append("|" + "|".join(" --- " for _h in block.headers) + "|")
            for row in block.rows:
                out.append("| " + " | ".join(_md_cell(c) for c in row) + " |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- DOCX ------------------------------------------------------------------------------------------------------

def _docx_language(document: Any, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tag = {"nb": "nb-NO", "nn": "nn-NO", "en": "en-GB"}.get(language, language)
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    if rpr_default is None:
        return
    rpr = rpr_default.find(qn("w:rPrDefault"))
    if rpr is None:
        return
    rpr = rpr.find(qn("w:rPr"))
    if rpr is None:
        return
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cell_text(cell: Any, text: str, bold: bool = False) -> None:
    paragraphs = [p for p in text.replace("\r", "").split("\n")] or [""]
    first = cell.paragraphs[0]
    for i, line in enumerate(paragraphs):
        para = first if i == 0 else cell.add_paragraph()
        run = para.add_run(line)
        run.bold = bold


def render_docx(doc: Document) -> bytes:
    from docx import Document as DocxDocument
    from docx.shared import Cm, Length, Pt

    document = DocxDocument()
    section = document.sections[0]
    section.left_margin = section.right_margin = Cm(2)
    document.core_properties.title = doc.title
    document.core_properties.language = doc.language
    document.core_properties.author = "Samskap"
    _docx_language(document, doc.language)
    document.styles["Normal"].font.size = Pt(10)
    document.add_heading(doc.title, level=0)
    if doc.subtitle:
        document.add_paragraph(doc.subtitle)
    # the default template always defines the page size
    usable = cast(Length, section.page_width) - section.left_margin - section.right_margin
    for block in doc.blocks:
        if isinstance(block, Heading):
            document.add_heading(block.text, level=min(block.level, 4))
        elif isinstance(block, Paragraph):
            para = document.add_paragraph()
            run = para.add_run(block.text)
            run.italic = block.subtle
        elif isinstance(block, Bullets):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            if block.caption:
                document.add_paragraph(block.caption, style="Caption")
            table = document.add_table(rows=1, cols=len(block.headers))
            table.style = "Table Grid"
            for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
                _cell_text(cell, header, bold=True)
            _repeat_header(table.rows[0])
            for values in block.rows:
                cells = table.add_row().cells
                for cell, value in zip(cells, values, strict=True):
                    _cell_text(cell, value)
            if block.widths:
                total = sum(block.widths)
                for i, column in enumerate(table.columns):
                    width = int(usable * block.widths[i] / total)
                    for cell in column.cells:
                        cell.width = width
            document.add_paragraph()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
