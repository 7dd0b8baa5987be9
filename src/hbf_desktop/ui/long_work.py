"""Import, export and backup in the background: a dialog with a progress bar and a cancel button.

The work runs on its own thread and connection (StoreSession.long_work); the core functions report progress through
plain callbacks and check a cancel flag between steps, and roll back (import) or leave no file (export) when
cancelled. The dialog only shows; closing it cancels.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hbf_desktop.store.store import Store
from hbf_desktop.ui.session import Progress, StoreSession


def _tr(text: str) -> str:
    """Results are worded on the worker thread; QCoreApplication.translate is safe to call from any thread."""
    return QCoreApplication.translate("LongWork", text)


LongWork = Callable[[Store, Progress, Callable[[], bool]], str]


class LongWorkDialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.label = QLabel(self.tr("Working…"), wordWrap=True)
        self.label.setAccessibleName(self.tr("Progress message"))
        self.bar = QProgressBar(minimum=0, maximum=0)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.tr("Cancel"))
        for widget in (self.label, self.bar, self.cancel):
            layout.addWidget(widget)
        self.resize(420, 140)
        self._event: threading.Event | None = None
        self.finished_text: str | None = None
        self.cancel.clicked.connect(self._cancel)

    def start(self, session: StoreSession, work: LongWork) -> None:
        self._event = session.long_work(work, self._progress, self._done, self._failed)
        self.open()

    def _progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)
        self.label.setText(self.tr("{done} of {total}").format(done=done, total=total))

    def _done(self, text: Any) -> None:
        self.finished_text = str(text)
        self._close_with(str(text))

    def _failed(self, error: Exception) -> None:
        self.finished_text = str(error)
        self._close_with(str(error))

    def _close_with(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setMaximum(1)
        self.bar.setValue(1)
        self.cancel.setText(self.tr("Close"))
        self._event = None

    def _cancel(self) -> None:
        if self._event is not None:
            self._event.set()
            self.label.setText(self.tr("Cancelling; nothing will be left half done…"))
            self.cancel.setEnabled(False)
        else:
            self.accept()

    def reject(self) -> None:
        if self._event is not None:
            self._cancel()
            return
        super().reject()


def import_work(path: Path) -> LongWork:
    def work(store: Store, progress: Progress, cancelled: Callable[[], bool]) -> str:
        from hbf_desktop.domain.interchange import read_jsonl
        from hbf_desktop.store.importing import ImportRefusedError, import_records

        with open(path, "rb") as stream:
            result = read_jsonl(stream)
        if result.problems:
            raise ImportRefusedError(result.problems)
        report = import_records(store, result.records, progress=progress, cancelled=cancelled)
        return _tr("Imported {n} records.").format(n=report.total)

    return work


def export_work(path: Path) -> LongWork:
    def work(store: Store, progress: Progress, cancelled: Callable[[], bool]) -> str:
        from hbf_desktop.store.exporting import export_records

        count = export_records(store, path, file_format="jsonl", include_identity=False, cancelled=cancelled)
        return _tr("Exported {n} records, without identities.").format(n=count)

    return work


def backup_work(path: Path) -> LongWork:
    def work(store: Store, progress: Progress, cancelled: Callable[[], bool]) -> str:
        from hbf_desktop.store.backup import write_backup

        size = write_backup(store, path)
        return _tr("Backup written ({kib} KiB, encrypted).").format(kib=size // 1024)

    return work
