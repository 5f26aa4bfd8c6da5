"""The catalogue as CSV or XLSX. User text is kept as text (`samskap.core.exports`: no formulas)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from samskap.core.exports import csv_cell, save_workbook
from samskap.opportunities.models import Opportunity


def header() -> list[str]:
    return [_("Title"), _("Kind"), _("Direction"), _("Organisation"), _("Field"), _("Sector"), _("Place"),
            _("Status"), _("Deadline for sketches"), _("Stipend (NOK)"), _("Expires"), _("Summary"), _("Link")]


def rows(opportunities: Iterable[Opportunity]) -> list[list[Any]]:
    out = []
    for o in opportunities:
        out.append([o.title, o.kind_label, str(o.get_direction_display()), o.organisation.name,
                    str(o.get_field_display()), str(o.get_sector_display()), o.place_display, str(o.get_status_display()),
                    o.deadline.isoformat() if o.deadline else "", o.stipend_amount or "",
                    o.expires_on.isoformat(), o.summary,
                    settings.SITE_URL + reverse("opportunities:detail", args=[o.pk])])
    return out


def to_csv(opportunities: Iterable[Opportunity]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    for row in rows(opportunities):
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


def to_xlsx(opportunities: Iterable[Opportunity]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Opportunities")[:31]
    sheet.append(header())
    for row in rows(opportunities):
        sheet.append(row)
    return save_workbook(workbook)
