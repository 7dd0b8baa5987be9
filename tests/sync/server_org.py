"""An organisation of real stores enrolled with the real server process (the server tests' fixtures)."""

from __future__ import annotations

import time
import urllib.request

from hbf_desktop.store.transactions import write_meta, write_transaction
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.identity import device_keys
from hbf_desktop.sync.rounds import SERVER_KEY, RoundReport, run_round
from tests.server.harness import RunningServer
from tests.sync.org import Organisation


class ServerOrganisation(Organisation):
    running: RunningServer

    def client(self, name: str, *, skew: float = 0.0, timeout: float = 20.0) -> SyncClient:
        store = self.stores[name]
        clock = (lambda: time.time() + skew) if skew else time.time
        return SyncClient(self.server_url, store.author.device_id, device_keys(store), timeout=timeout, clock=clock)

    def enrol(self, name: str) -> None:
        role = "supervisor" if name in self.supervisors else "worker"
        self.client(name).enrol(self.running.enrolment_code(name, role), f"{name}'s laptop")
        with write_transaction(self.stores[name].connection):
            write_meta(self.stores[name].connection, SERVER_KEY, self.server_url)

    def put_directory(self) -> None:
        request = urllib.request.Request(self.server_url + "/v1/directory", data=self.directory_bytes(), method="PUT")
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=20) as answer:
            assert answer.status == 200

    def round(self, name: str, **options: float) -> RoundReport:
        return run_round(self.stores[name], self.client(name, **options))
