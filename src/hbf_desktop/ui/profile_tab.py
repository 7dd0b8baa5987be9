"""Profile and identity: the client's own fields and their identity (vault) fields, saved together with Ctrl+S
in one transaction (store/casework.save_profile)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget

from hbf_desktop.store.casework import ClientFile, save_profile
from hbf_desktop.ui.privacy import PrivacyMode
from hbf_desktop.ui.record_form import RecordForm
from hbf_desktop.ui.session import StoreSession


class ProfileTab(QWidget):
    def __init__(
        self, session: StoreSession, privacy: PrivacyMode, reload: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._reload = reload
        self._file: ClientFile | None = None
        self.client_form = RecordForm("client")
        self.identity_form = RecordForm("client_identity")
        self.client_form.editors["pseudonym_code"].setEnabled(False)  # made once, never typed
        body = QWidget()
        columns = QHBoxLayout(body)
        for title, form in ((self.tr("Profile"), self.client_form), (self.tr("Identity"), self.identity_form)):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(form)
            column.addStretch()
            columns.addLayout(column)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        row = QHBoxLayout()
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Message"))
        self.save = QPushButton(self.tr("&Save"))
        self.save.setAccessibleName(self.tr("Save profile"))
        self.save.setToolTip(self.tr("Save the profile (Ctrl+S)"))
        row.addWidget(self.message, 1)
        row.addWidget(self.save)
        layout.addLayout(row)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        shortcut.activated.connect(self.submit)
        self.save.clicked.connect(self.submit)
        privacy.changed.connect(self._mask)
        self._mask(privacy.on)

    def _mask(self, on: bool) -> None:
        """Privacy mode shows the identity fields as dots (still editable: typing is not seeing)."""
        mode = QLineEdit.EchoMode.Password if on else QLineEdit.EchoMode.Normal
        for editor in self.identity_form.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setEchoMode(mode)

    @property
    def dirty(self) -> bool:
        return self.client_form.dirty or self.identity_form.dirty

    def show_file(self, file: ClientFile) -> None:
        self._file = file
        self.client_form.set_values(file.client.values)
        self.identity_form.set_values(file.identity.values if file.identity else {})
        self.message.clear()

    def submit(self) -> None:
        file = self._file
        if file is None:
            return
        client_kept = {k: v for k, v in file.client.values.items() if k not in self.client_form.editors}
        client = self.client_form.checked_values(
            {**client_kept, "pseudonym_code": file.client.values["pseudonym_code"]}, partial=False
        )
        identity_kept = dict(file.identity.values) if file.identity else {}
        identity_kept = {k: v for k, v in identity_kept.items() if k not in self.identity_form.editors}
        identity = self.identity_form.checked_values({**identity_kept, "client_id": file.client.id}, partial=False)
        if client is None or identity is None:
            self.message.setText(self.tr("Nothing was saved: please correct the fields marked below them."))
            return
        versions = (file.client.version, file.identity.version if file.identity else None)
        client_id = file.client.id
        self._session.call(
            lambda store: save_profile(store, client_id, client, identity, versions), self._saved, self._failed
        )

    def _saved(self, _: object) -> None:
        self.client_form.dirty = self.identity_form.dirty = False
        self.message.setText(self.tr("Saved."))
        self._reload()

    def _failed(self, error: Exception) -> None:
        self.message.setText(str(error))

    def clear(self) -> None:
        self._file = None
        self.client_form.clear()
        self.identity_form.clear()
        self.message.clear()
