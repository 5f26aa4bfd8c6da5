"""A small PDF writer for `document.Document`: A4 pages, Helvetica (WinAnsi), wrapped text and real tables.

Pure Python, no Django and no external programs. Text is laid out with the standard Helvetica metrics
(below); characters outside Windows-1252 are replaced. Tables repeat their header row on every page and
split tall rows across pages.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import zlib
from collections.abc import Callable

from samskap.followup.document import Bullets, Document, Heading, Paragraph, Table

# Advance widths (1/1000 em) of Helvetica and Helvetica-Bold for the bytes 32..255 of Windows-1252,
# from the Adobe Font Metrics shipped with matplotlib (phvr8a.afm, phvb8a.afm).
HELVETICA = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
)
HELVETICA_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
)

PAGE_WIDTH, PAGE_HEIGHT = 595.28, 841.89  # A4 in points
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 56.7, 56.7, 62.0
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
REGULAR, BOLD = "F1", "F2"
WIDTHS = {REGULAR: HELVETICA, BOLD: HELVETICA_BOLD}
REPLACEMENTS = {"\u2011": "-", "\u2010": "-", "\u2212": "-", "\u2192": "->", "\u2264": "<=", "\u2265": ">=",
                "\u00ad": "", "\t": "    "}


def encode(text: str) -> bytes:
    text = unicodedata.normalize("NFC", text)
    for old, new in REPLACEMENTS.items():
        text = text.replace(old, new)
    return text.encode("cp1252", errors="replace")


def text_width(data: bytes, font: str, size: float) -> float:
    table = WIDTHS[font]
    return sum(table[b - 32] if b >= 32 else 0 for b in data) * size / 1000


def wrap(text: str, font: str, size: float, width: float) -> list[bytes]:
    """Greedy word wrap; words longer than the width are broken."""
    lines: list[bytes] = []
    for paragraph in text.replace("\r", "").split("\n"):
        words = encode(paragraph).split(b" ")
        current = b""
        for word in words:
            candidate = word if not current else current + b" " + word
            if text_width(candidate, font, size) <= width:
                current = candidate
                continue
            if current:
                lines.append(current)
            while text_width(word, font, size) > width and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width(word[:cut], font, size) > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            current = word
        lines.append(current)
    return lines or [b""]


def _escape(data: bytes) -> bytes:
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"")


def _pdf_string(text: str) -> bytes:
    """A text string for the document information dictionary (UTF-16BE with BOM)."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode() + b">"


def _num(value: float) -> bytes:
    return (f"{value:.2f}".rstrip("0").rstrip(".") or "0").encode()


class _Layout:
    def __init__(self) -> None:
        self.pages: list[list[bytes]] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        self.pages.append([])
        self.y = PAGE_HEIGHT - MARGIN_TOP

    @property
    def ops(self) -> list[bytes]:
        return self.pages[-1]

    def room(self) -> float:
        return self.y - MARGIN_BOTTOM

    def ensure(self, height: float) -> None:
        if height > self.room() and self.y < PAGE_HEIGHT - MARGIN_TOP - 1:
            self.new_page()

    def text(self, x: float, y: float, data: bytes, font: str, size: float, grey: float = 0.0) -> None:
        colour = _num(grey) + b" g " if grey else b""
        self.ops.append(b"BT " + colour + b"/" + font.encode() + b" " + _num(size) + b" Tf " + _num(x) + b" "
                        + _num(y) + b" Td (" + _escape(data) + b") Tj ET" + (b" 0 g" if grey else b""))

    def rect(self, x: float, y: float, w: float, h: float, fill: float | None = None) -> None:
        if fill is not None:
            self.ops.append(_num(fill) + b" g " + b" ".join(map(_num, (x, y, w, h))) + b" re f 0 g")
        self.ops.append(b"0.5 w " + b" ".join(map(_num, (x, y, w, h))) + b" re S")

    def lines(self, lines: list[bytes], font: str, size: float, leading: float, x: float = MARGIN_X,
              grey: float = 0.0, first_prefix: bytes | None = None, indent: float = 0.0) -> None:
        for i, line in enumerate(lines):
            self.ensure(leading)
            self.y -= leading
            if i == 0 and first_prefix is not None:
                self.text(x, self.y + (leading - size) / 2, first_prefix, font, size, grey)
            self.text(x + indent, self.y + (leading - size) / 2, line, font, size, grey)


HEADING_SIZES = {1: 15.0, 2: 12.5, 3: 11.0}


def _heading(layout: _Layout, block: Heading) -> None:
    size = HEADING_SIZES.get(block.level, 10.5)
    leading = size * 1.25
    lines = wrap(block.text, BOLD, size, CONTENT_WIDTH)
    layout.ensure(leading * len(lines) + size + 40)  # keep with the next lines
    layout.y -= size * 0.6
    layout.lines(lines, BOLD, size, leading)
    layout.y -= 3


def _paragraph(layout: _Layout, block: Paragraph) -> None:
    layout.lines(wrap(block.text, REGULAR, 10, CONTENT_WIDTH), REGULAR, 10, 13, grey=0.3 if block.subtle else 0.0)
    layout.y -= 5


def _bullets(layout: _Layout, block: Bullets) -> None:
    for item in block.items:
        lines = wrap(item, REGULAR, 10, CONTENT_WIDTH - 14)
        layout.lines(lines, REGULAR, 10, 13, first_prefix=encode("\u2022"), indent=14)
        layout.y -= 2
    layout.y -= 4


