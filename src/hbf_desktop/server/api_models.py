"""The JSON shapes of the v1 API (docs/sync-api.md), as pydantic models so the OpenAPI document states them exactly."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

DEVICE_ID_PATTERN = r"^[0-9A-Za-z-]{1,64}$"
ATTACHMENT_ID_PATTERN = r"^[0-9A-Za-z_-]{1,36}$"
MAX_CURSOR = 2**53 - 1
# Unpadded base64url of a raw public key: 32 bytes (Ed25519, X25519) or 1,216 bytes (ML-KEM-768 + X25519).
SIGNING_KEY_PATTERN = r"^[A-Za-z0-9_-]{43}$"
RECIPIENT_KEY_PATTERN = r"^([A-Za-z0-9_-]{43}|[A-Za-z0-9_-]{1622})$"

BINARY = {"schema": {"type": "string", "format": "binary"}}
BINARY_BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {"application/octet-stream": BINARY}}}
SIGNED_DOCUMENT_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A signed document: canonical JSON, checked byte for byte.",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)  # no 1.0 or false posing as 1 or 0


class ProblemAnswer(BaseModel):
    type: str
    title: str
    status: int
    detail: str


class Health(BaseModel):
    status: str
    version: str
    server_time: int


class RecipientKeyIn(_Strict):
    suite: int = Field(ge=1, le=2)
    key: str = Field(pattern=RECIPIENT_KEY_PATTERN)


class RecipientKeyOut(BaseModel):
    suite: int
    key: str
    key_id: str


class EnrolRequest(_Strict):
    code: str = Field(min_length=1, max_length=64)
    device_id: str = Field(pattern=DEVICE_ID_PATTERN)
    signing_key: str = Field(pattern=SIGNING_KEY_PATTERN)
    recipient_keys: list[RecipientKeyIn] = Field(min_length=1, max_length=2)
    label: str = Field(default="", max_length=200)


class EnrolAnswer(BaseModel):
    device_id: str
    user: str
    role: str
    organisation_id: str | None
    server_time: int


class BatchStored(BaseModel):
    batch_id: str
    cursor: int
    sequence: int
    received_at: str


class BatchEntry(BaseModel):
    cursor: int
    batch_id: str
    device_id: str
    sequence: int
    size: int
    received_at: str


class BatchList(BaseModel):
    batches: list[BatchEntry]
    next_cursor: int
    more: bool


class AckRequest(_Strict):
    cursor: int = Field(ge=0, le=MAX_CURSOR)


class AckAnswer(BaseModel):
    acknowledged_cursor: int


class DeviceEntry(BaseModel):
    device_id: str
    user: str
    role: str
    signing_key: str
    recipient_keys: list[RecipientKeyOut]
    enrolled_at: str
    revoked_at: str | None
    last_seen_at: str | None
    last_sequence: int
    last_batch_hash: str | None


class DeviceList(BaseModel):
    devices: list[DeviceEntry]


class RevocationRequest(_Strict):
    reason: str = Field(default="", max_length=500)


class AttachmentAnswer(BaseModel):
    attachment_id: str
    chunks_held: int


class Stored(BaseModel):
    status: str


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The `responses` entry for routes that can answer these problem statuses."""
    content = {"application/problem+json": {"schema": ProblemAnswer.model_json_schema()}}
    return {status: {"description": "A problem (RFC 9457)", "content": content} for status in statuses}
