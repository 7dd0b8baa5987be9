"""Whatever this application puts on the clipboard is wiped after the policy's seconds (default 60), and on lock.

Watching the clipboard rather than our own copy buttons covers every way text leaves a widget: the header's "Copy
code", Ctrl+C in a line edit, and item views' built-in Ctrl+C (Qt copies the current cell's text). A change counts
as ours when the clipboard says we own it (X11, Windows) or when our window is the active one (platforms that cannot
say; another program cannot copy while we have the focus). Only text still ours is wiped: a person who has since
copied something else keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication


class ClipboardGuard(QObject):
    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=max(1, seconds) * 1000)
        self._timer.timeout.connect(self.clear)
        self._copied: str | None = None
        self._clipboard: QClipboard = QGuiApplication.clipboard()
        self._clipboard.dataChanged.connect(self._changed)

    def copy(self, text: str) -> None:
        self._clipboard.setText(text)
        self._remember(text)

    def _changed(self) -> None:
        text = self._clipboard.text()
        ours = self._clipboard.ownsClipboard() or (
            QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
        )
        if text and ours:
            self._remember(text)

    def _remember(self, text: str) -> None:
        self._copied = text
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def clear(self) -> None:
        """Wipe our copy now (also on lock)."""
        self._timer.stop()
        if self._copied is not None and self._clipboard.text() == self._copied:
            self._clipboard.clear()
        self._copied = None
