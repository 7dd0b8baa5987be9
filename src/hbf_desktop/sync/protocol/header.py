"""The batch header: what travels in clear, bound to the ciphertext, the sealed keys and the signature.

The header splits in two. `BatchMetadata` is every field that does not depend on the per-recipient sealing, with the
recipients' key ids; it is known before any key is sealed, so its digest can be HPKE's `info` for every recipient
(binding each sealed key to this batch, this device, this sequence position and this recipient set: a sealed key cut
from one batch and pasted into another no longer opens). `BatchHeader` adds the sealed keys; its canonical bytes are
the AES-GCM associated data and part of what the device signs.

The metadata is also all the server may know: device, sequence, sizes, times and recipient key ids, never content.
Every field is checked when the object is built, so a header the sealer makes is one the parser accepts, and a header
the parser accepts is one the sealer could have made.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from hbf_desktop.sync.protocol.encoding import (
    MAX_SAFE_INTEGER,
    JsonObject,
    JsonValue,
    b64url_decode,
    b64url_encode,
    decode_canonical_object,
    encode_canonical,
    is_lower_hex,
)
from hbf_desktop.sync.protocol.errors import MalformedHeaderError, UnsupportedVersionError
from hbf_desktop.sync.protocol.keys import KEY_ID_HEX_LENGTH, CipherSuite

FORMAT_VERSION = 1
PADDING_BUCKET = 4096
MAX_PADDED_SIZE = 1 << 30
MAX_RECIPIENTS = 64
CONTENT_KEY_LENGTH = 32
_AEAD_TAG_LENGTH = 16
NO_PREVIOUS_BATCH = "0" * 64
_METADATA_INFO_LABEL = b"hbf-batch-v1 hpke info\x00"

_DEVICE_ID = re.compile(r"[0-9A-Za-z-]{1,64}")  # the HLC stamp's device part, so one id serves both
ORGANISATION_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,63}")
_CREATED_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")
_CREATED_AT_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_HEADER_KEYS = frozenset(
    {"batch_id", "created_at", "device_id", "directory_version", "format", "organisation_id", "padded_size"}
    | {"previous_batch_hash", "recipients", "sequence", "suite"}
)
_RECIPIENT_KEYS = frozenset({"key_id", "sealed_key"})


@dataclass(frozen=True)
class BatchMetadata:
    """The header without the sealed keys: what the server reads, and what HPKE's `info` commits to."""

    suite: CipherSuite
    organisation_id: str
    device_id: str
    batch_id: uuid.UUID
    sequence: int
    previous_batch_hash: str
    created_at: datetime
    directory_version: int
    padded_size: int
    recipient_key_ids: tuple[str, ...]
    format_version: int = FORMAT_VERSION

    def __post_init__(self) -> None:
        _check_metadata(self)
        object.__setattr__(self, "created_at", self.created_at.astimezone(UTC))

    @property
    def ciphertext_length(self) -> int:
        return self.padded_size + _AEAD_TAG_LENGTH

    def to_json(self) -> JsonObject:
        fields = _common_fields(self)
        fields["recipient_key_ids"] = list(self.recipient_key_ids)
        return fields

    def hpke_info(self) -> bytes:
        """HPKE `info` for every recipient: a label and the SHA-256 of the canonical metadata."""
        return _METADATA_INFO_LABEL + hashlib.sha256(encode_canonical(self.to_json())).digest()


@dataclass(frozen=True)
class SealedKey:
    """One recipient's entry: its key id and the HPKE encapsulated key followed by the sealed content key."""

    key_id: str
    sealed_key: bytes


