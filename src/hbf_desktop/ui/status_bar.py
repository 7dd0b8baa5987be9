"""The status bar's sync state in plain words, and the count of changes waiting.

`show_status(status)` takes the sync engine's `SyncStatus` (offline with N waiting, syncing with progress, synced
and when, or what went wrong and what to do); `set_not_set_up()` is for a laptop not enrolled yet; `set_waiting` is
the count the window refreshes from the store between rounds.
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QStyle, QWidget

from hbf_desktop.store.caseload import PENDING_CAP
from hbf_desktop.sync import engine
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
_FROM_ENGINE = {state: SyncState(state.value) for state in engine.SyncState}


class SyncStatus(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setAccessibleName(self.tr("Sync state"))
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.progress.setVisible(False)
        self.waiting = QLabel()
        self.waiting.setAccessibleName(self.tr("Changes waiting"))
        for widget in (self.icon, self.text, self.progress, self.waiting):
            layout.addWidget(widget)
        self._state = SyncState.NOT_SET_UP
        self._count = 0
        self.set_not_set_up()

    @property
    def state(self) -> SyncState:
        return self._state

    def set_not_set_up(self) -> None:
        self._set(SyncState.NOT_SET_UP, self.tr("Sync not set up"),
                  self.tr("Enrol this laptop in Settings with the code from your administrator."))  # fmt: skip

    def set_locked(self) -> None:
        """While locked the store cannot be read, so no count is shown: "Nothing waiting" there would be a guess,
        and a worn-out caseworker could take it for "everything synced"."""
        self._set(SyncState.NOT_SET_UP, self.tr("Locked"), self.tr("Unlock to see what is waiting to sync."))
        self._count = 0
        self.icon.clear()
        self.waiting.setVisible(False)

    def show_status(self, status: engine.SyncStatus) -> None:
        """One engine status: its sentence, its advice (shown for problems, in the tooltip always), its progress."""
        state = _FROM_ENGINE[status.state]
        words = status.message if state is not SyncState.ERROR else f"{status.message} {status.advice}".strip()
        self._set(state, words, status.advice)
        if status.progress is not None:
            done, total = status.progress
            self.progress.setRange(0, total)  # 0..0: busy, the total is not known yet
            self.progress.setValue(min(done, total))
        self.progress.setVisible(status.progress is not None and state is SyncState.SYNCING)
        if state is not SyncState.SYNCING:
            self.set_waiting(status.waiting_changes)
        self.waiting.setVisible(state is not SyncState.OFFLINE)  # "Offline: N changes waiting…" says it already

    def _set(self, state: SyncState, words: str, advice: str) -> None:
        self._state = state
        self.waiting.setVisible(True)
        self.text.setText(words)
        self.text.setToolTip(advice)
        self.text.setAccessibleDescription(advice)
        self.progress.setVisible(False)
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
