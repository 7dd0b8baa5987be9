"""The sealed-batch protocol, shared by the laptop client and the server.

This package imports nothing from the rest of hbf_desktop (no Qt, no SQL, no HTTP): the server depends on it, and it
must be readable and testable on its own. See docs/protocol.md for the wire format and the reasons behind it.

Typical use:

    data = seal_batch(payload, ..., recipients=directory.recipient_keys(), signing_key=device.signing)
    batch = parse_batch(data, max_size=LIMIT)          # server and supervisor: framing, header, sizes
    verify_signature(batch, pinned_device_key)          # server and supervisor: who made it, unaltered
    classify(last_position, batch.metadata, batch_hash(data))   # chain: ok, duplicate, gap, fork, stale
    payload = open_batch(batch, my_keys.recipient, my_keys.recipient.key_id)   # supervisor only
"""

from hbf_desktop.sync.protocol.chain import ChainPosition, ChainStatus, ChainVerifier, batch_hash, classify
from hbf_desktop.sync.protocol.directory import Directory, DirectoryMember, sign_directory, verify_directory
from hbf_desktop.sync.protocol.documents import DIRECTORY_LABEL, WIPE_ORDER_LABEL, sign_document, verify_document
from hbf_desktop.sync.protocol.encoding import JsonObject, JsonValue
from hbf_desktop.sync.protocol.errors import (
    BadSignatureError,
    BatchTooLargeError,
    DecryptionError,
    DirectoryRollbackError,
    MalformedBatchError,
    MalformedDocumentError,
    MalformedHeaderError,
    MalformedKeyError,
    MalformedPayloadError,
    NotARecipientError,
    PayloadTooLargeError,
    ProtocolError,
    ReplayedRequestError,
    RequestRejectedError,
    StaleRequestError,
    UnsupportedVersionError,
)
from hbf_desktop.sync.protocol.header import NO_PREVIOUS_BATCH, BatchHeader, BatchMetadata, SealedKey
from hbf_desktop.sync.protocol.keys import (
    CipherSuite,
    IdentityKeys,
    RecipientPrivateKey,
    RecipientPublicKey,
    SigningPrivateKey,
    SigningPublicKey,
    key_id_of,
)
from hbf_desktop.sync.protocol.payload import DEFAULT_MAX_PAYLOAD_SIZE
from hbf_desktop.sync.protocol.request_auth import RequestAuth, sign_request, verify_request
from hbf_desktop.sync.protocol.sealing import open_batch, seal_batch, verify_signature
from hbf_desktop.sync.protocol.wire import SealedBatch, parse_batch

__all__ = [
    "DEFAULT_MAX_PAYLOAD_SIZE",
    "DIRECTORY_LABEL",
    "NO_PREVIOUS_BATCH",
    "WIPE_ORDER_LABEL",
    "BadSignatureError",
    "BatchHeader",
    "BatchMetadata",
    "BatchTooLargeError",
    "ChainPosition",
    "ChainStatus",
    "ChainVerifier",
    "CipherSuite",
    "DecryptionError",
    "Directory",
    "DirectoryMember",
    "DirectoryRollbackError",
    "IdentityKeys",
    "JsonObject",
    "JsonValue",
    "MalformedBatchError",
    "MalformedDocumentError",
    "MalformedHeaderError",
    "MalformedKeyError",
    "MalformedPayloadError",
    "NotARecipientError",
    "PayloadTooLargeError",
    "ProtocolError",
    "RecipientPrivateKey",
    "RecipientPublicKey",
    "ReplayedRequestError",
    "RequestAuth",
    "RequestRejectedError",
    "SealedBatch",
    "SealedKey",
    "SigningPrivateKey",
    "SigningPublicKey",
    "StaleRequestError",
    "UnsupportedVersionError",
    "batch_hash",
    "classify",
    "key_id_of",
    "open_batch",
    "parse_batch",
    "seal_batch",
    "sign_directory",
    "sign_document",
    "sign_request",
    "verify_directory",
    "verify_document",
    "verify_request",
    "verify_signature",
]
