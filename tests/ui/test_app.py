"""The composition root as the README's first command runs it: first run opens set-up, later runs the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hbf_desktop.app import run_gui
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.setup_wizard import SetupWizard


def _close_when_shown(kind: type, seen: list[str]) -> None:
    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                seen.append(widget.windowTitle())
                widget.close()
                return
        QTimer.singleShot(50, look)

    QTimer.singleShot(50, look)


def test_the_first_run_opens_set_up_and_cancelling_it_writes_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    seen: list[str] = []
    _close_when_shown(SetupWizard, seen)
    assert run_gui(tmp_path / "fresh") == 0
    assert seen == ["Set up HBF Desktop"]
    assert not StorePaths(tmp_path / "fresh").exists()


def test_a_later_run_opens_the_locked_window(qtbot: QtBot, seeded_dir: Path) -> None:
    seen: list[str] = []
    _close_when_shown(MainWindow, seen)
    assert run_gui(seeded_dir) == 0
    assert seen == ["HBF Desktop"]
