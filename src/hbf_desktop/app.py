"""Composition root: builds the application's objects and wires them together; nothing else lives here."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(data_dir: Path) -> int:
    from PySide6.QtWidgets import QApplication

    from hbf_desktop.config import load_policy
    from hbf_desktop.ui import translations
    from hbf_desktop.ui.background import Background
    from hbf_desktop.ui.main_window import MainWindow
    from hbf_desktop.ui.session import StoreSession
    from hbf_desktop.ui.setup_wizard import SetupWizard

    application = QApplication.instance() or QApplication(sys.argv)
    application.setApplicationName("HBF Desktop")
    application.setOrganizationName("HBF")
    translations.install(application)  # the system's language, when a catalogue for it is shipped
    background = Background()
    session = StoreSession(data_dir, load_policy(data_dir), background)
    first_run = False
    try:
        if not session.exists():
            first_run = True
            SetupWizard(session).exec()
            if not session.is_open:
                return 0  # set-up was cancelled before a store was made; nothing was written
            session.policy = load_policy(data_dir)  # a provisioning file may have brought one
        window = MainWindow(session)
        window.show()
        if session.is_open:
            window.show_unlocked()
            if first_run and _provisioned(data_dir):
                window.offer_enrolment()  # the server is known: only the one-time code is left to type
        code = application.exec()
    finally:
        session.lock()
        background.shutdown()
    return int(code)


def _provisioned(data_dir: Path) -> bool:
    from hbf_desktop.config import ProvisioningError, load_provisioning

    try:
        return load_provisioning(data_dir) is not None
    except ProvisioningError:
        return False  # the wizard already said the file could not be used
