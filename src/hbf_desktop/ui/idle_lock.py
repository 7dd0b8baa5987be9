"""Auto-lock: the screen locks after the policy's idle minutes, and when the system suspends.

An application-wide event filter restarts one timer on every key press, click, wheel or pointer move; it never eats
an event. Qt reports suspension as `ApplicationSuspended` on platforms that tell it (mobile-style session managers,
some desktops); on X11 and Windows screen locks are not reported to Qt, so the idle timer is the backstop.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class IdleLock(QObject):
    lock_now = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self, singleShot=True, interval=max(1, int(minutes * 60_000)))
        self._timer.timeout.connect(self.lock_now)
        application = QGuiApplication.instance()
        if application is not None:
            application.installEventFilter(self)
            application.applicationStateChanged.connect(self._state_changed)  # type: ignore[attr-defined]

    def arm(self) -> None:
        self._timer.start()

    def disarm(self) -> None:
        self._timer.stop()

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self._timer.isActive():
            self.lock_now.emit()
