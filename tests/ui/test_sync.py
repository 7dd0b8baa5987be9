"""Sync in the desktop against the real `hbf-server` process: the engine's states in the status bar, Sync now,
a save starting a round, lock stopping the engine, enrolment in a dialog, and a revoked laptop's wipe."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hbf_desktop.config import save_provisioning
from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import read_meta, write_meta, write_transaction
from hbf_desktop.sync.enrolment import ROLE_KEY
from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.protocol import SigningPrivateKey
from hbf_desktop.sync.rounds import SERVER_KEY
from hbf_desktop.sync.wipe import make_wipe_order
from hbf_desktop.ui.main_window import MainWindow
from hbf_desktop.ui.signals import emit
from hbf_desktop.ui.status_bar import SyncState
from tests.conftest import StoreTemplate
from tests.server.conftest import database, server  # noqa: F401 - the server engineer's fixtures, reused
from tests.server.harness import RunningServer, run_cli
from tests.sync.conftest import served_org  # noqa: F401 - the sync engineer's organisation, reused
from tests.sync.server_org import ServerOrganisation
from tests.sync.stalling_proxy import StallingProxy
from tests.ui.conftest import WAIT_MS, WindowFactory, add_client, unlocked

FAST = {"debounce": 0.05, "interval": 3600.0, "backoff_base": 60.0}
on_sqlite = pytest.mark.parametrize("database", ["sqlite"], indirect=True)  # the GUI's part; the server's is tested


def _sync_window(qtbot: QtBot, make_window: WindowFactory, data_dir: Path, rows: int) -> MainWindow:
    window = make_window(data_dir)
    window.sync.options = dict(FAST)
    unlocked(qtbot, window, rows=rows)
    return window


def _engine_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "hbf-sync"]


def test_an_unenrolled_laptop_says_sync_is_not_set_up_and_sync_now_is_off(qtbot: QtBot, window: MainWindow) -> None:
    unlocked(qtbot, window)
    qtbot.wait(200)  # the store's answer "not enrolled" has come back
    assert window.sync_status.state is SyncState.NOT_SET_UP and not window.sync.running
    assert window.sync_status.text.text() == "Sync not set up"
    assert "Enrol this laptop in Settings" in window.sync_status.text.toolTip()
    assert not window.actions_.sync.isEnabled() and window.session.role is None


def test_offline_says_how_many_changes_wait_and_lock_stops_the_engine(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path, store_template: StoreTemplate
) -> None:
    with Store.open_with_key(seeded_dir, bytearray(store_template.data_key)) as store, \
            write_transaction(store.connection):  # fmt: skip
        write_meta(store.connection, SERVER_KEY, "http://127.0.0.1:9")  # enrolled, but nothing listens there
    window = _sync_window(qtbot, make_window, seeded_dir, rows=2)
    qtbot.waitUntil(lambda: window.sync_status.state is SyncState.OFFLINE, timeout=WAIT_MS)
    text = window.sync_status.text.text()
    assert text.startswith("Offline: ") and "changes waiting to be sent" in text
    assert "safe on this laptop" in window.sync_status.text.toolTip()
    assert not window.sync_status.waiting.isVisible(), "the count is said once"
    assert window.actions_.sync.isEnabled() and window.session.role == "worker"
    assert len(_engine_threads()) == 1

    seen: list[str] = []
    window.sync.status_changed.connect(lambda status: seen.append(status.state.value))
    window.sync.reachability_changed(QNetworkInformation.Reachability.Online)  # what the system says on reconnect
    qtbot.waitUntil(lambda: seen[-1:] == ["offline"], timeout=WAIT_MS)
    assert seen[0] == "syncing", "the network's return tried at once, not after the 60 s back-off"

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert not window.sync.running and not window.actions_.sync.isEnabled()
    qtbot.waitUntil(lambda: not _engine_threads(), timeout=WAIT_MS)
    assert window.sync_status.state is SyncState.NOT_SET_UP, "nothing of the last session stays on screen"


@on_sqlite
def test_unlock_syncs_a_save_starts_a_round_and_f5_syncs_now(
    qtbot: QtBot,
    make_window: WindowFactory,
    served_org: ServerOrganisation,  # noqa: F811 - the imported fixture
) -> None:
    org = served_org
    ana = org.stores["ana"]
    window = _sync_window(qtbot, make_window, ana.paths.data_dir, rows=0)
    seen: list[str] = []
    window.sync.status_changed.connect(lambda status: seen.append(status.state.value))
    qtbot.waitUntil(lambda: window.sync_status.state is SyncState.SYNCED, timeout=WAIT_MS)
    assert window.sync_status.text.text().startswith("Synced at ") and window.actions_.sync.isEnabled()

    seen.clear()
    errors: list[Exception] = []
    window.session.call(lambda store: add_client(store, "Dana"), lambda _: emit(window.client_view.saved),
                        errors.append)  # fmt: skip
    qtbot.waitUntil(lambda: seen[-1:] == ["synced"] or bool(errors), timeout=WAIT_MS)
    assert not errors and seen[0] == "syncing"
    assert sync_state.waiting_change_count(ana.connection) == 0, "the save was sent without pressing anything"
    assert window.sync_status.waiting.text() == "Nothing waiting"
    assert org.round("sam").received.applied >= 1 and org.stores["sam"].search("Dana"), "the supervisor has it"

    seen.clear()
    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: seen[-1:] == ["synced"], timeout=WAIT_MS)
    assert seen[0] == "syncing"


@on_sqlite
def test_a_wiped_laptop_closes_to_a_plain_message(
    qtbot: QtBot,
    make_window: WindowFactory,
    served_org: ServerOrganisation,  # noqa: F811 - the imported fixture
) -> None:
    org = served_org
    ana, sam = org.stores["ana"], org.stores["sam"]
    window = _sync_window(qtbot, make_window, ana.paths.data_dir, rows=0)
    qtbot.waitUntil(lambda: window.sync_status.state is SyncState.SYNCED, timeout=WAIT_MS)
    result = run_cli("revoke", ana.author.device_id, "--reason", "lost laptop", *org.running.where)
    assert result.returncode == 0, result.stderr
    order = make_wipe_order(ana.author.device_id, "hbf", "sam", device_keys(sam).signing)
    path = f"/v1/devices/{ana.author.device_id}/wipe-order"
    org.client("sam")._request("PUT", path, body=order, content_type="application/json", limit=1 << 20)
    paths = ana.paths
    org.stores.pop("ana").close()

    qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox), timeout=WAIT_MS)
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    assert "erased by order of sam" in box.text() and "HBF Desktop will now close" in box.text()
    assert window.pages.currentWidget() is window.unlock_page and not window.session.is_open
    assert not paths.key_file.exists() and not paths.database.exists()
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)


@on_sqlite
def test_enrolment_in_the_gui_uses_the_provisioned_server_and_shows_the_result(
    qtbot: QtBot,
    make_window: WindowFactory,
    seeded_dir: Path,
    store_template: StoreTemplate,
    server: RunningServer,  # noqa: F811 - the imported fixture
) -> None:
    public = server.root.public_key()
    provisioning = {"format": "hbf-provisioning-v1", "organisation_id": "hbf", "organisation_name": "Test org",
                    "server_url": server.base_url, "root_signing_key": public.to_text(),
                    "root_key_id": public.key_id, "policy": {}}  # fmt: skip
    save_provisioning(seeded_dir, json.dumps(provisioning).encode())
    window = _sync_window(qtbot, make_window, seeded_dir, rows=2)
    dialog = window.offer_enrolment()  # what the first run does after set-up with a provisioning file
    assert window.shell.views.currentWidget() is window.settings_view
    qtbot.waitUntil(lambda: dialog.server.text() == server.base_url, timeout=WAIT_MS)
    assert dialog.server.isReadOnly(), "the organisation's server is not typed by hand"
    assert dialog.root_key.text() == public.key_id and not dialog.import_button.isVisible()

    qtbot.keyClicks(dialog.code, "not-a-code")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.outcome.text().startswith("Not enrolled: "), timeout=WAIT_MS)
    assert dialog.enrol_button.isEnabled() and not window.sync.running

    dialog.code.setText(server.enrolment_code("kim", "supervisor"))
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Enrolled with" in dialog.outcome.text(), timeout=WAIT_MS)
    assert f"root key {public.key_id}" in dialog.outcome.text() and "as kim (supervisor)" in dialog.outcome.text()
    assert window.session.role == "supervisor" and window.settings_view.role.text() == "Enrolled as a supervisor"
    assert window.sync.running and window.actions_.sync.isEnabled()
    assert not dialog.enrol_button.isEnabled(), "the code is spent"
    window.lock()
    with Store.open_with_key(seeded_dir, bytearray(store_template.data_key)) as store:
        assert read_meta(store.connection, ROLE_KEY) == "supervisor"
        assert read_meta(store.connection, SERVER_KEY) == server.base_url


def test_the_status_bar_says_each_state_in_plain_words(qtbot: QtBot) -> None:
    from hbf_desktop.sync import engine
    from hbf_desktop.ui.status_bar import SyncStatus as StatusWidget

    widget = StatusWidget()
    qtbot.addWidget(widget)
    widget.show()
    widget.show_status(engine.SyncStatus(engine.SyncState.SYNCING, 12, "Syncing: sending changes…", progress=(3, 8)))
    assert widget.state is SyncState.SYNCING and widget.text.text() == "Syncing: sending changes…"
    assert widget.progress.isVisible() and (widget.progress.value(), widget.progress.maximum()) == (3, 8)
    widget.show_status(engine.SyncStatus(engine.SyncState.SYNCED, 0, "Synced at 14:05 UTC.", synced_at="x"))
    assert not widget.progress.isVisible() and widget.waiting.text() == "Nothing waiting"
    problem = engine.SyncStatus(engine.SyncState.ERROR, 4, "The server refused the batch.", "Try again later.")
    widget.show_status(problem)
    assert widget.text.text() == "The server refused the batch. Try again later.", "what went wrong and what to do"
    assert widget.waiting.text() == "4 changes waiting"


def test_enrolment_without_a_set_up_file_asks_for_one_and_refuses_a_broken_one(
    qtbot: QtBot, make_window: WindowFactory, seeded_dir: Path, tmp_path: Path
) -> None:
    window = _sync_window(qtbot, make_window, seeded_dir, rows=2)
    dialog = window.settings_view.open_enrolment()
    qtbot.waitUntil(lambda: dialog.organisation.text().startswith("No set-up file yet"), timeout=WAIT_MS)
    assert not dialog.server.isReadOnly() and dialog.import_button.isVisible()
    dialog.code.setText("ABCD-EFGH")
    qtbot.mouseClick(dialog.enrol_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("Import the organisation's set-up file first")

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "hbf-provisioning-v1"}')
    dialog.import_file(broken)
    qtbot.waitUntil(lambda: "could not be used, and nothing was changed" in dialog.outcome.text(), timeout=WAIT_MS)
    assert not (seeded_dir / "provisioning.json").exists() and dialog.provisioning is None

    root = SigningPrivateKey.generate().public_key()
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"format": "hbf-provisioning-v1", "organisation_id": "hbf", "organisation_name": "Org",
                                "server_url": "https://sync.example.org", "root_signing_key": root.to_text(),
                                "root_key_id": root.key_id, "policy": {}}))  # fmt: skip
    dialog.import_file(good)
    qtbot.waitUntil(lambda: dialog.server.isReadOnly(), timeout=WAIT_MS)
    assert dialog.server.text() == "https://sync.example.org" and dialog.root_key.text() == root.key_id
    assert (seeded_dir / "provisioning.json").exists()


@on_sqlite
def test_lock_during_a_round_blocked_on_the_network_closes_the_store_at_once_and_nothing_is_lost(
    qtbot: QtBot,
    make_window: WindowFactory,
    served_org: ServerOrganisation,  # noqa: F811 - the imported fixture
) -> None:
    org = served_org
    ana = org.stores["ana"]
    add_client(ana, "Dana")
    proxy = StallingProxy(org.server_url)
    proxy.stall_prefix = b"PUT /v1/batches/"  # the server stores the upload; its answer never comes back
    with write_transaction(ana.connection):
        write_meta(ana.connection, SERVER_KEY, proxy.url)
    try:
        window = _sync_window(qtbot, make_window, ana.paths.data_dir, rows=1)
        qtbot.waitUntil(proxy.withheld.is_set, timeout=3 * WAIT_MS)  # the upload reached the server (a busy CI)
        qtbot.wait(300)  # the round is now blocked reading an answer that would only end with the 20 s timeout
        started = time.monotonic()
        window.lock()
        qtbot.waitUntil(lambda: not window.session.is_open and not _engine_threads(), timeout=8_000)
        assert time.monotonic() - started < 8, "the lock did not wait for the 20 s HTTP timeout"
        assert window.sync_status.state is SyncState.NOT_SET_UP, "no stale status from the stopped round"
        assert sync_state.waiting_change_count(ana.connection) > 0, "the cut upload is not taken as delivered"

        proxy.stall_prefix = None
        seen: list[str] = []
        window.sync.status_changed.connect(lambda status: seen.append(status.state.value))
        unlocked(qtbot, window, rows=1)
        qtbot.waitUntil(lambda: seen[-1:] == ["synced"], timeout=WAIT_MS)
        assert sync_state.waiting_change_count(ana.connection) == 0, "the batch was sent again and acknowledged"
        sent = sync_state.outgoing_batches(ana.connection, only_pending=False)  # the escrow batch and the client's
        received = org.round("sam").received
        assert (received.applied, received.duplicates, received.rejected) == (len(sent), 0, 0), "exactly once"
        assert len(org.stores["sam"].search("Dana")) == 1
    finally:
        proxy.close()