@dataclass(frozen=True)
class BatchHeader:
    """The metadata and the sealed keys, in the metadata's key id order; its canonical bytes are what travels."""

    metadata: BatchMetadata
    recipients: tuple[SealedKey, ...]

    def __post_init__(self) -> None:
        if tuple(entry.key_id for entry in self.recipients) != self.metadata.recipient_key_ids:
            raise MalformedHeaderError("The sealed keys do not match the recipient key ids.")
        expected = self.metadata.suite.encapsulated_key_length + CONTENT_KEY_LENGTH + _AEAD_TAG_LENGTH
        if any(len(entry.sealed_key) != expected for entry in self.recipients):
            raise MalformedHeaderError(f"A sealed key is not {expected} bytes, as suite {self.metadata.suite} needs.")

    def sealed_key_for(self, key_id: str) -> bytes | None:
        return next((entry.sealed_key for entry in self.recipients if entry.key_id == key_id), None)

    def encode(self) -> bytes:
        fields = _common_fields(self.metadata)
        fields["recipients"] = [
            {"key_id": entry.key_id, "sealed_key": b64url_encode(entry.sealed_key)} for entry in self.recipients
        ]
        return encode_canonical(fields)

    @classmethod
    def decode(cls, data: bytes) -> BatchHeader:
        fields = decode_canonical_object(data, MalformedHeaderError, "The batch header")
        _check_version_and_suite(fields)
        if set(fields) != _HEADER_KEYS:
            missing = sorted(_HEADER_KEYS - set(fields))
            extra = [name[:40] for name in sorted(set(fields) - _HEADER_KEYS)][:5]
            raise MalformedHeaderError(f"The batch header's fields are wrong (missing {missing}, unexpected {extra}).")
        recipients = _decode_recipients(fields["recipients"])
        metadata = BatchMetadata(
            suite=CipherSuite(_integer(fields, "suite")),
            organisation_id=_string(fields, "organisation_id"),
            device_id=_string(fields, "device_id"),
            batch_id=_batch_id(_string(fields, "batch_id")),
            sequence=_integer(fields, "sequence"),
            previous_batch_hash=_string(fields, "previous_batch_hash"),
            created_at=_created_at(_string(fields, "created_at")),
            directory_version=_integer(fields, "directory_version"),
            padded_size=_integer(fields, "padded_size"),
            recipient_key_ids=tuple(entry.key_id for entry in recipients),
        )
        return cls(metadata, recipients)


def _common_fields(metadata: BatchMetadata) -> JsonObject:
    return {
        "format": metadata.format_version,
        "suite": int(metadata.suite),
        "organisation_id": metadata.organisation_id,
        "device_id": metadata.device_id,
        "batch_id": str(metadata.batch_id),
        "sequence": metadata.sequence,
        "previous_batch_hash": metadata.previous_batch_hash,
        "created_at": _format_created_at(metadata.created_at),
        "directory_version": metadata.directory_version,
        "padded_size": metadata.padded_size,
    }


def _format_created_at(moment: datetime) -> str:
    """Fixed width by hand: `strftime("%Y")` does not zero-pad years before 1000 on every platform."""
    moment = moment.astimezone(UTC)
    return f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}.{moment.microsecond:06d}Z"


def _check_metadata(metadata: BatchMetadata) -> None:
    _check_types(metadata)
    if metadata.format_version != FORMAT_VERSION:
        raise UnsupportedVersionError(f"Batch format {metadata.format_version} is not supported here.")
    if not isinstance(metadata.suite, CipherSuite):
        raise UnsupportedVersionError(f"Cipher suite {metadata.suite!r} is not supported here.")
    if not ORGANISATION_ID.fullmatch(metadata.organisation_id):
        raise MalformedHeaderError("The organisation id must be 1-64 of A-Z a-z 0-9 . _ - (first a letter or digit).")
    if not _DEVICE_ID.fullmatch(metadata.device_id):
        raise MalformedHeaderError("The device id must be 1-64 of A-Z a-z 0-9 -.")
    _check_range("sequence", metadata.sequence, 1)
    _check_range("directory version", metadata.directory_version, 1)
    _check_range("padded size", metadata.padded_size, PADDING_BUCKET, MAX_PADDED_SIZE)
    if metadata.padded_size % PADDING_BUCKET:
        raise MalformedHeaderError(f"The padded size is not a multiple of {PADDING_BUCKET} bytes.")
    _check_chain_link(metadata.sequence, metadata.previous_batch_hash)
    if metadata.created_at.tzinfo is None or metadata.created_at.utcoffset():
        raise MalformedHeaderError("The creation time must be in UTC.")
    _check_recipient_key_ids(metadata.recipient_key_ids)


