"""The first window: set up or unlock the store, then find clients.

Layout-only widgets; every store call goes through `StoreSession`, which runs it on the store thread.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.domain.passphrase import passphrase_problem
from hbf_desktop.ui.session import ClientRow, StoreSession

SEARCH_DELAY_MS = 150
FORM_WIDTH = 380


class UnlockPage(QWidget):
    def __init__(self, window: MainWindow, creating: bool) -> None:
        super().__init__()
        self._window = window
        self._creating = creating
        outer = QVBoxLayout(self)
        outer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        form = QWidget()
        form.setMaximumWidth(FORM_WIDTH)
        form.setMinimumWidth(FORM_WIDTH)
        outer.addWidget(form, alignment=Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(form)
        title = self.tr("Set up HBF Desktop") if creating else self.tr("HBF Desktop is locked")
        layout.addWidget(QLabel(f"<h2>{title}</h2>"))
        self.passphrase = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        layout.addWidget(self.passphrase)
        self.repeat = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName(self.tr("Passphrase again"))
        self.repeat.setPlaceholderText(self.tr("Passphrase again"))
        self.repeat.setVisible(creating)
        layout.addWidget(self.repeat)
        self.button = QPushButton(self.tr("Create store") if creating else self.tr("Unlock"))
        self.button.setDefault(True)
        layout.addWidget(self.button)
        self.busy = QProgressBar(maximum=0)
        self.busy.setVisible(False)
        self.busy.setAccessibleName(self.tr("Working"))
        layout.addWidget(self.busy)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        self.button.clicked.connect(self._submit)
        self.passphrase.returnPressed.connect(self._submit)
        self.repeat.returnPressed.connect(self._submit)

    def _submit(self) -> None:
        passphrase = self.passphrase.text()
        if self._creating:
            problem = passphrase_problem(passphrase)
            if problem is None and passphrase != self.repeat.text():
                problem = self.tr("The two passphrases differ.")
            if problem:
                self.message.setText(problem)
                return
        self._set_busy(True)
        if self._creating:
            self._window.session.create(passphrase, self._created, self._failed)
        else:
            self._window.session.unlock(passphrase, lambda _: self._unlocked(), self._failed)

    def _created(self, recovery_key: str) -> None:
        self._set_busy(False)
        QMessageBox.information(
            self,
            self.tr("Your recovery key"),
            self.tr(
                "Write this recovery key down and keep it somewhere safe. It is shown only "
                "now, and it is the only way back in if the passphrase is forgotten.\n\n{key}"
            ).format(key=recovery_key),
        )
        self._unlocked()

    def _unlocked(self) -> None:
        self._set_busy(False)
        self.passphrase.clear()
        self.repeat.clear()
        self._window.show_clients()

    def _failed(self, error: Exception) -> None:
        self._set_busy(False)
        self.passphrase.selectAll()
        self.message.setText(str(error))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.button.setEnabled(not busy)
        self.passphrase.setEnabled(not busy)
        if not busy:
            self.passphrase.setFocus()


class ClientsPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self._window = window
        layout = QVBoxLayout(self)
        self.search = QLineEdit(placeholderText=self.tr("Search clients (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search clients"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.table = QTableWidget(0, 2)
        self.table.setAccessibleName(self.tr("Clients"))
        self.table.setHorizontalHeaderLabels([self.tr("Code"), self.tr("Known as")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table)
        self.status = QLabel()
        layout.addWidget(self.status)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _: self._timer.start())

    def refresh(self) -> None:
        self._window.session.list_clients(self.search.text(), self._show, self._failed)

    def clear(self) -> None:
        self.search.clear()
        self.table.setRowCount(0)

    def _show(self, rows: list[ClientRow]) -> None:
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            self.table.setItem(index, 0, QTableWidgetItem(row.pseudonym_code))
            self.table.setItem(index, 1, QTableWidgetItem(row.known_as))
        self.status.setText(self.tr("{count} clients shown").format(count=len(rows)))

    def _failed(self, error: Exception) -> None:
        self.status.setText(str(error))


class MainWindow(QMainWindow):
    def __init__(self, session: StoreSession) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle("HBF Desktop")  # never a client detail here
        self.resize(900, 600)
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self.unlock_page = UnlockPage(self, creating=not session.exists())
        self.clients_page = ClientsPage(self)
        self.pages.addWidget(self.unlock_page)
        self.pages.addWidget(self.clients_page)
        lock = QAction(self.tr("Lock now"), self, shortcut=QKeySequence("Ctrl+L"))
        lock.triggered.connect(self.lock)
        self.addAction(lock)
        find = QAction(self.tr("Search clients"), self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        find.triggered.connect(lambda: self.clients_page.search.setFocus())
        self.addAction(find)
        self.unlock_page.passphrase.setFocus()

    def show_clients(self) -> None:
        self.pages.setCurrentWidget(self.clients_page)
        self.clients_page.search.setFocus()
        self.clients_page.refresh()

    def lock(self) -> None:
        """Close the store and clear every widget that shows client data."""
        self.clients_page.clear()
        self.session.lock()
        if self.unlock_page._creating:
            self.unlock_page = UnlockPage(self, creating=False)
            self.pages.insertWidget(0, self.unlock_page)
        self.pages.setCurrentWidget(self.unlock_page)
        self.unlock_page.passphrase.setFocus()
