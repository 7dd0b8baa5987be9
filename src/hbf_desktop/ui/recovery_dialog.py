"""A forgotten passphrase: open the store with the recovery key and choose a new passphrase (store.recover).

The recovery key is checked by the store (its last group is a checksum, so a typo is told as a typo); the new
passphrase must pass the same rule as at set-up. The old passphrase stops working.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hbf_desktop.domain.passphrase import passphrase_problem
from hbf_desktop.ui.labels import tr
from hbf_desktop.ui.session import StoreSession


class RecoveryDialog(QDialog):
    def __init__(self, session: StoreSession, on_unlocked: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._on_unlocked = on_unlocked
        self.setWindowTitle(self.tr("Use the recovery key"))
        layout = QVBoxLayout(self)
        intro = self.tr("Type the recovery key you wrote down at set-up, then choose a new passphrase.")
        layout.addWidget(QLabel(intro, wordWrap=True))
        form = QFormLayout()
        self.key = QLineEdit(placeholderText="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        for editor, label in ((self.key, self.tr("Recovery key")), (self.passphrase, self.tr("New passphrase")),
                              (self.repeat, self.tr("New passphrase again"))):  # fmt: skip
            editor.setAccessibleName(label)
            form.addRow(label, editor)
        layout.addLayout(form)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        problem = passphrase_problem(self.passphrase.text())
        problem = tr(problem) if problem else None
        if problem is None and self.passphrase.text() != self.repeat.text():
            problem = self.tr("The two passphrases differ.")
        if problem is not None:
            self.message.setText(problem)
            return
        self.buttons.setEnabled(False)
        self.message.setText(self.tr("Checking the recovery key…"))
        self._session.recover(self.key.text(), self.passphrase.text(), lambda _: self._done(), self._failed)

    def _done(self) -> None:
        for editor in (self.key, self.passphrase, self.repeat):
            editor.setText("")  # not clear(), which Ctrl+Z undoes
        self.accept()
        self._on_unlocked()

    def _failed(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(str(error))
