"""Import: pull, verify and merge the team's batches from the server in the background, then the import report.

The round runs on the long-work thread with its own connection (`StoreSession.long_work`). Cancel stops it before
the next download page is merged (`sync.import_report`), so nothing is half applied; the next import resumes from the
stored cursor and its report still covers the cancelled attempt (the view keeps the first attempt's mark).
Batches that came by USB instead are taken in from Settings ("Take in a USB bundle…" here goes there).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hbf_desktop.store.store import Store
from hbf_desktop.sync.import_report import ImportMark, ImportReport
from hbf_desktop.ui.labels import counted, when
from hbf_desktop.ui.session import Progress, StoreSession
from hbf_desktop.ui.signals import emit
from hbf_desktop.ui.supervisor.tables import fill, kind_label, make_table, short_device


class ImportView(QWidget):
    imported = Signal(object)  # the ImportReport, for the other supervisor views to refresh
    bundle_wanted = Signal()  # "Take in a USB bundle…": Settings' bundle chooser does it

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._cancel: threading.Event | None = None
        self._mark: ImportMark | None = None
        self.report: ImportReport | None = None
        self.start_button = QPushButton(self.tr("&Import from the server"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.bundle_button = QPushButton(self.tr("Take in a USB &bundle…"))
        self.bundle_button.setAccessibleName(self.tr("Take in a USB bundle"))
        self.bundle_button.clicked.connect(lambda: emit(self.bundle_wanted))
        self.bar = QProgressBar(minimum=0, maximum=1)
        self.status = QLabel(self.tr("Bring in what the team has synced since the last import."), wordWrap=True)
        for widget, name in ((self.start_button, self.tr("Import from the server")),
                             (self.cancel_button, self.tr("Cancel import")), (self.bar, self.tr("Import progress")),
                             (self.status, self.tr("Import status"))):  # fmt: skip
            widget.setAccessibleName(name)
        self.summary = QLabel(wordWrap=True)
        self.records = make_table([self.tr("Kind of record"), self.tr("New"), self.tr("Updated")], self.tr("Records"))
        self.devices = make_table(
            [self.tr("Worker"), self.tr("Device"), self.tr("Changes received"), self.tr("Gaps"), self.tr("Refused"),
             self.tr("Revoked")], self.tr("Devices"),
        )  # fmt: skip
        self.set_aside = make_table(
            [self.tr("Worker"), self.tr("Device"), self.tr("Batch"), self.tr("State"), self.tr("Reason")],
            self.tr("Batches set aside"),
        )
        self._layout()
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        for widget in (self.start_button, self.bar, self.cancel_button, self.bundle_button):
            row.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.summary)
        columns = QHBoxLayout()
        for title, table in ((self.tr("New and updated records"), self.records),
                             (self.tr("Per worker device"), self.devices)):  # fmt: skip
            columns.addWidget(_boxed(title, table))
        layout.addLayout(columns, 2)
        layout.addWidget(_boxed(self.tr("Batches set aside (gaps, forks, refused)"), self.set_aside), 1)

    def start(self) -> None:
        if self._cancel is not None:
            return
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.bar.setMaximum(0)  # busy until the first count arrives
        self.status.setText(self.tr("Importing: contacting the server…"))
        self._cancel = self._session.long_work(_import_work(self._mark), self._progress, self._done, self._failed)

    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel_button.setEnabled(False)
            self.status.setText(self.tr("Cancelling; nothing will be left half applied…"))

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 0))
        self.bar.setValue(done)
        self.status.setText(self.tr("Importing: {n} batches so far…").format(n=f"{done:,}"))

    def _done(self, answer: tuple[ImportMark, ImportReport]) -> None:
        mark, report = answer
        self._finish()
        self._mark = mark if report.cancelled else None
        self.show_report(report)
        if report.cancelled:
            self.status.setText(self.tr("Import cancelled. Nothing was half applied; import again to resume."))
        else:
            self.status.setText(self.tr("Import finished."))
        emit(self.imported, report)

    def _failed(self, error: Exception) -> None:
        self._finish()
        self.status.setText(self.tr("The import stopped: {reason}").format(reason=error))

    def _finish(self) -> None:
        self._cancel = None
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.bundle_button = QPushButton(self.tr("Take in a USB &bundle…"))
        self.bundle_button.setAccessibleName(self.tr("Take in a USB bundle"))
        self.bundle_button.clicked.connect(lambda: emit(self.bundle_wanted))
        self.bar.setMaximum(1)
        self.bar.setValue(1)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        kinds = sorted(set(report.new_by_kind) | set(report.updated_by_kind), key=kind_label)
        fill(self.records, [(kind_label(k), report.new_by_kind.get(k, 0), report.updated_by_kind.get(k, 0))
                            for k in kinds])  # fmt: skip
        workers = [d for d in report.devices if d.role == "worker"]
        fill(self.devices, [(d.user, short_device(d.device_id), d.changes_received, d.gaps, d.rejected,
                             when(d.revoked_at) or self.tr("no")) for d in workers])  # fmt: skip
        fill(self.set_aside, [(s.user, short_device(s.device_id), s.sequence, s.status, s.reason)
                              for s in report.set_aside])  # fmt: skip
        new, updated = sum(report.new_by_kind.values()), sum(report.updated_by_kind.values())
        self.summary.setText(
            " ".join((
                counted(self.tr("1 new record,"), self.tr("{n} new records,"), new),
                counted(self.tr("1 updated;"), self.tr("{n} updated;"), updated),
                counted(self.tr("1 new conflict"), self.tr("{n} new conflicts"), report.new_conflicts),
                self.tr("({n} waiting for review);").format(n=f"{report.open_conflicts:,}"),
                counted(self.tr("1 batch set aside."), self.tr("{n} batches set aside."), len(report.set_aside)),
            ))
        )  # fmt: skip

    def clear(self) -> None:
        """On lock: cancel and forget everything shown."""
        if self._cancel is not None:
            self._cancel.set()
        self._finish()
        self.report = None
        self.summary.setText("")
        for table in (self.records, self.devices, self.set_aside):
            fill(table, [])


def _boxed(title: str, widget: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    QVBoxLayout(box).addWidget(widget)
    return box


ImportWork = Callable[[Store, Progress, Callable[[], bool]], tuple[ImportMark, ImportReport]]


def _import_work(since: ImportMark | None) -> ImportWork:
    def work(store: Store, progress: Progress, cancelled: Callable[[], bool]) -> tuple[ImportMark, ImportReport]:
        from hbf_desktop.sync.import_report import mark, run_import
        from hbf_desktop.sync.rounds import client_for

        start = since or mark(store.connection)
        return start, run_import(store, client_for(store), progress, cancelled, since=start)

    return work
