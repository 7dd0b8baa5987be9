"""Team: every worker device (last sync, changes received, gaps, revoked), the caseload across workers, and the
supervisor's actions on them.

Reassigning a client and sending a note are store edits that travel by down-sync (`sync.downsync`, `sync.team`).
Revoking a lost laptop is deliberate: the supervisor types the worker's name shown for the selected device before the
button works, and the wipe order is signed with this laptop's supervisor key and sent on the long-work thread (it is
a network call).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hbf_desktop.store.store import Store
from hbf_desktop.sync.import_report import WorkerDevice
from hbf_desktop.sync.team import AssignedClient
from hbf_desktop.ui.labels import value_label, when
from hbf_desktop.ui.session import Progress, StoreSession
from hbf_desktop.ui.signals import emit
from hbf_desktop.ui.supervisor.tables import fill, make_table, short_device

Team = tuple[list[WorkerDevice], list[AssignedClient]]


class TeamView(QWidget):
    changed = Signal()  # a reassignment, a note or a revocation was saved

    def __init__(self, session: StoreSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.workers: list[WorkerDevice] = []
        self.clients: list[AssignedClient] = []
        self.devices = make_table(
            [self.tr("Worker"), self.tr("Device"), self.tr("Last sync"), self.tr("Changes received"),
             self.tr("Gaps"), self.tr("Refused"), self.tr("Clients"), self.tr("Revoked")], self.tr("Worker devices"),
        )  # fmt: skip
        self.caseload = make_table(
            [self.tr("Client"), self.tr("Worker"), self.tr("Case status"), self.tr("Risk")], self.tr("Team caseload")
        )
        self.target = QComboBox()
        self.target.setAccessibleName(self.tr("Assign to worker device"))
        self.reassign_button = QPushButton(self.tr("&Assign to this worker"))
        self.note = QPlainTextEdit(placeholderText=self.tr("A note for the client's worker (arrives as a follow-up)"))
        self.note.setAccessibleName(self.tr("Note for the worker"))
        self.note.setMaximumHeight(70)
        self.note_button = QPushButton(self.tr("Send &note"))
        self.confirm = QLineEdit(placeholderText=self.tr("Type the worker's name to confirm"))
        self.confirm.setAccessibleName(self.tr("Confirm the device to revoke"))
        self.revoke_button = QPushButton(self.tr("Revoke and order a wipe"))
        self.revoke_button.setEnabled(False)
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Team message"))
        self._layout()
        self.devices.itemSelectionChanged.connect(self._device_selected)
        self.confirm.textChanged.connect(lambda _: self._device_selected())
        self.reassign_button.clicked.connect(self.reassign)
        self.note_button.clicked.connect(self.send_note)
        self.revoke_button.clicked.connect(self.revoke)

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        top = QGroupBox(self.tr("Worker devices"))
        box = QVBoxLayout(top)
        box.addWidget(self.devices)
        revoke = QHBoxLayout()
        revoke.addWidget(QLabel(self.tr("Lost laptop:")))
        revoke.addWidget(self.confirm, 1)
        revoke.addWidget(self.revoke_button)
        box.addLayout(revoke)
        bottom = QGroupBox(self.tr("Caseload across workers"))
        lower = QVBoxLayout(bottom)
        lower.addWidget(self.caseload)
        assign = QHBoxLayout()
        assign.addWidget(self.target, 1)
        assign.addWidget(self.reassign_button)
        lower.addLayout(assign)
        notes = QHBoxLayout()
        notes.addWidget(self.note, 1)
        notes.addWidget(self.note_button)
        lower.addLayout(notes)
        splitter = QSplitter()
        splitter.setOrientation(splitter.orientation().Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

    def refresh(self) -> None:
        self._session.call(_team, self._show, self._failed)

    def _show(self, team: Team) -> None:
        devices, self.clients = team
        self.workers = [device for device in devices if device.role == "worker"]
        fill(self.devices, [(d.user, short_device(d.device_id), when(d.last_received_at), d.changes_received,
                             d.gaps, d.rejected, d.clients, when(d.revoked_at) or self.tr("no"))
                            for d in self.workers])  # fmt: skip
        fill(self.caseload, [(c.code, c.user or self.tr("(supervisor)"), value_label(c.case_status),
                              value_label(c.risk_level)) for c in self.clients])  # fmt: skip
        self.target.clear()
        for device in self.workers:
            if device.revoked_at is None:
                self.target.addItem(f"{device.user} ({short_device(device.device_id)})", device.device_id)
        self._device_selected()

    def selected_device(self) -> WorkerDevice | None:
        row = self.devices.currentRow()
        return self.workers[row] if 0 <= row < len(self.workers) and self.devices.selectedItems() else None

    def selected_client(self) -> AssignedClient | None:
        row = self.caseload.currentRow()
        return self.clients[row] if 0 <= row < len(self.clients) and self.caseload.selectedItems() else None

    def _device_selected(self) -> None:
        device = self.selected_device()
        ready = device is not None and device.revoked_at is None and self.confirm.text().strip() == device.user
        self.revoke_button.setEnabled(ready)
        if device is not None:
            self.revoke_button.setText(self.tr("Revoke {user}'s laptop ({device}) and order a wipe").format(
                user=device.user, device=short_device(device.device_id)))  # fmt: skip

    def reassign(self) -> None:
        client, device_id = self.selected_client(), self.target.currentData()
        if client is None or not device_id:
            self.message.setText(self.tr("Select a client and the worker device to assign it to."))
            return
        client_id = client.client_id

        def work(store: Store) -> int:
            from hbf_desktop.sync.downsync import reassign

            return reassign(store, client_id, str(device_id))

        self._session.call(work, lambda n: self._saved(self.tr("Assigned; {n} changes will travel to the worker.")
                                                       .format(n=n)), self._failed)  # fmt: skip

    def send_note(self) -> None:
        client, text = self.selected_client(), self.note.toPlainText().strip()
        if client is None or not text:
            self.message.setText(self.tr("Select a client and write the note first."))
            return
        client_id = client.client_id

        def work(store: Store) -> str:
            from hbf_desktop.sync.team import send_note

            return send_note(store, client_id, text)

        self._session.call(work, lambda _: self._noted(), self._failed)

    def _noted(self) -> None:
        self.note.setPlainText("")
        self._saved(self.tr("Note saved; it reaches the worker at the next sync."))

    def revoke(self) -> None:
        device = self.selected_device()
        if device is None or self.confirm.text().strip() != device.user:
            return
        device_id = device.device_id
        self.revoke_button.setEnabled(False)

        def work(store: Store, _progress: Progress, _cancelled: object) -> str:
            from hbf_desktop.sync.rounds import client_for
            from hbf_desktop.sync.team import revoke_and_wipe

            return revoke_and_wipe(store, client_for(store), device_id)

        self._session.long_work(work, lambda *_: None, self._revoked, self._failed)

    def _revoked(self, revoked_at: str) -> None:
        self.confirm.setText("")
        self._saved(self.tr("Revoked at {at}; the laptop erases its data when it next reaches the server.").format(
            at=when(revoked_at)))  # fmt: skip

    def _saved(self, text: str) -> None:
        self.message.setText(text)
        emit(self.changed)
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.message.setText(str(error))
        self._device_selected()

    def clear(self) -> None:
        self.workers, self.clients = [], []
        for table in (self.devices, self.caseload):
            fill(table, [])
        self.target.clear()
        self.note.setPlainText("")
        self.confirm.setText("")
        self.message.setText("")


def _team(store: Store) -> Team:
    from hbf_desktop.sync.import_report import devices
    from hbf_desktop.sync.team import caseload

    return devices(store.connection), caseload(store.connection)
