"""The support plan's goals editor: by keyboard, through the domain's rules, into the store and back on screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hbf_desktop.store.records import StoredRecord
from hbf_desktop.ui.goals_editor import GoalsEditor
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.record_dialog import RecordDialog
from hbf_desktop.ui.record_section import RecordSection
from tests.ui.conftest import WAIT_MS, answer_next_message_box, unlocked


def _open_first(qtbot: QtBot, window: MainWindow) -> str:
    unlocked(qtbot, window)
    row = window.caseload_model.row_at(0)
    assert row is not None
    window.open_client(row.client_id)
    qtbot.waitUntil(lambda: window.client_view.file is not None, timeout=WAIT_MS)
    return row.client_id


def _plans(qtbot: QtBot, window: MainWindow, client_id: str) -> list[StoredRecord]:
    answer: list[object] = []
    window.session.call(lambda store: store.records.of_client(client_id, "support_plan"), answer.append, answer.append)
    qtbot.waitUntil(lambda: bool(answer), timeout=WAIT_MS)
    assert isinstance(answer[0], list), answer[0]
    return answer[0]


def _dialog(qtbot: QtBot, section: RecordSection, existing: StoredRecord | None) -> tuple[RecordDialog, GoalsEditor]:
    dialog = section.open_dialog(existing)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=WAIT_MS)
    goals = dialog.form.editors["goals"]
    assert isinstance(goals, GoalsEditor)
    return dialog, goals


def _key(qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Press a key where the keyboard focus is, as a person would; returns the widget that has the focus after."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)
    after = QApplication.focusWidget()
    assert after is not None
    return after


def _type(qtbot: QtBot, text: str) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)


def test_a_plan_with_two_goals_is_added_by_keyboard_edited_and_shown(qtbot: QtBot, window: MainWindow) -> None:
    client_id = _open_first(qtbot, window)
    section = window.client_view.sections["support_plan"]
    dialog, goals = _dialog(qtbot, section, None)
    editors = dialog.form.editors
    assert QApplication.focusWidget() is editors["support_plan_type"], "typing starts in the first field"
    visited = [_key(qtbot, Qt.Key.Key_Tab) for _ in range(3)]
    assert visited == [editors["objectives"], editors["action_plan"], goals.add]
    _key(qtbot, Qt.Key.Key_Space)
    assert len(goals.rows) == 1 and QApplication.focusWidget() is goals.rows[0].area
    assert goals.rows[0].area.accessibleName() == "Goal 1 area"
    _key(qtbot, Qt.Key.Key_Down)  # the first area: Housing
    assert _key(qtbot, Qt.Key.Key_Tab) is goals.rows[0].target_date
    _type(qtbot, "2027-01-15")
    assert _key(qtbot, Qt.Key.Key_Tab) is goals.rows[0].status
    _key(qtbot, Qt.Key.Key_Down)  # not started -> in progress
    assert _key(qtbot, Qt.Key.Key_Tab) is goals.rows[0].remove
    assert _key(qtbot, Qt.Key.Key_Tab) is goals.add
    _key(qtbot, Qt.Key.Key_Return)  # Enter on the focused "Add goal" adds a goal, it does not save the dialog
    assert len(goals.rows) == 2 and dialog.isVisible() and _plans(qtbot, window, client_id) == []
    second = goals.rows[1]
    assert QApplication.focusWidget() is second.area
    assert [second.area.accessibleName(), second.target_date.accessibleName(), second.status.accessibleName()] == [
        "Goal 2 area",
        "Goal 2 target date",
        "Goal 2 status",
    ]
    assert second.remove.accessibleName() == "Remove goal 2"
    _type(qtbot, "L")  # keyboard search in the combo: Legal
    _key(qtbot, Qt.Key.Key_Tab)
    _type(qtbot, "2027-03-01")
    assert _key(qtbot, Qt.Key.Key_Return) is second.status, "Enter in a goal's field moves on"
    assert dialog.isVisible() and _plans(qtbot, window, client_id) == [], "Enter did not save by surprise"
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    [plan] = _plans(qtbot, window, client_id)
    assert plan.values["goals"] == [
        {"area": "housing", "status": "in_progress", "target_date": "2027-01-15"},
        {"area": "legal", "status": "not_started", "target_date": "2027-03-01"},
    ]

    dialog, goals = _dialog(qtbot, section, plan)
    assert not dialog.form.dirty and [row.area.currentData() for row in goals.rows] == ["housing", "legal"]
    assert all(widget.isVisible() for row in goals.rows for widget in row.widgets())
    dialog.form.editors["action_plan"].setFocus()
    assert _key(qtbot, Qt.Key.Key_Tab) is goals.rows[0].area, "saved goals come in the form's tab order too"
    goals.rows[0].status.setFocus()
    _key(qtbot, Qt.Key.Key_Down)  # in progress -> achieved
    goals.rows[1].remove.setFocus()
    assert _key(qtbot, Qt.Key.Key_Space) is goals.add, "after removing the last goal the cursor goes to Add goal"
    assert len(goals.rows) == 1
    _key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)

    window.client_view.back.click()
    window.open_client(client_id)
    qtbot.waitUntil(lambda: window.client_view.sections["support_plan"].table.rowCount() == 1, timeout=WAIT_MS)
    table = window.client_view.sections["support_plan"].table
    cells = [table.item(0, column).text() for column in range(table.columnCount())]
    assert "Housing — by 2027-01-15 — achieved" in cells
    assert "Legal" not in " ".join(cells)
    [plan] = _plans(qtbot, window, client_id)
    assert plan.values["goals"] == [{"area": "housing", "status": "achieved", "target_date": "2027-01-15"}]


def test_a_goal_with_an_impossible_date_shows_the_domains_message_and_saves_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    client_id = _open_first(qtbot, window)
    section = window.client_view.sections["support_plan"]
    dialog, goals = _dialog(qtbot, section, None)
    goals.add.click()
    goals.rows[0].area.setCurrentIndex(goals.rows[0].area.findData("housing"))
    goals.rows[0].target_date.setText("2027-02-30")
    goals.add.click()  # a second, sound goal: the message must still be about the first
    goals.rows[1].area.setCurrentIndex(goals.rows[1].area.findData("finance"))
    dialog.save()
    error = dialog.form.errors["goals"]
    assert error.isVisible()
    assert "Goals: a goal's target_date must be a real date; use YYYY-MM-DD" in error.text()
    assert QApplication.focusWidget() is goals.rows[0].target_date, "the cursor goes to the goal at fault"
    assert dialog.isVisible() and _plans(qtbot, window, client_id) == []
    goals.rows[0].target_date.setText("")
    goals.rows[0].area.setCurrentIndex(0)  # no area chosen
    dialog.save()
    assert "a goal's area must be one of: housing" in error.text()
    assert QApplication.focusWidget() is goals.rows[0].area
    assert _plans(qtbot, window, client_id) == []


def test_the_unsaved_changes_guard_fires_when_only_a_goal_changed(qtbot: QtBot, window: MainWindow) -> None:
    client_id = _open_first(qtbot, window)
    section = window.client_view.sections["support_plan"]
    dialog, goals = _dialog(qtbot, section, None)
    goals.add.click()
    goals.rows[0].area.setCurrentIndex(goals.rows[0].area.findData("education"))
    dialog.save()
    qtbot.waitUntil(lambda: section.table.rowCount() == 1, timeout=WAIT_MS)
    [plan] = _plans(qtbot, window, client_id)

    dialog, goals = _dialog(qtbot, section, plan)
    dialog.reject()
    assert not dialog.isVisible(), "nothing changed: no question"

    dialog, goals = _dialog(qtbot, section, plan)
    goals.rows[0].status.setCurrentIndex(goals.rows[0].status.findData("dropped"))
    assert dialog.form.dirty
    asked = answer_next_message_box(qtbot, QMessageBox.StandardButton.Cancel)
    dialog.reject()
    assert asked and "not saved" in asked[0]
    assert dialog.isVisible() and goals.rows[0].status.currentData() == "dropped", "kept editing"
    answer_next_message_box(qtbot, QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()
    [unchanged] = _plans(qtbot, window, client_id)
    assert unchanged.values["goals"] == [{"area": "education", "status": "not_started"}]
