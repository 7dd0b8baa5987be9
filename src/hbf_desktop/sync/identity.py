"""This laptop's identity and what it trusts: its device keys, the pinned root key and the held directory.

* Device keys (`IdentityKeys`: Ed25519 to sign, X25519 to receive) are made at first use and kept only in the
  store's `meta` table, inside the SQLCipher file; nothing here writes a private key anywhere else.
* The organisation's root key is pinned from the provisioning file at first use. A provisioning file naming another
  root later is refused: pointing a laptop at another organisation must be loud.
* The directory (supervisors' keys, the server address) is accepted only if the pinned root signed it and it is not
  older than the one held (`protocol.verify_directory`); the held copy is re-verified whenever it is read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from hbf_desktop.config import Provisioning
from hbf_desktop.store.store import Store
from hbf_desktop.store.transactions import read_meta, write_meta, write_transaction
from hbf_desktop.sync.errors import NotSetUpError, TrustError
from hbf_desktop.sync.protocol import (
    CipherSuite,
    Directory,
    IdentityKeys,
    ProtocolError,
    RecipientPrivateKey,
    RecipientPublicKey,
    SigningPrivateKey,
    SigningPublicKey,
    verify_directory,
)

PUBLIC_KEYS_FORMAT = "hbf-public-keys-v1"
_SIGNING, _RECIPIENT, _SUITE = "sync_signing_key", "sync_recipient_key", "sync_recipient_suite"
_ROOT, _DIRECTORY = "sync_root_key", "sync_directory"


def device_keys(store: Store) -> IdentityKeys:
    """The device's key pairs, made (and committed) on first use."""
    keys = _read_keys(store)
    if keys is not None:
        return keys
    with write_transaction(store.connection):
        keys = _read_keys(store)  # another connection may have made them meanwhile
        if keys is None:
            keys = IdentityKeys.generate()
            write_meta(store.connection, _SIGNING, keys.signing.private_bytes().hex())
            write_meta(store.connection, _RECIPIENT, keys.recipient.private_bytes().hex())
            write_meta(store.connection, _SUITE, str(int(keys.recipient.suite)))
    return keys


def _read_keys(store: Store) -> IdentityKeys | None:
    signing, recipient = read_meta(store.connection, _SIGNING), read_meta(store.connection, _RECIPIENT)
    if signing is None or recipient is None:
        return None
    suite = CipherSuite(int(read_meta(store.connection, _SUITE) or "1"))
    return IdentityKeys(
        SigningPrivateKey.from_private_bytes(bytes.fromhex(signing)),
        RecipientPrivateKey.from_private_bytes(suite, bytes.fromhex(recipient)),
    )


def public_key_file(store: Store) -> bytes:
    """The public-key file of docs/sync-api.md: what a supervisor hands the administrator for the directory."""
    keys = device_keys(store)
    recipient = keys.recipient.public_key()
    document = {
        "format": PUBLIC_KEYS_FORMAT,
        "device_id": store.author.device_id,
        "user": store.author.user,
        "signing_key": keys.signing.public_key().to_text(),
        "signing_key_id": keys.signing.public_key().key_id,
        "recipient_keys": [{"suite": int(recipient.suite), "key": recipient.to_text(), "key_id": recipient.key_id}],
    }
    return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode()


@dataclass(frozen=True)
class PeerKeys:
    """Another device's public keys, as offered by a bundle or the server's device registry (not yet trusted)."""

    device_id: str
    user: str
    role: str
    signing_key: SigningPublicKey
    recipient_keys: tuple[RecipientPublicKey, ...]
    revoked_at: str | None = None

    def recipient_json(self) -> list[dict[str, object]]:
        return [{"suite": int(key.suite), "key": key.to_text(), "key_id": key.key_id} for key in self.recipient_keys]


