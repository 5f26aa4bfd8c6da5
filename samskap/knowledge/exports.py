"""Excel export of barometer results (anonymised: groups under the threshold are hidden)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from samskap.core.exports import save_workbook
from samskap.knowledge import barometer, results
from samskap.knowledge.models import Survey


def _bold_header(ws: Worksheet, row: int = 1) -> None:
    for cell in ws[row]:
        cell.font = Font(bold=True)


def _widths(ws: Worksheet) -> None:
    for column in ws.columns:
        width = max(len(str(c.value or "")) for c in column)
        ws.column_dimensions[column[0].column_letter].width = min(70, max(10, width + 2))


def results_xlsx(survey: Survey) -> bytes:
    wb = Workbook()
    about = wb.active
    about.title = _("About")[:31]
    about.append([_("Survey"), survey.title])
    about.append([_("Year"), survey.year])
    about.append([_("Scale"), f"1–{survey.scale}"])
    about.append([_("Scale explained"), results.scale_text(survey.scale)])
    threshold = barometer.THRESHOLD
    about.append([_("Anonymity"), _("Groups with fewer than %(n)d answers are hidden.") % {"n": threshold}])
    about.append([_("Answers"), survey.responses.count()])
    for row in about.iter_rows(max_col=1):
        row[0].font = Font(bold=True)
    labels = results.grouping_labels()
    for by in ("all", *results.GROUPINGS):
        res = results.compute(survey, by)
        ws = wb.create_sheet(str(labels[by])[:31])
        ws.append([_("Scale"), f"1–{res.scale}"])
        groups = res.result.visible
        ws.append([_("Item"), _("Category"), *[(g.key or _("All")) + f" (n={g.n})" for g in groups]])
        _bold_header(ws, 2)
        for item in res.items:
            ws.append([item.text, res.category_labels.get(item.category, item.category),
                       *[round(m, 2) if (m := g.means.get(item.code)) is not None else None for g in groups]])
        ws.append([])
        for c in res.result.categories:
            ws.append([_("Mean: %(category)s") % {"category": res.category_labels.get(c, c)}, "",
                       *[round(m, 2) if (m := g.category_means.get(c)) is not None else None for g in groups]])
        if res.result.hidden:
            ws.append([])
            ws.append([_("Hidden: fewer than %(n)d answers") % {"n": threshold},
                       ", ".join(g.key for g in res.result.hidden)])
        _widths(ws)
    if len(survey.rounds()) > 1:
        for by in ("all", *results.GROUPINGS):
            res = results.compute(survey, by)
            table = results.rounds_table(res)
            ws = wb.create_sheet((_("Over time") + " – " + str(labels[by]))[:31])
            ws.append([_("Scale"), f"1–{res.scale}"])
            ws.append([str(labels[by]), *table["header"], _("Change over the rounds")])
            _bold_header(ws, 2)
            for row in table["rows"]:
                ws.append([row["key"], *row["cells"], row["change"]])
            _widths(ws)
    return save_workbook(wb)
