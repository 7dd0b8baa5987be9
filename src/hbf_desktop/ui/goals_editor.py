"""A support plan's goals: one row per goal (area, target date, status), "Add goal", and "Remove" on each row.

A structured field of the domain (`goals`, [{area, target_date, status}]); rows of choices are quicker and safer than
typing JSON, and the editor hands the domain exactly what is on screen (an unchosen area, a mistyped date), so the
form shows the domain's own message and nothing is saved until it passes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.domain.rules import check_object
from hbf_desktop.domain.vocabularies import GOAL_STATUS, NEED_AREA
from hbf_desktop.ui.labels import value_label
from hbf_desktop.ui.signals import emit

DATE_HINT = "YYYY-MM-DD"  # the same hint the form's date fields show
_DEFAULT_STATUS = "not_started"


@dataclass
class GoalRow:
    number: QLabel
    area: QComboBox
    target_date: QLineEdit
    status: QComboBox
    remove: QPushButton

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.number, self.area, self.target_date, self.status, self.remove)

    def focusable(self) -> tuple[QWidget, ...]:
        return (self.area, self.target_date, self.status, self.remove)

    def value(self) -> dict[str, JsonValue]:
        goal: dict[str, JsonValue] = {"area": self.area.currentData(), "status": self.status.currentData()}
        if self.target_date.text().strip():
            goal["target_date"] = self.target_date.text().strip()
        return goal


class GoalsEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self.grid)
        self.empty = QLabel(self.tr("No goals yet."))
        outer.addWidget(self.empty)
        self.add = QPushButton(self.tr("Add &goal"))
        self.add.setAccessibleName(self.tr("Add goal"))
        self.add.setAutoDefault(True)  # Enter on the focused button adds a goal; it never falls through to Save
        outer.addWidget(self.add, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows: list[GoalRow] = []
        self.add.clicked.connect(self._add_clicked)
        self.setFocusProxy(self.add)
        # The form would otherwise share its spare height out between the goal rows, leaving gaps between them.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def value(self) -> list[JsonValue] | None:
        """What is on screen, unchecked: the domain judges it (and words any problem) when the form is saved."""
        goals: list[JsonValue] = [row.value() for row in self.rows]
        return goals or None

    def set_value(self, value: object) -> None:
        goals = value if isinstance(value, list) else []
        while self.rows:
            self._drop(self.rows[-1])
        for goal in goals:
            self._append(goal if isinstance(goal, dict) else {})
        self._renumber()

    def focus_problem(self) -> None:
        """Put the cursor on the first goal the domain refuses, so a keyboard user lands where the message is about."""
        for row in self.rows:
            try:
                check_object("goals", [row.value()])
            except ValueError:
                (row.target_date if row.area.currentData() else row.area).setFocus()
                return
        (self.rows[0].area if self.rows else self.add).setFocus()

    def _add_clicked(self) -> None:
        row = self._append({})
        self._renumber()
        row.area.setFocus()
        emit(self.changed)

    def _append(self, goal: dict[str, object]) -> GoalRow:
        area = QComboBox()
        area.addItem(self.tr("Choose an area"), None)
        for value in NEED_AREA:
            area.addItem(value_label(value), value)
        area.setCurrentIndex(max(area.findData(goal.get("area")), 0))
        target = QLineEdit()
        target.setPlaceholderText(DATE_HINT)
        # Wide enough for a whole date at any font size or scaling: a clipped "027-01-15" reads as the wrong year.
        target.setMinimumWidth(target.fontMetrics().horizontalAdvance(DATE_HINT + "MM") + 12)
        target.setText(str(goal.get("target_date") or ""))
        status = QComboBox()
        for value in GOAL_STATUS:
            status.addItem(value_label(value), value)
        status.setCurrentIndex(max(status.findData(goal.get("status", _DEFAULT_STATUS)), 0))
        remove = QPushButton(self.tr("Remove"))
        remove.setAutoDefault(True)
        row = GoalRow(QLabel(), area, target, status, remove)
        line = len(self.rows)
        for column, widget in enumerate(row.widgets()):
            self.grid.addWidget(widget, line, column)
            if self.isVisible():  # at once, not when the layout gets round to it: the cursor goes there next
                widget.show()
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 1)
        for widget in (area, target, status):
            widget.installEventFilter(self)
        area.currentIndexChanged.connect(lambda _: emit(self.changed))
        status.currentIndexChanged.connect(lambda _: emit(self.changed))
        target.textEdited.connect(lambda _: emit(self.changed))
        remove.clicked.connect(lambda: self._remove_clicked(row))
        self.rows.append(row)
        return row

    def _remove_clicked(self, row: GoalRow) -> None:
        index = self.rows.index(row)
        self._drop(row)
        self._renumber()
        following = self.rows[index].area if index < len(self.rows) else self.add
        following.setFocus()
        emit(self.changed)

    def _drop(self, row: GoalRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()

    def _renumber(self) -> None:
        """Names follow position ("Goal 2 area"), so a screen reader says which goal after one above is removed; the
        grid is relaid and the tab order rebuilt for the same reason."""
        for line, row in enumerate(self.rows):
            number = line + 1
            row.number.setText(self.tr("Goal {n}").format(n=number))
            row.area.setAccessibleName(self.tr("Goal {n} area").format(n=number))
            row.target_date.setAccessibleName(self.tr("Goal {n} target date").format(n=number))
            row.target_date.setToolTip(self.tr("Optional; {hint}").format(hint=DATE_HINT))
            row.status.setAccessibleName(self.tr("Goal {n} status").format(n=number))
            row.remove.setAccessibleName(self.tr("Remove goal {n}").format(n=number))
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, line, column)
        self.empty.setVisible(not self.rows)
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Rows read left to right, top to bottom, then "Add goal", wherever the editor sits in its dialog.

        Rows made after the form was built join the end of the window's focus chain; they are moved back in front of
        "Add goal", after whatever came before this editor.
        """
        ours = {widget for row in self.rows for widget in row.widgets()}
        anchor: QWidget | None = self.add.previousInFocusChain()
        while anchor is not None and (
            anchor in ours
            or anchor is self
            or self.isAncestorOf(anchor)
            or not anchor.focusPolicy() & Qt.FocusPolicy.TabFocus  # Qt orders only widgets that take Tab
        ):
            anchor = anchor.previousInFocusChain()
            if anchor is self.add:  # the editor is a window of its own: nothing comes before it
                anchor = None
        chain = [*(widget for row in self.rows for widget in row.focusable()), self.add]
        if anchor is not None:
            chain.insert(0, anchor)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Enter in a goal's field moves on to the next field instead of saving the whole dialog by surprise."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.NoModifier
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
                self.focusNextChild()
                return True
        return super().eventFilter(watched, event)
