"""The shell of UX.md and the unlock screen, driven as a person would, offscreen over a real store."""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from hbf_desktop.ui.main_window import MainWindow
from tests.conftest import StoreTemplate
from tests.ui.conftest import WAIT_MS, WindowFactory, unlock, unlocked


def test_toolbar_menus_and_shortcuts_follow_ux(qtbot: QtBot, window: MainWindow) -> None:
    a = window.actions_
    expected = {a.lock: "Ctrl+L", a.sync: "F5", a.new_client: "Ctrl+N", a.log_call: "Ctrl+Shift+W",
                a.log_intervention: "Ctrl+Shift+I", a.find: "Ctrl+F", a.privacy: "Ctrl+Shift+P"}  # fmt: skip
    for action, keys in expected.items():
        assert action.shortcut().toString() == keys
        assert f"({keys})" in action.toolTip(), "the shortcut is shown in the tooltip"
    assert not a.sync.isEnabled(), "nothing to sync while locked"
    assert not a.log_call.isEnabled(), "nothing about clients works while locked"
    assert [window.shell.navigation.item(i).text() for i in range(3)] == ["Today", "Caseload", "Settings"]


def test_unlock_fills_the_caseload_and_every_control_has_an_accessible_name(qtbot: QtBot, window: MainWindow) -> None:
    unlocked(qtbot, window)
    assert window.windowTitle() == "HBF Desktop"
    assert window.actions_.log_call.isEnabled()
    for page in (window.caseload_view, window.client_view, window.settings_view, window.today_view):
        controls = [w for w in page.findChildren(QWidget) if _is_our_control(w)]
        for widget in controls:
            named = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
            assert named, f"{type(widget).__name__} in {type(page).__name__} has no accessible name"
    assert window.sync_status.waiting.text().endswith("waiting"), "the status bar counts changes waiting"
    assert window.sync_status.waiting_count > 0


def _is_our_control(widget: QWidget) -> bool:
    """Controls we made, not the parts Qt builds inside its own (a combo box's popup list, a header, tab scrollers)."""
    if not isinstance(widget, QLineEdit | QComboBox | QAbstractItemView | QAbstractButton):
        return False
    if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox | QTabBar | QAbstractSpinBox):
            return False
        parent = parent.parentWidget()
    return True


def test_a_wrong_passphrase_is_shown_plainly_and_the_window_stays_responsive(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window, "not the passphrase")
    assert window.unlock_page.busy.isVisible(), "the KDF runs in the background while the window shows it is busy"
    qtbot.waitUntil(lambda: "not correct" in window.unlock_page.message.text(), timeout=WAIT_MS)
    assert window.pages.currentWidget() is window.unlock_page
    assert window.unlock_page.button.isEnabled()


def test_the_growing_delay_is_counted_down_on_the_button(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path
) -> None:
    attempts = {"failures": 6, "last_failure_at": time.time()}
    (seeded_dir / "unlock-attempts.json").write_text(json.dumps(attempts))
    window = make_window(seeded_dir)
    unlock(qtbot, window, "whatever is typed")
    qtbot.waitUntil(lambda: "Try again in" in window.unlock_page.message.text(), timeout=WAIT_MS)
    assert not window.unlock_page.button.isEnabled()
    assert "Wait" in window.unlock_page.button.text()
    assert window.pages.currentWidget() is window.unlock_page


def test_lock_now_clears_every_client_detail(qtbot: QtBot, window: MainWindow) -> None:
    from tests.ui.conftest import all_texts

    unlocked(qtbot, window)
    qtbot.keyClicks(window.search, "Alia")
    window.open_client(window.caseload_model.row_at(0).client_id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    code = window.caseload_model.row_at(0).pseudonym_code  # type: ignore[union-attr]
    assert "Alia" in all_texts(window) or "Bertrand" in all_texts(window)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    window.search.undo()  # Ctrl+Z must not bring a typed name back
    shown = all_texts(window)
    for secret in ("Alia", "Bertrand", code):
        assert secret not in shown
    assert window.pages.currentWidget() is window.unlock_page
    qtbot.waitUntil(lambda: not window.session.is_open, timeout=WAIT_MS)


def test_a_forgotten_passphrase_is_replaced_with_the_recovery_key(
    qtbot: QtBot, window: MainWindow, store_template: StoreTemplate
) -> None:
    dialog = window.unlock_page.recover()
    dialog.key.setText(store_template.recovery_key[:-1] + ("0" if store_template.recovery_key[-1] != "0" else "1"))
    dialog.passphrase.setText("a brand new passphrase")
    dialog.repeat.setText("a brand new passphrase")
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=WAIT_MS)
    assert dialog.message.text() and window.pages.currentWidget() is window.unlock_page, "a typo is refused"
    dialog.key.setText(store_template.recovery_key)
    dialog.submit()
    qtbot.waitUntil(lambda: window.caseload_model.rowCount() == 2, timeout=WAIT_MS)
    assert not dialog.isVisible() and dialog.key.text() == ""
    window.lock()
    unlock(qtbot, window, "a brand new passphrase")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.shell, timeout=WAIT_MS)


def test_the_window_fits_the_screen_it_opens_on(window: MainWindow) -> None:
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()
    assert window.minimumSizeHint().width() <= available.width(), "usable at 200 % on a small screen"
