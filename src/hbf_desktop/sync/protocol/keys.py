"""Key pairs, key ids and their serialised forms.

Every party (a worker's device, a supervisor's device) holds two key pairs: Ed25519 to sign what it sends and an HPKE
key to receive content keys. The organisation's root key is an Ed25519 key only; it signs the directory.

A key id is the first 16 bytes of SHA-256 over the raw public key, in hex: short enough for headers and logs, long
enough (128 bits) that no one can make a second key with the same id. Public keys travel as unpadded base64url of the
raw bytes. Private keys are returned as raw bytes *for the caller to store encrypted* (the store keeps them inside
SQLCipher, the root key lives in an offline encrypted file); nothing here ever writes a key to disk.

Recipient keys are typed by cipher suite, because a batch is sealed under one suite and an HPKE key of one KEM cannot
be used with another. Suite 2's raw public key is the ML-KEM-768 encapsulation key followed by the X25519 key (the
order of the hybrid KEM's own encoding); its private key is the 64-byte ML-KEM seed followed by the X25519 key.
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import ed25519, mlkem, x25519

from hbf_desktop.sync.protocol.encoding import b64url_decode, b64url_encode
from hbf_desktop.sync.protocol.errors import MalformedKeyError

KEY_ID_HEX_LENGTH = 32
_X25519_LENGTH = 32
_MLKEM768_PUBLIC_LENGTH = 1184
_MLKEM768_SEED_LENGTH = 64

HpkePublicKey = x25519.X25519PublicKey | hpke.MLKEM768X25519PublicKey
HpkePrivateKey = x25519.X25519PrivateKey | hpke.MLKEM768X25519PrivateKey


class CipherSuite(enum.IntEnum):
    """HPKE suites for sealing content keys; both use HKDF-SHA256 and AES-256-GCM.

    1 is classical X25519 (the default, 80 bytes per recipient). 2 is the hybrid ML-KEM-768 + X25519 KEM (1,168 bytes
    per recipient): it stays confidential if either part holds, which matters for records that must stay secret for
    decades against "harvest now, decrypt later".
    """

    X25519 = 1
    MLKEM768_X25519 = 2

    @property
    def hpke_suite(self) -> hpke.Suite:
        kem = hpke.KEM.X25519 if self is CipherSuite.X25519 else hpke.KEM.MLKEM768_X25519
        return hpke.Suite(kem, hpke.KDF.HKDF_SHA256, hpke.AEAD.AES_256_GCM)

    @property
    def encapsulated_key_length(self) -> int:
        return 32 if self is CipherSuite.X25519 else 1120

    @property
    def public_key_length(self) -> int:
        return _X25519_LENGTH if self is CipherSuite.X25519 else _MLKEM768_PUBLIC_LENGTH + _X25519_LENGTH


def key_id_of(raw_public_key: bytes) -> str:
    return hashlib.sha256(raw_public_key).digest()[:16].hex()


@dataclass(frozen=True)
class SigningPublicKey:
    """An Ed25519 public key: a device's, a supervisor's or the organisation root's."""

    raw: bytes
    _key: ed25519.Ed25519PublicKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if len(self.raw) != 32:
            raise MalformedKeyError("A signing public key must be 32 bytes (Ed25519).")
        try:
            key = ed25519.Ed25519PublicKey.from_public_bytes(self.raw)
        except ValueError:
            raise MalformedKeyError("These bytes are not an Ed25519 public key.") from None
        object.__setattr__(self, "_key", key)

    @property
    def key_id(self) -> str:
        return key_id_of(self.raw)

    def to_text(self) -> str:
        return b64url_encode(self.raw)

    @classmethod
    def from_text(cls, text: str) -> SigningPublicKey:
        return cls(_decode_key_text(text, "signing public key"))

    def verifies(self, signature: bytes, message: bytes) -> bool:
        try:
            self._key.verify(signature, message)
        except InvalidSignature:
            return False
        return True


class SigningPrivateKey:
    """An Ed25519 private key. Deliberately not a dataclass: no repr or equality that could leak it into a log."""

    def __init__(self, key: ed25519.Ed25519PrivateKey) -> None:
        self._key = key

    @classmethod
    def generate(cls) -> SigningPrivateKey:
        return cls(ed25519.Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, data: bytes) -> SigningPrivateKey:
        if len(data) != 32:
            raise MalformedKeyError("A signing private key must be 32 bytes (Ed25519).")
        return cls(ed25519.Ed25519PrivateKey.from_private_bytes(data))

    def private_bytes(self) -> bytes:
        return self._key.private_bytes_raw()

    def public_key(self) -> SigningPublicKey:
        return SigningPublicKey(self._key.public_key().public_bytes_raw())

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)

    def __repr__(self) -> str:
        return f"SigningPrivateKey(key_id={self.public_key().key_id})"


