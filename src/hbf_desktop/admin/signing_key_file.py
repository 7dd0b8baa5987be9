"""An Ed25519 private key (the organisation root key, the release key) kept in an encrypted file.

The store's key-file machinery does exactly what is needed: a 32-byte secret wrapped with AES-256-GCM under
Argon2id(passphrase), KDF parameters bound as associated data, a checksum that tells damage apart from a wrong
passphrase, written 0600 and atomically. An Ed25519 private key is 32 bytes, so it is the "data key" of such a file.

The key file format also has a recovery slot. The organisation's keys have no recovery code: their backup is a copy of
the encrypted file kept offline (docs/organisation.md), so the slot is filled with a random key that is thrown away.
"""

from __future__ import annotations

from pathlib import Path

from hbf_desktop.admin.errors import OrganisationError
from hbf_desktop.store.errors import KeyFileDamagedError, WrongPassphraseError
from hbf_desktop.store.kdf import DEFAULT_PARAMETERS, KdfParameters
from hbf_desktop.store.keyfile import create_key_file, read_key_file, write_key_file
from hbf_desktop.store.recovery import new_recovery_key
from hbf_desktop.sync.protocol.keys import SigningPrivateKey


def write_signing_key(path: Path, key: SigningPrivateKey, passphrase: str, kdf: KdfParameters | None = None) -> None:
    """Keep `key` in a new encrypted file at `path`; refuses to overwrite, since that would lose a key for good."""
    if path.exists():
        raise OrganisationError(f"{path} exists already; a key file is never overwritten. Nothing was changed.")
    key_file = create_key_file(key.private_bytes(), passphrase, new_recovery_key(), kdf or DEFAULT_PARAMETERS)
    write_key_file(path, key_file)


def read_signing_key(path: Path, passphrase: str, expected_key_id: str | None) -> SigningPrivateKey:
    """The key in `path`; with `expected_key_id`, refuses a key file from another organisation (or swapped in)."""
    try:
        raw = read_key_file(path).unwrap_with_passphrase(passphrase)
    except KeyFileDamagedError:
        raise OrganisationError(
            f"The key file {path} is missing, damaged or altered. Use your offline backup copy of it."
        ) from None
    except WrongPassphraseError:
        raise OrganisationError(f"That passphrase does not open {path}. Nothing was changed.") from None
    try:
        key = SigningPrivateKey.from_private_bytes(bytes(raw))
    finally:
        raw[:] = bytes(len(raw))
    if expected_key_id is not None and key.public_key().key_id != expected_key_id:
        raise OrganisationError(
            f"The key in {path} is not the one this organisation folder names ({expected_key_id}); refused."
        )
    return key
