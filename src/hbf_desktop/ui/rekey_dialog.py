"""Settings → "Re-key the database…": what it does in plain words, the passphrase, progress with Cancel, and the new
recovery key, which must be confirmed as written down, as at set-up.

The work is `sync.rekeying.rekey` on a closed store (`StoreSession.while_closed`: the sync engine is stopped and
every connection closed first, then the store opens again). A wrong passphrase, a cancel or any failure leaves the
store as it was and says so; the caseworker stays where they were.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.store.errors import OperationCancelledError
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.rekey_finish import clear_not_shown_notice, note_recovery_key_not_shown
from hbf_desktop.ui.session import Progress, StoreSession


def rekey_work(data_dir: Path, passphrase: str) -> Callable[[Progress, Callable[[], bool]], str]:
    """The closed-store work: the sync layer's re-key (escrow re-sealed at the next round). Until the caseworker
    ticks "written down", the store carries the notice that asks for a new recovery key: a lock or a crash before
    then must not leave a recovery key in force that nobody saw."""

    def work(progress: Progress, cancelled: Callable[[], bool]) -> str:
        from hbf_desktop.store.kdf import derivation_in_child_process
        from hbf_desktop.sync.rekeying import rekey

        with derivation_in_child_process():  # Argon2id's memory in a child, not in the window (store/kdf_child.py)
            recovery_key = rekey(data_dir, passphrase, progress, cancelled)
        note_recovery_key_not_shown(StorePaths(data_dir))
        return recovery_key

    return work


class RekeyDialog(QDialog):
    def __init__(
        self,
        session: StoreSession,
        before_close: Callable[[], Callable[[], None] | None],
        after_reopen: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._before_close = before_close  # stops the sync engine (GUI thread); returns what to wait for
        self._after_reopen = after_reopen
        self._cancel_event: threading.Event | None = None
        self._copy_started: float | None = None
        self._key_shown = False
        self.setWindowTitle(self.tr("Re-key the database"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        self.explanation = QLabel(
            self.tr(
                "This re-encrypts every record in this laptop's store under a new key. Do it if you think the "
                "store's key may have been copied (for example, the laptop was out of your hands while unlocked).\n\n"
                "It can take several minutes on a large store: keep the laptop plugged in. Sync stops meanwhile. "
                "Your passphrase stays the same. A NEW recovery key will be shown at the end: write it down, because "
                "the old recovery key will no longer open this store. Backups made before now still open with the "
                "passphrase and recovery key of their time."
            ),
            wordWrap=True,
        )
        self.explanation.setAccessibleName(self.tr("What re-keying does"))
        layout.addWidget(self.explanation)
        form = QFormLayout()
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Current passphrase"))
        form.addRow(self.tr("Current passphrase:"), self.passphrase)
        layout.addLayout(form)
        self._form = form
        self.bar = QProgressBar(minimum=0, maximum=0)
        self.bar.setAccessibleName(self.tr("Re-key progress"))
        self.bar.setVisible(False)
        layout.addWidget(self.bar)
        self.key = QLabel()
        self.key.setAccessibleName(self.tr("New recovery key"))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setWeight(QFont.Weight.Bold)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.key.setFont(font)
        self.key.setVisible(False)
        layout.addWidget(self.key)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        self.written = QCheckBox(self.tr("I have &written the new recovery key down"))
        self.written.setAccessibleName(self.tr("I have written the new recovery key down"))
        self.written.setVisible(False)
        layout.addWidget(self.written)
        self.start_button = QPushButton(self.tr("&Re-key now"))
        self.start_button.setAccessibleName(self.tr("Re-key now"))
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.setAccessibleName(self.tr("Cancel"))
        layout.addWidget(self.start_button)
        layout.addWidget(self.close_button)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        self.written.toggled.connect(self.close_button.setEnabled)
        self.resize(520, 320)

    def start(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self.message.setText(self.tr("Type your current passphrase first."))
            return
        self.passphrase.setText("")  # not clear(), which Ctrl+Z undoes
        self.passphrase.setEnabled(False)
        self.start_button.setEnabled(False)
        self.bar.setVisible(True)
        self.message.setText(self.tr("Checking the passphrase and closing the store…"))
        engine_stop = self._before_close()
        self._cancel_event = self._session.while_closed(
            rekey_work(self._session.data_dir, passphrase),
            passphrase,
            self._progress,
            self._done,
            self._failed,
            before_close=engine_stop,
        )

    def _progress(self, done: int, total: int) -> None:
        now = time.monotonic()
        if self._copy_started is None:
            self._copy_started = now
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)
        text = self.tr("Re-encrypting the store… {percent}%").format(percent=100 * done // max(total, 1))
        elapsed = now - self._copy_started
        if 0 < done < total and elapsed >= 2:  # an estimate once there is something to go on (UX.md "Long work")
            left = elapsed * (total - done) / done
            minutes = round(left / 60)
            estimate = (
                self.tr("about {n} minutes left").format(n=minutes)
                if minutes >= 2
                else self.tr("about {n} seconds left").format(n=max(5, round(left / 5) * 5))
            )
            text += ", " + estimate
        self.message.setText(text)

    def _done(self, recovery_key: str) -> None:
        self._cancel_event = None
        done = self.tr("Done: the store is re-keyed.")
        self.show_key(recovery_key, done)
        self._after_reopen()

    def show_key(self, recovery_key: str, lead: str) -> None:
        """The new recovery key, until ticked as written down (also for a new recovery key made on its own)."""
        self._key_shown = True
        self.explanation.setVisible(False)
        self._form.setRowVisible(self.passphrase, False)
        self.start_button.setVisible(False)
        self.bar.setVisible(False)
        self.key.setText(recovery_key)
        self.key.setVisible(True)
        rest = self.tr(
            "This is your NEW recovery key. Write it down on paper and keep it somewhere safe, away from the "
            "laptop; it is shown only now. The old recovery key no longer opens this store."
        )
        self.message.setText(lead + " " + rest)
        self.written.setVisible(True)
        self.written.setFocus()
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setEnabled(False)

    def _failed(self, error: Exception) -> None:
        self._cancel_event = None
        self.bar.setVisible(False)
        if isinstance(error, OperationCancelledError):
            text = self.tr("The re-key was cancelled. The store is unchanged and open again.")
        elif self._session.is_open:
            text = self.tr("The store was not re-keyed: {error} The store is unchanged and open again.").format(
                error=str(error).rstrip(".") + "."
            )
        else:
            text = self.tr("The store was not re-keyed: {error} Lock the window and unlock again.").format(
                error=str(error).rstrip(".") + "."
            )
        self.message.setText(text)
        self.passphrase.setEnabled(True)
        self.start_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self._after_reopen()

    def reject(self) -> None:
        """Cancel asks the re-key to stop; once the new key is shown, closing needs the "written down" tick."""
        if self._cancel_event is not None:
            self._cancel_event.set()
            self.message.setText(self.tr("Cancelling; the store will be left as it was…"))
            self.close_button.setEnabled(False)
            return
        if self._key_shown and not self.written.isChecked():
            return
        if self._key_shown:
            paths = StorePaths(self._session.data_dir)
            self._session.background.run(lambda: clear_not_shown_notice(paths), lambda _: None, lambda _: None)
        self.key.setText("")
        super().reject()
