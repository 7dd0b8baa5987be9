"""Enrolling a laptop with the organisation's server: one function for the CLI (`hbf-desktop enrol`) and the GUI.

It pins the provisioning file's root key, registers the device keys with a one-time code, keeps the server address
and the role the server gave, and takes the signed directory if one is published. The role is kept in the store's
meta table so the desktop can ask for it after every unlock (supervisor views) without the network.
"""

from __future__ import annotations

from dataclasses import dataclass

from hbf_desktop.config import Provisioning
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import read_meta, write_meta, write_transaction
from hbf_desktop.sync.client import SyncClient
from hbf_desktop.sync.errors import TrustError
from hbf_desktop.sync.identity import accept_directory, device_keys, held_directory, is_supervisor, pin_root
from hbf_desktop.sync.protocol import Directory, ProtocolError, verify_directory
from hbf_desktop.sync.rounds import SERVER_KEY

ROLE_KEY = "sync_role"
ROLES = ("worker", "supervisor")


@dataclass(frozen=True)
class EnrolmentResult:
    organisation_name: str
    root_key_id: str
    server_url: str
    user: str
    role: str  # "worker" or "supervisor", as the server's enrolment code said
    device_id: str
    signing_key_id: str
    directory_version: int | None  # None: the administrator has not published a directory yet

    def lines(self) -> list[str]:
        """What happened, in plain words (the CLI prints these; the GUI shows them)."""
        lines = [
            f"Organisation {self.organisation_name}: root key {self.root_key_id} (compare with what IT read out).",
            f"Enrolled with {self.server_url} as {self.user} ({self.role}).",
            f"This laptop: device {self.device_id}, signing key {self.signing_key_id}.",
        ]
        if self.directory_version is None:
            lines.append("No organisation directory yet: sync starts once the administrator publishes one.")
        else:
            lines.append(f"Directory version {self.directory_version} received.")
        return lines


def enrol_with_server(
    store: Store, provisioning: Provisioning, code: str, *, server_url: str | None = None, label: str = ""
) -> EnrolmentResult:
    """Register this laptop with `code`; the server is `server_url` or the provisioning file's."""
    root = pin_root(store, provisioning)
    keys = device_keys(store)
    url = server_url or provisioning.server_url
    client = SyncClient(url, store.author.device_id, keys)
    client.health()  # an unreachable server is said before the code is spent
    answer = client.enrol(code, label)
    role = str(answer.get("role", "worker"))
    with write_transaction(store.connection):
        write_meta(store.connection, SERVER_KEY, url)
        write_meta(store.connection, ROLE_KEY, role if role in ROLES else "worker")
    published = client.directory()
    if published is not None:
        accept_directory(store, published)
    directory = held_directory(store)
    return EnrolmentResult(
        provisioning.organisation_name, root.key_id, url, str(answer.get("user", "")), role,
        store.author.device_id, keys.signing.public_key().key_id, None if directory is None else directory.version,
    )  # fmt: skip


def take_directory(store: Store, provisioning: Provisioning, data: bytes) -> tuple[Directory, str]:
    """Bundle-only enrolment (`enrol --directory`, the dialog's "No server" way): pin the provisioning file's root
    and keep the signed directory `data`; returns it with this laptop's role in it. A directory the root did not
    sign, or one of another organisation, is refused with nothing kept."""
    root = pin_root(store, provisioning)
    try:
        offered = verify_directory(bytes(data), root, held=held_directory(store))
    except ProtocolError as error:
        raise TrustError(f"The directory was refused: {error}. Nothing was changed.") from None
    if offered.organisation_id != provisioning.organisation_id:
        raise TrustError(
            f"The directory is for organisation {offered.organisation_id!r}, not {provisioning.organisation_id!r} "
            "of the set-up file. Nothing was changed; ask IT for the right file."
        )
    directory, _changed = accept_directory(store, data)
    return directory, "supervisor" if is_supervisor(directory, device_keys(store)) else "worker"


def enrolled_role(store: Store) -> str | None:
    """The role from this laptop's enrolment; for a laptop enrolled before roles were kept, the directory's say
    (a supervisor is a device the directory lists); None when the laptop is not enrolled with a server."""
    role = read_meta(store.connection, ROLE_KEY)
    if role in ROLES:
        return role
    if read_meta(store.connection, SERVER_KEY) is None:
        return None
    directory = held_directory(store)
    if directory is not None and is_supervisor(directory, device_keys(store)):
        return "supervisor"
    return "worker"
