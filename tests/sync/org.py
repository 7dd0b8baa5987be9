"""A small organisation for sync tests: a root key, distinct real stores per device, a signed directory.

Each device is a copy of the session's template store given its own device id and user (the template's id would make
every device the same writer), so making one costs a file copy, not an Argon2id run.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hbf_desktop.config import Provisioning
from hbf_desktop.domain.ids import new_id
from hbf_desktop.store import sync_state
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import write_meta, write_transaction
from hbf_desktop.sync.identity import (
    PeerKeys,
    accept_directory,
    device_keys,
    pin_root,
)
from hbf_desktop.sync.incoming import Incoming, Receiver, ReceiveReport
from hbf_desktop.sync.outgoing import seal_pending
from hbf_desktop.sync.protocol import Directory, DirectoryMember, SigningPrivateKey, sign_directory
from tests.cli.helpers import Cli
from tests.conftest import PASSPHRASE, StoreTemplate

ORGANISATION = "hbf"


def make_store(template: StoreTemplate, directory: Path, user: str) -> Store:
    shutil.copytree(template.directory, directory)
    store = Store.open_with_key(directory, bytearray(template.data_key))
    with write_transaction(store.connection):
        write_meta(store.connection, "device_id", new_id())
        write_meta(store.connection, "user", user)
    store.close()
    return Store.open_with_key(directory, bytearray(template.data_key))


@dataclass
class Organisation:
    template: StoreTemplate
    base: Path
    server_url: str = "http://127.0.0.1:9"
    root: SigningPrivateKey = field(default_factory=SigningPrivateKey.generate)
    stores: dict[str, Store] = field(default_factory=dict)
    supervisors: list[str] = field(default_factory=list)
    version: int = 0

    @property
    def provisioning(self) -> Provisioning:
        public = self.root.public_key()
        return Provisioning(ORGANISATION, "Test org", self.server_url, public.to_text(), public.key_id, None, {})

    def add(self, name: str, *, supervisor: bool = False) -> Store:
        store = make_store(self.template, self.base / name, name)
        device_keys(store)
        pin_root(store, self.provisioning)
        self.stores[name] = store
        if supervisor:
            self.supervisors.append(name)
        self.publish()
        return store

    def directory_bytes(self) -> bytes:
        members = []
        for name in self.supervisors:
            keys = device_keys(self.stores[name])
            members.append(DirectoryMember(name, keys.signing.public_key(), (keys.recipient.public_key(),)))
        directory = Directory(self.version, ORGANISATION, "Test org", self.server_url, tuple(members), {})
        return sign_directory(directory, self.root)

    def publish(self) -> None:
        """A new directory version, given to every device (as enrolment or a bundle would)."""
        self.version += 1
        data = self.directory_bytes()
        for store in self.stores.values():
            accept_directory(store, data)

    def peer_keys(self, name: str) -> PeerKeys:
        store = self.stores[name]
        keys = device_keys(store)
        role = "supervisor" if name in self.supervisors else "worker"
        return PeerKeys(store.author.device_id, name, role, keys.signing.public_key(), (keys.recipient.public_key(),))

    def offered(self) -> dict[str, PeerKeys]:
        return {self.stores[name].author.device_id: self.peer_keys(name) for name in self.stores}

    def sealed(self, name: str) -> list[bytes]:
        store = self.stores[name]
        seal_pending(store)
        return [batch.data for batch in sync_state.outgoing_batches(store.connection)]

    def deliver(self, sender: str, receiver: str) -> ReceiveReport:
        receiving = Receiver(self.stores[receiver], offered=self.offered(), source="test")
        return receiving.receive([Incoming(data) for data in self.sealed(sender)])

    def close(self) -> None:
        for store in self.stores.values():
            store.close()

    def __iter__(self) -> Iterator[Store]:
        return iter(self.stores.values())


def record_values(store: Store) -> dict[str, tuple[bool, dict[str, object]]]:
    """Every record (deleted or not) as (deleted, values): what two converged stores must agree on."""
    rows = store.connection.execute("SELECT id, body, deleted_at FROM record ORDER BY id").fetchall()
    return {str(row[0]): (row[2] is not None, json.loads(row[1])) for row in rows}


def make_laptop(template: StoreTemplate, base: Path, name: str) -> Cli:
    """A laptop as the CLI sees it: its own store (own device id) and passphrase file."""
    make_store(template, base / name / "data", name).close()
    secrets = base / name / "secrets"
    secrets.mkdir()
    (secrets / "passphrase").write_text(PASSPHRASE + "\n")
    (base / name / "tmp").mkdir()
    return Cli(base / name / "data", secrets / "passphrase", base / name / "tmp")
