"""Read-only tables for the supervisor views: filled in one go from plain rows, never edited in place."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from hbf_desktop.domain.entities import UnknownEntityError
from hbf_desktop.domain.entities import entity as entity_spec


def make_table(headers: Sequence[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[object]]) -> None:
    table.setRowCount(0)  # first drop what was there, so nothing of an earlier answer survives
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))


def cells(table: QTableWidget) -> list[list[str]]:
    """What a person sees in the table (for tests and accessibility checks)."""
    columns = range(table.columnCount())
    return [[_text(table.item(row, column)) for column in columns] for row in range(table.rowCount())]


def _text(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()


def kind_label(entity: str) -> str:
    try:
        return entity_spec(entity).label
    except UnknownEntityError:
        return entity


def field_label(entity: str, name: str) -> str:
    try:
        return next(field.label for field in entity_spec(entity).fields if field.name == name)
    except (UnknownEntityError, StopIteration):
        return name


def short_device(device_id: str) -> str:
    """The end of the id: ids begin with their creation time, so devices enrolled together share a beginning."""
    return device_id[-8:]
