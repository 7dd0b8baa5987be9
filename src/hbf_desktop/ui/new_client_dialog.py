"""Adding a client: a few fields, a pseudonym code made for them, an open case; the rest is filled in the record."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from hbf_desktop.store.casework import create_client
from hbf_desktop.ui.record_dialog import confirm_discard
from hbf_desktop.ui.record_form import RecordForm
from hbf_desktop.ui.session import StoreSession


class NewClientDialog(QDialog):
    def __init__(self, session: StoreSession, on_created: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._on_created = on_created
        self.setWindowTitle(self.tr("New client"))
        self.identity = RecordForm("client_identity", only=("known_as", "legal_name", "phones"))
        self.client = RecordForm("client", only=("gender", "languages", "interpreter_needed", "assigned_worker"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("A pseudonym code is made for the client when you save.")))
        layout.addWidget(self.identity)
        layout.addWidget(self.client)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.identity.editors["known_as"].setFocus()
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self).activated.connect(self.save)

    def save(self) -> None:
        placeholder = {"pseudonym_code": "HB-0000", "client_id": "00000000-0000-7000-8000-000000000000"}
        client = self.client.checked_values({"pseudonym_code": placeholder["pseudonym_code"]}, partial=False)
        identity = self.identity.checked_values({"client_id": placeholder["client_id"]}, partial=False)
        if client is None or identity is None:
            return
        client_values = {k: v for k, v in client.items() if k != "pseudonym_code" and v is not None}
        identity_values = {k: v for k, v in identity.items() if k != "client_id" and v is not None}
        self.buttons.setEnabled(False)
        self._session.call(
            lambda store: create_client(store, client_values, identity_values), self._created, self._failed
        )

    def _created(self, client_id: str) -> None:
        self.identity.dirty = self.client.dirty = False
        self._on_created(client_id)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.identity.general.setText(str(error))
        self.identity.general.setVisible(True)

    def reject(self) -> None:
        if (self.identity.dirty or self.client.dirty) and not confirm_discard(self):
            return
        super().reject()
