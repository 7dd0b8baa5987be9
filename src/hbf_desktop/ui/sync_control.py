"""The sync engine in the desktop: started after unlock (when the laptop is enrolled), stopped on lock before the
store closes, its statuses turned into a queued Qt signal for the status bar.

The engine (`sync.engine.SyncEngine`) is plain Python with its own thread and its own store connection; its status
callback runs on that thread, so it only emits a signal, which Qt queues onto the GUI thread. Each engine gets a
generation number: a status still in flight from an engine that was stopped (a lock) is dropped on arrival, so a
locked window never shows a stale "Syncing…". Stopping joins the engine's thread, which can take as long as a round
in progress; that wait runs on the store thread, just before it closes the store, never on the GUI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction

from hbf_desktop.sync.engine import SyncEngine, SyncStatus
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit
from hbf_desktop.ui.status_bar import SyncStatus as StatusWidget


def _enrolled_role(store: Any) -> str | None:
    from hbf_desktop.sync.enrolment import enrolled_role

    return enrolled_role(store)


class SyncControl(QObject):
    status_changed = Signal(object)  # the engine's SyncStatus, on the GUI thread
    wiped = Signal(str)  # a verified wipe order erased the store; the text says so to the person
    role_known = Signal(str)  # "worker" or "supervisor", after unlock or enrolment
    _from_engine = Signal(int, object)  # generation, SyncStatus (emitted on the engine's thread)

    def __init__(self, session: StoreSession, widget: StatusWidget, action: QAction, parent: QObject) -> None:
        super().__init__(parent)
        self._session, self._widget, self._action = session, widget, action
        self._engine: SyncEngine | None = None
        self._generation = 0
        self.options: dict[str, Any] = {}  # SyncEngine keyword arguments (tests: short debounce and interval)
        self._from_engine.connect(self._arrived)
        action.triggered.connect(self.sync_now)
        action.setEnabled(False)
        self._watching = False

    def _watch_network(self) -> None:
        """Sync at once when the system says the network is back (the back-off could otherwise wait 15 minutes).
        Without a backend for this platform the engine's timer and back-off still bring the laptop up to date.
        Done when the first engine starts, not at launch: loading QtNetwork and its backend costs ~40 ms."""
        from PySide6.QtNetwork import QNetworkInformation

        if self._watching:
            return
        self._watching = True
        if QNetworkInformation.loadDefaultBackend() and QNetworkInformation.instance() is not None:
            QNetworkInformation.instance().reachabilityChanged.connect(self.reachability_changed)

    def reachability_changed(self, reachability: object) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online and self._engine is not None:
            self._engine.network_changed()

    @property
    def running(self) -> bool:
        return self._engine is not None

    def unlocked(self) -> None:
        """Ask the store (on its thread) whether this laptop is enrolled; start the engine if it is."""
        self._widget.set_not_set_up()
        self._session.call(_enrolled_role, self.set_role, lambda _: None)

    def set_role(self, role: str | None) -> None:
        """The role from the store after unlock, or from a new enrolment: start syncing if enrolled."""
        self._session.role = role
        if role is None:
            self._widget.set_not_set_up()
            return
        emit(self.role_known, role)
        self.start()

    def start(self) -> None:
        if self._engine is not None or not self._session.is_open:
            return
        generation = self._generation

        def report(status: SyncStatus) -> None:  # on the engine's thread
            emit(self._from_engine, generation, status)

        self._watch_network()
        self._engine = SyncEngine(self._session.store_opener(), report, **self.options)
        self._engine.start()  # starts a thread and returns; the first round opens its connection there
        self._action.setEnabled(True)

    def stop(self) -> SyncEngine | None:
        """Forget the engine (its late statuses are dropped) and return it, for the caller to stop off the GUI
        thread (`StoreSession.lock(before_close=engine.stop)`)."""
        self._generation += 1
        engine, self._engine = self._engine, None
        self._action.setEnabled(False)
        return engine

    def saved(self) -> None:
        """A save committed: the engine syncs once saves pause (its debounce)."""
        if self._engine is not None:
            self._engine.saved()

    def sync_now(self) -> None:
        if self._engine is not None:
            self._engine.sync_now()

    def _arrived(self, generation: int, status: SyncStatus) -> None:
        if generation != self._generation:
            return
        self._widget.show_status(status)
        emit(self.status_changed, status)
        if status.wiped:
            # Queued, so the slot that locks the window runs after this status has been delivered everywhere.
            message = f"{status.message} {status.advice}".strip()
            QTimer.singleShot(0, lambda: emit(self.wiped, message))
