"""The unlocked workspace: navigation on the left (Today, Caseload, Settings, and whatever else registers), the
current view in the centre. `add_view` is the seam for the supervisor views and reports of other branches."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from hbf_desktop.ui.signals import emit


class Shell(QWidget):
    view_changed = Signal(QWidget)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.navigation = QListWidget()
        self.navigation.setAccessibleName(self.tr("Navigation"))
        self.navigation.setMaximumWidth(180)
        self.views = QStackedWidget()
        layout = QHBoxLayout(self)
        layout.addWidget(self.navigation)
        layout.addWidget(self.views, 1)
        self._pages: list[QWidget] = []
        self.navigation.currentRowChanged.connect(self._show_row)

    def add_view(self, title: str, view: QWidget) -> None:
        self.navigation.addItem(title)
        self._pages.append(view)
        self.views.addWidget(view)

    def add_hidden(self, view: QWidget) -> None:
        """A view reached from another (the client record, from the caseload), not from the navigation."""
        self.views.addWidget(view)

    def show_view(self, view: QWidget) -> None:
        if view in self._pages:
            self.navigation.setCurrentRow(self._pages.index(view))
        self.views.setCurrentWidget(view)
        emit(self.view_changed, view)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self._pages) and self.views.currentWidget() is not self._pages[row]:
            self.show_view(self._pages[row])
