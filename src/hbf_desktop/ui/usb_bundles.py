"""USB bundles from the window: "Write bundle for USB…" and "Take in a bundle…" in Settings' sync group.

The same functions as `hbf-desktop sync --export-bundle / --import-bundle` (`sync.bundle`), run on the long-work
thread with its own connection so the window stays responsive while a large bundle is read, checked and merged.
Both are one transaction in the store: a refused bundle changes nothing, and the message says so. The file
choosers are Qt's own (no recent-files trace); the bundle written is sealed batches in a signed file, mode 0600,
so it is safe on a USB stick. There is nothing to cancel halfway: either runs in seconds for a normal week's work,
and stopping one in the middle would only roll its transaction back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hbf_desktop.domain.model import DomainError
from hbf_desktop.ui.file_dialogs import choose_file_to_open, choose_file_to_save
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit

BUNDLE_FILTER = "HBF bundles (*.hbfbundle);;All files (*)"


def holds_directory(store: Any) -> bool:
    """Whether this laptop can write a bundle (one needs the organisation directory: it names the recipients)."""
    from hbf_desktop.sync.identity import held_directory

    return held_directory(store) is not None


class UsbBundles(QWidget):
    done = Signal()  # a bundle was written or taken in: the window refreshes its counts and lists

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.write_button = QPushButton(self.tr("&Write bundle for USB…"))
        self.write_button.setAccessibleName(self.tr("Write bundle for USB"))
        self.write_button.setToolTip(self.tr("Put the changes waiting to be sent in an encrypted file"))
        self.take_button = QPushButton(self.tr("&Take in a bundle…"))
        self.take_button.setAccessibleName(self.tr("Take in a bundle"))
        self.take_button.setToolTip(self.tr("Bring in the changes in a bundle written on another laptop"))
        self.busy = QProgressBar(maximum=0)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Working on the bundle"))
        for widget in (self.write_button, self.take_button, self.busy):
            row.addWidget(widget)
        row.addStretch()
        self.result = QLabel(wordWrap=True)
        self.result.setAccessibleName(self.tr("Bundle result"))
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.write_button.clicked.connect(self._choose_destination)
        self.take_button.clicked.connect(lambda: self.choose_source(self))
        self._available = False
        self.set_available(False)

    def set_available(self, available: bool) -> None:
        """Enabled once the laptop is enrolled or holds a directory (from `enrol --directory` or the dialog)."""
        self._available = available
        for button in (self.write_button, self.take_button):
            button.setEnabled(available)
        if not available:
            self.result.setText("")

    def _choose_destination(self) -> None:
        path = choose_file_to_save(self, self.tr("Write bundle for USB"), "hbf-bundle.hbfbundle", BUNDLE_FILTER)
        if path is not None:
            self.write_bundle(path)

    def choose_source(self, parent: QWidget) -> None:
        """Ask for a bundle to take in (also from a supervisor's Import view, whose `parent` the chooser sits on)."""
        path = choose_file_to_open(parent, self.tr("Take in a bundle"), BUNDLE_FILTER)
        if path is not None:
            self.take_in(path)

    def write_bundle(self, path: Path) -> None:
        def work(store: Any, _progress: Any, _cancelled: Any) -> int:
            from hbf_desktop.sync.bundle import export_bundle

            return export_bundle(store, path)

        def written(count: int) -> None:
            if count == 0:
                text = self.tr("Wrote a bundle with no batches to {path}: nothing was waiting to be sent.")
            elif self._session.role == "supervisor":
                text = self.tr("Wrote {n} sealed batches to {path}. Carry the file to the caseworkers' laptops; it is "
                               "encrypted.")  # fmt: skip
            else:
                text = self.tr("Wrote {n} sealed batches to {path}. Carry the file to your supervisor; it is "
                               "encrypted.")  # fmt: skip
            self._finished(text.format(n=count, path=path))

        self._start(self.tr("Writing the bundle…"))
        self._session.long_work(work, _no_progress, written, lambda error: self._failed(error, export=True))

    def take_in(self, path: Path) -> None:
        def work(store: Any, _progress: Any, _cancelled: Any) -> Any:
            from hbf_desktop.sync.bundle import import_bundle

            return import_bundle(store, path)

        self._start(self.tr("Checking and taking in the bundle…"))
        self._session.long_work(work, _no_progress, self._taken_in, lambda error: self._failed(error, export=False))

    def _taken_in(self, received: Any) -> None:
        merged = received.merged
        text = self.tr(
            "Took in {applied} batches ({duplicates} already held, {waiting} waiting for earlier ones, {refused} "
            "refused): {created} new records, {updated} updated, {deleted} deleted, {conflicts} conflicts to review."
        ).format(applied=received.applied, duplicates=received.duplicates, waiting=received.waiting,
                 refused=received.rejected + received.forks, created=merged.created, updated=merged.updated,
                 deleted=merged.deleted, conflicts=merged.conflicts)  # fmt: skip
        reasons = [self.tr("Set aside: {reason}").format(reason=reason) for reason in received.reasons]
        self._finished("\n".join([text, *reasons]))

    def _start(self, text: str) -> None:
        self.result.setText(text)
        self.busy.setVisible(True)
        for button in (self.write_button, self.take_button):
            button.setEnabled(False)

    def _finished(self, text: str) -> None:
        self.busy.setVisible(False)
        self.set_available(self._available)
        self.result.setText(text)
        emit(self.done)

    def _failed(self, error: Exception, *, export: bool) -> None:
        self.busy.setVisible(False)
        self.set_available(self._available)
        if isinstance(error, DomainError):
            message = str(error)
            if not export and "nothing was applied" not in message.lower():
                message += " " + self.tr("Nothing was applied.")
            text = self.tr("No bundle written: {error}") if export else self.tr("Bundle not taken in: {error}")
        else:
            message = type(error).__name__
            text = self.tr("Not done because of an unexpected problem ({error}); tell IT.")
        self.result.setText(text.format(error=message))


def _no_progress(_done: int, _total: int) -> None:
    """Export and import are one transaction each, without steps worth a bar: the busy indicator says it."""
