"""Reading and importing the organisation's provisioning (set-up) file off the GUI thread, for the set-up wizard and
the enrolment dialog alike: every file access of the GUI happens on the store thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from hbf_desktop.config import Provisioning, ProvisioningError, load_provisioning, save_provisioning
from hbf_desktop.ui.file_dialogs import choose_file_to_open
from hbf_desktop.ui.session import StoreSession

OnProvisioning = Callable[[Provisioning | None], None]
OnError = Callable[[Exception], None]


def load(session: StoreSession, on_done: OnProvisioning, on_error: OnError) -> None:
    """The provisioning in force (imported, or baked in by the installer), or None."""
    data_dir = session.data_dir
    session.background.run(lambda: load_provisioning(data_dir), on_done, on_error)


def import_file(session: StoreSession, path: Path, on_done: OnProvisioning, on_error: OnError) -> None:
    data_dir = session.data_dir
    session.background.run(lambda: save_provisioning(data_dir, path.read_bytes()), on_done, on_error)


def choose_and_import(parent: QWidget, session: StoreSession, on_done: OnProvisioning, on_error: OnError) -> None:
    title = QCoreApplication.translate("Provisioning", "Organisation set-up file")
    path = choose_file_to_open(parent, title, "JSON (*.json)")
    if path is not None:
        import_file(session, path, on_done, on_error)


def refusal(error: Exception) -> str:
    """One sentence for a file that could not be used."""
    if isinstance(error, OSError | ProvisioningError):
        text = QCoreApplication.translate(
            "Provisioning", "This file could not be used, and nothing was changed: {error}"
        )
        return text.format(error=error)
    return str(error)
