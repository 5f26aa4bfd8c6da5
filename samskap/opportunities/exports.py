"""The catalogue as CSV or XLSX. User text is kept as text (`samskap.core.exports`: no formulas)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import IO, Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from samskap.core.exports import csv_stream, xlsx_file
from samskap.opportunities.models import Opportunity


def header() -> list[str]:
    return [_("Title"), _("Kind"), _("Direction"), _("Organisation"), _("Field"), _("Sector"), _("Place"),
            _("Status"), _("Deadline for sketches"), _("Stipend (NOK)"), _("Expires"), _("Summary"), _("Link")]


def rows(opportunities: Iterable[Opportunity]) -> Iterator[list[Any]]:
    """One row per opportunity, made as it is written (the export streams)."""
    site = settings.SITE_URL
    for o in opportunities:
        yield [o.title, o.kind_label, str(o.get_direction_display()), o.organisation.name,
               str(o.get_field_display()), str(o.get_sector_display()), o.place_display, str(o.get_status_display()),
               o.deadline.isoformat() if o.deadline else "", o.stipend_amount or "",
               o.expires_on.isoformat(), o.summary, site + reverse("opportunities:detail", args=[o.pk])]


def to_csv(opportunities: Iterable[Opportunity]) -> Iterator[bytes]:
    """The catalogue as semicolon CSV (UTF-8 with a byte-order mark, for spreadsheet programs), row by row."""
    return csv_stream(header(), rows(opportunities), delimiter=";", bom=True)


def to_xlsx(opportunities: Iterable[Opportunity]) -> IO[bytes]:
    """The catalogue as an XLSX file written row by row (``samskap.core.exports.xlsx_file``)."""
    return xlsx_file(_("Opportunities"), header(), rows(opportunities))
