"""Settings and data: the policy in force, privacy mode, sync enrolment and updates, and the long jobs (import,
export, backup)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.ui.enrol_dialog import EnrolDialog
from hbf_desktop.ui.file_dialogs import choose_file_to_open, choose_file_to_save
from hbf_desktop.ui.long_work import (
    LongWork,
    LongWorkDialog,
    ProgressText,
    backup_work,
    byte_progress,
    count_progress,
    export_work,
    import_work,
    record_progress,
)
from hbf_desktop.ui.rekey_dialog import RekeyDialog
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.small_screens import scrollable
from hbf_desktop.ui.usb_bundles import UsbBundles, holds_directory

if TYPE_CHECKING:
    from hbf_desktop.ui.sync_control import SyncControl
    from hbf_desktop.ui.update_notice import UpdateNotice


class SettingsView(QWidget):
    def __init__(self, session: StoreSession, privacy_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.dialog: LongWorkDialog | None = None
        content = QWidget()
        layout = QVBoxLayout(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrollable(content))  # taller than a small screen at 150 %: it scrolls
        policy = QGroupBox(self.tr("Your organisation's policy"))
        form = QFormLayout(policy)
        form.addRow(self.tr("Lock after idle minutes:"), QLabel(str(session.policy.auto_lock_minutes)))
        form.addRow(self.tr("Clipboard cleared after seconds:"), QLabel(str(session.policy.clipboard_clear_seconds)))
        form.addRow(self.tr("Data folder:"), QLabel(str(session.data_dir)))
        layout.addWidget(policy)
        self.privacy = QCheckBox(self.tr("Privacy mode: mask names and identifiers (Ctrl+Shift+P)"))
        self.privacy.setAccessibleName(self.tr("Privacy mode"))
        self.privacy.toggled.connect(
            lambda on: privacy_action.setChecked(on) if privacy_action.isChecked() != on else None
        )
        privacy_action.toggled.connect(self.privacy.setChecked)
        layout.addWidget(self.privacy)
        data = QGroupBox(self.tr("Data"))
        row = QHBoxLayout(data)
        self.import_button = QPushButton(self.tr("&Import a file…"))
        self.export_button = QPushButton(self.tr("E&xport without identities…"))
        self.backup_button = QPushButton(self.tr("&Back up…"))
        for button in (self.import_button, self.export_button, self.backup_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            row.addWidget(button)
        layout.addWidget(data)
        layout.addWidget(self._keys_group())
        layout.addWidget(self._sync_group())
        layout.addStretch()
        self.import_button.clicked.connect(self._import)
        self.export_button.clicked.connect(self._export)
        self.backup_button.clicked.connect(self._backup)

    def _keys_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Keys"))
        row = QHBoxLayout(group)
        self.rekey_button = QPushButton(self.tr("Re-&key the database…"))
        self.rekey_button.setAccessibleName(self.tr("Re-key the database"))
        self.recovery_key_button = QPushButton(self.tr("New recovery &key…"))
        self.recovery_key_button.setAccessibleName(self.tr("New recovery key"))
        row.addWidget(self.rekey_button)
        row.addWidget(self.recovery_key_button)
        self.rekey_button.clicked.connect(self.open_rekey)
        self.recovery_key_button.clicked.connect(self.make_new_recovery_key)
        self.rekey_dialog: RekeyDialog | None = None
        return group

    def open_rekey(self) -> RekeyDialog:
        """The sync engine is stopped first (like a lock) and started again once the store is open again."""

        def stop_sync() -> Callable[[], None] | None:
            engine = self._sync.stop()
            return engine.stop if engine is not None else None

        self.rekey_dialog = RekeyDialog(self._session, stop_sync, self._sync.unlocked, self)
        self.rekey_dialog.open()
        return self.rekey_dialog

    def make_new_recovery_key(self) -> None:
        """Replace the recovery key (lost, or a re-key's that was never confirmed as written down)."""
        self.rekey_dialog = RekeyDialog(self._session, lambda: None, lambda: None, self)
        dialog = self.rekey_dialog

        def show(recovery_key: str) -> None:
            dialog.show_key(recovery_key, self.tr("The recovery key is replaced."))
            dialog.open()

        self._session.call(lambda store: store.new_recovery_key(), show, lambda error: self._show_error(dialog, error))

    def check_recovery_notice(self) -> None:
        """After unlock: a re-key whose new recovery key nobody confirmed (a lock or a crash came first) asks for
        a new one, since the unseen key is the only recovery key in force."""
        from hbf_desktop.store.rekey_finish import recovery_key_not_shown

        self._session.call(lambda store: recovery_key_not_shown(store.paths), self._offer_new_recovery_key,
                           lambda _: None)  # fmt: skip

    def _offer_new_recovery_key(self, needed: bool) -> None:
        if not needed:
            return
        self.recovery_notice = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Make a new recovery key"),
            self.tr(
                "The store was re-keyed, but its new recovery key was never confirmed as written down. Make a new "
                "recovery key now and write it down: without one, a forgotten passphrase would lock you out."
            ),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self,
        )
        self.recovery_notice.setAccessibleName(self.tr("Make a new recovery key"))
        self.recovery_notice.button(QMessageBox.StandardButton.Ok).setText(self.tr("Make a new recovery key"))
        self.recovery_notice.accepted.connect(self.make_new_recovery_key)
        self.recovery_notice.open()

    def _show_error(self, dialog: RekeyDialog, error: Exception) -> None:
        dialog.message.setText(str(error))
        dialog.open()

    def _sync_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Sync and updates"))
        form = QFormLayout(group)
        self.role = QLabel(self.tr("Not enrolled"))
        self.role.setAccessibleName(self.tr("Enrolment"))
        self.enrol_button = QPushButton(self.tr("E&nrol this laptop…"))
        self.enrol_button.setAccessibleName(self.tr("Enrol this laptop"))
        self.update_button = QPushButton(self.tr("Check for &updates"))
        self.update_button.setAccessibleName(self.tr("Check for updates"))
        self.update_result = QLabel(wordWrap=True)
        self.update_result.setAccessibleName(self.tr("Update check result"))
        form.addRow(self.tr("This laptop:"), self.role)
        form.addRow(self.enrol_button)
        self.bundles = UsbBundles(self._session)  # write / take in a USB bundle, once enrolled or holding a directory
        form.addRow(self.bundles)
        form.addRow(self.update_button)
        form.addRow(self.update_result)
        self.enrol_button.clicked.connect(self.open_enrolment)
        self.enrol_dialog: EnrolDialog | None = None
        return group

    def connect_sync(self, sync: SyncControl, updates: UpdateNotice) -> None:
        """The main window's sync control and update notice (made after this view)."""
        self._sync = sync
        sync.role_known.connect(self.show_role)
        self.update_button.clicked.connect(lambda: self._check_updates(updates))
        updates.answered.connect(self._update_answered)

    def show_role(self, role: str) -> None:
        words = self.tr("Enrolled as a supervisor") if role == "supervisor" else self.tr("Enrolled as a caseworker")
        self.role.setText(words)
        self.bundles.set_available(True)

    def unlocked(self) -> None:
        """A bundle-only laptop is not enrolled with a server, but holding the directory is enough for bundles."""
        self._session.call(holds_directory, self._directory_known, lambda _: None)

    def _directory_known(self, held: bool) -> None:
        if held and self._session.role is None:
            self.role.setText(self.tr("Works by USB bundle (no server)"))
        if held:
            self.bundles.set_available(True)

    def _directory_taken(self, role: str) -> None:
        words = self.tr("a supervisor") if role == "supervisor" else self.tr("a caseworker")
        self.role.setText(self.tr("Works by USB bundle (no server) as {role}").format(role=words))
        self.bundles.set_available(True)

    def clear(self) -> None:
        self.role.setText(self.tr("Not enrolled"))
        self.bundles.set_available(False)
        self.update_result.setText("")

    def open_enrolment(self) -> EnrolDialog:
        self.enrol_dialog = EnrolDialog(self._session, self)
        self.enrol_dialog.enrolled.connect(self._sync.set_role)
        self.enrol_dialog.directory_taken.connect(self._directory_taken)
        self.enrol_dialog.open()
        return self.enrol_dialog

    def _check_updates(self, updates: UpdateNotice) -> None:
        self.update_result.setText(self.tr("Checking for updates…"))
        self.update_button.setEnabled(False)
        updates.check()

    def _update_answered(self, message: str, _ready: bool) -> None:
        self.update_button.setEnabled(True)
        self.update_result.setText(message)

    def _import(self) -> None:
        path = choose_file_to_open(self, self.tr("Import records"), "JSON Lines (*.jsonl)")
        if path is not None:
            self.run(self.tr("Importing"), import_work(path))

    def _export(self) -> None:
        path = choose_file_to_save(self, self.tr("Export records"), "export-deidentified.jsonl", "JSON Lines (*.jsonl)")
        if path is not None:
            self.run(self.tr("Exporting"), export_work(path), record_progress)

    def _backup(self) -> None:
        path = choose_file_to_save(self, self.tr("Back up"), "hbf-backup.hbfbackup")
        if path is not None:
            self.run(self.tr("Backing up"), backup_work(path), byte_progress)

    def run(self, title: str, work: LongWork, progress_text: ProgressText = count_progress) -> LongWorkDialog:
        self.dialog = LongWorkDialog(title, self, progress_text=progress_text)
        self.dialog.start(self._session, work)
        return self.dialog
