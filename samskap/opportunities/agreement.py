"""A simple collaboration agreement (samarbeidsavtale) as DOCX, filled in from the agreement record.

The template is the one science shops use: the parties, what the work is about, the period and the
start-up meeting, supervision and contact, what the host provides, data and ethics, results and
presentation, and signatures. The document is a starting point that the parties adjust and sign.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from django.utils.translation import gettext as _
from docx import Document

from samskap.opportunities.models import Agreement

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    """User text without the control characters XML (and so DOCX) cannot hold."""
    return _CONTROL.sub("", text)


def _date(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else "–"


def agreement_docx(agreement: Agreement) -> bytes:
    sketch = agreement.sketch
    opportunity = sketch.opportunity
    doc = Document()

    def para(text: str, style: str | None = None) -> None:
        doc.add_paragraph(_clean(text), style=style)

    doc.core_properties.title = _clean(_("Collaboration agreement: %(title)s") % {"title": opportunity.title})[:250]
    doc.core_properties.language = opportunity.language
    doc.add_heading(_("Collaboration agreement"), level=0)
    para(opportunity.title)

    doc.add_heading(_("1. Parties"), level=1)
    for party in agreement.party_list:
        para(party, style="List Bullet")

    doc.add_heading(_("2. What the cooperation is about"), level=1)
    para(f"{opportunity.kind_label}: {opportunity.summary}")
    if opportunity.problem:
        para(opportunity.problem)
    para(_("Sketch by %(name)s:") % {"name": sketch.sender_name})
    para(sketch.text)

    doc.add_heading(_("3. Period and start-up meeting"), level=1)
    para(_("From %(start)s to %(end)s.") % {"start": _date(agreement.start_date),
                                                         "end": _date(agreement.end_date)})
    para(_("Start-up meeting: %(date)s.") % {"date": _date(agreement.startup_meeting)})

    doc.add_heading(_("4. Supervision and contact"), level=1)
    para(_("Supervisor: %(name)s") % {"name": agreement.supervisor or "–"})
    contact = opportunity.public_contact or opportunity.contact
    para(_("Contact at %(organisation)s: %(name)s") % {
        "organisation": opportunity.organisation.name, "name": contact.name if contact else "–"})

    doc.add_heading(_("5. What the host provides"), level=1)
    provides = opportunity.provides()
    para(", ".join(provides) if provides else "–")

    doc.add_heading(_("6. Data, privacy and ethics"), level=1)
    para(opportunity.ethics or _("The parties agree on access to data and on any approvals "
                                              "(e.g. Sikt or REK) before data are collected."))

    doc.add_heading(_("7. Results and presentation"), level=1)
    para(_("The student or researcher owns the thesis or report and may publish it. The results are "
                        "presented to the host organisation when the work is completed."))
    if agreement.terms:
        doc.add_heading(_("8. Other terms"), level=1)
        para(agreement.terms)

    doc.add_heading(_("Signatures"), level=1)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    cells = table.rows[0].cells
    cells[0].text, cells[1].text, cells[2].text = _("Party"), _("Place and date"), _("Signature")
    for party in agreement.party_list:
        row = table.add_row().cells
        row[0].text = _clean(party)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
