"""Hostile and broken files for importer tests: XLSX bombs, billion laughs, truncated and sheet-less workbooks.

Each builder returns bytes; they are made in memory (the largest takes a fraction of a second).
"""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl

BILLION_LAUGHS_DTD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
              for i in range(1, 10))
    + "]>\n"
)


def workbook(rows: list[list[object]], *, title: str = "Ark1") -> bytes:
    """A small, valid workbook with ``rows`` in its first sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rewrite(data: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The workbook ``data`` with some members replaced (None: removed) or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename in changes:
                continue
            dst.writestr(info, src.read(info))
        for name, content in changes.items():
            if content is not None:
                dst.writestr(name, content)
    return out.getvalue()


def far_cell(rows: list[list[object]] | None = None) -> bytes:
    """A few kilobytes: one cell at XFD1048576 (the last cell a sheet can have), after ``rows``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    for row in rows or []:
        ws.append(row)
    ws["XFD1048576"] = "x"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def deflate_bomb(rows: list[list[object]], *, unpacked_mb: int = 60) -> bytes:
    """A valid workbook plus a member of ``unpacked_mb`` MB of zeros that deflates to a few dozen KB."""
    base = workbook(rows)
    out = io.BytesIO(base)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("xl/media/padding.bin", "w", force_zip64=True) as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                handle.write(chunk)
    return out.getvalue()


def ratio_bomb(rows: list[list[object]]) -> bytes:
    """Under the size cap, but a sheet part compressed over a thousand times (a typical bomb ratio)."""
    base = workbook(rows)
    return rewrite(base, {"xl/media/zeros.bin": b"\0" * (5 * 1024 * 1024)})


def billion_laughs(rows: list[list[object]]) -> bytes:
    """The first sheet's shared strings declare nested entities (the "billion laughs" attack)."""
    base = workbook(rows)
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        names = zf.namelist()
        target = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/worksheets/sheet1.xml"
        xml = zf.read(target).decode("utf-8")
    body = re.sub(r"^<\?xml[^>]*\?>\s*", "", xml)
    body = body.replace("</t>", "&lol9;</t>", 1) if "</t>" in body else body
    return rewrite(base, {target: (BILLION_LAUGHS_DTD + body).encode("utf-8")})


def truncated(rows: list[list[object]]) -> bytes:
    """A workbook cut off half-way (an interrupted upload)."""
    data = workbook(rows)
    return data[: len(data) // 2]


def truncated_sheet(rows: list[list[object]]) -> bytes:
    """A complete archive whose sheet XML stops in the middle of a tag."""
    base = workbook(rows)
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    return rewrite(base, {"xl/worksheets/sheet1.xml": xml[: len(xml) // 2]})


def no_sheets(rows: list[list[object]]) -> bytes:
    """A workbook whose workbook.xml lists no sheets."""
    base = workbook(rows)
    with zipfile.ZipFile(io.BytesIO(base)) as zf:
        xml = zf.read("xl/workbook.xml").decode("utf-8")
    xml = re.sub(r"<sheets>.*?</sheets>", "<sheets/>", xml, flags=re.DOTALL)
    return rewrite(base, {"xl/workbook.xml": xml.encode("utf-8")})


def missing_sheet_part(rows: list[list[object]]) -> bytes:
    """workbook.xml names a sheet whose XML part is missing."""
    return rewrite(workbook(rows), {"xl/worksheets/sheet1.xml": None})
