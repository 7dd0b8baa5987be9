"""A screen lock announced on a real D-Bus session bus (dbus-run-session, dbus-send) locks the window at once."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

CHILD = """
import subprocess
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from hbf_desktop.ui.idle_lock import IdleLock

app = QApplication([])
idle = IdleLock(5)
assert idle.listening_on_dbus, "no D-Bus subscription"
fired = []
idle.lock_now.connect(lambda: (fired.append(True), app.quit()))

def announce(active):
    subprocess.run(["dbus-send", "--session", "--type=signal", "/org/freedesktop/ScreenSaver",
                    "org.freedesktop.ScreenSaver.ActiveChanged", f"boolean:{active}"], check=True)

QTimer.singleShot(100, lambda: announce("true"))  # locked while nobody is signed in: nothing to do
QTimer.singleShot(300, idle.arm)  # unlocked
QTimer.singleShot(400, lambda: announce("false"))
QTimer.singleShot(600, lambda: announce("true"))
QTimer.singleShot(5000, app.quit)
app.exec()
raise SystemExit(0 if fired == [True] else 1)
"""


@pytest.mark.skipif(shutil.which("dbus-run-session") is None or shutil.which("dbus-send") is None,
                    reason="needs dbus-run-session and dbus-send (package dbus)")  # fmt: skip
def test_a_screen_lock_on_the_session_bus_locks_the_window() -> None:
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(["dbus-run-session", "--", sys.executable, "-c", CHILD], env=environment,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
