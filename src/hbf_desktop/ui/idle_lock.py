"""Auto-lock: the screen locks after the policy's idle minutes, and when the system suspends.

An application-wide event filter restarts one timer on every key press, click, wheel or pointer move; it never eats
an event. Qt reports suspension as `ApplicationSuspended` on platforms that tell it (mobile-style session managers,
some desktops). On Linux desktops the window also listens on D-Bus, when a bus is there, for logind's
`PrepareForSleep(true)` (suspend or hibernate) and the screensaver's `ActiveChanged(true)` (the screen locked). On
Windows and macOS Qt reports neither, so the idle timer is the backstop.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import SLOT, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from hbf_desktop.ui.signals import emit

# (bus, path, interface, signal): each carries one bool, true when the session is about to be left alone. Any sender
# is accepted: a forged signal could only lock the screen, and desktops differ in which name sends it.
_DBUS_SIGNALS = (
    ("system", "/org/freedesktop/login1", "org.freedesktop.login1.Manager", "PrepareForSleep"),
    ("session", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("session", "/ScreenSaver", "org.freedesktop.ScreenSaver", "ActiveChanged"),
    ("session", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver", "ActiveChanged"),
)
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
        self.listening_on_dbus = self._listen_on_dbus()

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

    def _listen_on_dbus(self) -> bool:
        """Subscribe to the suspend and screen-lock signals; False where there is no bus (tests, other systems)."""
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:
            return False
        listening = False
        slot = SLOT("session_left(bool)")
        for bus_name, path, interface, name in _DBUS_SIGNALS:
            with contextlib.suppress(Exception):
                bus = QDBusConnection.systemBus() if bus_name == "system" else QDBusConnection.sessionBus()
                if bus.isConnected():
                    listening |= bool(bus.connect("", path, interface, name, self, slot))  # type: ignore[call-overload]
        return listening

    @Slot(bool)
    def session_left(self, leaving: bool) -> None:
        """The system is going to sleep or the screen locked: lock now, if unlocked."""
        if leaving and self._timer.isActive():
            emit(self.lock_now)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self._timer.isActive():
            emit(self.lock_now)
