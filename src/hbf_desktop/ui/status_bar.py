"""The status bar's sync state and changes-waiting count: the seam the sync engine fills in.

Until sync lands only `set_waiting` is called; sync calls `set_state` with one of SyncState's values.
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from hbf_desktop.store.caseload import PENDING_CAP
from hbf_desktop.ui.labels import counted


class SyncState(enum.Enum):
    NOT_SET_UP = "not_set_up"
    OFFLINE = "offline"
    SYNCING = "syncing"
    SYNCED = "synced"
    ERROR = "error"


_ICONS = {
    SyncState.NOT_SET_UP: QStyle.StandardPixmap.SP_DriveNetIcon,
    SyncState.OFFLINE: QStyle.StandardPixmap.SP_DriveNetIcon,
    SyncState.SYNCING: QStyle.StandardPixmap.SP_BrowserReload,
    SyncState.SYNCED: QStyle.StandardPixmap.SP_DialogApplyButton,
    SyncState.ERROR: QStyle.StandardPixmap.SP_MessageBoxWarning,
}


class SyncStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setAccessibleName(self.tr("Sync state"))
        self.waiting = QLabel()
        self.waiting.setAccessibleName(self.tr("Changes waiting"))
        for widget in (self.icon, self.text, self.waiting):
            layout.addWidget(widget)
        self._state = SyncState.NOT_SET_UP
        self._count = 0
        self.set_state(SyncState.NOT_SET_UP)

    def set_state(self, state: SyncState, detail: str = "") -> None:
        """`detail` is "when" for SYNCED and the message for ERROR."""
        self._state = state
        words = {
            SyncState.NOT_SET_UP: self.tr("Sync not set up"),
            SyncState.OFFLINE: self.tr("Offline"),
            SyncState.SYNCING: self.tr("Syncing…"),
            SyncState.SYNCED: self.tr("Synced {when}").format(when=detail),
            SyncState.ERROR: self.tr("Sync problem: {message}").format(message=detail),
        }
        self.text.setText(words[state])
        size = self.fontMetrics().height()
        self.icon.setPixmap(self.style().standardIcon(_ICONS[state]).pixmap(size, size))

    def set_waiting(self, count: int) -> None:
        self._count = count
        many = counted(self.tr("1 change waiting"), self.tr("{n} changes waiting"), count)
        if count > PENDING_CAP:
            many = self.tr("More than {n} changes waiting").format(n=f"{PENDING_CAP:,}")
        self.waiting.setText(many if count else self.tr("Nothing waiting"))

    @property
    def waiting_count(self) -> int:
        return self._count
