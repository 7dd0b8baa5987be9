"""Copies of client data to the clipboard are wiped after the policy's seconds (default 60).

Only if the clipboard still holds what we put there: a person who has since copied something else keeps it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication


class ClipboardGuard(QObject):
    def __init__(self, seconds: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=max(1, seconds) * 1000)
        self._timer.timeout.connect(self.clear)
        self._copied: str | None = None

    def copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._copied = text
        self._timer.start()

    def clear(self) -> None:
        """Wipe our copy now (also on lock)."""
        self._timer.stop()
        clipboard = QGuiApplication.clipboard()
        if self._copied is not None and clipboard.text() == self._copied:
            clipboard.clear()
        self._copied = None
