"""Import, export and backup in the background: a dialog with a progress bar and a cancel button.

The work runs on its own thread and connection (StoreSession.long_work); the core functions report progress through
plain callbacks and check a cancel flag between steps, and roll back (import) or leave no file (export, backup) when
cancelled. The dialog only shows; closing it cancels. What the numbers count (records, bytes) is the caller's to say:
the core reports plain integers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hbf_desktop.store.store import Store
from hbf_desktop.ui.session import Progress, StoreSession


def _tr(text: str) -> str:
    """Results are worded on the worker thread; QCoreApplication.translate is safe to call from any thread."""
    return QCoreApplication.translate("LongWork", text)


LongWork = Callable[[Store, Progress, Callable[[], bool]], str]
ProgressText = Callable[[int, int], str]

# QProgressBar holds an int32: a backup of a few GB counted in bytes would overflow it, so the bar counts in steps.
_BAR_STEPS = 10_000
_ESTIMATE_AFTER_SECONDS = 2.0


def count_progress(done: int, total: int) -> str:
    locale = QLocale()
    return _tr("{done} of {total}").format(done=locale.toString(done), total=locale.toString(total))


def record_progress(done: int, total: int) -> str:
    locale = QLocale()
    return _tr("{done} of {total} records").format(done=locale.toString(done), total=locale.toString(total))


def byte_progress(done: int, total: int) -> str:
    """Both figures in the unit that suits the total ("12 of 340 MB"), decimal as file managers show sizes."""
    locale = QLocale()
    unit = next((size for size in (1_000_000_000, 1_000_000) if total >= size), 1_000)
    decimals = 1 if total / unit < 10 else 0
    figures = {name: locale.toString(value / unit, "f", decimals) for name, value in (("done", done), ("total", total))}
    if unit == 1_000_000_000:
        return _tr("{done} of {total} GB").format(**figures)
    if unit == 1_000_000:
        return _tr("{done} of {total} MB").format(**figures)
    return _tr("{done} of {total} KB").format(**figures)


class LongWorkDialog(QDialog):
    def __init__(
        self, title: str, parent: QWidget | None = None, *, progress_text: ProgressText = count_progress
    ) -> None:
        super().__init__(parent)
        self._progress_text = progress_text
        self.setWindowTitle(title)
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.label = QLabel(self.tr("Working…"), wordWrap=True)
        self.label.setAccessibleName(self.tr("Progress message"))
        self.bar = QProgressBar(minimum=0, maximum=0)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.bar.setTextVisible(False)  # the bar's own percentage would be of steps, not of what is counted
        self.detail = QLabel()
        self.detail.setAccessibleName(self.tr("Progress detail"))
        self.cancel = QPushButton(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.tr("Cancel"))
        for widget in (self.label, self.bar, self.detail, self.cancel):
            layout.addWidget(widget)
        self.resize(420, 140)
        self._event: threading.Event | None = None
        self._started = time.monotonic()
        self.finished_text: str | None = None
        self.cancel.clicked.connect(self._cancel)

    def start(self, session: StoreSession, work: LongWork) -> None:
        self._started = time.monotonic()
        self._event = session.long_work(work, self._progress, self._done, self._failed)
        self.open()

    def _progress(self, done: int, total: int) -> None:
        if self._event is None:
            return  # a late report after the end must not overwrite the result
        steps = min(max(total, 1), _BAR_STEPS)
        self.bar.setMaximum(steps)
        self.bar.setValue(done * steps // max(total, 1))
        text = self._progress_text(done, total)
        elapsed = time.monotonic() - self._started
        if 0 < done < total and elapsed >= _ESTIMATE_AFTER_SECONDS:
            text += " · " + self._estimate(elapsed * (total - done) / done)
        self.detail.setText(text)

    def _estimate(self, seconds: float) -> str:
        if seconds < 60:
            return self.tr("about {n} s left").format(n=max(1, round(seconds)))
        return self.tr("about {n} min left").format(n=round(seconds / 60))

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
        self.cancel.setEnabled(True)  # disabled while cancelling; it must close the dialog once the work stopped
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

        count = export_records(
            store, path, file_format="jsonl", include_identity=False, cancelled=cancelled, progress=progress
        )
        return _tr("Exported {n} records, without identities.").format(n=count)

    return work


def backup_work(path: Path) -> LongWork:
    def work(store: Store, progress: Progress, cancelled: Callable[[], bool]) -> str:
        from hbf_desktop.store.backup import write_backup

        size = write_backup(store, path, progress=progress, cancelled=cancelled)
        return _tr("Backup written ({kib} KiB, encrypted).").format(kib=size // 1024)

    return work
