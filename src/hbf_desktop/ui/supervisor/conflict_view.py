"""Conflict review: each concurrent edit's two values side by side, with who (user and device) and when.

Keeping a value or typing a new one is saved by `store.conflicts.resolve` on the store thread in one transaction, as
an ordinary edit that syncs; the entry then leaves the list. A value the record's rules refuse is shown with the
store's message and changes nothing.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.domain.model import JsonValue
from hbf_desktop.store.conflicts import OpenConflict, Side
from hbf_desktop.store.store import Store
from hbf_desktop.ui.labels import value_label, when
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit
from hbf_desktop.ui.supervisor.tables import field_label, fill, kind_label, make_table, short_device


class ConflictView(QWidget):
    settled = Signal()

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.conflicts: list[OpenConflict] = []
        self.table = make_table(
            [self.tr("Client"), self.tr("Record"), self.tr("Field"), self.tr("Found")], self.tr("Conflicts")
        )
        self.kept = _SidePane(self.tr("Value held now"))
        self.lost = _SidePane(self.tr("Other value"))
        self.edited = QLineEdit(placeholderText=self.tr("Or type the right value"))
        self.edited.setAccessibleName(self.tr("Edited value"))
        self.save_edited = QPushButton(self.tr("Save &typed value"))
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Conflict message"))
        self._layout()
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.kept.choose.clicked.connect(lambda: self._settle(self._selected_side("kept")))
        self.lost.choose.clicked.connect(lambda: self._settle(self._selected_side("lost")))
        self.save_edited.clicked.connect(self._settle_edited)
        self._show_selected()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        sides = QHBoxLayout()
        sides.addWidget(self.kept)
        sides.addWidget(self.lost)
        layout.addLayout(sides)
        edit = QHBoxLayout()
        edit.addWidget(self.edited, 1)
        edit.addWidget(self.save_edited)
        layout.addLayout(edit)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        self._session.call(_open_conflicts, self._show, self._failed)

    def _show(self, conflicts: list[OpenConflict]) -> None:
        self.conflicts = conflicts
        fill(self.table, [(c.client_code or "", kind_label(c.entity), field_label(c.entity, c.field),
                           when(c.detected_at)) for c in conflicts])  # fmt: skip
        if conflicts:
            self.table.selectRow(0)
        self._show_selected()

    def selected(self) -> OpenConflict | None:
        row = self.table.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) and self.table.selectedItems() else None

    def _show_selected(self) -> None:
        conflict = self.selected()
        self.kept.show_side(conflict.kept if conflict else None)
        self.lost.show_side(conflict.lost if conflict else None)
        self.edited.setText("")
        for widget in (self.edited, self.save_edited):
            widget.setEnabled(conflict is not None)

    def _selected_side(self, which: str) -> JsonValue:
        conflict = self.selected()
        if conflict is None:
            return None
        return conflict.kept.value if which == "kept" else conflict.lost.value

    def _settle_edited(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        text = self.edited.text()
        textual = all(isinstance(side.value, str | None) for side in (conflict.kept, conflict.lost))
        try:
            value: JsonValue = text if textual else json.loads(text)
        except ValueError:
            self.message.setText(self.tr("Type the value as it is shown above (a number, true or false, a list)."))
            return
        self._settle(value)

    def _settle(self, value: JsonValue) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        seq = conflict.seq

        def work(store: Store) -> bool:
            from hbf_desktop.store.conflicts import resolve

            return resolve(store, seq, value)

        self._session.call(work, self._settled, self._failed)

    def _settled(self, saved: bool) -> None:
        if saved:
            self.message.setText(self.tr("Saved; the choice will sync like any edit."))
        else:
            self.message.setText(self.tr("Settled: the value held now is kept, so nothing needed to change."))
        emit(self.settled)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.message.setText(str(error))

    def clear(self) -> None:
        self.conflicts = []
        fill(self.table, [])
        self.message.setText("")
        self._show_selected()


class _SidePane(QGroupBox):
    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.value = QLabel(wordWrap=True)
        self.value.setAccessibleName(title)
        self.who = QLabel()
        self.at = QLabel()
        self.choose = QPushButton(self.tr("Keep this value"))
        self.choose.setAccessibleName(self.tr("Keep: {title}").format(title=title))
        grid = QGridLayout(self)
        for row, (label, widget) in enumerate(((self.tr("Value"), self.value), (self.tr("By"), self.who),
                                               (self.tr("When"), self.at))):  # fmt: skip
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(widget, row, 1)
        grid.addWidget(self.choose, 3, 0, 1, 2)

    def show_side(self, side: Side | None) -> None:
        self.value.setText((value_label(side.value) or self.tr("(empty)")) if side else "")
        self.who.setText(self.tr("{user} (device {device})").format(user=side.user, device=short_device(
            side.device_id)) if side else "")  # fmt: skip
        self.at.setText(when(side.at) + " UTC" if side else "")
        self.choose.setEnabled(side is not None)


def _open_conflicts(store: Store) -> list[OpenConflict]:
    from hbf_desktop.store.conflicts import open_conflicts

    return open_conflicts(store.connection)
