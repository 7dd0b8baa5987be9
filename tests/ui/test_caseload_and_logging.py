"""The caseload (paging, search, filters, privacy mode), fast logging by keyboard, and Today."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hbf_desktop.store.caseload import PAGE_SIZE
from hbf_desktop.store.store import Store
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.privacy import MASK
from tests.conftest import StoreTemplate
from tests.ui.conftest import WAIT_MS, WindowFactory, add_client, all_texts, unlocked

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_the_caseload_pages_searches_and_filters_in_sql(
    qtbot: QtBot, make_window: WindowFactory, store_dir: Path, store_template: StoreTemplate
) -> None:
    count = PAGE_SIZE * 2 + 50
    with Store.open_with_key(store_dir, bytearray(store_template.data_key)) as store:
        for index in range(count):
            client_id = add_client(store, f"Person{index:03d}", assigned_worker="kim" if index % 5 else "sam")
            if index == 7:
                case_id = store.records.of_client(client_id, "case")[0].id
                store.records.save("risk_assessment", {"case_id": case_id, "assessed_on": "2026-11-01",
                                                       "overall_level": "high"})  # fmt: skip
        add_client(store, "Zebedee")
    window = make_window(store_dir)
    unlocked(qtbot, window, rows=PAGE_SIZE)
    model = window.caseload_model
    qtbot.waitUntil(lambda: not model.counting, timeout=WAIT_MS)
    assert model.total == count + 1 and model.rowCount() == PAGE_SIZE, "one page in memory, not every client"
    assert window.caseload_view.status.text() == f"{count + 1} clients"
    window.caseload_view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == PAGE_SIZE * 2, timeout=WAIT_MS)
    qtbot.keyClicks(window.search, "zeb")
    qtbot.waitUntil(lambda: model.total == 1 and not model.counting, timeout=WAIT_MS)
    assert model.row_at(0).known_as == "Zebedee"  # type: ignore[union-attr]
    window.search.clear()
    view = window.caseload_view
    qtbot.waitUntil(lambda: model.total == count + 1 and not model.counting, timeout=WAIT_MS)
    view.risk_filter.setCurrentIndex(view.risk_filter.findData("high"))
    qtbot.waitUntil(lambda: model.total == 1 and not model.counting, timeout=WAIT_MS)
    assert model.row_at(0).known_as == "Person007"  # type: ignore[union-attr]
    view.risk_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: view.worker_filter.count() == 3, timeout=WAIT_MS)
    view.worker_filter.setCurrentIndex(view.worker_filter.findData("sam"))
    qtbot.waitUntil(lambda: model.total == count // 5 and not model.counting, timeout=WAIT_MS)


def test_sorting_asks_the_store(qtbot: QtBot, window: object) -> None:
    from hbf_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    window.caseload_view.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: window.caseload_model.row_at(0).known_as == "Bertrand", timeout=WAIT_MS)  # type: ignore[union-attr]
    assert window.caseload_model.query.sort == "known_as" and window.caseload_model.query.descending


def test_privacy_mode_masks_names_in_every_list_in_one_keystroke(qtbot: QtBot, window: object) -> None:
    from hbf_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    assert "Alia" in all_texts(window.caseload_view)
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    assert window.privacy.on
    shown = all_texts(window)
    assert "Alia" not in shown and "Bertrand" not in shown and MASK in shown
    window.open_client(window.caseload_model.row_at(0).client_id)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    assert window.client_view.header.name.text() == MASK
    known_as = window.client_view.profile.identity_form.editors["known_as"]
    assert isinstance(known_as, QLineEdit) and known_as.echoMode() == QLineEdit.EchoMode.Password
    assert known_as.displayText() != known_as.text(), "identity fields show dots in privacy mode"
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    assert window.client_view.header.name.text() in ("Alia", "Bertrand")


def test_a_welfare_call_is_logged_by_keyboard_alone_in_under_ten_seconds(qtbot: QtBot, window: object) -> None:
    from hbf_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    started = time.monotonic()
    qtbot.keyClicks(window.search, "alia")
    qtbot.keyClick(window.search, Qt.Key.Key_Return)  # to the list, first match selected
    qtbot.waitUntil(lambda: window.caseload_model.total == 1 and window.caseload_view.selected() is not None,
                    timeout=WAIT_MS)  # fmt: skip
    qtbot.keyClick(window.caseload_view.table, Qt.Key.Key_W, CTRL_SHIFT)
    dialog = window.findChild(QDialogType)
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    focus = dialog.focusWidget()
    for _ in range(4):  # contact type (welfare call), minutes, outcome (completed), safe to talk (yes)
        if focus is dialog.form.editors["duration_min"]:
            qtbot.keyClicks(focus, "12")
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        focus = dialog.focusWidget()
    qtbot.keyClicks(dialog.focusWidget(), "Talked about the move; feeling safer.")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert time.monotonic() - started < 10
    contacts: list[dict[str, object]] = []
    client_id = window.caseload_model.row_at(0).client_id  # type: ignore[union-attr]
    window.session.call(lambda store: [r.values for r in store.records.of_client(client_id, "contact")],
                        contacts.extend, lambda e: None)  # fmt: skip
    qtbot.waitUntil(lambda: bool(contacts), timeout=WAIT_MS)
    saved = contacts[0]
    assert saved["contact_type"] == "welfare_call" and saved["outcome"] == "completed"
    assert saved["safe_to_talk"] is True and saved["duration_min"] == 12
    assert saved["note"] == "Talked about the move; feeling safer."


def test_an_intervention_is_logged_from_the_caseload_and_bad_input_is_explained(qtbot: QtBot, window: object) -> None:
    from hbf_desktop.ui.main_window import MainWindow

    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    window.caseload_view.table.setFocus()
    qtbot.keyClick(window.caseload_view.table, Qt.Key.Key_I, CTRL_SHIFT)
    dialog = window.findChild(QDialogType)
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible(), "no kind of intervention chosen: refused"
    assert "required" in dialog.form.errors["intervention_type"].text()
    qtbot.keyClicks(dialog.form.editors["intervention_type"], "Housing")
    dialog.form.editors["time_spent_min"].setText("-5")  # type: ignore[union-attr]
    dialog.save()
    assert "Minutes spent" in dialog.form.errors["time_spent_min"].text()
    dialog.form.editors["time_spent_min"].setText("30")  # type: ignore[union-attr]
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == "Saved."


def test_a_new_client_is_added_from_the_keyboard_and_found(qtbot: QtBot, window: object) -> None:
    from hbf_desktop.ui.new_client_dialog import NewClientDialog

    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(NewClientDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    qtbot.keyClicks(dialog.focusWidget(), "Farida")
    dialog.identity.editors["phones"].setText("not a phone")  # type: ignore[union-attr]
    dialog.save()
    assert "Phone numbers" in dialog.identity.errors["phones"].text() and dialog.isVisible()
    dialog.identity.editors["phones"].setText("07700 900555")  # type: ignore[union-attr]
    dialog.save()
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    assert window.client_view.header.name.text() == "Farida"
    assert window.client_view.file.case_id is not None, "an open case is made with the client"  # type: ignore[union-attr]
    window.client_view.back.click()
    qtbot.keyClicks(window.search, "fari")
    qtbot.waitUntil(lambda: window.caseload_model.total == 1, timeout=WAIT_MS)
    assert window.caseload_model.row_at(0).known_as == "Farida"  # type: ignore[union-attr]


def test_tab_moves_from_search_through_the_filters_to_the_list(qtbot: QtBot, window: object) -> None:
    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    view = window.caseload_view
    order = [window.search]
    widget = window.search
    for _ in range(6):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    filters = [view.status_filter, view.risk_filter, view.follow_up_filter, view.nrm_filter, view.worker_filter]
    assert order[1:] == [*filters, view.table]


def test_today_lists_what_is_due(qtbot: QtBot, make_window: WindowFactory, store_dir: Path,
                                 store_template: StoreTemplate) -> None:  # fmt: skip
    with Store.open_with_key(store_dir, bytearray(store_template.data_key)) as store:
        client_id = add_client(store, "Dana")
        case_id = store.records.of_client(client_id, "case")[0].id
        store.records.save("task", {"case_id": case_id, "task_type": "follow_up",
                                    "due_at": "2020-01-01T09:00:00+00:00", "status": "open"})  # fmt: skip
        add_client(store, "Eli")
    window = make_window(store_dir)
    unlocked(qtbot, window)
    window.shell.navigation.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.today_view.follow_ups.tree.topLevelItemCount() == 1, timeout=WAIT_MS)
    item = window.today_view.follow_ups.tree.topLevelItem(0)
    assert item.text(1) == "Dana" and item.text(2).startswith("2020-01-01")
    assert window.today_view.high_risk.tree.topLevelItemCount() == 0
    window.today_view.follow_ups.tree.itemActivated.emit(item, 0)
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    assert window.client_view.file.client.id == client_id  # type: ignore[union-attr]


from hbf_desktop.ui.log_dialogs import LogDialog as QDialogType  # noqa: E402


def test_the_new_client_form_reads_top_to_bottom_from_known_as(qtbot: QtBot, window: object) -> None:
    """The cursor starts in "Known as", the first row, and Tab goes down the form, not up to a field above it."""
    from hbf_desktop.ui.new_client_dialog import NewClientDialog

    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    dialog = window.new_client()
    assert isinstance(dialog, NewClientDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    editors = dialog.identity.editors
    assert list(editors) == ["known_as", "legal_name", "phones"]
    assert dialog.focusWidget() is editors["known_as"]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is editors["legal_name"]
    dialog.done(0)


def test_an_empty_caseload_says_what_to_do(qtbot: QtBot, make_window: WindowFactory, store_dir: Path) -> None:
    window = make_window(store_dir)  # the template store holds no clients
    unlocked(qtbot, window, rows=0)
    qtbot.waitUntil(lambda: "Ctrl+N" in window.caseload_view.status.text(), timeout=WAIT_MS)
    qtbot.keyClicks(window.search, "nobody")
    qtbot.waitUntil(lambda: "No client matches" in window.caseload_view.status.text(), timeout=WAIT_MS)


def test_the_status_bar_does_not_guess_while_locked(qtbot: QtBot, window: object) -> None:
    """ "Nothing waiting" on the lock screen could be read as "all synced" when changes are in fact waiting."""
    assert isinstance(window, MainWindow)
    unlocked(qtbot, window)
    qtbot.waitUntil(lambda: window.sync_status.waiting_count > 0, timeout=WAIT_MS)
    assert window.sync_status.waiting.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.unlock_page.isVisible(), timeout=WAIT_MS)
    assert window.sync_status.text.text() == "Locked"
    assert not window.sync_status.waiting.isVisible()
    unlocked(qtbot, window)
    qtbot.waitUntil(lambda: window.sync_status.waiting.isVisible(), timeout=WAIT_MS)
    assert "waiting" in window.sync_status.waiting.text()
