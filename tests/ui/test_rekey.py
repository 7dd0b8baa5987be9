"""Re-keying from Settings: the passphrase, progress, the new recovery key confirmed as written down, and the store
open again where the caseworker was; a cancel, a wrong passphrase and an unconfirmed key."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hbf_desktop.store.connection import open_connection
from hbf_desktop.store.errors import WrongPassphraseError
from hbf_desktop.store.keyfile import read_key_file
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.rekey_finish import STAGING, recovery_key_not_shown
from hbf_desktop.store.store import Store
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.rekey_dialog import RekeyDialog
from tests.conftest import PASSPHRASE, StoreTemplate
from tests.ui.conftest import WAIT_MS, WindowFactory, unlock, unlocked

REKEY_WAIT_MS = 60_000


def _start(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> RekeyDialog:
    window.shell.show_view(window.settings_view)
    qtbot.mouseClick(window.settings_view.rekey_button, Qt.MouseButton.LeftButton)
    dialog = window.settings_view.rekey_dialog
    assert dialog is not None and dialog.isVisible()
    assert "old recovery key" in dialog.explanation.text() and "plugged in" in dialog.explanation.text()
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    return dialog


def _files(data_dir: Path) -> dict[str, bytes]:
    paths = StorePaths(data_dir)
    return {path.name: path.read_bytes() for path in (paths.database, paths.key_file)}


def test_rekey_from_settings_shows_the_key_and_the_store_reopens(
    qtbot: QtBot, window: MainWindow, seeded_dir: Path, store_template: StoreTemplate
) -> None:
    unlocked(qtbot, window)
    old_key_id = read_key_file(StorePaths(seeded_dir).key_file).key_id
    dialog = _start(qtbot, window)
    qtbot.waitUntil(lambda: dialog.key.isVisible(), timeout=REKEY_WAIT_MS)
    recovery_key = dialog.key.text()
    assert len(recovery_key.split("-")) == 9 and "NEW recovery key" in dialog.message.text()
    assert not dialog.close_button.isEnabled(), "the key must be confirmed as written down first"
    dialog.reject()  # Escape: refused until ticked
    assert dialog.isVisible()
    assert recovery_key_not_shown(StorePaths(seeded_dir)), "until confirmed, the store asks for a new key"
    dialog.written.setChecked(True)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible() and dialog.key.text() == ""
    qtbot.waitUntil(lambda: not recovery_key_not_shown(StorePaths(seeded_dir)), timeout=WAIT_MS)
    # Back where the caseworker was, the store open under the new key, the data still there.
    assert window.shell.views.currentWidget() is window.settings_view
    assert window.session.is_open
    window.shell.show_view(window.caseload_view)
    window.caseload_view.apply()
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 2, timeout=WAIT_MS)
    assert read_key_file(StorePaths(seeded_dir).key_file).key_id != old_key_id
    try:
        open_connection(StorePaths(seeded_dir).database, store_template.data_key, check_integrity=False).close()
        raise AssertionError("the old data key still opens the store")
    except WrongPassphraseError:
        pass
    window.lock()
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=WAIT_MS)
    with Store.recover(seeded_dir, recovery_key, "a passphrase after the re-key 3") as recovered:
        assert recovered.stats().records_by_entity["client"] == 2


def test_cancel_from_the_dialog_leaves_the_store_unchanged_and_open(
    qtbot: QtBot, window: MainWindow, seeded_dir: Path
) -> None:
    unlocked(qtbot, window)
    dialog = _start(qtbot, window)
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)  # "Cancel" while it runs (deriving the key)
    qtbot.waitUntil(lambda: "cancelled" in dialog.message.text(), timeout=REKEY_WAIT_MS)
    assert "unchanged and open again" in dialog.message.text()
    assert window.session.is_open and not (seeded_dir / STAGING).exists()
    before = read_key_file(StorePaths(seeded_dir).key_file).key_id
    window.shell.show_view(window.caseload_view)
    window.caseload_view.apply()
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 2, timeout=WAIT_MS)
    assert read_key_file(StorePaths(seeded_dir).key_file).key_id == before


def test_a_wrong_passphrase_says_so_and_changes_nothing(qtbot: QtBot, window: MainWindow, seeded_dir: Path) -> None:
    unlocked(qtbot, window)
    dialog = _start(qtbot, window, "not the passphrase at all")
    qtbot.waitUntil(lambda: "not correct" in dialog.message.text(), timeout=REKEY_WAIT_MS)
    assert "unchanged and open again" in dialog.message.text() and dialog.start_button.isEnabled()
    assert window.session.is_open
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 2, timeout=WAIT_MS)
    assert not (seeded_dir / STAGING).exists()
    window.lock()
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=WAIT_MS)
    with Store.unlock(seeded_dir, PASSPHRASE):
        pass  # the old key and passphrase still open it


def test_an_unconfirmed_recovery_key_is_replaced_after_the_next_unlock(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path
) -> None:
    window = make_window(seeded_dir)
    unlocked(qtbot, window)
    dialog = _start(qtbot, window)
    qtbot.waitUntil(lambda: dialog.key.isVisible(), timeout=REKEY_WAIT_MS)
    window.lock()  # the idle lock, before "written down" was ticked
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=WAIT_MS)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: getattr(window.settings_view, "recovery_notice", None) is not None, timeout=WAIT_MS)
    notice = window.settings_view.recovery_notice
    assert "never confirmed" in notice.text()
    notice.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(
        lambda: window.settings_view.rekey_dialog is not None and window.settings_view.rekey_dialog.key.isVisible(),
        timeout=WAIT_MS,
    )
    replaced = window.settings_view.rekey_dialog
    assert replaced is not None and replaced is not dialog and len(replaced.key.text().split("-")) == 9
    assert not recovery_key_not_shown(StorePaths(seeded_dir))


def test_progress_gives_an_estimate_once_there_is_something_to_go_on(qtbot: QtBot, window: MainWindow) -> None:
    dialog = RekeyDialog(window.session, lambda: None, lambda: None, window)
    qtbot.addWidget(dialog)
    dialog._progress(10, 100)
    assert dialog.message.text() == "Re-encrypting the store… 10%" and dialog.bar.value() == 10
    dialog._copy_started = time.monotonic() - 10  # 25 % in 10 s: 30 s to go
    dialog._progress(25, 100)
    assert dialog.message.text() == "Re-encrypting the store… 25%, about 30 seconds left"
    dialog._copy_started = time.monotonic() - 120
    dialog._progress(20, 100)
    assert dialog.message.text().endswith("about 8 minutes left")


def test_a_store_in_use_by_another_program_is_refused_and_reopened(
    qtbot: QtBot, window: MainWindow, seeded_dir: Path, store_template: StoreTemplate
) -> None:
    unlocked(qtbot, window)
    before = _files(seeded_dir)["hbf-store.key"]
    with Store.open_with_key(seeded_dir, bytearray(store_template.data_key)):  # as `hbf-desktop sync` would
        dialog = _start(qtbot, window)
        qtbot.waitUntil(lambda: "in use by another program" in dialog.message.text(), timeout=REKEY_WAIT_MS)
    assert "unchanged and open again" in dialog.message.text() and window.session.is_open
    assert _files(seeded_dir)["hbf-store.key"] == before and not (seeded_dir / STAGING).exists()
