"""The caseload as a lazily filled table model: pages of rows arrive from the store thread as the view scrolls.

`canFetchMore`/`fetchMore` ask for the next page only when the view needs it, so only what has been scrolled
past is ever in memory. Every query carries a serial number: a page answering an older query (the person typed
another letter meanwhile) is dropped. Sorting and filtering happen in SQL (store/caseload.py), never here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from hbf_desktop.store import caseload
from hbf_desktop.store.caseload import CaseloadQuery, CaseloadRow
from hbf_desktop.ui.labels import QT_TRANSLATE_NOOP, value_label, when
from hbf_desktop.ui.privacy import PrivacyMode
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit

Index = QModelIndex | QPersistentModelIndex
# (column key, header); the key is also the SQL sort key.
COLUMNS = (
    ("pseudonym_code", QT_TRANSLATE_NOOP("CaseloadModel", "Code")),
    ("known_as", QT_TRANSLATE_NOOP("CaseloadModel", "Known as")),
    ("case_status", QT_TRANSLATE_NOOP("CaseloadModel", "Case status")),
    ("risk_level", QT_TRANSLATE_NOOP("CaseloadModel", "Risk")),
    ("next_follow_up", QT_TRANSLATE_NOOP("CaseloadModel", "Next follow-up")),
    ("nrm_stage", QT_TRANSLATE_NOOP("CaseloadModel", "NRM stage")),
    ("assigned_worker", QT_TRANSLATE_NOOP("CaseloadModel", "Worker")),
)


class CaseloadModel(QAbstractTableModel):
    filled = Signal(int)  # a new query's first page is shown (the argument is a provisional total)
    counted = Signal(int)  # the new query's exact total
    failed = Signal(str)

    def __init__(self, session: StoreSession, privacy: PrivacyMode, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._privacy = privacy
        self._rows: list[CaseloadRow] = []
        self._total = 0
        self._query = CaseloadQuery()
        self._serial = 0
        self._fetching = False
        self._counting = False
        self._headers = [self.tr(text) for _, text in COLUMNS]
        privacy.changed.connect(self._repaint_names)

    # --- querying ---------------------------------------------------------------------------------------------

    @property
    def query(self) -> CaseloadQuery:
        return self._query

    def set_query(self, query: CaseloadQuery) -> None:
        """Replace the rows with the first page of `query` (the old rows stay until it arrives: no flicker).

        The page is asked for first and the count second, as two store calls: rows appear as soon as the page is
        read, and a broad search does not pay for its full-text match twice before anything is shown."""
        self._query = query
        self._serial += 1
        serial = self._serial
        self._fetching = True
        self._session.call(
            lambda store: caseload.page_of_clients(store.connection, query, 0),
            lambda rows: self._first_page(serial, rows),
            self._failed,
        )
        self._session.call(
            lambda store: caseload.count_clients(store.connection, query),
            lambda total: self._counted(serial, total),
            self._failed,
        )

    def refresh(self) -> None:
        self.set_query(self._query)

    def clear(self) -> None:
        """On lock: no client row left in memory."""
        self._serial += 1
        self.beginResetModel()
        self._rows, self._total, self._fetching, self._counting = [], 0, False, False
        self._query = CaseloadQuery()
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802 (Qt's signature)
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008, N802
        if not self.canFetchMore(parent):
            return
        serial, query, offset = self._serial, self._query, len(self._rows)
        self._fetching = True
        self._session.call(
            lambda store: caseload.page_of_clients(store.connection, query, offset),
            lambda rows: self._more(serial, rows),
            self._failed,
        )

    def _first_page(self, serial: int, rows: list[CaseloadRow]) -> None:
        if serial != self._serial:
            return
        self.beginResetModel()
        # Until the count arrives: exact when the page is short, else "at least one more page".
        self._rows, self._fetching = rows, False
        self._total = len(rows) if len(rows) < caseload.PAGE_SIZE else len(rows) + 1
        self._counting = True
        self.endResetModel()
        emit(self.filled, self._total)

    def _counted(self, serial: int, total: int) -> None:
        if serial != self._serial:
            return
        self._total, self._counting = total, False
        emit(self.counted, total)

    def _more(self, serial: int, rows: list[CaseloadRow]) -> None:
        if serial != self._serial:
            return
        self._fetching = False
        if self._counting:  # still provisional: keep "one more page" only while pages come back full
            self._total = len(self._rows) + len(rows) + (1 if len(rows) == caseload.PAGE_SIZE else 0)
        if not rows:
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    def _failed(self, error: Exception) -> None:
        self._fetching = False
        emit(self.failed, str(error))

    # --- the table ----------------------------------------------------------------------------------------------

    @property
    def total(self) -> int:
        return self._total

    @property
    def counting(self) -> bool:
        """True between a new query's first page and its exact count."""
        return self._counting

    def row_at(self, row: int) -> CaseloadRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole) or not index.isValid():
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        if key == "known_as":
            return self._privacy.shown(row.known_as)
        if key == "next_follow_up":
            return when(row.next_follow_up)
        value = getattr(row, key)
        return value if key in ("pseudonym_code", "assigned_worker") else value_label(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:  # noqa: N802 (Qt override)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_query(replace(self._query, sort=COLUMNS[column][0], descending=descending))

    def _repaint_names(self) -> None:
        if self._rows:
            column = [key for key, _ in COLUMNS].index("known_as")
            emit(self.dataChanged, self.index(0, column), self.index(len(self._rows) - 1, column))
