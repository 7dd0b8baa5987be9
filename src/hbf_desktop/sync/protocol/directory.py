"""The organisation directory: who may read batches, and where the server is, signed by the organisation's root key.

The directory is the one source of recipient keys. The server only stores and forwards it; because the root key that
signs it is pinned at install, a server that lies cannot add a reader (its own key) or drop one, and because devices
refuse a lower version than the one they hold (and a different document under the same version), it cannot roll the
directory back to a time before a supervisor's key was revoked.

Key ids are written next to each key so that a person comparing a directory with what an administrator read out can
do it by eye; `from_document` recomputes every id and refuses a mismatch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hbf_desktop.sync.protocol.documents import DIRECTORY_LABEL, sign_document, verify_document
from hbf_desktop.sync.protocol.encoding import MAX_SAFE_INTEGER, JsonObject, JsonValue
from hbf_desktop.sync.protocol.errors import DirectoryRollbackError, MalformedDocumentError, MalformedKeyError
from hbf_desktop.sync.protocol.header import ORGANISATION_ID
from hbf_desktop.sync.protocol.keys import CipherSuite, RecipientPublicKey, SigningPrivateKey, SigningPublicKey

_SERVER_URL = re.compile(  # https, or plain http to this machine only (tests, a local demo server)
    r"(https://[A-Za-z0-9.-]+|http://(localhost|127\.0\.0\.1))(:[0-9]{1,5})?(/[!-~]*)?"
)
_MEMBER_KEYS = frozenset({"user", "signing_key", "signing_key_id", "recipient_keys"})
_RECIPIENT_KEYS = frozenset({"suite", "key", "key_id"})
_DIRECTORY_KEYS = frozenset({"version", "organisation_id", "organisation_name", "server_url", "supervisors", "policy"})


@dataclass(frozen=True)
class DirectoryMember:
    """A supervisor: a name to show, the key that signs what they send, and the keys batches are sealed to."""

    user: str
    signing_key: SigningPublicKey
    recipient_keys: tuple[RecipientPublicKey, ...]

    def to_json(self) -> JsonObject:
        recipient_keys: list[JsonValue] = [
            {"suite": int(key.suite), "key": key.to_text(), "key_id": key.key_id} for key in self.recipient_keys
        ]
        return {
            "user": self.user,
            "signing_key": self.signing_key.to_text(),
            "signing_key_id": self.signing_key.key_id,
            "recipient_keys": recipient_keys,
        }

    @classmethod
    def from_json(cls, value: JsonValue) -> DirectoryMember:
        item = _object(value, _MEMBER_KEYS, "supervisor")
        signing_key = SigningPublicKey.from_text(_text(item, "signing_key"))
        _check_key_id(signing_key.key_id, item["signing_key_id"])
        keys_value = item["recipient_keys"]
        if not isinstance(keys_value, list) or not keys_value:
            raise MalformedDocumentError("A supervisor in the directory has no recipient keys.")
        recipient_keys = tuple(_recipient_key(entry) for entry in keys_value)
        if len({key.suite for key in recipient_keys}) != len(recipient_keys):
            raise MalformedDocumentError("A supervisor in the directory has two recipient keys for one suite.")
        return cls(_text(item, "user"), signing_key, recipient_keys)


@dataclass(frozen=True)
class Directory:
    version: int
    organisation_id: str
    organisation_name: str
    server_url: str
    supervisors: tuple[DirectoryMember, ...]
    policy: JsonObject = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        if type(self.version) is not int or not 1 <= self.version <= MAX_SAFE_INTEGER:
            raise MalformedDocumentError("The directory version must be a whole number from 1.")
        if not ORGANISATION_ID.fullmatch(self.organisation_id):
            raise MalformedDocumentError("The directory's organisation id is not a valid id (see the batch header).")
        if not _SERVER_URL.fullmatch(self.server_url):
            raise MalformedDocumentError("The directory's server address must be an https:// URL.")

    def recipient_keys(self, suite: CipherSuite = CipherSuite.X25519) -> list[RecipientPublicKey]:
        """Every supervisor's key for `suite`: the recipients of an upload."""
        return [key for member in self.supervisors for key in member.recipient_keys if key.suite is suite]

    def to_document(self) -> JsonObject:
        supervisors: list[JsonValue] = [member.to_json() for member in self.supervisors]
        return {
            "version": self.version,
            "organisation_id": self.organisation_id,
            "organisation_name": self.organisation_name,
            "server_url": self.server_url,
            "supervisors": supervisors,
            "policy": self.policy,
        }

    @classmethod
    def from_document(cls, document: JsonObject) -> Directory:
        fields = _object(document, _DIRECTORY_KEYS, "directory")
        version, supervisors, policy = fields["version"], fields["supervisors"], fields["policy"]
        if type(version) is not int or not isinstance(supervisors, list) or not isinstance(policy, dict):
            raise MalformedDocumentError("The directory's version, supervisors or policy has the wrong type.")
        return cls(
            version=version,
            organisation_id=_text(fields, "organisation_id"),
            organisation_name=_text(fields, "organisation_name"),
            server_url=_text(fields, "server_url"),
            supervisors=tuple(DirectoryMember.from_json(member) for member in supervisors),
            policy=policy,
        )


def sign_directory(directory: Directory, root_key: SigningPrivateKey) -> bytes:
    return sign_document(directory.to_document(), root_key, DIRECTORY_LABEL)


def verify_directory(data: bytes, root_key: SigningPublicKey, *, held: Directory | None) -> Directory:
    """The directory in `data` if the pinned root key signed it and it is not older than `held` (the one in use)."""
    directory = Directory.from_document(verify_document(data, root_key, DIRECTORY_LABEL))
    if held is not None and directory.version < held.version:
        raise DirectoryRollbackError(
            f"The server offered directory version {directory.version}, older than version {held.version} in use."
        )
    if held is not None and directory.version == held.version and directory != held:
        raise DirectoryRollbackError(
            f"The server offered a different directory under the same version {held.version}: refused."
        )
    return directory


def _recipient_key(value: JsonValue) -> RecipientPublicKey:
    item = _object(value, _RECIPIENT_KEYS, "recipient key")
    suite = item["suite"]
    if type(suite) is not int or suite not in {int(member) for member in CipherSuite}:
        raise MalformedDocumentError(f"A directory key is for an unknown cipher suite {str(suite)[:20]}.")
    key = RecipientPublicKey.from_text(CipherSuite(suite), _text(item, "key"))
    _check_key_id(key.key_id, item["key_id"])
    return key


def _check_key_id(computed: str, written: JsonValue) -> None:
    if computed != written:
        raise MalformedKeyError(f"A directory key's id is written as {str(written)[:40]!r} but is {computed}.")


def _object(value: JsonValue, keys: frozenset[str], what: str) -> JsonObject:
    if not isinstance(value, dict) or set(value) != keys:
        raise MalformedDocumentError(f"A {what} in the directory does not have exactly the fields {sorted(keys)}.")
    return value


def _text(fields: JsonObject, name: str) -> str:
    value = fields[name]
    if not isinstance(value, str) or not value:
        raise MalformedDocumentError(f"The directory field {name} must be non-empty text.")
    return value
