"""Wipe orders: a lost laptop, once revoked, erases its key file and store when it next reaches the server.

The server only carries the order (`403 device-revoked` with `wipe_order`); it cannot make one. The laptop obeys only
a document with the label `hbf-wipe-order-v1`, signed by the organisation root it pinned or by a supervisor in the
root-signed directory it holds, naming exactly this device and this organisation. Anything else (a forged order, an
order for another device or organisation, a directory the server invented) is ignored: the laptop stays revoked
(the server refuses it) but erases nothing.

Erasing overwrites and removes the key file first: without it the SQLCipher file is ciphertext no one can open, even
if the file system keeps old blocks; then the database and its sidecar files are removed.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime

from hbf_desktop.store.files import overwrite_and_remove
from hbf_desktop.store.store import Store
from hbf_desktop.sync.errors import DeviceRevokedError, SyncError
from hbf_desktop.sync.identity import held_directory, root_key
from hbf_desktop.sync.protocol import (
    WIPE_ORDER_LABEL,
    BadSignatureError,
    JsonObject,
    ProtocolError,
    SigningPrivateKey,
    sign_document,
    verify_document,
)
from hbf_desktop.sync.protocol.encoding import encode_canonical

_FIELDS = frozenset({"device_id", "issued_at", "issued_by", "organisation_id"})


class DeviceWipedError(SyncError):
    """This laptop obeyed a verified wipe order: its store is gone."""


def make_wipe_order(device_id: str, organisation_id: str, issued_by: str, key: SigningPrivateKey) -> bytes:
    """A signed wipe order (for a supervisor's laptop or the organisation's tools to upload)."""
    issued_at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    document: JsonObject = {
        "device_id": device_id, "issued_at": issued_at, "issued_by": issued_by, "organisation_id": organisation_id,
    }  # fmt: skip
    return sign_document(document, key, WIPE_ORDER_LABEL)


def verified_wipe_order(store: Store, order: object) -> JsonObject | None:
    """The order's document if this laptop must obey it, else None (forged, foreign, malformed)."""
    root, directory = root_key(store), held_directory(store)
    if root is None or directory is None or not isinstance(order, dict):
        return None
    try:
        data = encode_canonical(order)
    except (ProtocolError, ValueError, TypeError):
        return None
    for signer in (root, *(member.signing_key for member in directory.supervisors)):
        try:
            document = verify_document(data, signer, WIPE_ORDER_LABEL)
        except BadSignatureError:
            continue
        except ProtocolError:
            return None
        if set(document) != _FIELDS:
            return None
        if document["device_id"] != store.author.device_id or document["organisation_id"] != directory.organisation_id:
            return None
        return document
    return None


def obey_if_ordered(store: Store, error: DeviceRevokedError) -> None:
    """Called when the server says this device is revoked: erase everything if a valid wipe order came with it.
    Raises `DeviceWipedError` after erasing; returns (erasing nothing) otherwise."""
    document = verified_wipe_order(store, error.extra.get("wipe_order"))
    if document is None:
        return
    paths = store.paths
    store.close()
    overwrite_and_remove(paths.key_file)
    for path in (paths.database, *paths.sidecars()):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    raise DeviceWipedError(
        f"This laptop was revoked and its store erased by order of {document['issued_by']} "
        f"({document['issued_at']}). Return it to your organisation's IT."
    )
