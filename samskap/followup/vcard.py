"""vCard 3.0 (RFC 2426) and CSV writers for the network directory. Pure: no Django."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from samskap.core.exports import csv_cell


@dataclass
class Contact:
    name: str
    organisation: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""
    county: str = ""
    organisation_type: str = ""
    fields: list[str] = field(default_factory=list)
    uid: str = ""


def escape(value: str) -> str:
    """Escape a text value: backslash, comma, semicolon and newlines (RFC 2426 § 4)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets; continuation lines start with one space. UTF-8 is never split."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


def split_name(name: str) -> tuple[str, str]:
    """(family, given): the last word is taken as the family name."""
    parts = name.split()
    if len(parts) < 2:
        return name.strip(), ""
    return parts[-1], " ".join(parts[:-1])


def vcard(contact: Contact) -> str:
    family, given = split_name(contact.name)
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{escape(family)};{escape(given)};;;", f"FN:{escape(contact.name)}"]
    if contact.organisation:
        lines.append(f"ORG:{escape(contact.organisation)}")
    if contact.title:
        lines.append(f"TITLE:{escape(contact.title)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{escape(contact.email)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(contact.phone)}")
    if contact.fields:
        lines.append("CATEGORIES:" + ",".join(escape(f) for f in contact.fields))
    if contact.uid:
        lines.append(f"UID:{escape(contact.uid)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def vcards(contacts: Iterable[Contact]) -> str:
    return "".join(vcard(c) for c in contacts)


def contact_row(c: Contact) -> list[str]:
    """A contact's CSV columns: name, organisation, type, county, position, fields, e-mail, phone."""
    return [c.name, c.organisation, c.organisation_type, c.county, c.title, ", ".join(c.fields), c.email, c.phone]


def contacts_csv(contacts: Iterable[Contact], headers: Sequence[str]) -> bytes:
    """CSV (UTF-8 with BOM, for spreadsheet programs): name, organisation, type, county, position, fields,
    e-mail, phone."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for c in contacts:
        writer.writerow([csv_cell(v) for v in contact_row(c)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
