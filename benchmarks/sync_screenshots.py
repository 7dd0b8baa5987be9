"""Screenshots of the sync states in the status bar and of the enrolment dialog, for docs/gui.md.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python benchmarks/sync_screenshots.py --out docs/screenshots

A throwaway store (the KDF's floor parameters, so it takes a second) with two clients and an organisation's
provisioning file. "Offline" is the real engine failing to reach 127.0.0.1:9; the other states are the engine's
statuses shown as they arrive; the enrolment dialog is the one Settings opens, with the provisioned server.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from gui import shot, wait  # benchmarks/gui.py: the GUI benchmark's grab and wait helpers

PASSPHRASE = "screenshot passphrase of some length"


def make_store(data_dir: Path) -> None:
    from hbf_desktop.config import save_provisioning
    from hbf_desktop.store.casework import create_client
    from hbf_desktop.store.kdf import FLOOR_PARAMETERS
    from hbf_desktop.store.store import Store
    from hbf_desktop.store.transactions import write_meta, write_transaction
    from hbf_desktop.sync.protocol import SigningPrivateKey
    from hbf_desktop.sync.rounds import SERVER_KEY

    store, _ = Store.create(data_dir, PASSPHRASE, kdf=FLOOR_PARAMETERS)
    with store:
        for name in ("Alia", "Bertrand"):
            create_client(store, {}, {"known_as": name})
        with write_transaction(store.connection):
            write_meta(store.connection, SERVER_KEY, "http://127.0.0.1:9")  # enrolled, but nothing listens there
    root = SigningPrivateKey.generate().public_key()
    provisioning = {"format": "hbf-provisioning-v1", "organisation_id": "hbf", "organisation_name": "Helen Bamber",
                    "server_url": "https://sync.example.org", "root_signing_key": root.to_text(),
                    "root_key_id": root.key_id, "policy": {}}  # fmt: skip
    save_provisioning(data_dir, json.dumps(provisioning).encode())


def take(out: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from hbf_desktop.config import Policy
    from hbf_desktop.sync.engine import SyncState, SyncStatus
    from hbf_desktop.ui.background import Background
    from hbf_desktop.ui.main_window import MainWindow
    from hbf_desktop.ui.session import StoreSession
    from hbf_desktop.ui.status_bar import SyncState as Shown

    application = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="hbf-shots-") as temporary:
        data_dir = Path(temporary) / "data"
        make_store(data_dir)
        background = Background()
        window = MainWindow(StoreSession(data_dir, Policy(), background))
        window.sync.options = {"backoff_base": 600.0}
        window.resize(1100, 660)
        window.show()
        window.unlock_page.passphrase.setText(PASSPHRASE)
        window.unlock_page.button.click()
        wait(application, lambda: window.sync_status.state is Shown.OFFLINE)
        bar = window.statusBar()
        shot(bar, out, "sync-offline")
        window.sync.stop()  # from here the statuses are shown as the engine would send them
        states = {
            "sync-syncing": SyncStatus(SyncState.SYNCING, 12, "Syncing: sending changes…", progress=(5, 12)),
            "sync-synced": SyncStatus(SyncState.SYNCED, 0, f"Synced at {time.strftime('%H:%M', time.gmtime())} UTC."),
            "sync-error": SyncStatus(
                SyncState.ERROR,
                3,
                "This laptop was removed from sync.",
                "Contact your supervisor; do not enter new work on it.",
            ),  # fmt: skip
        }
        for name, status in states.items():
            window.sync_status.show_status(status)
            shot(bar, out, name)
        window.sync_status.set_not_set_up()
        shot(bar, out, "sync-not-set-up")
        dialog = window.offer_enrolment()
        wait(application, lambda: dialog.server.text() != "")
        dialog.code.setText("7KQ2-M9XD-4TRE")
        dialog.label.setText("outreach laptop 3")
        dialog.resize(560, dialog.sizeHint().height())
        shot(dialog, out, "enrol")
        dialog.done(0)
        shot(window, out, "settings")
        window.lock()
        background.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, metavar="DIR")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    take(arguments.out)


if __name__ == "__main__":
    main()
