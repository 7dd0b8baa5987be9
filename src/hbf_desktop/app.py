"""Composition root: builds the application's objects and wires them together; nothing else lives here."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(data_dir: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from hbf_desktop.config import load_policy
    from hbf_desktop.ui.background import Background
    from hbf_desktop.ui.main_window import MainWindow
    from hbf_desktop.ui.session import StoreSession

    application = QApplication.instance() or QApplication(sys.argv)
    application.setApplicationName("HBF Desktop")
    background = Background()
    session = StoreSession(data_dir, load_policy(data_dir), background)
    window = MainWindow(session)
    window.show()
    code = application.exec()
    session.lock()
    background.shutdown()
    return int(code)