@dataclass(frozen=True)
class RecipientPublicKey:
    """An HPKE public key of one cipher suite, to which content keys are sealed."""

    suite: CipherSuite
    raw: bytes
    _key: HpkePublicKey = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "suite", CipherSuite(self.suite))
        object.__setattr__(self, "_key", _load_public(self.suite, bytes(self.raw)))

    @property
    def key_id(self) -> str:
        return key_id_of(self.raw)

    @property
    def hpke_key(self) -> HpkePublicKey:
        return self._key

    def to_text(self) -> str:
        return b64url_encode(self.raw)

    @classmethod
    def from_text(cls, suite: CipherSuite, text: str) -> RecipientPublicKey:
        return cls(suite, _decode_key_text(text, "recipient public key"))


class RecipientPrivateKey:
    """An HPKE private key of one cipher suite."""

    def __init__(self, suite: CipherSuite, raw: bytes) -> None:
        self.suite = suite
        self._raw = raw
        self._key, public_raw = _load_private(suite, raw)
        self._public = RecipientPublicKey(suite, public_raw)

    @classmethod
    def generate(cls, suite: CipherSuite = CipherSuite.X25519) -> RecipientPrivateKey:
        x25519_raw = x25519.X25519PrivateKey.generate().private_bytes_raw()
        if suite is CipherSuite.X25519:
            return cls(suite, x25519_raw)
        return cls(suite, mlkem.MLKEM768PrivateKey.generate().private_bytes_raw() + x25519_raw)

    @classmethod
    def from_private_bytes(cls, suite: CipherSuite, data: bytes) -> RecipientPrivateKey:
        return cls(suite, data)

    def private_bytes(self) -> bytes:
        return self._raw

    def public_key(self) -> RecipientPublicKey:
        return self._public

    @property
    def key_id(self) -> str:
        return self._public.key_id

    @property
    def hpke_key(self) -> HpkePrivateKey:
        return self._key

    def __repr__(self) -> str:
        return f"RecipientPrivateKey(suite={self.suite.name}, key_id={self.key_id})"


@dataclass(frozen=True, repr=False)
class IdentityKeys:
    """The two key pairs of a device or a supervisor: sign what it sends, open what is sealed to it."""

    signing: SigningPrivateKey
    recipient: RecipientPrivateKey

    @classmethod
    def generate(cls, suite: CipherSuite = CipherSuite.X25519) -> IdentityKeys:
        return cls(SigningPrivateKey.generate(), RecipientPrivateKey.generate(suite))


def _decode_key_text(text: str, what: str) -> bytes:
    try:
        return b64url_decode(text)
    except ValueError:
        raise MalformedKeyError(f"The {what} is not unpadded base64url text.") from None


def _load_public(suite: CipherSuite, raw: bytes) -> HpkePublicKey:
    if len(raw) != suite.public_key_length:
        raise MalformedKeyError(f"A suite {suite.value} public key must be {suite.public_key_length} bytes.")
    try:
        x25519_key = x25519.X25519PublicKey.from_public_bytes(raw[-_X25519_LENGTH:])
        if suite is CipherSuite.X25519:
            return x25519_key
        mlkem_key = mlkem.MLKEM768PublicKey.from_public_bytes(raw[:_MLKEM768_PUBLIC_LENGTH])
    except ValueError:
        raise MalformedKeyError(f"These bytes are not a suite {suite.value} public key.") from None
    return hpke.MLKEM768X25519PublicKey(mlkem_key, x25519_key)


def _load_private(suite: CipherSuite, raw: bytes) -> tuple[HpkePrivateKey, bytes]:
    expected = _X25519_LENGTH if suite is CipherSuite.X25519 else _MLKEM768_SEED_LENGTH + _X25519_LENGTH
    if len(raw) != expected:
        raise MalformedKeyError(f"A suite {suite.value} private key must be {expected} bytes.")
    try:
        x25519_key = x25519.X25519PrivateKey.from_private_bytes(raw[-_X25519_LENGTH:])
        x25519_public = x25519_key.public_key().public_bytes_raw()
        if suite is CipherSuite.X25519:
            return x25519_key, x25519_public
        mlkem_key = mlkem.MLKEM768PrivateKey.from_seed_bytes(raw[:_MLKEM768_SEED_LENGTH])
    except ValueError:
        raise MalformedKeyError(f"These bytes are not a suite {suite.value} private key.") from None
    mlkem_public = mlkem_key.public_key().public_bytes_raw()
    return hpke.MLKEM768X25519PrivateKey(mlkem_key, x25519_key), mlkem_public + x25519_public
