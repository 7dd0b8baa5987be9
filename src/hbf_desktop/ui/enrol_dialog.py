"""Enrolling this laptop with the organisation's server: the one-time code from an administrator, in the background.

The server comes from the provisioning file (imported at set-up or here, or baked in by the installer); the field is
editable only when no file names one. The root key id is shown before anything is sent, to compare with what IT
read out. The enrolment itself (`sync.enrolment.enrol_with_server`: a health check, the code, the directory) runs on
the long-work thread with its own connection, so the window stays responsive while the network answers.

The second way, for laptops that never see the server ("No server — work by USB bundle…"), takes the signed
directory file from the administrator, exactly as `hbf-desktop enrol --directory FILE`: the provisioning file's root
key is pinned and the directory must verify against it and name the same organisation, or it is refused and nothing
is kept. Sync then goes by bundles from Settings; no engine starts (there is no server to talk to).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.config import Provisioning
from hbf_desktop.domain.model import DomainError
from hbf_desktop.ui import provisioning_file
from hbf_desktop.ui.file_dialogs import choose_file_to_open
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit


class EnrolDialog(QDialog):
    enrolled = Signal(str)  # the role: "worker" or "supervisor"
    directory_taken = Signal(str)  # bundle-only: the role the directory gives this laptop

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.provisioning: Provisioning | None = None
        self.setWindowTitle(self.tr("Enrol this laptop"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Enter the one-time enrolment code your administrator gave you."), wordWrap=True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.organisation = QLabel()
        self.root_key = QLabel()
        self.root_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.server = QLineEdit(placeholderText="https://sync.example.org")
        self.code = QLineEdit()
        self.label = QLineEdit(placeholderText=self.tr("for example: outreach laptop 3 (no client names)"))
        for text, widget, name in (
            (self.tr("Organisation:"), self.organisation, self.tr("Organisation")),
            (self.tr("Root key id:"), self.root_key, self.tr("Root key id")),
            (self.tr("&Server:"), self.server, self.tr("Server address")),
            (self.tr("Enrolment &code:"), self.code, self.tr("Enrolment code")),
            (self.tr("Laptop &name:"), self.label, self.tr("Laptop name")),
        ):
            widget.setAccessibleName(name)
            form.addRow(text, widget)
        layout.addLayout(form)
        self.import_button = QPushButton(self.tr("&Import set-up file…"))
        self.import_button.setAccessibleName(self.tr("Import set-up file"))
        layout.addWidget(self.import_button)
        self.directory_button = QPushButton(self.tr("No server — work by USB &bundle…"))
        self.directory_button.setAccessibleName(self.tr("No server: work by USB bundle"))
        self.directory_button.setToolTip(self.tr("Choose the signed directory file your administrator gave you"))
        layout.addWidget(self.directory_button)
        self.busy = QProgressBar(maximum=0)
        self.busy.setTextVisible(False)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Enrolling"))
        self.outcome = QLabel(wordWrap=True)
        self.outcome.setAccessibleName(self.tr("Enrolment result"))
        layout.addWidget(self.busy)
        layout.addWidget(self.outcome)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.enrol_button = self.buttons.addButton(self.tr("&Enrol"), QDialogButtonBox.ButtonRole.ActionRole)
        self.enrol_button.setAccessibleName(self.tr("Enrol"))
        self.enrol_button.setDefault(True)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.enrol_button.clicked.connect(self.enrol)
        self.import_button.clicked.connect(self._choose)
        self.directory_button.clicked.connect(self._choose_directory)
        self.code.setFocus()
        provisioning_file.load(session, self._show_provisioning, self._refused)

    def _choose(self) -> None:
        provisioning_file.choose_and_import(self, self._session, self._show_provisioning, self._refused)

    def import_file(self, path: Path) -> None:
        provisioning_file.import_file(self._session, path, self._show_provisioning, self._refused)

    def _refused(self, error: Exception) -> None:
        self.outcome.setText(provisioning_file.refusal(error))

    def _show_provisioning(self, provisioning: Provisioning | None) -> None:
        self.provisioning = provisioning
        if provisioning is None:
            self.organisation.setText(self.tr("No set-up file yet: import the one from your organisation."))
            self.server.setReadOnly(False)
            return
        self.organisation.setText(provisioning.organisation_name)
        self.root_key.setText(provisioning.root_key_id)
        self.server.setText(provisioning.server_url)
        self.server.setReadOnly(True)  # the organisation's server: nobody types it by hand
        self.import_button.setVisible(False)  # provisioning a laptop again is IT's work, not a caseworker's
        self.outcome.setText(self.tr("Compare the root key id with the one your IT contact read out to you."))

    def enrol(self) -> None:
        provisioning, code = self.provisioning, self.code.text().strip()
        if provisioning is None:
            self.outcome.setText(self.tr("Import the organisation's set-up file first: it names the key to trust."))
            return
        if not code:
            self.outcome.setText(self.tr("Enter the enrolment code first."))
            self.code.setFocus()
            return
        server, label = self.server.text().strip() or None, self.label.text().strip()

        def work(store: Any, _progress: Any, _cancelled: Any) -> Any:
            from hbf_desktop.sync.enrolment import enrol_with_server

            return enrol_with_server(store, provisioning, code, server_url=server, label=label)

        self._busy(True)
        self.outcome.setText(self.tr("Enrolling with {server}…").format(server=server or provisioning.server_url))
        self._session.long_work(work, lambda _d, _t: None, self._succeeded, self._failed)

    def _choose_directory(self) -> None:
        path = choose_file_to_open(self, self.tr("Choose the directory file"), "Directory (*.json);;All files (*)")
        if path is not None:
            self.take_directory(path)

    def take_directory(self, path: Path) -> None:
        """Bundle-only: keep the signed directory in `path` (what `hbf-desktop enrol --directory` does)."""
        provisioning = self.provisioning
        if provisioning is None:
            self.outcome.setText(self.tr("Import the organisation's set-up file first: it names the key to trust."))
            return

        def work(store: Any, _progress: Any, _cancelled: Any) -> tuple[str, int, str]:
            from hbf_desktop.sync.enrolment import take_directory

            try:
                data = path.read_bytes()
            except OSError as error:
                raise DomainError(f"Cannot read {path}: {error.strerror or error}.") from None
            directory, role = take_directory(store, provisioning, data)
            return provisioning.root_key_id, directory.version, role

        self._busy(True)
        self.outcome.setText(self.tr("Checking the directory file…"))
        self._session.long_work(work, lambda _d, _t: None, self._directory_taken, self._failed)

    def _directory_taken(self, answer: tuple[str, int, str]) -> None:
        key_id, version, role = answer
        self._busy(False)
        provisioning = self.provisioning
        name = provisioning.organisation_name if provisioning is not None else ""
        words = self.tr("a supervisor") if role == "supervisor" else self.tr("a caseworker")
        self.outcome.setText(
            self.tr("Organisation {name}: root key {key} (compare with what IT read out).\nDirectory version "
                    "{version} kept: this laptop works by USB bundle as {role}. Write and take in bundles in "
                    "Settings.").format(name=name, key=key_id, version=version, role=words)
        )  # fmt: skip
        emit(self.directory_taken, role)

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.enrol_button, self.code, self.import_button, self.directory_button):
            widget.setEnabled(not busy)

    def _succeeded(self, result: Any) -> None:
        self._busy(False)
        self.code.setText("")
        self.enrol_button.setEnabled(False)  # the code is spent; enrolling again needs a new one
        self.outcome.setText("\n".join(result.lines()))
        emit(self.enrolled, result.role)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, DomainError):
            text = self.tr("Not enrolled: {error}")
        else:
            text = self.tr("Not enrolled because of an unexpected problem ({error}); tell IT.")
            error = type(error).__name__  # type: ignore[assignment]
        self.outcome.setText(text.format(error=error))
