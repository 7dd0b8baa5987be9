"""Key escrow: each store's data key, sealed to the supervisors, so a caseworker who has lost both the passphrase and
the written-down recovery key does not lose unsynced work, and the server can never use it.

The laptop seals, once, a batch whose payload is `{"format": "hbf-escrow-v1", "data_key": "<hex>"}` on its own chain
(so it is kept, uploaded or carried by bundle exactly like its changes). Only the supervisors of the directory at that
time can open it; the server sees a sealed batch like any other. A supervisor's laptop keeps the key in `sync_escrow`,
inside its own encrypted store. Recovery happens with the caseworker's laptop (or a copy of its data folder) at hand:
`recover_with_escrow` finds the escrowed key that opens that store and sets a new passphrase on it, leaving its
recovery key as it was. The escrowed key is the data key itself, so escrow is only as safe as the supervisors' laptops;
the design accepts this (supervisors already read every worker's records).
"""

from __future__ import annotations

import json
from pathlib import Path

from hbf_desktop.domain.passphrase import check_passphrase
from hbf_desktop.store import sync_state
from hbf_desktop.store.connection import Connection
from hbf_desktop.store.errors import StoreError
from hbf_desktop.store.keyfile import read_key_file, write_key_file
from hbf_desktop.store.paths import StorePaths
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import read_meta, utc_now, write_meta, write_transaction
from hbf_desktop.sync.errors import SyncError
from hbf_desktop.sync.identity import device_keys, require_directory
from hbf_desktop.sync.outgoing import seal_and_keep

ESCROW_FORMAT = "hbf-escrow-v1"
_SEALED = "sync_escrow_sealed_at"


class NoEscrowError(SyncError):
    """No escrowed key held here opens that store."""


def seal_escrow(store: Store) -> bool:
    """Queue the escrow batch if this store has not yet; True if it did now."""
    if read_meta(store.connection, _SEALED) is not None:
        return False
    directory, keys = require_directory(store), device_keys(store)
    recipients = directory.recipient_keys(keys.recipient.suite)
    if not recipients:
        return False
    payload = json.dumps({"data_key": store.raw_data_key.hex(), "format": ESCROW_FORMAT}).encode()
    with write_transaction(store.connection):
        if read_meta(store.connection, _SEALED) is not None:
            return False
        seal_and_keep(store, directory, keys, payload, recipients, (0, -1))
        write_meta(store.connection, _SEALED, utc_now())
    return True


def is_escrow(document: object) -> bool:
    return isinstance(document, dict) and document.get("format") == ESCROW_FORMAT


def keep(connection: Connection, device_id: str, document: dict[str, object]) -> None:
    """Keep a received escrow (inside the receiver's transaction); a malformed one raises ValueError."""
    key = document.get("data_key")
    if not isinstance(key, str) or len(key) != 64 or any(c not in "0123456789abcdef" for c in key):
        raise ValueError("the escrowed key is not 32 bytes of hex")
    sync_state.keep_escrow(connection, device_id, key)


def recover_with_escrow(supervisor: Store, laptop_data_dir: Path, new_passphrase: str) -> str:
    """Set `new_passphrase` on the store in `laptop_data_dir` with a key escrowed here; returns its device id."""
    check_passphrase(new_passphrase)
    paths = StorePaths(laptop_data_dir)
    key_file = read_key_file(paths.key_file)
    for device_id, key_hex in sync_state.escrowed_keys(supervisor.connection):
        data_key = bytearray(bytes.fromhex(key_hex))
        try:
            opened = Store.open_with_key(laptop_data_dir, bytearray(data_key))
        except StoreError:
            continue
        with opened:
            if opened.author.device_id != device_id:
                continue
            write_key_file(paths.key_file, key_file.with_passphrase(bytes(data_key), new_passphrase, key_file.kdf))
            paths.unlock_attempts.unlink(missing_ok=True)
            opened.audit_event("update", reason="passphrase_set_from_escrow")
        return device_id
    raise NoEscrowError(
        f"No key escrowed on this laptop opens the store in {laptop_data_dir}. Sync first, so the caseworker's "
        "escrow batch arrives; nothing was changed."
    )
