"""The caseload view: search field, filters and the lazily filled table. Layout only; queries live in the model."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.domain.vocabularies import CASE_STATUS, RISK_LEVEL
from hbf_desktop.store import caseload
from hbf_desktop.store.caseload import CaseloadQuery, CaseloadRow
from hbf_desktop.ui.caseload_model import CaseloadModel
from hbf_desktop.ui.labels import counted, value_label
from hbf_desktop.ui.signals import emit

SEARCH_DELAY_MS = 120  # one query after a short pause in typing, not one per key


class CaseloadView(QWidget):
    open_client = Signal(str)

    def __init__(self, model: CaseloadModel, search: QLineEdit, parent: QWidget | None = None) -> None:
        """`search` lives in the main window's toolbar (UX.md) and drives this view."""
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        self.search = search
        layout.addLayout(self._filters())
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Clients"))
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.table)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Clients shown"))
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.returnPressed.connect(self._enter_table)
        self.table.activated.connect(self._activated)
        model.counted.connect(self._counted)
        model.failed.connect(self.status.setText)
        model.modelReset.connect(self._select_first)

    def _filters(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.status_filter = self._combo(self.tr("Case status"), CASE_STATUS)
        self.risk_filter = self._combo(self.tr("Risk"), RISK_LEVEL)
        self.follow_up_filter = self._combo(self.tr("Follow-up"), ())
        for value, text in (
            ("overdue", self.tr("Overdue")),
            ("due_soon", self.tr("Due within a week")),
            ("none_planned", self.tr("None planned")),
        ):
            self.follow_up_filter.addItem(text, value)
        self.nrm_filter = self._combo(self.tr("NRM stage"), caseload.NRM_STAGES)
        self.worker_filter = self._combo(self.tr("Worker"), ())
        for combo in (self.status_filter, self.risk_filter, self.follow_up_filter, self.nrm_filter, self.worker_filter):
            row.addWidget(combo)
            combo.currentIndexChanged.connect(lambda _: self.apply())
        return row

    def _combo(self, name: str, values: tuple[str, ...]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(self.tr("Filter by {what}").format(what=name.lower()))
        combo.setToolTip(combo.accessibleName())
        combo.addItem(self.tr("{what}: any").format(what=name), None)
        for value in values:
            combo.addItem(value_label(value), value)
        return combo

    def set_workers(self, workers: list[str]) -> None:
        current = self.worker_filter.currentData()
        self.worker_filter.blockSignals(True)
        while self.worker_filter.count() > 1:
            self.worker_filter.removeItem(1)
        for worker in workers:
            self.worker_filter.addItem(worker, worker)
        index = self.worker_filter.findData(current)
        self.worker_filter.setCurrentIndex(max(index, 0))
        self.worker_filter.blockSignals(False)

    def current_query(self) -> CaseloadQuery:
        return replace(
            self.model.query,
            text=self.search.text(),
            case_status=self.status_filter.currentData(),
            risk_level=self.risk_filter.currentData(),
            follow_up=self.follow_up_filter.currentData(),
            nrm_stage=self.nrm_filter.currentData(),
            assigned_worker=self.worker_filter.currentData(),
        )

    def apply(self) -> None:
        self._timer.stop()
        self.model.set_query(self.current_query())

    def selected(self) -> CaseloadRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def clear(self) -> None:
        self._timer.stop()
        self.search.blockSignals(True)
        self.search.setText("")  # setText, not clear(): clear() can be undone with Ctrl+Z
        self.search.blockSignals(False)
        self.model.clear()
        self.status.clear()

    def _counted(self, total: int) -> None:
        """The count; with nothing to show, what to do next (a first-time user sees an empty table otherwise)."""
        if total:
            self.status.setText(counted(self.tr("1 client"), self.tr("{n} clients"), total))
        elif replace(self.model.query, sort=CaseloadQuery().sort, descending=False) == CaseloadQuery():
            self.status.setText(self.tr("No clients yet. Press Ctrl+N (or New client) to add the first one."))
        else:
            self.status.setText(self.tr("No client matches. Clear the search or the filters to see everyone."))

    def _select_first(self) -> None:
        if self.model.rowCount() and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)

    def _enter_table(self) -> None:
        self.apply()
        self.table.setFocus()

    def _activated(self) -> None:
        row = self.selected()
        if row is not None:
            emit(self.open_client, row.client_id)
