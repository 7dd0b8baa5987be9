"""Reports as an Excel workbook (openpyxl): an About sheet, then one sheet per report.

Every sheet's first row states whether the figures are internal (exact) or de-identified, so a sheet copied into
another workbook keeps its label. Suppressed cells keep their marks ("<10", "[c]") as text.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from hbf_desktop.domain.vocabularies import label
from hbf_desktop.reports import output
from hbf_desktop.reports.disclosure import DisclosureRules, JsonValue
from hbf_desktop.reports.measures import ReportSet

_BOLD = Font(bold=True)


def to_xlsx(report_set: ReportSet, rules: DisclosureRules | None) -> bytes:
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = "About"
    _banner(about, report_set, rules)
    about.append(["Each sheet is one standard report; definitions in docs/reports.md."])
    for name, measures in output.figures(report_set, rules).items():
        sheet = workbook.create_sheet(label(name)[:31])
        _banner(sheet, report_set, rules)
        for measure, value in measures.items():
            _write_measure(sheet, measure, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _banner(sheet: Worksheet, report_set: ReportSet, rules: DisclosureRules | None) -> None:
    sheet.append([output.notice(rules)])
    scope = f"programme {report_set.programme}" if report_set.programme else "all programmes"
    sheet.append([f"Period: {report_set.period_start} to {report_set.period_end} (end exclusive), {scope}"])
    sheet["A1"].font = _BOLD
    sheet.append([])


def _write_measure(sheet: Worksheet, measure: str, value: JsonValue) -> None:
    if not isinstance(value, dict):
        sheet.append([label(measure), value])
        return
    sheet.append([label(measure)])
    sheet.cell(row=sheet.max_row, column=1).font = _BOLD
    inner = [item for item in value.values() if isinstance(item, dict)]
    if inner:
        columns = list(inner[0])
        sheet.append(["", *(label(column) for column in columns)])
        for row, cells in value.items():
            if isinstance(cells, dict):
                sheet.append([label(row), *(cells.get(column) for column in columns)])
    else:
        for key, cell in value.items():
            sheet.append([label(key), cell])
    sheet.append([])
