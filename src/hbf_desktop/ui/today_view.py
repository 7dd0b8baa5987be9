"""Today: follow-ups due or overdue, clients at high risk, NRM decisions past their usual time, consents to review.

Four short lists from `store/today.py`; activating a row opens the client. Refreshed whenever the view is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.store.caseload import CaseloadRow
from hbf_desktop.store.today import LIMIT, TodayLists, today_lists
from hbf_desktop.ui.labels import value_label, when
from hbf_desktop.ui.privacy import PrivacyMode
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.signals import emit


class TodayList(QGroupBox):
    open_client = Signal(str)

    def __init__(self, title: str, detail: str, privacy: PrivacyMode, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._privacy = privacy
        self._rows: list[CaseloadRow] = []
        self._detail = detail
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(title)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Code"), self.tr("Known as"), self.tr("Detail")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for column in (0, 1):
            self.tree.header().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(self.tr("Nothing here."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(self.empty)
        self.tree.itemActivated.connect(lambda item, _: emit(self.open_client, item.data(0, 256)))
        privacy.changed.connect(lambda _: self.show_rows(self._rows))

    def show_rows(self, rows: list[CaseloadRow]) -> None:
        self._rows = rows
        self.tree.clear()
        for row in rows:
            item = QTreeWidgetItem([row.pseudonym_code, self._privacy.shown(row.known_as), self._text(row)])
            item.setData(0, 256, row.client_id)
            self.tree.addTopLevelItem(item)
        self.empty.setVisible(not rows)
        shown = f"{len(rows)}+" if len(rows) >= LIMIT else str(len(rows))  # the store stops at LIMIT
        self.setTitle(f"{self.title().split(' (')[0]} ({shown})")

    def _text(self, row: CaseloadRow) -> str:
        if self._detail == "follow_up":
            return when(row.next_follow_up)
        if self._detail == "nrm":
            decision = self.tr("RG") if row.nrm_stage == "awaiting_rg" else self.tr("CG")
            return self.tr("{decision} pending since {day}").format(decision=decision, day=row.nrm_since or "")
        if self._detail == "consent":
            return self.tr("review by {day}").format(day=row.consent_review_due or "")
        return value_label(row.case_status)


class TodayView(QWidget):
    open_client = Signal(str)

    def __init__(self, session: StoreSession, privacy: PrivacyMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        grid = QGridLayout(self)
        self.follow_ups = TodayList(self.tr("Follow-ups due or overdue"), "follow_up", privacy)
        self.high_risk = TodayList(self.tr("High risk"), "risk", privacy)
        self.nrm_late = TodayList(self.tr("NRM decisions taking longer than usual"), "nrm", privacy)
        self.consents = TodayList(self.tr("Consents due for review"), "consent", privacy)
        for index, widget in enumerate(self.lists):
            grid.addWidget(widget, index // 2, index % 2)
            widget.open_client.connect(self.open_client)
        self.message = QLabel()
        grid.addWidget(self.message, 2, 0, 1, 2)

    @property
    def lists(self) -> tuple[TodayList, ...]:
        return (self.follow_ups, self.high_risk, self.nrm_late, self.consents)

    def refresh(self) -> None:
        self._session.call(
            lambda store: today_lists(store.connection), self._show, lambda e: self.message.setText(str(e))
        )

    def _show(self, lists: TodayLists) -> None:
        self.follow_ups.show_rows(lists.follow_ups)
        self.high_risk.show_rows(lists.high_risk)
        self.nrm_late.show_rows(lists.nrm_late)
        self.consents.show_rows(lists.consents_due)

    def clear(self) -> None:
        for widget in self.lists:
            widget.show_rows([])
        self.message.clear()