def parse_public_keys(document: object, role: str = "worker") -> PeerKeys:
    """Read a public-key document (`hbf-public-keys-v1`, or a device entry of `GET /v1/devices`)."""
    if not isinstance(document, dict):
        raise TrustError("The public keys are not a JSON object.")
    try:
        device_id, user = str(document["device_id"]), str(document.get("user", "?"))
        signing = SigningPublicKey.from_text(str(document["signing_key"]))
        entries = document["recipient_keys"]
        if not isinstance(entries, list):
            raise TypeError
        recipients = tuple(
            RecipientPublicKey.from_text(CipherSuite(int(entry["suite"])), str(entry["key"])) for entry in entries
        )
    except (KeyError, TypeError, ValueError, ProtocolError) as error:
        raise TrustError(f"The public keys of a device are malformed ({error}).") from None
    revoked_at = document.get("revoked_at")
    revoked = revoked_at if isinstance(revoked_at, str) and revoked_at else None
    return PeerKeys(device_id, user, str(document.get("role", role)), signing, recipients, revoked)


# --- root key and directory ----------------------------------------------------------------------------------------


def pin_root(store: Store, provisioning: Provisioning) -> SigningPublicKey:
    """Pin the provisioning file's root key on first use; refuse a different one once anything has been trusted on
    it. Until this laptop holds a directory or has enrolled with a server, nothing signed by the pinned root was ever
    believed, so a corrected provisioning file may replace a wrong one (security review O7) instead of the caseworker
    needing a new store."""
    offered = SigningPublicKey.from_text(provisioning.root_signing_key)
    pinned = root_key(store)
    trusted_on_it = held_directory(store) is not None or read_meta(store.connection, _ENROLLED_SERVER) is not None
    if pinned is not None:
        if pinned != offered and trusted_on_it:
            raise TrustError(
                f"The provisioning file names root key {offered.key_id}, but this laptop trusts {pinned.key_id}. "
                "Nothing was changed; ask IT which file is right."
            )
        if pinned == offered:
            return pinned
    with write_transaction(store.connection):
        write_meta(store.connection, _ROOT, offered.to_text())
    return offered


# The server a laptop enrolled with (sync.rounds.SERVER_KEY; named here too, as rounds imports this module).
_ENROLLED_SERVER = "sync_server_url"


def root_key(store: Store) -> SigningPublicKey | None:
    text = read_meta(store.connection, _ROOT)
    return None if text is None else SigningPublicKey.from_text(text)


def held_directory(store: Store) -> Directory | None:
    text, root = read_meta(store.connection, _DIRECTORY), root_key(store)
    if text is None or root is None:
        return None
    return verify_directory(text.encode(), root, held=None)


def require_directory(store: Store) -> Directory:
    directory = held_directory(store)
    if directory is None:
        raise NotSetUpError(
            "This laptop has no organisation directory yet. Run 'hbf-desktop enrol' first (or import a bundle "
            "from a supervisor)."
        )
    return directory


def accept_directory(store: Store, data: bytes) -> tuple[Directory, bool]:
    """Verify `data` against the pinned root and the held version; keep it if newer. Returns (directory, changed)."""
    root = root_key(store)
    if root is None:
        raise NotSetUpError("No root key is pinned yet: enrol with the organisation's provisioning file first.")
    held = held_directory(store)
    try:
        directory = verify_directory(bytes(data), root, held=held)
    except ProtocolError as error:
        raise TrustError(f"The directory was refused: {error}") from None
    if held is not None and directory.version == held.version:
        return held, False
    with write_transaction(store.connection):
        write_meta(store.connection, _DIRECTORY, bytes(data).decode("utf-8"))
    return directory, True


def is_supervisor(directory: Directory, keys: IdentityKeys) -> bool:
    """A supervisor is a device whose recipient key the directory lists: uploads are sealed to it."""
    return keys.recipient.key_id in {key.key_id for key in directory.recipient_keys(keys.recipient.suite)}


def directory_document(store: Store) -> bytes | None:
    text = read_meta(store.connection, _DIRECTORY)
    return None if text is None else text.encode()