def _table(layout: _Layout, block: Table) -> None:
    size, leading, pad = 8.5, 10.5, 4.0
    n = len(block.headers)
    weights = block.widths or [1.0] * n
    total = sum(weights)
    widths = [CONTENT_WIDTH * w / total for w in weights]
    xs = [MARGIN_X + sum(widths[:i]) for i in range(n)]

    def cell_lines(values: list[str], font: str) -> list[list[bytes]]:
        return [wrap(v, font, size, w - 2 * pad) for v, w in zip(values, widths, strict=True)]

    header = cell_lines(block.headers, BOLD)
    header_height = max(len(c) for c in header) * leading + 2 * pad

    def draw(cells: list[list[bytes]], font: str, fill: float | None) -> None:
        height = max(len(c) for c in cells) * leading + 2 * pad
        bottom = layout.y - height
        for x, w, lines in zip(xs, widths, cells, strict=True):
            layout.rect(x, bottom, w, height, fill)
            for i, line in enumerate(lines):
                layout.text(x + pad, layout.y - pad - (i + 1) * leading + (leading - size) / 2 + 1, line, font, size)
        layout.y = bottom

    if block.caption:
        cap = wrap(block.caption, BOLD, 10, CONTENT_WIDTH)
        layout.ensure(len(cap) * 13 + header_height + leading * 2 + 2 * pad)
        layout.lines(cap, BOLD, 10, 13)
        layout.y -= 3
    layout.ensure(header_height + leading * 2 + 2 * pad)
    draw(header, BOLD, 0.88)
    for values in block.rows:
        remaining = cell_lines(values, REGULAR)
        while True:
            needed = max(len(c) for c in remaining) * leading + 2 * pad
            if needed <= layout.room():
                draw(remaining, REGULAR, None)
                break
            fit = int((layout.room() - 2 * pad) // leading)
            if fit >= 2:  # split the row: what fits here, the rest on the next page
                draw([c[:fit] for c in remaining], REGULAR, None)
                remaining = [c[fit:] or [b""] for c in remaining]
            layout.new_page()
            draw(header, BOLD, 0.88)
    layout.y -= 10


def render_pdf(doc: Document, *, footer: Callable[[int, int], str] | None = None,
               created: dt.datetime | None = None) -> bytes:
    """Render the document; `footer(page, pages)` gives the text at the foot of each page."""
    layout = _Layout()
    layout.lines(wrap(doc.title, BOLD, 19, CONTENT_WIDTH), BOLD, 19, 24)
    if doc.subtitle:
        layout.y -= 2
        layout.lines(wrap(doc.subtitle, REGULAR, 10.5, CONTENT_WIDTH), REGULAR, 10.5, 14, grey=0.3)
    layout.y -= 8
    for block in doc.blocks:
        if isinstance(block, Heading):
            _heading(layout, block)
        elif isinstance(block, Paragraph):
            _paragraph(layout, block)
        elif isinstance(block, Bullets):
            _bullets(layout, block)
        elif isinstance(block, Table):
            _table(layout, block)
    pages = len(layout.pages)
    for number, ops in enumerate(layout.pages, start=1):
        text = footer(number, pages) if footer else f"{number} / {pages}"
        data = encode(text)
        ops.append(b"BT 0.35 g /F1 8 Tf " + _num(PAGE_WIDTH - MARGIN_X - text_width(data, REGULAR, 8)) + b" "
                   + _num(MARGIN_BOTTOM - 30) + b" Td (" + _escape(data) + b") Tj ET 0 g")
        title = encode(doc.title)
        ops.append(b"BT 0.35 g /F1 8 Tf " + _num(MARGIN_X) + b" " + _num(MARGIN_BOTTOM - 30) + b" Td ("
                   + _escape(title[:90]) + b") Tj ET 0 g")
    return _serialise(doc, layout.pages, created or dt.datetime.now(dt.UTC))


def _serialise(doc: Document, pages: list[list[bytes]], created: dt.datetime) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    stamp = created.strftime("D:%Y%m%d%H%M%SZ").encode()
    info = add(b"<< /Title " + _pdf_string(doc.title) + b" /Producer (Samskap) /Creator (Samskap) /CreationDate ("
               + stamp + b") >>")
    kids = []
    for ops in pages:
        stream = zlib.compress(b"\n".join(ops))
        content = add(b"<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream\n" + stream
                      + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent " + str(pages_obj).encode() + b" 0 R /MediaBox [0 0 "
                        + _num(PAGE_WIDTH) + b" " + _num(PAGE_HEIGHT) + b"] /Resources << /Font << /F1 3 0 R "
                        b"/F2 4 0 R >> >> /Contents " + str(content).encode() + b" 0 R >>"))
    objects[pages_obj - 1] = (b"<< /Type /Pages /Count " + str(len(kids)).encode() + b" /Kids ["
                              + b" ".join(str(k).encode() + b" 0 R" for k in kids) + b"] >>")
    objects[catalog - 1] = (b"<< /Type /Catalog /Pages " + str(pages_obj).encode() + b" 0 R /Lang ("
                            + doc.language.encode("ascii", "replace") + b") /ViewerPreferences "
                            b"<< /DisplayDocTitle true >> >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += str(number).encode() + b" 0 obj\n" + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 " + str(len(objects) + 1).encode() + b"\n0000000000 65535 f \n"
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (b"trailer\n<< /Size " + str(len(objects) + 1).encode() + b" /Root " + str(catalog).encode()
            + b" 0 R /Info " + str(info).encode() + b" 0 R >>\nstartxref\n" + str(xref).encode() + b"\n%%EOF\n")
    return bytes(out)