def _check_types(metadata: BatchMetadata) -> None:
    """Catch a caller's slip (a str batch id, a naive date) with a message rather than an AttributeError later."""
    if not isinstance(metadata.organisation_id, str) or not isinstance(metadata.device_id, str):
        raise MalformedHeaderError("The organisation id and the device id must be text.")
    if not isinstance(metadata.batch_id, uuid.UUID):
        raise MalformedHeaderError("The batch id must be a UUID.")
    if not isinstance(metadata.created_at, datetime):
        raise MalformedHeaderError("The creation time must be a datetime in UTC.")
    if not isinstance(metadata.previous_batch_hash, str) or not isinstance(metadata.recipient_key_ids, tuple):
        raise MalformedHeaderError("The previous batch hash must be text and the recipient key ids a tuple.")


def _check_range(name: str, value: object, low: int, high: int = MAX_SAFE_INTEGER) -> None:
    if type(value) is not int or not low <= value <= high:
        raise MalformedHeaderError(f"The {name} must be a whole number from {low} to {high}.")


def _check_chain_link(sequence: int, previous_batch_hash: str) -> None:
    if not is_lower_hex(previous_batch_hash, 64):
        raise MalformedHeaderError("The previous batch hash is not 64 lower-case hex digits.")
    if (sequence == 1) != (previous_batch_hash == NO_PREVIOUS_BATCH):
        raise MalformedHeaderError("Only the first batch of a device (sequence 1) has no previous batch hash.")


def _check_recipient_key_ids(key_ids: tuple[str, ...]) -> None:
    if not 1 <= len(key_ids) <= MAX_RECIPIENTS:
        raise MalformedHeaderError(f"A batch needs 1 to {MAX_RECIPIENTS} recipients; this one has {len(key_ids)}.")
    if not all(is_lower_hex(key_id, KEY_ID_HEX_LENGTH) for key_id in key_ids):
        raise MalformedHeaderError(f"A recipient key id is not {KEY_ID_HEX_LENGTH} lower-case hex digits.")
    if any(earlier >= later for earlier, later in zip(key_ids, key_ids[1:], strict=False)):
        raise MalformedHeaderError("The recipients are duplicated or not sorted by key id.")


def _check_version_and_suite(fields: JsonObject) -> None:
    version = fields.get("format")
    if type(version) is not int or version != FORMAT_VERSION:
        raise UnsupportedVersionError(f"Batch header format {str(version)[:20]} is not supported here.")
    suite = fields.get("suite")
    if type(suite) is not int or suite not in {int(member) for member in CipherSuite}:
        raise UnsupportedVersionError(f"Cipher suite {str(suite)[:20]} is not supported here.")


def _decode_recipients(value: JsonValue) -> tuple[SealedKey, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= MAX_RECIPIENTS:
        raise MalformedHeaderError(f"The recipients must be a list of 1 to {MAX_RECIPIENTS} entries.")
    entries = []
    for item in value:
        if not isinstance(item, dict) or set(item) != _RECIPIENT_KEYS:
            raise MalformedHeaderError("A recipient entry must have exactly a key id and a sealed key.")
        key_id, sealed_text = _string(item, "key_id"), _string(item, "sealed_key")
        try:
            sealed_key = b64url_decode(sealed_text)
        except ValueError:
            raise MalformedHeaderError("A sealed key is not unpadded base64url.") from None
        entries.append(SealedKey(key_id, sealed_key))
    return tuple(entries)


def _string(fields: JsonObject, name: str) -> str:
    value = fields[name]
    if not isinstance(value, str):
        raise MalformedHeaderError(f"The header field {name} must be text.")
    return value


def _integer(fields: JsonObject, name: str) -> int:
    value = fields[name]
    if type(value) is not int:
        raise MalformedHeaderError(f"The header field {name} must be a whole number.")
    return value


def _batch_id(text: str) -> uuid.UUID:
    try:
        value = uuid.UUID(text)
    except ValueError:
        raise MalformedHeaderError("The batch id is not a UUID.") from None
    if str(value) != text:
        raise MalformedHeaderError("The batch id is not a UUID in lower-case hyphenated form.")
    return value


def _created_at(text: str) -> datetime:
    if not _CREATED_AT.fullmatch(text):
        raise MalformedHeaderError("The creation time is not in the form YYYY-MM-DDTHH:MM:SS.ffffffZ.")
    try:
        return datetime.strptime(text, _CREATED_AT_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise MalformedHeaderError("The creation time is not a real date and time.") from None
