"""Reports: any period (two date pickers and presets), each standard report as a table with its chart beside it,
internal or de-identified, and export to CSV, XLSX and PDF in the background.

The figures are computed on the store thread (`reports.standard.run_reports`) and the charts are the reports
package's own matplotlib figures (`reports.charts.report_pages`, object API, no pyplot), shown in a
`FigureCanvasQTAgg`; so the screen, the PDF and the CLI show the same numbers. Every page and file states whether it
is internal (exact) or de-identified: the banner above the tabs here, the first line of every export there.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.store.store import Store
from hbf_desktop.ui.file_dialogs import choose_file_to_save
from hbf_desktop.ui.labels import QT_TRANSLATE_NOOP
from hbf_desktop.ui.labels import tr as vocabulary
from hbf_desktop.ui.session import Progress, StoreSession
from hbf_desktop.ui.supervisor.periods import PRESETS, preset
from hbf_desktop.ui.supervisor.tables import fill, make_table

PRESET_LABELS = {
    "this_month": QT_TRANSLATE_NOOP("ReportsView", "This month"),
    "last_quarter": QT_TRANSLATE_NOOP("ReportsView", "Last quarter"),
    "last_financial_year": QT_TRANSLATE_NOOP("ReportsView", "Last financial year (April to March)"),
    "last_calendar_year": QT_TRANSLATE_NOOP("ReportsView", "Last calendar year"),
}
FORMATS = ("csv", "xlsx", "pdf")
PAGE_DPI = 64  # an A4 page is then 529 x 748 pixels: beside its table in a 1100-pixel window


class ReportsView(QWidget):
    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._export: threading.Event | None = None
        self.choose_path: Callable[[str, str], Path | None] = self._ask_path
        self.pages: dict[str, object] = {}  # report name -> the shown figure (for tests and screenshots)
        self.preset = QComboBox()
        self.preset.setAccessibleName(self.tr("Period preset"))
        for name in PRESETS:
            self.preset.addItem(self.tr(PRESET_LABELS[name]), name)
        self.start, self.end = QDateEdit(), QDateEdit()
        for picker in (self.start, self.end):
            picker.setCalendarPopup(True)
            picker.setDisplayFormat("yyyy-MM-dd")
        self.start.setAccessibleName(self.tr("From (first day)"))
        self.end.setAccessibleName(self.tr("To (not included)"))
        self.deidentified = QCheckBox(self.tr("&De-identified (disclosure control applied)"))
        self.show_button = QPushButton(self.tr("&Show figures"))
        self.export_buttons = {fmt: QPushButton(self.tr("Export {fmt}…").format(fmt=fmt.upper())) for fmt in FORMATS}
        self.banner = QLabel(wordWrap=True)
        self.banner.setAccessibleName(self.tr("Classification"))
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Reports message"))
        self.tabs = QTabWidget()
        self._layout()
        self.preset.activated.connect(lambda _: self.apply_preset(str(self.preset.currentData())))
        self.show_button.clicked.connect(self.compute)
        self.deidentified.toggled.connect(lambda _: self.compute())
        for fmt, button in self.export_buttons.items():
            button.clicked.connect(lambda _=False, chosen=fmt: self._export_clicked(chosen))
        self.apply_preset("last_calendar_year")

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for widget in (self.preset, QLabel(self.tr("From")), self.start, QLabel(self.tr("to")), self.end,
                       self.show_button):  # fmt: skip
            row.addWidget(widget)
        row.addStretch()
        layout.addLayout(row)
        exports = QHBoxLayout()  # a row of its own: one row was wider than a small screen at 150 %
        exports.addWidget(self.deidentified)
        for button in self.export_buttons.values():
            exports.addWidget(button)
        exports.addWidget(self.message, 1)
        layout.addLayout(exports)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def apply_preset(self, name: str) -> None:
        first, last = preset(name, datetime.now(UTC).date())
        self.preset.setCurrentIndex(PRESETS.index(name))
        self.start.setDate(QDate(first.year, first.month, first.day))
        self.end.setDate(QDate(last.year, last.month, last.day))

    def period_text(self) -> tuple[str, str]:
        return self.start.date().toString("yyyy-MM-dd"), self.end.date().toString("yyyy-MM-dd")

    def compute(self) -> None:
        start, end = self.period_text()
        threshold, base = self._session.policy.suppression_threshold, self._session.policy.rounding_base
        deidentified = self.deidentified.isChecked()
        self.message.setText(self.tr("Counting…"))
        self._session.call(lambda store: _compute(store, start, end, threshold, base, deidentified), self._show,
                           self._failed)  # fmt: skip

    def _show(self, result: _Computed) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        notice, tables, figures = result
        self.clear_tabs()
        self.banner.setText(notice)
        colour = "#8b0000" if notice.startswith("INTERNAL") else "#1f5f2f"
        self.banner.setStyleSheet(f"color: {colour}; font-weight: bold")
        for name, rows in tables.items():
            table = make_table([self.tr("Measure"), self.tr("Category"), self.tr("Subcategory"), self.tr("Value")],
                               vocabulary(_label(name)))  # fmt: skip
            fill(table, [(vocabulary(_label(r[0])), vocabulary(_label(r[1])), vocabulary(_label(r[2])), r[3])
                         for r in rows])  # fmt: skip
            splitter = QSplitter()
            splitter.addWidget(table)
            splitter.addWidget(_page(FigureCanvasQTAgg, figures[name]))
            splitter.setSizes([330, 560])
            self.pages[name] = figures[name]
            self.tabs.addTab(splitter, vocabulary(_label(name)))
        self.message.setText(self.tr("Figures for {start} to {end} (end not included).").format(
            start=self.period_text()[0], end=self.period_text()[1]))  # fmt: skip

    def _export_clicked(self, file_format: str) -> None:
        kind = "deidentified" if self.deidentified.isChecked() else "internal"
        start, end = self.period_text()
        path = self.choose_path(file_format, f"hbf-report-{kind}-{start}-to-{end}.{file_format}")
        if path is not None:
            self.export(file_format, path)

    def _ask_path(self, file_format: str, suggested: str) -> Path | None:
        filters = f"{file_format.upper()} (*.{file_format})"
        return choose_file_to_save(self, self.tr("Export report"), suggested, filters)

    def export(self, file_format: str, path: Path) -> None:
        """Write the figures in the background; the file's name and first line say internal or de-identified."""
        if self._export is not None:
            return
        start, end = self.period_text()
        policy = self._session.policy
        deidentified = self.deidentified.isChecked()

        def work(store: Store, _progress: Progress, _cancelled: Callable[[], bool]) -> str:
            from hbf_desktop.reports.disclosure import DisclosureRules
            from hbf_desktop.reports.exporting import export_report
            from hbf_desktop.reports.period import Period

            rules = DisclosureRules(policy.suppression_threshold, policy.rounding_base) if deidentified else None
            done = export_report(store, Period.parse(start, end), rules, file_format, path,
                                 threshold=policy.suppression_threshold)  # fmt: skip
            return str(done.path)

        for button in self.export_buttons.values():
            button.setEnabled(False)
        self.message.setText(self.tr("Exporting {fmt}…").format(fmt=file_format.upper()))
        self._export = self._session.long_work(work, lambda *_: None, self._exported, self._export_failed)

    def _exported(self, where: str) -> None:
        self._export_finished()
        self.last_export = Path(where)
        self.message.setText(self.tr("Written: {path}").format(path=where))

    def _export_failed(self, error: Exception) -> None:
        self._export_finished()
        self.message.setText(str(error))

    def _export_finished(self) -> None:
        self._export = None
        for button in self.export_buttons.values():
            button.setEnabled(True)

    def _failed(self, error: Exception) -> None:
        self.message.setText(str(error))

    def clear_tabs(self) -> None:
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if widget is not None:
                widget.deleteLater()
        self.pages = {}

    def clear(self) -> None:
        if self._export is not None:
            self._export.set()
        self.clear_tabs()
        self.banner.setText("")
        self.message.setText("")


