"""The key file: the store's random data key, kept only wrapped, beside the database.

Two slots wrap the same 256-bit data key with AES-256-GCM: one under Argon2id(passphrase), one under the recovery key.
Each slot's parameters are bound to its ciphertext as associated data, so nobody can swap in weaker KDF parameters. A
checksum over the whole file tells accidental damage ("the key file is damaged") apart from a wrong passphrase, which
AES-GCM alone cannot do. Changing the passphrase rewraps the key in an instant; the database is untouched.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from hbf_desktop.store.errors import (
    KeyFileDamagedError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from hbf_desktop.store.files import write_private_file_atomically
from hbf_desktop.store.kdf import DATA_KEY_BYTES, KdfParameters

FORMAT = "hbf-desktop-keyfile"
VERSION = 1
MAX_KEY_FILE_BYTES = 64 * 1024


@dataclass(frozen=True)
class KeyFile:
    key_id: str
    kdf: KdfParameters
    passphrase_slot: dict[str, str]
    recovery_slot: dict[str, str]

    def to_bytes(self) -> bytes:
        content = self._content()
        content["checksum"] = _checksum(content)
        return json.dumps(content, indent=2, sort_keys=True).encode("utf-8")

    def _content(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "key_id": self.key_id,
            "kdf": {
                "name": "argon2id",
                "memory_kib": self.kdf.memory_kib,
                "iterations": self.kdf.iterations,
                "lanes": self.kdf.lanes,
            },
            "passphrase_slot": self.passphrase_slot,
            "recovery_slot": self.recovery_slot,
        }

    def unwrap_with_passphrase(self, passphrase: str) -> bytearray:
        wrapping = self.kdf.derive(passphrase, _b64decode(self.passphrase_slot["salt"]))
        try:
            return _unwrap(self.passphrase_slot, wrapping, self._slot_context("passphrase"))
        except InvalidTag:
            raise WrongPassphraseError("That passphrase is not correct. Nothing was changed.") from None

    def unwrap_with_recovery_key(self, recovery_key: bytes) -> bytearray:
        wrapping = _recovery_wrapping_key(recovery_key, _b64decode(self.recovery_slot["salt"]))
        try:
            return _unwrap(self.recovery_slot, wrapping, self._slot_context("recovery"))
        except InvalidTag:
            raise WrongRecoveryKeyError("That recovery key does not open this store. Nothing was changed.") from None

    def with_passphrase(self, data_key: bytes, passphrase: str, kdf: KdfParameters) -> KeyFile:
        draft = KeyFile(self.key_id, kdf, {}, self.recovery_slot)
        salt = secrets.token_bytes(16)
        slot = _wrap(data_key, kdf.derive(passphrase, salt), salt, draft._slot_context("passphrase"))
        return KeyFile(self.key_id, kdf, slot, self.recovery_slot)

    def with_recovery_key(self, data_key: bytes, recovery_key: bytes) -> KeyFile:
        salt = secrets.token_bytes(16)
        wrapping = _recovery_wrapping_key(recovery_key, salt)
        slot = _wrap(data_key, wrapping, salt, self._slot_context("recovery"))
        return KeyFile(self.key_id, self.kdf, self.passphrase_slot, slot)

    def _slot_context(self, slot: str) -> bytes:
        """Associated data: the slot name, the key id and, for the passphrase, the KDF parameters."""
        context: dict[str, Any] = {"format": FORMAT, "version": VERSION, "key_id": self.key_id}
        context["slot"] = slot
        if slot == "passphrase":
            context["kdf"] = self._content()["kdf"]
        return json.dumps(context, sort_keys=True, separators=(",", ":")).encode("utf-8")


def create_key_file(data_key: bytes, passphrase: str, recovery_key: bytes, kdf: KdfParameters) -> KeyFile:
    empty = KeyFile(secrets.token_hex(8), kdf, {}, {})
    return empty.with_passphrase(data_key, passphrase, kdf).with_recovery_key(data_key, recovery_key)


def write_key_file(path: Path, key_file: KeyFile) -> None:
    write_private_file_atomically(path, key_file.to_bytes())


def read_key_file(path: Path) -> KeyFile:
    damaged = (
        f"The key file {path.name} is damaged or is not an HBF Desktop key file. "
        "Restore it from a backup, or ask your supervisor for help."
    )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileDamagedError(f"The key file {path.name} is missing, so the store cannot be opened.") from None
    if len(raw) > MAX_KEY_FILE_BYTES:
        raise KeyFileDamagedError(damaged)
    try:
        content = json.loads(raw.decode("utf-8"))
        key_file = _parse(content)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise KeyFileDamagedError(damaged) from None
    if content.get("checksum") != _checksum(key_file._content()):
        raise KeyFileDamagedError(damaged)
    return key_file


def _parse(content: dict[str, Any]) -> KeyFile:
    if content["format"] != FORMAT or content["version"] != VERSION:
        raise ValueError("unknown format")
    kdf = content["kdf"]
    if kdf["name"] != "argon2id":
        raise ValueError("unknown kdf")
    parameters = KdfParameters(int(kdf["memory_kib"]), int(kdf["iterations"]), int(kdf["lanes"]))
    slots = [content["passphrase_slot"], content["recovery_slot"]]
    for slot in slots:
        if set(slot) != {"salt", "nonce", "wrapped"} or not all(isinstance(v, str) for v in slot.values()):
            raise ValueError("bad slot")
    return KeyFile(str(content["key_id"]), parameters, slots[0], slots[1])


def _checksum(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return hashlib.sha256(canonical).hexdigest()


def _wrap(data_key: bytes, wrapping_key: bytes, salt: bytes, context: bytes) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, bytes(data_key), context)
    return {"salt": _b64encode(salt), "nonce": _b64encode(nonce), "wrapped": _b64encode(wrapped)}


def _unwrap(slot: dict[str, str], wrapping_key: bytes, context: bytes) -> bytearray:
    key = AESGCM(wrapping_key).decrypt(_b64decode(slot["nonce"]), _b64decode(slot["wrapped"]), context)
    if len(key) != DATA_KEY_BYTES:
        raise InvalidTag()
    return bytearray(key)


def _recovery_wrapping_key(recovery_key: bytes, salt: bytes) -> bytes:
    """HKDF suffices: the recovery key is 160 random bits, not a guessable passphrase."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"hbf-desktop recovery wrap v1").derive(
        recovery_key
    )


def _b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
