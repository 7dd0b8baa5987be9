"""The unlock screen: a passphrase field, a busy bar while the KDF runs on the store thread, and plain messages.

A wrong passphrase and the growing delay are told in the store's own words; during a delay the button stays
disabled and counts down, so nobody types into a form that will be refused.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton, QVBoxLayout, QWidget

from hbf_desktop.store.errors import UnlockThrottledError
from hbf_desktop.ui.labels import counted
from hbf_desktop.ui.recovery_dialog import RecoveryDialog
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit

FORM_WIDTH = 380


class UnlockPage(QWidget):
    unlocked = Signal()

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form = QWidget()
        form.setFixedWidth(FORM_WIDTH)
        outer.addWidget(form, alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(form)
        heading = self.tr("HBF Desktop is locked")  # outside the f-string, where lupdate can see it
        self.title = QLabel(f"<h2>{heading}</h2>")
        layout.addWidget(self.title)
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        layout.addWidget(self.passphrase)
        self.button = QPushButton(self.tr("&Unlock"))
        self.button.setAccessibleName(self.tr("Unlock"))
        self.button.setDefault(True)
        layout.addWidget(self.button)
        self.busy = QProgressBar(maximum=0)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Unlocking"))
        self.busy.setTextVisible(False)
        layout.addWidget(self.busy)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        self.forgot = QPushButton(self.tr("&Forgotten the passphrase?"))
        self.forgot.setAccessibleName(self.tr("Use the recovery key"))
        self.forgot.setFlat(True)
        layout.addWidget(self.forgot, alignment=Qt.AlignmentFlag.AlignRight)
        self.forgot.clicked.connect(self.recover)
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self._wait_left = 0
        self.button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)

    def recover(self) -> RecoveryDialog:
        dialog = RecoveryDialog(self._session, self._done, self)
        dialog.open()
        return dialog

    def _submit(self) -> None:
        if not self.button.isEnabled() or not self.passphrase.text():
            return
        self._set_busy(True)
        self.message.setText(self.tr("Checking the passphrase…"))
        self._session.unlock(self.passphrase.text(), lambda _: self._done(), self._failed)

    def _done(self) -> None:
        self._set_busy(False)
        self.passphrase.setText("")
        self.message.clear()
        emit(self.unlocked)

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.passphrase.selectAll()
        self.message.setText(str(error))
        if isinstance(error, UnlockThrottledError):
            self._wait_left = math.ceil(error.retry_after_seconds)
            self.button.setEnabled(False)
            self._countdown.start()
            self._tick()

    def _tick(self) -> None:
        if self._wait_left <= 0:
            self._countdown.stop()
            self.button.setEnabled(True)
            self.button.setText(self.tr("&Unlock"))
            return
        self.button.setText(counted(self.tr("Wait 1 second"), self.tr("Wait {n} seconds"), self._wait_left))
        self._wait_left -= 1

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if not busy:
            self.passphrase.setFocus()

    def reset(self) -> None:
        self.passphrase.setText("")
        self.message.clear()
        self._set_busy(False)
