"""Key escrow: each store's data key, sealed to the supervisors, so a caseworker who has lost both the passphrase and
the written-down recovery key does not lose unsynced work, and the server can never use it.

The laptop seals a batch whose payload is `{"format": "hbf-escrow-v1", "data_key": "<hex>", "new_recipients": [key
ids]}` on its own chain (so it is kept, uploaded or carried by bundle exactly like its changes): first for the
directory's supervisors, then again in the first round after a supervisor is added to the directory (sealed to every
supervisor, so nobody's view of the chain has a hole; `new_recipients` names the newcomers). It is sealed before any
change of the round, so it is the first batch a newcomer can open; the signed `new_recipients` lets the newcomer's
laptop start the sender's chain there instead of waiting for batches it was never sent. Only supervisors can open it;
the server sees a sealed batch like any other. A supervisor's laptop keeps the key in `sync_escrow`,
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
from hbf_desktop.store.rekey_finish import finish_interrupted_rekey
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import read_meta, utc_now, write_meta, write_transaction
from hbf_desktop.sync.errors import SyncError
from hbf_desktop.sync.identity import device_keys, require_directory
from hbf_desktop.sync.outgoing import seal_and_keep

ESCROW_FORMAT = "hbf-escrow-v1"
_SEALED = "sync_escrow_sealed_at"
NEW_RECIPIENTS = "new_recipients"  # supervisor keys that no earlier batch of this device was sealed to
_SEALED_TO = "sync_escrow_sealed_to"  # the recipient key ids the escrow went to, as a JSON list


class NoEscrowError(SyncError):
    """No escrowed key held here opens that store."""


def seal_escrow(store: Store) -> bool:
    """Queue an escrow batch for the directory's supervisors this store has not sealed its key to yet (all of them the
    first time; later, only a supervisor added to the directory since); True if it sealed one now."""
    directory, keys = require_directory(store), device_keys(store)
    with write_transaction(store.connection):
        done = _sealed_to(store)
        recipients = [key for key in directory.recipient_keys(keys.recipient.suite) if key.key_id not in done]
        if not recipients:
            return False
        everyone = directory.recipient_keys(keys.recipient.suite)  # every supervisor, so no one's chain has a gap
        document = {"data_key": store.raw_data_key.hex(), "format": ESCROW_FORMAT,
                    NEW_RECIPIENTS: sorted(key.key_id for key in recipients)}  # fmt: skip
        seal_and_keep(store, directory, keys, json.dumps(document).encode(), everyone, (0, -1))
        write_meta(store.connection, _SEALED, utc_now())
        write_meta(store.connection, _SEALED_TO, json.dumps(sorted(done | {key.key_id for key in recipients})))
    return True


def forget_sealed(connection: Connection) -> None:
    """The escrow batch was dropped before it left (re-cut after an erasure): seal it again next time."""
    connection.execute("DELETE FROM meta WHERE key IN (?, ?)", (_SEALED, _SEALED_TO))


def _sealed_to(store: Store) -> set[str]:
    """The supervisor keys the escrow was sealed to. A store that sealed before this was recorded (only the time
    was) is sealed again to every supervisor once: a copy too many is harmless, a supervisor left out is not."""
    held = read_meta(store.connection, _SEALED_TO)
    return set(json.loads(held)) if held else set()


def is_escrow(document: object) -> bool:
    return isinstance(document, dict) and document.get("format") == ESCROW_FORMAT


def starts_chain_for(document: object, key_id: str) -> bool:
    """Whether an escrow says, signed by its sender, that no earlier batch of the sender's was sealed to `key_id`:
    a supervisor added to the directory later starts the sender's chain there (the batches before it never reach
    it, and that gap is not the server withholding anything)."""
    if not is_escrow(document):
        return False
    assert isinstance(document, dict)
    listed = document.get(NEW_RECIPIENTS)
    return isinstance(listed, list) and key_id in listed


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
    finish_interrupted_rekey(paths)  # the laptop's copy may hold a committed re-key: its new key is the one escrowed
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
