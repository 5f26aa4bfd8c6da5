"""Excel export of a call's answers."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from samskap.core.exports import save_workbook
from samskap.needs.models import Call, NeedStatus


def call_answers_xlsx(call: Call) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Answers")[:31]
    headers = [_("Municipality"), _("County"), _("Title"), _("Description"), _("Why it matters"),
               _("Who is affected"), _("Sector"), _("Desired outcome"), _("Language"), _("Status"), _("Submitted")]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    answers = (call.needs.exclude(status=NeedStatus.DRAFT).select_related("municipality", "municipality__county")
               .order_by("municipality__name", "created_at"))
    for need in answers:
        ws.append([
            need.municipality.name, need.municipality.county.name, need.title, need.description,
            need.why_it_matters, need.who_is_affected, str(need.get_sector_display()), need.desired_outcome,
            need.language, str(need.get_status_display()),
            timezone.localtime(need.created_at).replace(tzinfo=None),
        ])
    silent = wb.create_sheet(_("Not answered")[:31])
    silent.append([_("Municipality number"), _("Municipality")])
    for m in call.silent_municipalities():
        silent.append([m.code, m.name])
    for sheet in (ws, silent):
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(12, width + 2))
    return save_workbook(wb)
