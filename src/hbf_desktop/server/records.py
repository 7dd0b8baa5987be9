"""What the storage interface takes and gives: plain frozen records, and the refusals it can raise.

Routes turn refusals into problem+json (`problems.py`); the admin commands into one line on stderr.
"""

from __future__ import annotations

from dataclasses import dataclass

from hbf_desktop.sync.protocol import BatchMetadata

ROLES = ("worker", "supervisor")


@dataclass(frozen=True)
class RecipientKeyRecord:
    suite: int
    key: str
    key_id: str


@dataclass(frozen=True)
class NewDevice:
    device_id: str
    signing_key: str
    label: str
    recipient_keys: tuple[RecipientKeyRecord, ...]


@dataclass(frozen=True)
class DeviceRecord:
    device_id: str
    user: str
    role: str
    signing_key: str
    label: str
    recipient_keys: tuple[RecipientKeyRecord, ...]
    enrolled_at: int
    last_seen_at: int | None
    revoked_at: int | None
    revoke_reason: str | None
    wipe_order: bytes | None
    last_sequence: int
    last_batch_hash: str | None
    acked_cursor: int

    @property
    def key_ids(self) -> tuple[str, ...]:
        return tuple(key.key_id for key in self.recipient_keys)


@dataclass(frozen=True)
class IncomingBatch:
    """A parsed, signature-checked upload: its metadata, hash and bytes (nothing else of it is known)."""

    metadata: BatchMetadata
    batch_hash: str
    data: bytes


@dataclass(frozen=True)
class StoredBatch:
    cursor: int
    batch_id: str
    device_id: str
    sequence: int
    size: int
    received_at: int


@dataclass(frozen=True)
class HeldBatch:
    """A batch's bytes with who may fetch it: the sender and the holders of its recipient keys."""

    device_id: str
    recipient_key_ids: tuple[str, ...]
    data: bytes


@dataclass(frozen=True)
class Attachment:
    device_id: str
    recipient_key_ids: tuple[str, ...]
    chunks_held: int


@dataclass(frozen=True)
class ServerStats:
    devices: int
    revoked_devices: int
    batches: int
    batch_bytes: int
    attachment_chunks: int
    attachment_bytes: int
    directory_version: int | None
    last_cursor: int


class StorageRefusalError(Exception):
    """The storage refused a write because of what is already held; the message is for the person."""


class BadEnrolmentCodeError(StorageRefusalError):
    pass


class DeviceExistsError(StorageRefusalError):
    pass


class UnknownDeviceError(StorageRefusalError):
    pass


class BatchConflictError(StorageRefusalError):
    pass


class SequenceGapError(StorageRefusalError):
    def __init__(self, message: str, expected_sequence: int) -> None:
        super().__init__(message)
        self.expected_sequence = expected_sequence


class ChainForkError(StorageRefusalError):
    def __init__(self, message: str, expected_sequence: int) -> None:
        super().__init__(message)
        self.expected_sequence = expected_sequence


class DirectoryConflictError(StorageRefusalError):
    pass


class CursorOutOfRangeError(StorageRefusalError):
    pass
