"""First-run set-up, auto-lock and the clipboard, with real widgets, a real store and the real KDF."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from hbf_desktop.config import Policy, load_policy
from hbf_desktop.store.kdf import FLOOR_PARAMETERS
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.sync.protocol.keys import SigningPrivateKey
from hbf_desktop.ui.background import Background
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.setup_wizard import SetupWizard
from tests.ui.conftest import WAIT_MS, WindowFactory, unlocked


def _provisioning_file(tmp_path: Path) -> tuple[Path, str]:
    root = SigningPrivateKey.generate().public_key()
    document = {
        "format": "hbf-provisioning-v1", "organisation_id": "hbf", "organisation_name": "Test Organisation",
        "server_url": "http://127.0.0.1:8443", "root_signing_key": root.to_text(), "root_key_id": root.key_id,
        "policy": {"auto_lock_minutes": 3},
    }  # fmt: skip
    path = tmp_path / "provisioning-from-it.json"
    path.write_text(json.dumps(document))
    return path, root.key_id


def test_the_wizard_imports_provisioning_checks_the_passphrase_and_insists_on_the_recovery_key(
    qtbot: QtBot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "new-store"
    background = Background()
    session = StoreSession(data_dir, Policy(), background, kdf=FLOOR_PARAMETERS)
    wizard = SetupWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    try:
        provisioning, key_id = _provisioning_file(tmp_path)
        qtbot.waitUntil(lambda: "No set-up file yet" in wizard.provisioning_page.details.text(), timeout=WAIT_MS)
        broken = tmp_path / "broken.json"
        broken.write_text('{"format": "hbf-provisioning-v1"}')
        wizard.provisioning_page.import_file(broken)
        qtbot.waitUntil(lambda: "nothing was changed" in wizard.provisioning_page.details.text(), timeout=WAIT_MS)
        assert not (data_dir / "provisioning.json").exists()
        wizard.provisioning_page.import_file(provisioning)
        qtbot.waitUntil(lambda: key_id in wizard.provisioning_page.details.text(), timeout=WAIT_MS)
        assert load_policy(data_dir).auto_lock_minutes == 3
        wizard.next()
        page = wizard.passphrase_page
        assert page.rule.text() == "", "the subtitle gives the rule; the advice line waits for typing"
        qtbot.keyClicks(page.passphrase, "short")
        assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
        assert "at least 12 characters" in page.rule.text()
        page.passphrase.clear()
        qtbot.keyClicks(page.passphrase, "violet tractor harbour 42")
        qtbot.keyClicks(page.repeat, "violet tractor harbour 4")
        assert "differ" in page.rule.text()
        qtbot.keyClicks(page.repeat, "2")
        assert page.meter.value() >= 3
        wizard.next()
        recovery = wizard.recovery_page
        qtbot.waitUntil(lambda: recovery.key.text() != "", timeout=WAIT_MS)
        assert len(recovery.key.text().split("-")) == 9
        assert not wizard.button(QWizard.WizardButton.FinishButton).isEnabled(), "must confirm writing it down"
        assert not wizard.button(QWizard.WizardButton.BackButton).isVisible(), "no way back once the store exists"
        wizard.reject()
        assert wizard.isVisible(), "Escape cannot skip the recovery key"
        recovery.written.setChecked(True)
        assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
        assert session.is_open and StorePaths(data_dir).exists()
        assert page.passphrase.text() == "", "the passphrase is not kept in a widget"
    finally:
        session.lock()
        background.shutdown()


def test_the_screen_locks_itself_after_the_idle_time(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path
) -> None:
    window = make_window(seeded_dir, Policy(auto_lock_minutes=0.02))  # type: ignore[arg-type]  # 1.2 s
    unlocked(qtbot, window)
    assert window.idle.armed
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.unlock_page, timeout=WAIT_MS)
    assert window.caseload_model.rowCount() == 0
    assert not window.actions_.log_call.isEnabled()


def test_activity_postpones_the_lock(qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path) -> None:
    window = make_window(seeded_dir, Policy(auto_lock_minutes=0.02))  # type: ignore[arg-type]
    unlocked(qtbot, window)
    for _ in range(4):
        qtbot.wait(500)
        qtbot.keyClicks(window.search, "a")  # a person typing
    assert window.pages.currentWidget() is window.shell, "2 s of typing with a 1.2 s idle limit did not lock"


def test_suspend_or_screen_lock_reported_on_d_bus_locks_at_once(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path
) -> None:
    window = make_window(seeded_dir)
    unlocked(qtbot, window)
    window.idle.session_left(False)
    assert window.pages.currentWidget() is window.shell, "the screen saver stopping does not lock"
    window.idle.session_left(True)  # what logind's PrepareForSleep(true) and ActiveChanged(true) deliver
    assert window.pages.currentWidget() is window.unlock_page
    assert window.caseload_model.rowCount() == 0


def test_a_copied_code_is_cleared_from_the_clipboard(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path
) -> None:
    window = make_window(seeded_dir, Policy(clipboard_clear_seconds=1))
    unlocked(qtbot, window)
    row = window.caseload_model.row_at(0)
    assert row is not None
    window.open_client(row.client_id)
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    window.client_view.header.copy.click()
    assert QGuiApplication.clipboard().text() == row.pseudonym_code
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=5_000)


def test_ctrl_c_in_the_caseload_is_wiped_too(qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path) -> None:
    window = make_window(seeded_dir, Policy(clipboard_clear_seconds=1))
    unlocked(qtbot, window)
    table = window.caseload_view.table
    table.setFocus()
    table.setCurrentIndex(window.caseload_model.index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)  # Qt's own copy of the cell
    assert QGuiApplication.clipboard().text() in ("Alia", "Bertrand")
    assert window.clipboard.pending
    qtbot.waitUntil(lambda: QGuiApplication.clipboard().text() == "", timeout=5_000)
