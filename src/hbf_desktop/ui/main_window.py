"""The main window of UX.md: toolbar, navigation and views, status bar; the unlock screen while locked.

Layout and wiring only. Views talk to the store through `StoreSession`; locking is `lock()`, which every lock path
(Ctrl+L, the toolbar, the status bar button, the idle timer, system suspend) calls.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QMainWindow, QMessageBox, QStackedWidget, QToolButton, QWidget

from hbf_desktop.store import caseload
from hbf_desktop.ui import supervisor
from hbf_desktop.ui.actions import Actions
from hbf_desktop.ui.caseload_model import CaseloadModel
from hbf_desktop.ui.caseload_view import CaseloadView
from hbf_desktop.ui.client_view import ClientView
from hbf_desktop.ui.clipboard import ClipboardGuard
from hbf_desktop.ui.enrol_dialog import EnrolDialog
from hbf_desktop.ui.idle_lock import IdleLock
from hbf_desktop.ui.log_dialogs import call_dialog, intervention_dialog
from hbf_desktop.ui.new_client_dialog import NewClientDialog
from hbf_desktop.ui.privacy import PrivacyMode
from hbf_desktop.ui.record_dialog import confirm_discard
from hbf_desktop.ui.session import StoreSession
from hbf_desktop.ui.settings_view import SettingsView
from hbf_desktop.ui.shell import Shell
from hbf_desktop.ui.small_screens import resize_within_screen
from hbf_desktop.ui.status_bar import SyncStatus
from hbf_desktop.ui.sync_control import SyncControl
from hbf_desktop.ui.today_view import TodayView
from hbf_desktop.ui.unlock_page import UnlockPage
from hbf_desktop.ui.update_notice import UpdateNotice

TITLE = "HBF Desktop"  # never a client detail in the title
WAITING_REFRESH_MS = 15_000


class MainWindow(QMainWindow):
    def __init__(self, session: StoreSession) -> None:
        super().__init__()
        self.session = session
        self.setWindowTitle(TITLE)
        self._fit_to_screen()
        self.privacy = PrivacyMode(self)
        self.clipboard = ClipboardGuard(session.policy.clipboard_clear_seconds, self)
        self.actions_ = Actions(self)
        self.search = QLineEdit(placeholderText=self.tr("Search clients (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search clients"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(320)
        self._build_views()
        self._build_chrome()
        self.sync = SyncControl(session, self.sync_status, self.actions_.sync, self)
        self.updates = UpdateNotice(session, self)
        self.settings_view.connect_sync(self.sync, self.updates)
        self.idle = IdleLock(session.policy.auto_lock_minutes, self)
        self.idle.lock_now.connect(self.lock)
        self._waiting_timer = QTimer(self, interval=WAITING_REFRESH_MS)
        self._waiting_timer.timeout.connect(self.refresh_waiting)
        self._connect()
        self._set_locked(True)

    def _fit_to_screen(self) -> None:
        """1100 x 700 where there is room; at 200 % on a small laptop screen, most of what there is."""
        resize_within_screen(self, 1100, 700)

    def _build_views(self) -> None:
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self.unlock_page = UnlockPage(self.session)
        self.shell = Shell()
        self.caseload_model = CaseloadModel(self.session, self.privacy, self)
        self.caseload_view = CaseloadView(self.caseload_model, self.search)
        self.today_view = TodayView(self.session, self.privacy)
        self.settings_view = SettingsView(self.session, self.actions_.privacy)
        self.client_view = ClientView(self.session, self.privacy, self.clipboard)
        self.shell.add_view(self.tr("Today"), self.today_view)
        self.shell.add_view(self.tr("Caseload"), self.caseload_view)
        self.shell.add_view(self.tr("Settings"), self.settings_view)
        self.shell.add_hidden(self.client_view)
        self.pages.addWidget(self.unlock_page)
        self.pages.addWidget(self.shell)

    def _build_chrome(self) -> None:
        a = self.actions_
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setMovable(False)
        toolbar.setAccessibleName(self.tr("Main toolbar"))
        for action in (a.lock, a.sync, a.new_client, a.log_call, a.log_intervention):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addWidget(self.search)
        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (a.new_client, a.sync, a.lock, a.quit):
            file_menu.addAction(action)
        client_menu = menu.addMenu(self.tr("&Client"))
        for action in (a.find, a.log_call, a.log_intervention):
            client_menu.addAction(action)
        view_menu = menu.addMenu(self.tr("&View"))
        view_menu.addAction(a.privacy)
        self.sync_status = SyncStatus()
        self.statusBar().addPermanentWidget(self.sync_status)
        self.update_label = QLabel()
        self.update_label.setAccessibleName(self.tr("Update"))
        self.update_label.setVisible(False)
        self.statusBar().addPermanentWidget(self.update_label)
        self.lock_button = QToolButton()
        self.lock_button.setDefaultAction(a.lock)
        self.lock_button.setAccessibleName(self.tr("Lock now"))
        self.statusBar().addPermanentWidget(self.lock_button)
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Search, then the filters left to right, then the list: the order of a person's eye on the caseload."""
        view = self.caseload_view
        chain: list[QWidget] = [self.search, view.status_filter, view.risk_filter, view.follow_up_filter,
                                view.nrm_filter, view.worker_filter, view.table, self.shell.navigation]  # fmt: skip
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        a = self.actions_
        a.lock.triggered.connect(self.lock)
        a.quit.triggered.connect(self.close)
        a.find.triggered.connect(self.focus_search)
        a.privacy.toggled.connect(self.privacy.set_on)
        a.new_client.triggered.connect(self.new_client)
        a.log_call.triggered.connect(lambda: self.log("call"))
        a.log_intervention.triggered.connect(lambda: self.log("intervention"))
        self.unlock_page.unlocked.connect(self.show_unlocked)
        self.search.textChanged.connect(lambda _: self.shell.show_view(self.caseload_view))
        self.caseload_view.open_client.connect(self.open_client)
        self.today_view.open_client.connect(self.open_client)
        self.client_view.closed.connect(self.back_to_caseload)
        self.client_view.saved.connect(self._saved)
        self.shell.view_changed.connect(self._view_changed)
        self.sync.wiped.connect(self.wiped)
        self.updates.answered.connect(self._update_answered)
        self.settings_view.bundles.done.connect(self._bundle_done)

    # --- unlocked and locked ----------------------------------------------------------------------------------

    def show_unlocked(self) -> None:
        self._set_locked(False)
        self.shell.show_view(self.caseload_view)
        self.caseload_view.apply()
        self.session.call(caseload_workers, self.caseload_view.set_workers, lambda _: None)
        self.refresh_waiting()
        self.sync.unlocked()
        self.settings_view.unlocked()
        if self.updates.last is None:
            self.updates.check()  # once per run, not at every unlock (an auto-lock comes every few idle minutes)
        supervisor.register(self)  # Import, Conflicts, Team, Reports when the store is a supervisor's
        self.settings_view.check_recovery_notice()  # a re-key's recovery key nobody confirmed: offer a new one
        self.search.setFocus()

    def lock(self) -> None:
        """Close the store and clear every widget and dialog that shows client data. Unsaved edits are dropped:
        clear text cannot be kept while locked, and an auto-lock happens because nobody is there to answer."""
        for dialog in self.findChildren(QDialog):
            dialog.done(QDialog.DialogCode.Rejected)
            dialog.deleteLater()
        engine = self.sync.stop()
        self.session.lock(before_close=engine.stop if engine is not None else None)
        self.clipboard.clear()
        self.search.blockSignals(True)
        self.search.setText("")  # setText, not clear(): clear() can be undone with Ctrl+Z
        self.search.blockSignals(False)
        self.caseload_view.clear()
        self.today_view.clear()
        self.client_view.clear()
        self.settings_view.clear()
        self._set_locked(True)
        self.unlock_page.reset()

    def _set_locked(self, locked: bool) -> None:
        self.actions_.set_unlocked(not locked)
        self.search.setEnabled(not locked)
        self.pages.setCurrentWidget(self.unlock_page if locked else self.shell)
        if locked:
            self.sync_status.set_locked()
            self.idle.disarm()
            self._waiting_timer.stop()
            self.unlock_page.passphrase.setFocus()
        else:
            self.idle.arm()
            self._waiting_timer.start()

    def refresh_waiting(self) -> None:
        self.session.call(lambda store: caseload.pending_changes(store.connection), self.sync_status.set_waiting,
                          lambda _: None)  # fmt: skip

    # --- actions ------------------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.shell.show_view(self.caseload_view)
        self.search.setFocus()
        self.search.selectAll()

    def open_client(self, client_id: str) -> None:
        self.shell.show_view(self.client_view)
        self.client_view.open_client(client_id)
        self.client_view.tabs.setFocus()

    def back_to_caseload(self) -> None:
        if self.client_view.has_unsaved_changes() and not confirm_discard(self):
            return
        self.client_view.clear()
        self.shell.show_view(self.caseload_view)
        self.caseload_model.refresh()
        self.caseload_view.table.setFocus()

    def new_client(self) -> NewClientDialog:
        dialog = NewClientDialog(self.session, self._created, self)
        dialog.open()
        return dialog

    def _saved(self) -> None:
        self.refresh_waiting()
        self.sync.saved()

    def _bundle_done(self) -> None:
        """A bundle written (changes sealed) or taken in (records merged): the counts and the list are stale."""
        self.refresh_waiting()
        self.caseload_model.refresh()

    def _created(self, client_id: str) -> None:
        self.caseload_model.refresh()
        self._saved()
        self.open_client(client_id)

    def log(self, kind: str) -> QDialog | None:
        row = self.caseload_view.selected()
        if self.shell.views.currentWidget() is self.client_view and self.client_view.client_id:
            row = self.client_view.header.row or row
        if row is None:
            QMessageBox.information(
                self, self.tr("No client selected"), self.tr("Select a client in the caseload first.")
            )
            return None
        make = call_dialog if kind == "call" else intervention_dialog
        dialog = make(self.session, row, self._logged, self)
        dialog.open()
        return dialog

    def _logged(self) -> None:
        self._saved()
        self.statusBar().showMessage(self.tr("Saved."), 4000)
        if self.client_view.client_id:
            self.client_view.reload()

    def offer_enrolment(self) -> EnrolDialog:
        """First run with the organisation's set-up file: straight to the enrolment code (the server is known)."""
        self.shell.show_view(self.settings_view)
        return self.settings_view.open_enrolment()

    def _update_answered(self, message: str, ready: bool) -> None:
        """A verified update waiting is said in the status bar until the app closes; "up to date" is not news."""
        if ready:
            self.update_label.setText(message)
            self.update_label.setToolTip(message)
            self.update_label.setVisible(True)

    def wiped(self, message: str) -> QMessageBox:
        """A verified wipe order erased this laptop's store: lock (dropping every widget's data), say so plainly,
        and close. Nothing else can be done here: there is no store left to unlock."""
        self.lock()
        self.unlock_page.setEnabled(False)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("This laptop was erased"),
                          self.tr("{message}\n\nHBF Desktop will now close.").format(message=message),
                          QMessageBox.StandardButton.Ok, self)  # fmt: skip
        box.finished.connect(lambda _: self.close())
        box.open()
        return box

    def _view_changed(self, view: QWidget) -> None:
        if view is self.today_view:
            self.today_view.refresh()

    def closeEvent(self, event: object) -> None:  # noqa: N802 (Qt)
        if self.client_view.has_unsaved_changes() and not confirm_discard(self):
            event.ignore()  # type: ignore[attr-defined]
            return
        self.lock()
        super().closeEvent(event)  # type: ignore[arg-type]


def caseload_workers(store: object) -> list[str]:
    return caseload.assigned_workers(store.connection)  # type: ignore[attr-defined]