def _page(canvas_type: type, figure: object) -> QScrollArea:
    """The report's A4 page as drawn for the PDF, at screen size and scrollable, so its layout is never squeezed."""
    figure.set_dpi(PAGE_DPI)  # type: ignore[attr-defined]
    canvas = canvas_type(figure)
    width, height = figure.get_size_inches()  # type: ignore[attr-defined]
    canvas.setFixedSize(int(width * PAGE_DPI), int(height * PAGE_DPI))
    area = QScrollArea()
    area.setWidget(canvas)
    area.setAccessibleName(QCoreApplication.translate("ReportsView", "Chart"))
    return area


_Computed = tuple[str, dict[str, list[list[str]]], dict[str, object]]


def _compute(store: Store, start: str, end: str, threshold: int, base: int, deidentified: bool) -> _Computed:
    """On the store thread: the figures, their rows per report, and one chart page per report."""
    from hbf_desktop.reports import output
    from hbf_desktop.reports.charts import report_pages
    from hbf_desktop.reports.disclosure import DisclosureRules
    from hbf_desktop.reports.measures import ReportSet
    from hbf_desktop.reports.period import Period
    from hbf_desktop.reports.standard import run_reports

    period = Period.parse(start, end)
    rules = DisclosureRules(threshold, base) if deidentified else None
    if rules is not None:
        period.require_whole_months()
    report_set = run_reports(store.connection, period, threshold=threshold, deidentified=deidentified)
    tables: dict[str, list[list[str]]] = {}
    for row in output.csv_rows(report_set, rules):
        tables.setdefault(row[0], []).append(row[1:])
    figures: dict[str, object] = {}
    for name, report in report_set.reports.items():
        single = ReportSet(report_set.period_start, report_set.period_end, {name: report}, report_set.programme)
        figures[name] = report_pages(single, rules)[0]
    return output.notice(rules), tables, figures


def _label(value: str) -> str:
    from hbf_desktop.domain.vocabularies import label

    return label(value) if value else ""
